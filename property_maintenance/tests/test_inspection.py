from datetime import date

from odoo.exceptions import UserError, ValidationError
from odoo.tests import freeze_time, tagged

from .common import PropertyMaintenanceCase


@tagged("post_install", "-at_install")
class TestStatutoryInspection(PropertyMaintenanceCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # Named, and reminded by the scheduled action, in the company's language.
        cls.env.company.property_lang = "zh_CN"
        cls.inspection = cls.env["property.equipment.inspection"].create(
            {
                "equipment_id": cls.elevator.id,
                "inspection_type": "elevator_annual",
                "due_date": "2026-06-30",
                "reminder_days": 30,
                "interval_months": 12,
            }
        )

    def _todo_activities(self, inspection):
        return inspection.activity_ids.filtered(
            lambda a: a.activity_type_id == self.env.ref("mail.mail_activity_data_todo")
        )

    def test_reminder_before_due_date(self):
        self.assertEqual(self.inspection.name, "电梯年检")
        self.assertEqual(self.elevator.next_inspection_date, date(2026, 6, 30))
        with freeze_time("2026-05-30"):
            self._run_cron("property_maintenance.ir_cron_remind_inspections")
        self.assertFalse(self._todo_activities(self.inspection))
        self.assertFalse(self.inspection.reminder_sent)

        with freeze_time("2026-05-31"):
            self._run_cron("property_maintenance.ir_cron_remind_inspections")
        activity = self._todo_activities(self.inspection)
        self.assertEqual(len(activity), 1)
        self.assertEqual(activity.date_deadline, date(2026, 6, 30))
        self.assertEqual(activity.user_id, self.user_technician)
        self.assertEqual(activity.summary, "法定检验到期：电梯年检")

        # Running again does not remind twice.
        with freeze_time("2026-06-10"):
            self._run_cron("property_maintenance.ir_cron_remind_inspections")
        self.assertEqual(len(self._todo_activities(self.inspection)), 1)

    def test_reminder_goes_to_estate_manager_without_technician(self):
        inspection = self.env["property.equipment.inspection"].create(
            {
                "equipment_id": self.transformer.id,
                "inspection_type": "electrical",
                "due_date": "2026-03-10",
                "reminder_days": 15,
            }
        )
        with freeze_time("2026-02-24"):
            self._run_cron("property_maintenance.ir_cron_remind_inspections")
        self.assertEqual(self._todo_activities(inspection).user_id, self.user_manager)
        # An overdue inspection still shows as such
        with freeze_time("2026-03-11"):
            self.assertTrue(inspection.with_context(tz="UTC").is_overdue)
            self.assertIn(
                inspection,
                self.env["property.equipment.inspection"].search([("is_overdue", "=", True)]),
            )

    def test_done_plans_the_next_one(self):
        with freeze_time("2026-06-20"):
            self._run_cron("property_maintenance.ir_cron_remind_inspections")
            next_inspection = self.inspection.action_done()
        self.assertEqual(self.inspection.state, "done")
        self.assertEqual(self.inspection.done_date, date(2026, 6, 20))
        self.assertFalse(self._todo_activities(self.inspection))
        self.assertEqual(next_inspection.due_date, date(2027, 6, 30))
        self.assertEqual(next_inspection.inspection_type, "elevator_annual")
        self.assertEqual(self.elevator.next_inspection_date, date(2027, 6, 30))
        self.assertEqual(self.elevator.inspection_count, 2)
        with self.assertRaisesMessage(UserError, "already done"):
            self.inspection.action_done()

    def test_due_date_before_installation_refused(self):
        Inspection = self.env["property.equipment.inspection"]
        count = Inspection.search_count([])
        with self.assertRaisesMessage(ValidationError, "before the equipment was installed"):
            Inspection.create(
                {
                    "equipment_id": self.elevator.id,
                    "inspection_type": "elevator_annual",
                    "due_date": "2020-04-30",
                }
            )
        self.assertEqual(Inspection.search_count([]), count)
        with self.assertRaisesMessage(ValidationError, "before the equipment was installed"):
            self.inspection.due_date = "2019-12-31"
        self.assertEqual(self.inspection.due_date, date(2026, 6, 30))
