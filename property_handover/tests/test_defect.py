from odoo.exceptions import UserError, ValidationError
from odoo.tests import freeze_time, tagged

from .common import HandoverCase


@tagged("post_install", "-at_install")
class TestDefect(HandoverCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # The scheduled action escalates in the company's language.
        cls.env.company.property_lang = "zh_CN"
        cls.project.action_start()

    def _activities(self, defect):
        return defect.activity_ids.filtered(lambda a: "整改逾期" in (a.summary or ""))

    def test_lifecycle_with_overdue_escalation(self):
        with freeze_time("2026-03-01 09:00:00"):
            line = self._line(self.item_facade, building=self.building_2)
            line.with_user(self.inspector).write({"result": "fail", "note": "PHT crack"})
            defect = line.defect_ids
            self.assertEqual(str(defect.date_reported), "2026-03-01")
            self.assertEqual(str(defect.deadline), "2026-03-11")
            defect.with_user(self.inspector).action_start_rectification()
            self.assertEqual(defect.state, "rectifying")

        with freeze_time("2026-03-11 08:00:00"):
            self._run_cron("property_handover.ir_cron_flag_overdue_defects")
            self.assertFalse(defect.is_overdue, "due today is not overdue yet")
            self.assertFalse(self._activities(defect))

        with freeze_time("2026-03-12 08:00:00"):
            self._run_cron("property_handover.ir_cron_flag_overdue_defects")
            self.assertTrue(defect.is_overdue)
            activity = self._activities(defect)
            self.assertEqual(len(activity), 1)
            self.assertEqual(activity.user_id, self.manager)
            self.assertEqual(str(activity.date_deadline), "2026-03-12")
            self.assertEqual(self.project.overdue_defect_count, 1)
            # The next day: flagged already, no second activity.
        with freeze_time("2026-03-13 08:00:00"):
            self._run_cron("property_handover.ir_cron_flag_overdue_defects")
            self.assertEqual(len(self._activities(defect)), 1)

            # The contractor reports it rectified; the re-inspection fails once.
            defect.action_request_reinspection()
            self.assertEqual(defect.state, "reinspection")
            defect.action_reject()
            self.assertEqual(defect.state, "rectifying")
            # A new deadline in the future lifts the overdue flag.
            defect.deadline = "2026-03-20"
            self.assertFalse(defect.is_overdue)
            defect.action_request_reinspection()
            defect.action_accept()
            self.assertEqual(defect.state, "closed")
            self.assertEqual(str(defect.date_closed), "2026-03-13")
            self.assertEqual(line.result, "pass", "the re-inspection passes the line")
            self.assertEqual(self.project.open_defect_count, 0)

        with freeze_time("2026-04-30 08:00:00"):
            self._run_cron("property_handover.ir_cron_flag_overdue_defects")
            self.assertFalse(defect.is_overdue, "a closed defect is never overdue")

    def test_open_defect_not_flagged_before_deadline(self):
        with freeze_time("2026-05-01"):
            line = self._line(self.item_wall, unit=self.unit_22)
            line.result = "fail"
        with freeze_time("2026-05-05"):
            self._run_cron("property_handover.ir_cron_flag_overdue_defects")
            self.assertFalse(line.defect_ids.is_overdue)

    def test_deadline_before_creation_refused(self):
        with freeze_time("2026-06-10"):
            with self.assertRaisesText(ValidationError, "cannot be before the day it was"):
                self.env["property.handover.defect"].create(
                    {
                        "project_id": self.project.id,
                        "estate_id": self.estate.id,
                        "description": "PHT early deadline",
                        "responsible_partner_id": self.contractor.id,
                        "deadline": "2026-06-09",
                    }
                )
            self.assertFalse(
                self.env["property.handover.defect"].search(
                    [("description", "=", "PHT early deadline")]
                )
            )
            defect = self.env["property.handover.defect"].create(
                {
                    "project_id": self.project.id,
                    "estate_id": self.estate.id,
                    "description": "PHT good deadline",
                    "responsible_partner_id": self.contractor.id,
                    "deadline": "2026-06-10",
                }
            )
            with self.assertRaisesText(ValidationError, "cannot be before"):
                defect.deadline = "2026-06-01"
            self.assertEqual(str(defect.deadline), "2026-06-10")

    def test_wrong_transitions(self):
        defect = self._line(self.item_pump, building=self.building_1)
        defect.result = "fail"
        defect = defect.defect_ids
        with self.assertRaisesText(UserError, "cannot be closed"):
            defect.action_accept()
        with self.assertRaisesText(UserError, "cannot be rejected"):
            defect.action_reject()
        defect.responsible_partner_id = False
        with self.assertRaisesText(UserError, "responsible party"):
            defect.action_start_rectification()
        self.assertEqual(defect.state, "open")
