from datetime import datetime, time, timedelta

import pytz

from odoo import fields, models
from odoo.tools.date_utils import float_to_time
from odoo.tools.intervals import Intervals

# Window of working intervals read at once: Odoo's plan_hours() reads 14 days
# at a time as well.
PLAN_WINDOW = timedelta(days=14)
PLAN_MAX_WINDOWS = 60


def _to_utc_naive(value):
    return value.astimezone(pytz.utc).replace(tzinfo=None)


class ResourceCalendar(models.Model):
    """Working-time arithmetic for many deadlines at once.

    ``plan_hours()`` and ``get_work_hours_count()`` read the calendar's
    intervals at every call; planning the SLA deadlines of thousands of
    tickets calls for the same arithmetic with the intervals read once per
    calendar and 14-day window and shared through ``cache`` (a dict the
    caller keeps for one batch). Public holidays are leaves of the calendar
    and count as non-working time. Datetimes are naive UTC, as stored.

    Called on an empty recordset, the methods count round the clock (an SLA
    rule counted 24×7, or a ticket without working hours)."""

    _inherit = "resource.calendar"

    property_workday_ids = fields.One2many(
        comodel_name="property.calendar.workday",
        inverse_name="calendar_id",
        string="Adjusted Working Days",
        help="Days off in the week worked to make up for public holidays (调休上班).",
    )

    def _attendance_intervals_batch(
        self, start_dt, end_dt, resources=None, domain=None, tz=None, lunch=False
    ):
        """The calendar's hours, plus those of its adjusted working days: a
        day worked in place of a public holiday takes the hours of the weekday
        it works as (a day that is a working day anyway keeps its own)."""
        result = super()._attendance_intervals_batch(
            start_dt, end_dt, resources=resources, domain=domain, tz=tz, lunch=lunch
        )
        if self.flexible_hours or domain:
            return result
        workdays = self.env["property.calendar.workday"].search(
            [
                ("calendar_id", "=", self.id),
                # A day in any time zone of the resources.
                ("date", ">=", (start_dt - timedelta(days=1)).date()),
                ("date", "<=", (end_dt + timedelta(days=1)).date()),
            ]
        )
        if not workdays:
            return result
        attendances = self.attendance_ids.filtered(
            lambda a: not a.display_type and (a.day_period == "lunch") == lunch
        )
        worked_weekdays = {int(a.dayofweek) for a in attendances}
        resources_list = list(resources or []) + [self.env["resource.resource"]]
        calendars = (resources or self.env["resource.resource"])._get_calendar_at(start_dt, tz)
        for resource in resources_list:
            if resource and not calendars.get(resource):
                continue  # fully flexible resource: every hour already counts
            zone = tz or pytz.timezone((resource or self).tz)
            low, high = start_dt.astimezone(zone), end_dt.astimezone(zone)
            extra = []
            for workday in workdays:
                if workday.date.weekday() in worked_weekdays:
                    continue
                for attendance in attendances.filtered(
                    lambda a, day=workday.works_as: a.dayofweek == day
                ):
                    start = zone.localize(
                        datetime.combine(workday.date, float_to_time(attendance.hour_from))
                    )
                    stop = zone.localize(
                        datetime.combine(workday.date, float_to_time(attendance.hour_to))
                    )
                    start, stop = max(start, low), min(stop, high)
                    if start < stop:
                        extra.append((start, stop, attendance))
            if extra:
                result[resource.id] = result[resource.id] | Intervals(extra, keep_distinct=True)
        return result

    def _property_work_intervals(self, window_start, cache):
        """Working intervals [(start, stop)] of the calendar (leaves removed)
        in the window starting at ``window_start`` (a UTC midnight), read once
        per calendar and window."""
        self.ensure_one()
        key = (self.id, window_start)
        if key not in cache:
            start = pytz.utc.localize(window_start)
            cache[key] = [
                (_to_utc_naive(int_start), _to_utc_naive(int_stop))
                for int_start, int_stop, _meta in self._work_intervals_batch(
                    start, start + PLAN_WINDOW
                )[False]
            ]
        return cache[key]

    @staticmethod
    def _property_windows(start):
        """The windows (UTC midnights) from the day of ``start`` on."""
        window = datetime.combine(start.date(), time.min)
        for _n in range(PLAN_MAX_WINDOWS):
            yield window
            window += PLAN_WINDOW

    def _property_plan_work_hours(self, start, hours_list, cache=None):
        """The moments at which each of ``hours_list`` working hours have
        passed since ``start``, in one walk over the intervals; False for a
        moment beyond the planning horizon."""
        if not self:
            return [start + timedelta(hours=hours) for hours in hours_list]
        self.ensure_one()
        cache = {} if cache is None else cache
        order = sorted(range(len(hours_list)), key=lambda i: hours_list[i])
        results = [False] * len(hours_list)
        consumed, index = 0.0, 0
        for window in self._property_windows(start):
            for int_start, int_stop in self._property_work_intervals(window, cache):
                if int_stop <= start:
                    continue
                int_start = max(int_start, start)
                length = (int_stop - int_start).total_seconds() / 3600
                while index < len(order) and hours_list[order[index]] <= consumed + length:
                    results[order[index]] = int_start + timedelta(
                        hours=hours_list[order[index]] - consumed
                    )
                    index += 1
                consumed += length
                if index == len(order):
                    return results
        return results

    def _property_work_hours_between(self, date_from, date_to, cache=None):
        """Working hours between two moments."""
        if not self:
            return (date_to - date_from).total_seconds() / 3600
        self.ensure_one()
        cache = {} if cache is None else cache
        total = 0.0
        for window in self._property_windows(date_from):
            if window >= date_to:
                break
            for int_start, int_stop in self._property_work_intervals(window, cache):
                start, stop = max(int_start, date_from), min(int_stop, date_to)
                if stop > start:
                    total += (stop - start).total_seconds() / 3600
        return total
