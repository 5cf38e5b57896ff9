from odoo.tests import tagged

from .common import PropertyHelpdeskCase, utc


@tagged("post_install", "-at_install")
class TestWorkingTime(PropertyHelpdeskCase):
    """Working-time arithmetic of resource.calendar used by the SLA clock:
    Mon-Fri 9-12, 13-18 China time, National Day week 2026-10-01..07 off."""

    def test_plan_work_hours(self):
        plan = self.calendar._property_plan_work_hours
        # Friday 17:00: 1 h on Friday, then Monday.
        self.assertEqual(
            plan(utc("2026-09-25 17:00"), [8.0, 2.0, 1.0]),
            [utc("2026-09-28 17:00"), utc("2026-09-28 10:00"), utc("2026-09-25 18:00")],
        )
        # Over the public holidays: 2 h on Wednesday, 6 h on Thursday the 8th.
        self.assertEqual(plan(utc("2026-09-30 16:00"), [8.0]), [utc("2026-10-08 16:00")])
        # Before opening time the clock starts at 9:00.
        self.assertEqual(plan(utc("2026-09-21 07:00"), [3.5]), [utc("2026-09-21 13:30")])

    def test_work_hours_between(self):
        hours = self.calendar._property_work_hours_between
        self.assertEqual(hours(utc("2026-09-25 17:00"), utc("2026-09-28 10:00")), 2.0)
        self.assertEqual(hours(utc("2026-09-30 16:00"), utc("2026-10-08 16:00")), 8.0)
        self.assertEqual(hours(utc("2026-09-26 09:00"), utc("2026-09-27 18:00")), 0.0)

    def test_round_the_clock(self):
        always = self.env["resource.calendar"]
        self.assertEqual(
            always._property_plan_work_hours(utc("2026-09-26 23:00"), [0.5, 4.0]),
            [utc("2026-09-26 23:30"), utc("2026-09-27 03:00")],
        )
        self.assertEqual(
            always._property_work_hours_between(utc("2026-09-26 23:00"), utc("2026-09-28 05:00")),
            30.0,
        )

    def test_intervals_read_once_per_calendar_and_window(self):
        cache = {}
        start = utc("2026-09-21 09:00")
        self.calendar._property_plan_work_hours(start, [8.0], cache)
        with self.assertQueryCount(0):
            self.assertEqual(
                self.calendar._property_plan_work_hours(start, [2.0, 16.0], cache),
                [utc("2026-09-21 11:00"), utc("2026-09-22 18:00")],
            )
            self.assertEqual(
                self.calendar._property_work_hours_between(start, utc("2026-09-23 09:00"), cache),
                16.0,
            )
