from datetime import datetime

from psycopg2 import IntegrityError

from odoo.exceptions import ValidationError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import PropertyHelpdeskCase, utc


@tagged("post_install", "-at_install")
class TestAdjustedWorkingDays(PropertyHelpdeskCase):
    """Adjusted working days (调休上班): a day off worked to make up for a
    public holiday counts the hours of the weekday it works as, for the SLA
    clock and for Odoo's own working-time arithmetic."""

    def test_sunday_worked_as_monday(self):
        hours = self.calendar._property_work_hours_between
        # Sunday 2026-09-20: a day off of the Mon-Fri calendar.
        sunday = (utc("2026-09-20 00:00"), utc("2026-09-21 00:00"))
        self.assertEqual(hours(*sunday), 0.0)
        self.env["property.calendar.workday"].create(
            {"calendar_id": self.calendar.id, "date": "2026-09-20", "name": "国庆节调休上班"}
        )
        self.assertEqual(hours(*sunday), 8.0)
        # The SLA clock runs on it: Saturday 17:00 + 2 working hours is Sunday 11:00.
        self.assertEqual(
            self.calendar._property_plan_work_hours(utc("2026-09-19 17:00"), [2.0]),
            [utc("2026-09-20 11:00")],
        )
        # Odoo's own arithmetic sees it too (it is the calendar's hours).
        self.assertEqual(
            self.calendar.get_work_hours_count(utc("2026-09-19 00:00"), utc("2026-09-22 00:00")),
            16.0,
        )
        # The next Sunday is a day off again.
        self.assertEqual(hours(utc("2026-09-27 00:00"), utc("2026-09-28 00:00")), 0.0)

    def test_worked_weekday_keeps_its_hours(self):
        """A Saturday adjusted working day in a calendar that works Saturdays
        anyway is not counted twice."""
        calendar = self.env.ref("property_helpdesk.calendar_service")
        saturday = (utc("2026-10-10 00:00"), utc("2026-10-11 00:00"))
        self.assertTrue(
            calendar.property_workday_ids.filtered(lambda d: str(d.date) == "2026-10-10")
        )
        self.assertEqual(calendar._property_work_hours_between(*saturday), 8.0)

    def test_service_calendar_has_the_year_adjusted_days(self):
        """The service centre's calendar (Mon-Sat) works the Sundays of the
        2026 notice: 4 January and 20 September."""
        calendar = self.env.ref("property_helpdesk.calendar_service")
        self.assertEqual(
            set(calendar.property_workday_ids.mapped("date")),
            {
                datetime(2026, 1, 4).date(),
                datetime(2026, 2, 14).date(),
                datetime(2026, 2, 28).date(),
                datetime(2026, 5, 9).date(),
                datetime(2026, 9, 20).date(),
                datetime(2026, 10, 10).date(),
            },
        )
        hours = calendar._property_work_hours_between
        self.assertEqual(hours(utc("2026-01-04 00:00"), utc("2026-01-05 00:00")), 8.0)
        self.assertEqual(hours(utc("2026-01-11 00:00"), utc("2026-01-12 00:00")), 0.0)
        self.assertEqual(
            calendar.with_context(lang="zh_CN").property_workday_ids[0].name, "元旦调休上班"
        )

    def test_bad_input(self):
        Workday = self.env["property.calendar.workday"].with_context(lang="zh_CN")
        with self.assertRaises(ValidationError) as error:
            Workday.create({"calendar_id": self.calendar.id, "date": "2026-09-20", "works_as": "6"})
        self.assertIn("没有工作时间", str(error.exception))
        Workday.create({"calendar_id": self.calendar.id, "date": "2026-09-20"})
        with mute_logger("odoo.sql_db"), self.assertRaises(IntegrityError):
            with self.env.cr.savepoint():
                Workday.create({"calendar_id": self.calendar.id, "date": "2026-09-20"})
