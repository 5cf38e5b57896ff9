from odoo import Command
from odoo.tests import TransactionCase

from odoo.addons.property_base.tests.common import PropertyTestCommon


class PropertyMaintenanceCase(PropertyTestCommon, TransactionCase):
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
        cls.company_a = cls.env.company
        cls.company_b = cls._create_company("PMT Company B")

        cls.user_technician = cls._create_user(
            "pmt_technician", "property_base.group_property_user", name="PMT Technician"
        )
        cls.user_manager = cls._create_user(
            "pmt_manager", "property_base.group_property_manager", name="PMT Manager"
        )
        cls.user_manager_b = cls._create_user(
            "pmt_manager_b", "property_base.group_property_manager", company=cls.company_b
        )

        cls.estate = cls._create_estate("PMT Lotus Garden", "PMT-A", manager_id=cls.user_manager.id)
        cls.estate_other = cls._create_estate("PMT Riverside", "PMT-R")
        cls.estate_b = cls._create_estate("PMT Harbour Plaza", "PMT-B", company=cls.company_b)
        cls.building_1 = cls._create_building(cls.estate, "PMT Tower 1", "1")
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
