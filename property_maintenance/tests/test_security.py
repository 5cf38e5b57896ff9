from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged

from .common import PropertyMaintenanceCase


@tagged("post_install", "-at_install")
class TestMaintenanceSecurity(PropertyMaintenanceCase):
    def test_technician_reads_and_records_but_does_not_configure(self):
        Equipment = self.env["maintenance.equipment"].with_user(self.user_technician)
        found = Equipment.search([("estate_id", "in", [self.estate.id, self.estate_b.id])])
        self.assertEqual(found, self.pump_1 | self.pump_2 | self.elevator | self.transformer)
        self.assertEqual(found.mapped("name")[0], "PMT Pump 1")
        with self.assertRaises(AccessError):
            Equipment.create({"name": "PMT rogue", "estate_id": self.estate.id})
        with self.assertRaises(AccessError):
            self.pump_1.with_user(self.user_technician).write({"system": "power"})
        with self.assertRaises(AccessError):
            self.env["property.maintenance.plan"].with_user(self.user_technician).create(
                {"name": "PMT rogue plan", "estate_id": self.estate.id}
            )
        with self.assertRaises(AccessError):
            self.env["property.meter"].with_user(self.user_technician).create(
                {"name": "PMT rogue meter", "estate_id": self.estate.id}
            )
        # …but records readings, inspections done and requests of the estate.
        meter = self.env["property.meter"].create(
            {"name": "PMT meter", "estate_id": self.estate.id}
        )
        reading = (
            self.env["property.meter.reading"]
            .with_user(self.user_technician)
            .create({"meter_id": meter.id, "date": "2026-01-01", "value": 10})
        )
        self.assertEqual(reading.value, 10)
        request = self.env["maintenance.request"].create(
            {"name": "PMT leak", "equipment_id": self.pump_2.id}
        )
        request.with_user(self.user_technician).diagnosis = "Worn seal"
        self.assertEqual(request.diagnosis, "Worn seal")

    def test_manager_configures(self):
        Equipment = self.env["maintenance.equipment"].with_user(self.user_manager)
        equipment = Equipment.create(
            {"name": "PMT new CCTV", "estate_id": self.estate.id, "system": "security"}
        )
        self.assertEqual(equipment.company_id, self.company_a)
        plan = (
            self.env["property.maintenance.plan"]
            .with_user(self.user_manager)
            .create(
                {
                    "name": "PMT CCTV plan",
                    "estate_id": self.estate.id,
                    "equipment_ids": [Command.set(equipment.ids)],
                    "task_ids": [Command.create({"name": "Clean lenses"})],
                }
            )
        )
        self.assertEqual(plan.company_id, self.company_a)
        plan.task_ids.unlink()

    def test_companies_kept_apart(self):
        self.assertEqual(self.pump_b.company_id, self.company_b)
        found = (
            self.env["maintenance.equipment"]
            .with_user(self.user_manager_b)
            .search([("name", "like", "PMT")])
        )
        self.assertEqual(found, self.pump_b)
        with self.assertRaises(AccessError):
            self.pump_1.with_user(self.user_manager_b).read(["name"])
        # Plans, inspections and meters follow their estate's company too.
        plan = self.env["property.maintenance.plan"].create(
            {"name": "PMT plan A", "estate_id": self.estate.id}
        )
        inspection = self.env["property.equipment.inspection"].create(
            {"equipment_id": self.pump_1.id, "due_date": "2026-09-01"}
        )
        for record in (plan, inspection):
            self.assertEqual(record.company_id, self.company_a)
            self.assertFalse(record.with_user(self.user_manager_b).search([("id", "=", record.id)]))

    def test_technician_passes_an_inspection(self):
        inspection = self.env["property.equipment.inspection"].create(
            {"equipment_id": self.elevator.id, "due_date": "2026-09-01", "interval_months": 12}
        )
        following = inspection.with_user(self.user_technician).action_done()
        self.assertEqual(inspection.state, "done")
        self.assertEqual(str(following.due_date), "2027-09-01")
        with self.assertRaises(AccessError):
            inspection.with_user(self.user_technician).unlink()

    def test_maintenance_user_without_property_rights_opens_forms(self):
        """A plain Maintenance user (no Property group) still opens the
        equipment and request forms: the property parts are hidden, not
        crashing on models they may not read."""
        user = new_test_user(
            self.env, login="pmt_equipment_manager", groups="maintenance.group_equipment_manager"
        )
        request = self.env["maintenance.request"].create(
            {"name": "PMT leak", "equipment_id": self.pump_1.id, "owner_user_id": user.id}
        )
        for record in (self.pump_1, request):
            record = record.with_user(user)
            views = record.get_views([(False, "form")])
            arch = views["views"]["form"]["arch"]
            for hidden in ("inspection_ids", "plan_checklist_ids", "patrol_round_id"):
                self.assertNotIn(f'name="{hidden}"', arch)
            fields = views["models"][record._name]["fields"]
            specification = {
                name: {"fields": {"display_name": {}}} if field.get("relation") else {}
                for name, field in fields.items()
                if f'name="{name}"' in arch
            }
            values = record.web_read(specification)[0]
            self.assertEqual(values["id"], record.id)
