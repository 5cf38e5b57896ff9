from odoo import api, fields, models
from odoo.tools import SQL

from odoo.addons.property_base.models.property_kpi import KpiPeriod

# Ages of the open repair requests, in days: (key, first day, last day).
REPAIR_AGES = [
    ("0_3", 0, 3),
    ("4_7", 4, 7),
    ("8_30", 8, 30),
    ("31_more", 31, None),
]


class PropertyKpi(models.AbstractModel):
    """The engineering figures of the dashboard (工程管理): preventive
    plans, statutory inspections, patrols and repairs."""

    _inherit = "property.kpi"

    @api.model
    def _kpi_sections(self):
        return [
            *super()._kpi_sections(),
            {"key": "engineering", "label": self.env._("Engineering"), "sequence": 40},
        ]

    @api.model
    def _kpi_figures(self):
        figure = {"section": "engineering"}
        return [
            *super()._kpi_figures(),
            dict(
                figure,
                key="plan_completion_rate",
                sequence=410,
                label=self.env._("Plan Completion Rate"),
                unit="percent",
                better="up",
                help=self.env._(
                    "Requests of the preventive plans done by their due date ÷ requests due in "
                    "the period (due date come, or done already); parts: on time, done late "
                    "and not done, in % of the requests due."
                ),
            ),
            dict(
                figure,
                key="inspection_due",
                sequence=420,
                label=self.env._("Statutory Inspections Due"),
                unit="count",
                better="up",
                help=self.env._("Statutory inspections falling due in the period."),
            ),
            dict(
                figure,
                key="inspection_overdue",
                sequence=425,
                label=self.env._("Statutory Inspections Overdue"),
                unit="count",
                better="down",
                help=self.env._(
                    "Statutory inspections due before the end of the period (before today for "
                    "the current one) and not passed by then."
                ),
            ),
            dict(
                figure,
                key="patrol_completion_rate",
                sequence=430,
                label=self.env._("Patrol Completion Rate"),
                unit="percent",
                better="up",
                help=self.env._(
                    "Patrol rounds of the period (up to today) finished ÷ patrol rounds of the "
                    "period."
                ),
            ),
            dict(
                figure,
                key="patrol_abnormal_count",
                sequence=435,
                label=self.env._("Abnormal Patrol Findings"),
                unit="count",
                better="down",
                help=self.env._("Checks found Not OK in the patrol rounds of the period."),
            ),
            dict(
                figure,
                key="first_time_fix_rate",
                sequence=440,
                label=self.env._("First-time Fix Rate"),
                unit="percent",
                better="up",
                help=self.env._(
                    "Repair (corrective) requests repaired in the period and never reopened ÷ "
                    "repair requests repaired in the period."
                ),
            ),
            dict(
                figure,
                key="open_repair_count",
                sequence=450,
                label=self.env._("Open Repair Requests"),
                unit="count",
                better="down",
                help=self.env._(
                    "Repair (corrective) requests reported and not repaired at the end of the "
                    "period (today for the current one), by days since they were reported."
                ),
            ),
        ]

    # ------------------------------------------------------------
    # Helpers
    # ------------------------------------------------------------

    def _kpi_request_action(self, domain, name=None):
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "property_maintenance.maintenance_request_action_property"
        )
        action.update(domain=domain, context={})
        if name:
            action["name"] = name
        return action

    # ------------------------------------------------------------
    # Preventive plans
    # ------------------------------------------------------------

    def _kpi_plan_completion_rate(self, estates, periods):
        """Plan completion rate (计划完成率): requests of the preventive plans
        done on time (in a done stage, closed on or before their due date) ÷
        requests due in the period (due date in the period and come, or done
        already), in %; ``None`` when nothing is due. A request done after
        its due date and one not done yet (overdue) count as due, not as
        done on time; the parts give on time, done late and not done in % of
        the requests due. ``maintenance.request._get_plan_compliance``, also
        behind the compliance export."""
        self.env["maintenance.request"].check_access("read")
        counts = self.env["maintenance.request"]._get_plan_compliance(estates, periods)
        values = []
        for index in range(len(periods)):
            due, on_time, late = counts.get((index,), (0, 0, 0))
            if not due:
                values.append(None)
                continue
            values.append(
                {
                    "value": self._kpi_rate(on_time, due),
                    "parts": [
                        {
                            "key": "on_time",
                            "label": self.env._("On time"),
                            "value": self._kpi_rate(on_time, due),
                        },
                        {
                            "key": "late",
                            "label": self.env._("Done late"),
                            "value": self._kpi_rate(late, due),
                        },
                        {
                            "key": "not_done",
                            "label": self.env._("Not done"),
                            "value": self._kpi_rate(due - on_time - late, due),
                        },
                    ],
                }
            )
        return values

    def _kpi_action_plan_completion_rate(self, estates, period):
        """The requests due in the period (the denominator)."""
        Request = self.env["maintenance.request"]
        domain = Request._plan_due_domain(
            [
                ("estate_id", "in", estates.ids),
                ("plan_due_date", ">=", period.date_from),
                ("plan_due_date", "<=", period.date_to),
            ]
        )
        return self._kpi_request_action(domain, self.env._("Plan Completion Rate"))

    # ------------------------------------------------------------
    # Statutory inspections
    # ------------------------------------------------------------

    def _kpi_inspection_counts(self, estates, periods):
        """(due in the period, overdue at its end) of each period."""
        Inspection = self.env["property.equipment.inspection"]
        Inspection.check_access("read")
        Inspection.flush_model(["estate_id", "due_date", "done_date", "state"])
        self.env.cr.execute(
            SQL(
                """
                SELECT period.idx,
                       COUNT(*) FILTER (WHERE inspection.due_date >= period.date_from
                                          AND inspection.due_date <= period.date_to),
                       COUNT(*) FILTER (WHERE inspection.due_date
                                              < LEAST(period.date_to, %(today)s)
                                          AND (inspection.state != 'done'
                                               OR inspection.done_date
                                                  > LEAST(period.date_to, %(today)s)))
                  FROM %(periods)s AS period(idx, date_from, date_to)
                  JOIN property_equipment_inspection inspection
                    ON inspection.due_date <= period.date_to
                 WHERE inspection.estate_id IN %(estates)s
                 GROUP BY period.idx
                """,
                periods=self._kpi_periods_sql(periods),
                estates=tuple(estates.ids),
                today=fields.Date.context_today(self),
            )
        )
        counts = {index: (due, overdue) for index, due, overdue in self.env.cr.fetchall()}
        return [counts.get(index, (0, 0)) for index in range(len(periods))]

    def _kpi_inspection_due(self, estates, periods):
        """Statutory inspections due (法定检验应检数): inspections of the
        estates' equipment whose due date falls in the period, passed or
        not."""
        return [due for due, _overdue in self._kpi_inspection_counts(estates, periods)]

    def _kpi_action_inspection_due(self, estates, period):
        return self._kpi_inspection_action(
            [
                ("estate_id", "in", estates.ids),
                ("due_date", ">=", period.date_from),
                ("due_date", "<=", period.date_to),
            ]
        )

    def _kpi_inspection_overdue(self, estates, periods):
        """Statutory inspections overdue (法定检验逾期数): inspections due
        before the last day of the period (before today for a period not
        ended) and not passed by that day — still planned, or passed after
        it. An inspection passed late is overdue in the periods before it was
        passed, not after."""
        return [overdue for _due, overdue in self._kpi_inspection_counts(estates, periods)]

    def _kpi_action_inspection_overdue(self, estates, period):
        cutoff = self._kpi_cutoff(period)
        return self._kpi_inspection_action(
            [
                ("estate_id", "in", estates.ids),
                ("due_date", "<", cutoff),
                "|",
                ("state", "!=", "done"),
                ("done_date", ">", cutoff),
            ]
        )

    def _kpi_inspection_action(self, domain):
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "property_maintenance.property_equipment_inspection_action"
        )
        action.update(domain=domain, context={})
        return action

    # ------------------------------------------------------------
    # Patrols
    # ------------------------------------------------------------

    def _kpi_patrol_counts(self, estates, periods):
        """(rounds, rounds done, abnormal checks) of the rounds dated in each
        period up to today."""
        self.env["property.patrol.round"].check_access("read")
        self.env["property.patrol.result"].check_access("read")
        self.env["property.patrol.round"].flush_model(["estate_id", "date", "state"])
        self.env["property.patrol.result"].flush_model(["round_id", "result"])
        first, last = self._kpi_span(periods)
        # Each round of the span once, with its findings, then into periods.
        self.env.cr.execute(
            SQL(
                """
                WITH patrol AS (
                    SELECT patrol.date,
                           patrol.state,
                           (SELECT COUNT(*)
                              FROM property_patrol_result result
                             WHERE result.round_id = patrol.id
                               AND result.result = 'not_ok') AS abnormal
                      FROM property_patrol_round patrol
                     WHERE patrol.estate_id IN %(estates)s
                       AND patrol.date BETWEEN %(first)s AND LEAST(%(last)s, %(today)s)
                )
                SELECT period.idx,
                       COUNT(*),
                       COUNT(*) FILTER (WHERE patrol.state = 'done'),
                       COALESCE(SUM(patrol.abnormal), 0)::int
                  FROM %(periods)s AS period(idx, date_from, date_to)
                  JOIN patrol ON patrol.date BETWEEN period.date_from AND period.date_to
                 GROUP BY period.idx
                """,
                periods=self._kpi_periods_sql(periods),
                estates=tuple(estates.ids),
                first=first,
                last=last,
                today=fields.Date.context_today(self),
            )
        )
        counts = {index: tuple(rest) for index, *rest in self.env.cr.fetchall()}
        return [counts.get(index, (0, 0, 0)) for index in range(len(periods))]

    def _kpi_patrol_completion_rate(self, estates, periods):
        """Patrol completion rate (巡检完成率): patrol rounds dated in the
        period (up to today) and finished ÷ patrol rounds dated in the
        period (up to today), in %; ``None`` without rounds."""
        return [
            self._kpi_rate(done, rounds)
            for rounds, done, _abnormal in self._kpi_patrol_counts(estates, periods)
        ]

    def _kpi_patrol_domain(self, estates, period, prefix=""):
        return [
            (f"{prefix}estate_id", "in", estates.ids),
            (f"{prefix}date", ">=", period.date_from),
            (f"{prefix}date", "<=", self._kpi_cutoff(period)),
        ]

    def _kpi_action_patrol_completion_rate(self, estates, period):
        """The rounds of the period (the denominator)."""
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "property_maintenance.property_patrol_round_action"
        )
        action.update(domain=self._kpi_patrol_domain(estates, period), context={})
        return action

    def _kpi_patrol_abnormal_count(self, estates, periods):
        """Abnormal patrol findings (巡检异常数): checks recorded Not OK (a
        reading out of its range included) in the patrol rounds dated in the
        period (up to today)."""
        return [abnormal for _rounds, _done, abnormal in self._kpi_patrol_counts(estates, periods)]

    def _kpi_action_patrol_abnormal_count(self, estates, period):
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "property_maintenance.property_patrol_result_action"
        )
        domain = [
            *self._kpi_patrol_domain(estates, period, prefix="round_id."),
            ("result", "=", "not_ok"),
        ]
        action.update(domain=domain, context={})
        return action

    # ------------------------------------------------------------
    # Repairs
    # ------------------------------------------------------------

    def _kpi_first_time_fix_rate(self, estates, periods):
        """First-time fix rate (一次修复率): repair (corrective) requests
        repaired in the period (their last move to a done stage, in the
        user's time zone) that were never reopened ÷ repair requests
        repaired in the period, in %; ``None`` when none was repaired. A
        request reopened after its repair (moved back out of a done stage)
        counts once, in the period of its last repair, as not fixed the
        first time."""
        Request = self.env["maintenance.request"]
        Request.check_access("read")
        Request.flush_model(["estate_id", "maintenance_type", "done_at", "reopen_count"])
        start, end = self._kpi_utc_bounds(KpiPeriod(*self._kpi_span(periods)))
        # The requests of the span counted per local day first: the periods
        # then add up days, not requests.
        self.env.cr.execute(
            SQL(
                """
                WITH repaired AS (
                    SELECT %(done_day)s AS day,
                           COUNT(*) AS done,
                           COUNT(*) FILTER (WHERE COALESCE(request.reopen_count, 0) = 0)
                               AS first_time
                      FROM maintenance_request request
                     WHERE request.estate_id IN %(estates)s
                       AND request.maintenance_type = 'corrective'
                       AND request.done_at >= %(start)s
                       AND request.done_at < %(end)s
                     GROUP BY 1
                )
                SELECT period.idx,
                       SUM(repaired.done)::int,
                       SUM(repaired.first_time)::int
                  FROM %(periods)s AS period(idx, date_from, date_to)
                  JOIN repaired ON repaired.day BETWEEN period.date_from AND period.date_to
                 GROUP BY period.idx
                """,
                periods=self._kpi_periods_sql(periods),
                done_day=self._kpi_local_date_sql(SQL("request.done_at")),
                estates=tuple(estates.ids),
                start=start,
                end=end,
            )
        )
        counts = {index: (done, first) for index, done, first in self.env.cr.fetchall()}
        values = []
        for index in range(len(periods)):
            done, first = counts.get(index, (0, 0))
            values.append(self._kpi_rate(first, done))
        return values

    def _kpi_action_first_time_fix_rate(self, estates, period):
        """The repair requests repaired in the period (the denominator)."""
        start, end = self._kpi_utc_bounds(period)
        return self._kpi_request_action(
            [
                ("estate_id", "in", estates.ids),
                ("maintenance_type", "=", "corrective"),
                ("done_at", ">=", start),
                ("done_at", "<", end),
            ],
            self.env._("First-time Fix Rate"),
        )

    def _kpi_open_repair_count(self, estates, periods):
        """Open repair requests (未完成维修) by age: repair (corrective)
        requests not archived, reported on or before the last day of the
        period (today for a period not ended) and not repaired by then —
        still in an open stage, or repaired after that day — split by days
        from the report to that day: 0-3, 4-7, 8-30, over 30."""
        Request = self.env["maintenance.request"]
        Request.check_access("read")
        Request.flush_model(
            ["estate_id", "maintenance_type", "done_at", "reported_at", "stage_id", "archive"]
        )
        self.env["maintenance.stage"].flush_model(["done"])
        today = fields.Date.context_today(self)
        # Repaired after the first day read (a period's last day) or never:
        # the requests that may be open on one of these days.
        first_cutoff = min(self._kpi_cutoff(period) for period in periods)
        _start, start = self._kpi_utc_bounds(KpiPeriod(first_cutoff, first_cutoff))
        age = SQL("(LEAST(period.date_to, %s) - repair.reported)", today)
        buckets = self._kpi_age_sums_sql(age, REPAIR_AGES, SQL("repair.count"))
        cutoff = SQL("LEAST(period.date_to, %s)", today)
        # The requests open on one of these days (open now, or repaired
        # after the first of them), counted per local day of report and of
        # repair first (done_day NULL: not repaired): the periods then add
        # up these pairs, not requests. A request in a done stage without a
        # repair time is not open.
        self.env.cr.execute(
            SQL(
                """
                WITH repair AS (
                    SELECT %(reported)s AS reported,
                           CASE WHEN stage.done THEN %(done_day)s END AS done_day,
                           COUNT(*) AS count
                      FROM maintenance_request request
                      LEFT JOIN maintenance_stage stage ON stage.id = request.stage_id
                     WHERE request.estate_id IN %(estates)s
                       AND request.maintenance_type = 'corrective'
                       AND NOT COALESCE(request.archive, FALSE)
                       AND (NOT COALESCE(stage.done, FALSE) OR request.done_at >= %(start)s)
                     GROUP BY 1, 2
                )
                SELECT period.idx, %(buckets)s
                  FROM %(periods)s AS period(idx, date_from, date_to)
                  JOIN repair ON repair.reported <= %(cutoff)s
                 WHERE repair.done_day IS NULL OR repair.done_day > %(cutoff)s
                 GROUP BY period.idx
                """,
                reported=self._kpi_local_date_sql(
                    SQL("COALESCE(request.reported_at, request.create_date)")
                ),
                done_day=self._kpi_local_date_sql(SQL("request.done_at")),
                estates=tuple(estates.ids),
                start=start,
                buckets=buckets,
                periods=self._kpi_periods_sql(periods),
                cutoff=cutoff,
            )
        )
        counts = {index: rest for index, *rest in self.env.cr.fetchall()}
        labels = {
            "0_3": self.env._("0-3 days"),
            "4_7": self.env._("4-7 days"),
            "8_30": self.env._("8-30 days"),
            "31_more": self.env._("Over 30 days"),
        }
        return [
            self._kpi_age_parts(REPAIR_AGES, map(int, counts.get(index, ())), labels)
            for index in range(len(periods))
        ]

    def _kpi_action_open_repair_count(self, estates, period):
        cutoff = self._kpi_cutoff(period)
        _start, end = self._kpi_utc_bounds(period._replace(date_from=cutoff, date_to=cutoff))
        return self._kpi_request_action(
            [
                ("estate_id", "in", estates.ids),
                ("maintenance_type", "=", "corrective"),
                ("archive", "=", False),
                "|",
                "&",
                ("reported_at", "!=", False),
                ("reported_at", "<", end),
                "&",
                ("reported_at", "=", False),
                ("create_date", "<", end),
                "|",
                ("stage_id.done", "=", False),
                ("done_at", ">=", end),
            ],
            self.env._("Open Repair Requests"),
        )
