from odoo import Command
from odoo.tests import TransactionCase, new_test_user

from odoo.addons.base.tests.common import DISABLED_MAIL_CONTEXT
from odoo.addons.property_base.tests.common import PropertyAssertions


class PropertyMaintenanceCase(PropertyAssertions, TransactionCase):
    """Shared data of the property_maintenance tests.

    Demo data may be installed too: every name here starts with "PMT" and the
    tests only count records they created (or filter on their own estates).

    Company A (the main company):
        estate "PMT Lotus Garden" (manager: user_manager)
            building_1 (code 1)
            pump_1, pump_2: water system, building_1
            elevator: elevator system, building_1, installed 2020-05-01
            transformer: power system
        estate_other "PMT Riverside"
            pump_other: water system
    Company B:
        estate_b "PMT Harbour Plaza"
            pump_b: water system
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, **DISABLED_MAIL_CONTEXT))
        cls.company_a = cls.env.company
        cls.company_b = cls.env["res.company"].create({"name": "PMT Company B"})

        cls.user_technician = new_test_user(
            cls.env,
            login="pmt_technician",
            name="PMT Technician",
            groups="property_base.group_property_user",
        )
        cls.user_manager = new_test_user(
            cls.env,
            login="pmt_manager",
            name="PMT Manager",
            groups="property_base.group_property_manager",
        )
        cls.user_manager_b = new_test_user(
            cls.env,
            login="pmt_manager_b",
            groups="property_base.group_property_manager",
            company_id=cls.company_b.id,
            company_ids=[Command.set(cls.company_b.ids)],
        )

        Estate = cls.env["property.estate"]
        cls.estate = Estate.create(
            {"name": "PMT Lotus Garden", "code": "PMT-A", "manager_id": cls.user_manager.id}
        )
        cls.estate_other = Estate.create({"name": "PMT Riverside", "code": "PMT-R"})
        cls.estate_b = Estate.create(
            {"name": "PMT Harbour Plaza", "code": "PMT-B", "company_id": cls.company_b.id}
        )
        cls.building_1 = cls.env["property.building"].create(
            {"name": "PMT Tower 1", "code": "1", "estate_id": cls.estate.id}
        )
        cls.team = cls.env["maintenance.team"].create(
            {"name": "PMT Engineering", "company_id": cls.company_a.id}
        )
        cls.stage_new = cls.env.ref("maintenance.stage_0")
        cls.stage_done = cls.env.ref("maintenance.stage_3")

        Equipment = cls.env["maintenance.equipment"]
        cls.pump_1 = Equipment.create(
            {
                "name": "PMT Pump 1",
                "estate_id": cls.estate.id,
                "building_id": cls.building_1.id,
                "system": "water",
                "technician_user_id": cls.user_technician.id,
            }
        )
        cls.pump_2 = Equipment.create(
            {
                "name": "PMT Pump 2",
                "estate_id": cls.estate.id,
                "building_id": cls.building_1.id,
                "system": "water",
            }
        )
        cls.elevator = Equipment.create(
            {
                "name": "PMT Elevator 1",
                "estate_id": cls.estate.id,
                "building_id": cls.building_1.id,
                "system": "elevator",
                "installation_date": "2020-05-01",
                "technician_user_id": cls.user_technician.id,
            }
        )
        cls.transformer = Equipment.create(
            {"name": "PMT Transformer", "estate_id": cls.estate.id, "system": "power"}
        )
        cls.pump_other = Equipment.create(
            {"name": "PMT Pump Riverside", "estate_id": cls.estate_other.id, "system": "water"}
        )
        cls.pump_b = Equipment.create(
            {"name": "PMT Pump Harbour", "estate_id": cls.estate_b.id, "system": "water"}
        )

    def _run_cron(self, xmlid):
        with self.enter_registry_test_mode():
            self.env.ref(xmlid).method_direct_trigger()

    @classmethod
    def _create_plan(cls, task_values, **values):
        """A plan on the estate with one task (interval, unit, first date…)."""
        return cls.env["property.maintenance.plan"].create(
            {
                "name": "PMT Plan",
                "estate_id": cls.estate.id,
                "date_start": "2026-01-01",
                "team_id": cls.team.id,
                "task_ids": [Command.create({"name": "PMT Task", **task_values})],
                **values,
            }
        )
