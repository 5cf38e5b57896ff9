from odoo import Command
from odoo.tests import TransactionCase

from odoo.addons.property_base.tests.common import PropertyTestCommon


class HandoverCase(PropertyTestCommon, TransactionCase):
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
        cls.manager = cls._create_user(
            "pht_manager", "property_base.group_property_manager", name="PHT Manager"
        )
        cls.inspector = cls._create_user(
            "pht_inspector", "property_base.group_property_user", name="PHT Inspector"
        )
        cls.developer = cls._create_partner("PHT Developer", is_company=True)
        cls.contractor = cls._create_partner("PHT Contractor", is_company=True)
        cls.estate = cls._create_estate("PHT Estate Camellia", "PHT")
        cls.building_1 = cls._create_building(cls.estate, "PHT Tower One", "H1")
        cls.building_2 = cls._create_building(cls.estate, "PHT Tower Two", "H2")
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

    def _line(self, item, unit=None, building=None, project=None):
        domain = [("project_id", "=", (project or self.project).id), ("item_id", "=", item.id)]
        if unit:
            domain.append(("unit_id", "=", unit.id))
        else:
            domain += [("unit_id", "=", False), ("building_id", "=", building.id)]
        return self.env["property.handover.line"].search(domain)
