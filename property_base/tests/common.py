from contextlib import contextmanager

from odoo import Command, fields
from odoo.tests import TransactionCase, new_test_user

from odoo.addons.base.tests.common import DISABLED_MAIL_CONTEXT


def to_date(value):
    return fields.Date.to_date(value)


class PropertyAssertions:
    """Assertions shared by the tests of the property modules (a mixin of a
    test case class)."""

    @contextmanager
    def assertRaisesMessage(self, exception, regex):
        """``assertRaises`` (which rolls back what the failed call wrote, as
        the transaction of a real request is) that also checks the message
        the user reads. Odoo's ``assertRaisesRegex`` opens no savepoint: a
        record that failed its Python constraints would stay written."""
        with self.assertRaises(exception) as caught:
            yield caught
        self.assertRegex(str(caught.exception), regex)

    def _render_report_action(self, action, user=None):
        """The file that the download of an export's report action brings (what
        report_xlsx's download route renders), as ``user`` when given."""
        Report = self.env["ir.actions.report"]
        if user:
            Report = Report.with_user(user).with_context(lang=user.lang)
        content, _format = Report._render_xlsx(
            action["report_name"], action["context"].get("active_ids"), action["data"]
        )
        return content


class PropertyCase(PropertyAssertions, TransactionCase):
    """Shared data of the property_base tests.

    Demo data is installed in the test database too: every name here starts
    with "PBT" and tests never count records they did not create.

    Company A (the main company):
        estate_a "PBT Lotus Garden", with two move-in documents
            building_a1 (code 1): unit_a1 1-1-101, unit_a2 1-1-102, unit_a3 1-2-101
            building_a2 (code 2): unit_a4 2-1-201
        estate_b "PBT Riverside", no move-in documents
            building_b1 (code 1): unit_b1 1-1-101
    Company B:
        estate_c "PBT Harbour Plaza"
            building_c1 (code 1): unit_c1 1-1-101

    No ownership or occupancy is created here: each test class sets up its own.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, **DISABLED_MAIL_CONTEXT))

        cls.company_a = cls.env.company
        cls.company_b = cls.env["res.company"].create({"name": "PBT Company B"})

        cls.document_agreement = cls.env["property.move.in.document"].create(
            {"name": "PBT Service agreement", "sequence": 1}
        )
        cls.document_fire_safety = cls.env["property.move.in.document"].create(
            {"name": "PBT Fire safety letter", "sequence": 2}
        )

        Estate = cls.env["property.estate"]
        cls.estate_a = Estate.create(
            {
                "name": "PBT Lotus Garden",
                "code": "PBT-A",
                "company_id": cls.company_a.id,
                "move_in_document_ids": [
                    Command.set((cls.document_agreement | cls.document_fire_safety).ids)
                ],
            }
        )
        cls.estate_b = Estate.create(
            {"name": "PBT Riverside", "code": "PBT-B", "company_id": cls.company_a.id}
        )
        cls.estate_c = Estate.create(
            {"name": "PBT Harbour Plaza", "code": "PBT-C", "company_id": cls.company_b.id}
        )

        Building = cls.env["property.building"]
        cls.building_a1 = Building.create(
            {"name": "PBT Tower 1", "code": "1", "estate_id": cls.estate_a.id, "entrance_count": 2}
        )
        cls.building_a2 = Building.create(
            {"name": "PBT Tower 2", "code": "2", "estate_id": cls.estate_a.id}
        )
        cls.building_b1 = Building.create(
            {"name": "PBT River House", "code": "1", "estate_id": cls.estate_b.id}
        )
        cls.building_c1 = Building.create(
            {"name": "PBT Harbour Block", "code": "1", "estate_id": cls.estate_c.id}
        )

        cls.unit_a1 = cls._create_unit(cls.building_a1, "1", "101", 89.5, net_area=72.3)
        cls.unit_a2 = cls._create_unit(cls.building_a1, "1", "102", 120.0, net_area=98.0)
        cls.unit_a3 = cls._create_unit(cls.building_a1, "2", "101", 89.5)
        cls.unit_a4 = cls._create_unit(cls.building_a2, "1", "201", 64.0)
        cls.unit_b1 = cls._create_unit(cls.building_b1, "1", "101", 75.0)
        cls.unit_c1 = cls._create_unit(cls.building_c1, "1", "101", 150.0)

        Partner = cls.env["res.partner"]
        cls.partner_li = Partner.create({"name": "PBT Li Wei", "email": "li.wei@example.com"})
        cls.partner_wang = Partner.create(
            {"name": "PBT Wang Fang", "email": "wang.fang@example.com"}
        )
        cls.partner_zhao = Partner.create({"name": "PBT Zhao Lei", "email": "zhao.lei@example.com"})
        cls.partner_chen = Partner.create(
            {"name": "PBT Chen Jing", "email": "chen.jing@example.com"}
        )
        cls.partner_sun = Partner.create({"name": "PBT Sun Mei"})  # no email

        cls.user_property = new_test_user(
            cls.env,
            login="pbt_property_user",
            groups="property_base.group_property_user",
        )
        cls.user_manager = new_test_user(
            cls.env,
            login="pbt_property_manager",
            groups="property_base.group_property_manager",
        )
        cls.user_manager_b = new_test_user(
            cls.env,
            login="pbt_property_manager_b",
            groups="property_base.group_property_manager",
            company_id=cls.company_b.id,
            company_ids=[Command.set(cls.company_b.ids)],
        )

    def _run_cron(self, xmlid):
        """Run a scheduled action the way the scheduler does, on the test's
        cursor (without the registry's test mode it would open a cursor of
        its own, outside the test transaction)."""
        with self.enter_registry_test_mode():
            self.env.ref(xmlid).method_direct_trigger()

    @classmethod
    def _create_unit(cls, building, entrance, code, gross_area, **values):
        return cls.env["property.unit"].create(
            {
                "estate_id": building.estate_id.id,
                "building_id": building.id,
                "entrance": entrance,
                "code": code,
                "gross_area": gross_area,
                **values,
            }
        )

    @classmethod
    def _create_ownership(cls, unit, partner, date_start, date_end=False, share=100.0, **values):
        return cls.env["property.ownership"].create(
            {
                "unit_id": unit.id,
                "partner_id": partner.id,
                "date_start": date_start,
                "date_end": date_end,
                "share": share,
                **values,
            }
        )

    @classmethod
    def _create_occupancy(cls, unit, partner, date_start, date_end=False, role="tenant", **values):
        return cls.env["property.occupancy"].create(
            {
                "unit_id": unit.id,
                "partner_id": partner.id,
                "date_start": date_start,
                "date_end": date_end,
                "role": role,
                **values,
            }
        )
