import re

from odoo import Command
from odoo.tests import TransactionCase, new_test_user

from odoo.addons.base.tests.common import DISABLED_MAIL_CONTEXT
from odoo.addons.property_base.tests.common import PropertyAssertions


class HandoverCase(PropertyAssertions, TransactionCase):
    """Shared data of the property_handover tests (names start with "PHT";
    demo data may be installed too, so tests never count records they did
    not create).

    estate "PHT Estate Camellia" (developer "PHT Developer"):
        building_1 (code H1): unit_11, unit_12, unit_13
        building_2 (code H2): unit_21, unit_22
    checklist "PHT Checklist":
        building items: item_facade (common, critical), item_lobby (common),
                        item_pump (facility)
        unit items:     item_wall, item_level (measure 0 ± 4 mm), item_drain (critical)
    project "PHT Takeover" over the whole estate, in draft, no line yet.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, **DISABLED_MAIL_CONTEXT))
        cls.manager = new_test_user(
            cls.env,
            login="pht_manager",
            name="PHT Manager",
            groups="property_base.group_property_manager",
        )
        cls.inspector = new_test_user(
            cls.env,
            login="pht_inspector",
            name="PHT Inspector",
            groups="property_base.group_property_user",
        )
        Partner = cls.env["res.partner"]
        cls.developer = Partner.create({"name": "PHT Developer", "is_company": True})
        cls.contractor = Partner.create({"name": "PHT Contractor", "is_company": True})
        cls.estate = cls.env["property.estate"].create(
            {"name": "PHT Estate Camellia", "code": "PHT"}
        )
        Building = cls.env["property.building"]
        cls.building_1 = Building.create(
            {"name": "PHT Tower One", "code": "H1", "estate_id": cls.estate.id}
        )
        cls.building_2 = Building.create(
            {"name": "PHT Tower Two", "code": "H2", "estate_id": cls.estate.id}
        )
        cls.unit_11 = cls._create_unit(cls.building_1, "1101")
        cls.unit_12 = cls._create_unit(cls.building_1, "1102")
        cls.unit_13 = cls._create_unit(cls.building_1, "1103")
        cls.unit_21 = cls._create_unit(cls.building_2, "2101")
        cls.unit_22 = cls._create_unit(cls.building_2, "2102")

        cls.checklist = cls.env["property.handover.checklist"].create({"name": "PHT Checklist"})
        cls.item_facade = cls._create_item(
            "PHT Facade without cracks", "common", "structure", is_critical=True
        )
        cls.item_lobby = cls._create_item("PHT Lobby floor even", "common", "finishing")
        cls.item_pump = cls._create_item("PHT Water pumps run", "facility", "plumbing")
        cls.item_wall = cls._create_item("PHT Walls without hollows", "unit", "finishing")
        cls.item_level = cls._create_item(
            "PHT Floor level",
            "unit",
            "finishing",
            judgement_type="measure",
            target_value=0.0,
            tolerance=4.0,
            uom="mm",
        )
        cls.item_drain = cls._create_item(
            "PHT Floor drain flows", "unit", "plumbing", is_critical=True
        )
        cls.building_items = cls.item_facade | cls.item_lobby | cls.item_pump
        cls.unit_items = cls.item_wall | cls.item_level | cls.item_drain

        cls.project = cls.env["property.handover.project"].create(
            {
                "name": "PHT Takeover",
                "estate_id": cls.estate.id,
                "developer_id": cls.developer.id,
                "manager_id": cls.manager.id,
                "member_ids": [Command.set(cls.inspector.ids)],
                "checklist_ids": [Command.set(cls.checklist.ids)],
                "rectification_days": 10,
            }
        )

    @classmethod
    def _create_unit(cls, building, code, **values):
        return cls.env["property.unit"].create(
            {
                "estate_id": building.estate_id.id,
                "building_id": building.id,
                "entrance": "1",
                "code": code,
                "gross_area": 88.0,
                **values,
            }
        )

    @classmethod
    def _create_item(cls, name, scope, category, **values):
        return cls.env["property.handover.checklist.item"].create(
            {
                "checklist_id": cls.checklist.id,
                "name": name,
                "scope": scope,
                "category": category,
                "standard": f"{name} standard",
                **values,
            }
        )

    def assertRaisesText(self, exception, text):
        """``assertRaisesMessage`` where the message contains ``text``."""
        return self.assertRaisesMessage(exception, re.escape(text))

    def _run_cron(self, xmlid):
        """Run a scheduled action on the test's cursor (see property_base)."""
        with self.enter_registry_test_mode():
            self.env.ref(xmlid).method_direct_trigger()

    def _line(self, item, unit=None, building=None, project=None):
        domain = [("project_id", "=", (project or self.project).id), ("item_id", "=", item.id)]
        if unit:
            domain.append(("unit_id", "=", unit.id))
        else:
            domain += [("unit_id", "=", False), ("building_id", "=", building.id)]
        return self.env["property.handover.line"].search(domain)
