from odoo.tests import freeze_time, tagged

from .common import PropertyMaintenanceCase


@tagged("post_install", "-at_install")
class TestFaultRepair(PropertyMaintenanceCase):
    def _report(self, name, priority, when):
        with freeze_time(when):
            return self.env["maintenance.request"].create(
                {
                    "name": name,
                    "equipment_id": self.pump_1.id,
                    "priority": priority,
                    "maintenance_type": "corrective",
                }
            )

    def _set_stage(self, request, stage, when):
        with freeze_time(when):
            request.stage_id = stage

    def test_timeliness_and_first_time_fix(self):
        """Known data set, all reported on 2 March 2026:
        - urgent (4 h), repaired after 2 h on the spot: timely, first-time fix;
        - ordinary (24 h), repaired after 28 h by a contractor: late;
        - ordinary, repaired after 3 h, reopened, repaired again 5 h after
          the report: timely but not a first-time fix.
        """
        urgent = self._report("PMT burst pipe", "3", "2026-03-02 08:00:00")
        slow = self._report("PMT noisy pump", "2", "2026-03-02 08:00:00")
        reopened = self._report("PMT leaking valve", "2", "2026-03-02 08:00:00")
        self.assertEqual(urgent.estate_id, self.estate)
        self.assertEqual(urgent.system, "water")
        self.assertEqual((urgent.target_hours, slow.target_hours), (4.0, 24.0))

        urgent.write({"repair_mode": "on_spot", "diagnosis": "Loose coupling"})
        self._set_stage(urgent, self.stage_done, "2026-03-02 10:00:00")
        slow.write({"repair_mode": "contractor", "contractor_id": self.env.user.partner_id.id})
        self._set_stage(slow, self.stage_done, "2026-03-03 12:00:00")
        self._set_stage(reopened, self.stage_done, "2026-03-02 11:00:00")
        self._set_stage(reopened, self.stage_new, "2026-03-02 12:00:00")
        self.assertFalse(reopened.done_at)
        self.assertEqual(reopened.reopen_count, 1)
        self._set_stage(reopened, self.stage_done, "2026-03-02 13:00:00")

        self.assertEqual(urgent.repair_hours, 2.0)
        self.assertEqual(urgent.timely_pct, 100.0)
        self.assertEqual(slow.repair_hours, 28.0)
        self.assertEqual(slow.timely_pct, 0.0)
        self.assertEqual(reopened.repair_hours, 5.0)
        self.assertEqual(reopened.first_time_fix_pct, 0.0)

        figures = self.env["maintenance.request"]._get_repair_figures(
            [("estate_id", "=", self.estate.id)]
        )
        count, timely, first_fix, hours = figures[(self.estate,)]
        self.assertEqual(count, 3)
        self.assertAlmostEqual(timely, 200.0 / 3)
        self.assertAlmostEqual(first_fix, 200.0 / 3)
        self.assertAlmostEqual(hours, 35.0 / 3)
