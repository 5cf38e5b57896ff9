from odoo import api, fields, models
from odoo.exceptions import AccessError
from odoo.fields import Domain
from odoo.tools import SQL

from .property_helpdesk_ticket_report import REPORT_MEASURES
from .ticket_constants import TICKET_KINDS


class PropertyKpi(models.AbstractModel):
    """The customer-service figures (客户服务) of the dashboard.

    They count the rows of the service KPI report
    (``property.helpdesk.ticket.report``, one row per ticket and event, see
    ``_get_rows_query``), so that the report, the dashboard and the lists
    behind them agree. Cancelled and archived tickets are left out of every
    figure, and so are tickets about no estate (internal ones). A ticket's
    event falls in a period by its date in the user's time zone.

    The SLA clocks: a response or resolution clock stops at the first
    response or at the work done, or — when its deadline passes first and
    the ticket is flagged breached (by the clock itself, or by the
    escalation cron of every 5 minutes) — at the deadline, as late. A ticket
    flagged breached is never counted on time, whether it is still open or
    done since. Tickets without an SLA rule have no clock and no place in the
    on-time rates and the averages."""

    _inherit = "property.kpi"

    @api.model
    def _kpi_sections(self):
        return [
            *super()._kpi_sections(),
            {"key": "service", "label": self.env._("Service"), "sequence": 30},
        ]

    @api.model
    def _kpi_figures(self):
        figure = {"section": "service"}
        return [
            *super()._kpi_figures(),
            dict(
                figure,
                key="ticket_count",
                sequence=310,
                label=self.env._("Tickets Received"),
                unit="count",
                better="down",
                help=self.env._(
                    "Tickets reported in the period (cancelled ones left out), by kind."
                ),
            ),
            dict(
                figure,
                key="response_on_time_rate",
                sequence=320,
                label=self.env._("Response On-Time Rate"),
                unit="percent",
                better="up",
                help=self.env._(
                    "Tickets whose response clock stopped within its SLA ÷ tickets whose "
                    "response clock stopped in the period: at the first response, or at the "
                    "deadline when it was missed. A ticket flagged breached is never on time."
                ),
            ),
            dict(
                figure,
                key="resolution_on_time_rate",
                sequence=330,
                label=self.env._("Resolution On-Time Rate"),
                unit="percent",
                better="up",
                help=self.env._(
                    "Tickets whose resolution clock stopped within its SLA ÷ tickets whose "
                    "resolution clock stopped in the period: when the work was done, or at the "
                    "deadline when it was missed. A ticket flagged breached is never on time."
                ),
            ),
            dict(
                figure,
                key="response_hours",
                sequence=340,
                label=self.env._("Average Response Time"),
                unit="hours",
                better="down",
                help=self.env._(
                    "Average working hours of the SLA clock from the report to the first "
                    "response, of the tickets first responded to in the period."
                ),
            ),
            dict(
                figure,
                key="resolution_hours",
                sequence=350,
                label=self.env._("Average Resolution Time"),
                unit="hours",
                better="down",
                help=self.env._(
                    "Average working hours of the SLA clock from the report until the work was "
                    "done, the time waiting on the owner left out, of the tickets done in the "
                    "period."
                ),
            ),
            dict(
                figure,
                key="reopen_rate",
                sequence=360,
                label=self.env._("Reopen Rate"),
                unit="percent",
                better="down",
                help=self.env._(
                    "Tickets closed for the first time in the period that were reopened since "
                    "÷ tickets closed for the first time in the period."
                ),
            ),
            dict(
                figure,
                key="satisfaction_rate",
                sequence=370,
                label=self.env._("Satisfaction"),
                unit="percent",
                better="up",
                help=self.env._(
                    "Tickets closed in the period whose owner was satisfied (rating 4 or 5, "
                    "or follow-up visit satisfied, and neither dissatisfied) ÷ those rated or "
                    "visited."
                ),
            ),
            dict(
                figure,
                key="feedback_rate",
                sequence=380,
                label=self.env._("Feedback Rate"),
                unit="percent",
                better="up",
                help=self.env._(
                    "Tickets closed in the period rated by the owner or with a follow-up visit "
                    "done ÷ tickets closed in the period."
                ),
            ),
            dict(
                figure,
                key="follow_up_rate",
                sequence=390,
                label=self.env._("Follow-up Rate"),
                unit="percent",
                better="up",
                help=self.env._(
                    "Tickets closed in the period with their follow-up visit done ÷ tickets "
                    "closed in the period that need one."
                ),
            ),
            dict(
                figure,
                key="complaint_rate",
                sequence=395,
                label=self.env._("Complaints per 100 Units"),
                unit="number",
                better="down",
                help=self.env._(
                    "Complaints reported in the period (cancelled ones left out) per 100 units "
                    "of the estates."
                ),
            ),
        ]

    def _kpi_service_check_access(self):
        """The figures count the tickets of whole estates: for those who may
        read them, not for field staff (who see the tickets dispatched to
        them only)."""
        self.env["helpdesk.ticket"].check_access("read")
        if self.env.user._property_helpdesk_scope() == "assigned":
            raise AccessError(self.env._("The service figures are for the desk and managers."))

    def _kpi_service_rows(self, estates, periods):
        """For each period, the service rows of the estates summed:
        ``{"kinds": {kind: tickets reported}, measure: (sum, count)}`` for the
        measures of the report (``REPORT_MEASURES``). One query, its rows
        summed by the spans between the periods' bounds (every period is a
        run of them), then into the periods here; shared by the figures of
        one dashboard call."""
        self._kpi_service_check_access()
        key = ("service_rows", tuple(estates.ids), tuple(periods), str(self.env.tz))
        return self._kpi_memo(key, lambda: self._kpi_service_rows_read(estates, periods))

    def _kpi_service_rows_read(self, estates, periods):
        for model in ("helpdesk.ticket", "property.helpdesk.sla.pause"):
            self.env[model].flush_model()
        bounds = [self._kpi_utc_bounds(period) for period in periods]
        thresholds = sorted({moment for bound in bounds for moment in bound})
        start, end = thresholds[0], thresholds[-1]
        # Every event of a ticket comes after its report: a ticket reported
        # after the span, or with all its dates before it, has no row in it.
        Report = self.env["property.helpdesk.ticket.report"]
        rows = Report._get_rows_query(
            SQL(
                """t.estate_id IN %(estates)s
                   AND COALESCE(t.sla_start_date, t.create_date) < %(end)s
                   AND GREATEST(t.create_date, t.sla_start_date, t.first_response_date,
                                t.response_deadline, t.work_done_date, t.resolution_deadline,
                                t.closed_date, t.first_closed_date) >= %(start)s""",
                estates=tuple(estates.ids),
                start=start,
                end=end,
            )
        )
        self.env.cr.execute(
            SQL(
                """
                SELECT width_bucket(row.date, %(thresholds)s::timestamp[]) AS span,
                       row.ticket_kind,
                       SUM(row.ticket_count),
                       %(measures)s
                  FROM (%(rows)s) AS row
                 WHERE row.date >= %(start)s AND row.date < %(end)s
                 GROUP BY 1, 2
                """,
                thresholds=thresholds,
                measures=SQL(", ").join(
                    SQL("SUM(%(m)s), COUNT(%(m)s)", m=SQL.identifier("row", measure))
                    for measure in REPORT_MEASURES
                ),
                rows=rows,
                start=start,
                end=end,
            )
        )
        values = [
            {"kinds": dict.fromkeys([kind for kind, _label in TICKET_KINDS], 0)}
            | dict.fromkeys(REPORT_MEASURES, (0.0, 0))
            for _period in periods
        ]
        for span, kind, received, *sums in self.env.cr.fetchall():
            # Span n runs from thresholds[n - 1] to thresholds[n].
            for value, (period_start, period_end) in zip(values, bounds, strict=True):
                if not period_start <= thresholds[span - 1] < period_end:
                    continue
                value["kinds"][kind] = value["kinds"].get(kind, 0) + received
                for position, measure in enumerate(REPORT_MEASURES):
                    total, count = value[measure]
                    value[measure] = (
                        total + (sums[2 * position] or 0.0),
                        count + sums[2 * position + 1],
                    )
        return values

    def _kpi_service_rates(self, estates, periods, measure):
        """A rate of the report's 100/0 rows: rows at 100 ÷ rows, in %."""
        return [
            self._kpi_rate(round(total / 100), count)
            for total, count in (
                value[measure] for value in self._kpi_service_rows(estates, periods)
            )
        ]

    def _kpi_service_averages(self, estates, periods, measure):
        return [
            total / count if count else None
            for total, count in (
                value[measure] for value in self._kpi_service_rows(estates, periods)
            )
        ]

    def _kpi_service_action(self, estates, period, domain, label):
        """The tickets of ``domain`` in the estates (cancelled ones left out),
        in the ticket list."""
        self._kpi_service_check_access()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "property_helpdesk.helpdesk_ticket_action_property"
        )
        action["name"] = label
        action["domain"] = list(
            Domain("estate_id", "in", estates.ids)
            & Domain("property_state", "!=", "cancelled")
            & Domain(domain)
        )
        action["context"] = {}
        action["view_mode"] = "list,form,kanban,pivot"
        action["views"] = [(False, mode) for mode in action["view_mode"].split(",")]
        return action

    def _kpi_service_in(self, field, period):
        start, end = map(fields.Datetime.to_string, self._kpi_utc_bounds(period))
        return Domain(field, ">=", start) & Domain(field, "<", end)

    def _kpi_service_reported_in(self, period):
        """Reported in the period: the SLA start (the creation, or when the
        request was made if a manager moved it), else the creation."""
        return self._kpi_service_in("sla_start_date", period) | (
            Domain("sla_start_date", "=", False) & self._kpi_service_in("create_date", period)
        )

    def _kpi_service_clock_stopped(self, clock, period):
        """Tickets whose ``clock`` (``response`` or ``resolution``) stopped
        in the period: at its end when kept, at its deadline when missed."""
        end = {"response": "first_response_date", "resolution": "work_done_date"}[clock]
        breached = f"{clock}_breached"
        deadline = f"{clock}_deadline"
        return Domain("sla_rule_id", "!=", False) & (
            (Domain(breached, "=", False) & self._kpi_service_in(end, period))
            | (Domain(breached, "=", True) & self._kpi_service_in(deadline, period))
            | (
                Domain(breached, "=", True)
                & Domain(deadline, "=", False)
                & self._kpi_service_in(end, period)
            )
        )

    def _kpi_service_closed_in(self, period):
        return Domain("property_state", "=", "closed") & self._kpi_service_in("closed_date", period)

    # ------------------------------------------------------------
    # Figures
    # ------------------------------------------------------------

    def _kpi_ticket_count(self, estates, periods):
        """Tickets (工单量): tickets reported in the period (their SLA start:
        the creation, or the time the request was made when a manager moved
        it), cancelled ones left out; parts: by kind (repair, complaint,
        inquiry, suggestion)."""
        labels = dict(
            self.env["helpdesk.ticket"]._fields["ticket_kind"]._description_selection(self.env)
        )
        return [
            {
                "value": sum(value["kinds"].values()),
                "parts": [
                    {"key": kind, "label": labels[kind], "value": value["kinds"].get(kind, 0)}
                    for kind, _label in TICKET_KINDS
                ],
            }
            for value in self._kpi_service_rows(estates, periods)
        ]

    def _kpi_action_ticket_count(self, estates, period):
        """The tickets reported in the period."""
        return self._kpi_service_action(
            estates, period, self._kpi_service_reported_in(period), self.env._("Tickets Received")
        )

    def _kpi_response_on_time_rate(self, estates, periods):
        """Response on-time rate (响应及时率): tickets whose response clock
        stopped within the SLA ÷ tickets under an SLA rule whose response
        clock stopped in the period, in %. The clock stops at the first
        response (dispatch or start of the work); a ticket flagged
        ``response_breached`` (answered late, or not answered by its deadline
        and flagged by the cron) stopped it late, at its deadline, whether
        answered since or not."""
        return self._kpi_service_rates(estates, periods, "response_on_time_rate")

    def _kpi_action_response_on_time_rate(self, estates, period):
        """The denominator: the tickets whose response clock stopped."""
        return self._kpi_service_action(
            estates,
            period,
            self._kpi_service_clock_stopped("response", period),
            self.env._("Response On-Time Rate"),
        )

    def _kpi_resolution_on_time_rate(self, estates, periods):
        """Resolution on-time rate (办结及时率): tickets whose resolution clock
        stopped within the SLA ÷ tickets under an SLA rule whose resolution
        clock stopped in the period, in %. The clock stops when the work is
        done (the owner's confirmation does not count, as in the SLA rule); a
        ticket flagged ``resolution_breached`` stopped it late, at its
        deadline. A reopened ticket is back to work: its clock runs on from
        its start, and it counts again when done again (or late)."""
        return self._kpi_service_rates(estates, periods, "resolution_on_time_rate")

    def _kpi_action_resolution_on_time_rate(self, estates, period):
        """The denominator: the tickets whose resolution clock stopped."""
        return self._kpi_service_action(
            estates,
            period,
            self._kpi_service_clock_stopped("resolution", period),
            self.env._("Resolution On-Time Rate"),
        )

    def _kpi_response_hours(self, estates, periods):
        """Average response time (平均响应时长): average working hours of the
        SLA clock (its rule's calendar, pauses left out) from the report to
        the first response, of the tickets under an SLA rule first responded
        to in the period."""
        return self._kpi_service_averages(estates, periods, "response_work_hours")

    def _kpi_action_response_hours(self, estates, period):
        """The tickets averaged."""
        return self._kpi_service_action(
            estates,
            period,
            Domain("sla_rule_id", "!=", False)
            & self._kpi_service_in("first_response_date", period),
            self.env._("Average Response Time"),
        )

    def _kpi_resolution_hours(self, estates, periods):
        """Average resolution time (平均办结时长): average working hours of the
        SLA clock from the report until the work was done, the pauses
        (waiting on the owner) left out, of the tickets under an SLA rule
        done in the period."""
        return self._kpi_service_averages(estates, periods, "resolution_work_hours")

    def _kpi_action_resolution_hours(self, estates, period):
        """The tickets averaged."""
        return self._kpi_service_action(
            estates,
            period,
            Domain("sla_rule_id", "!=", False) & self._kpi_service_in("work_done_date", period),
            self.env._("Average Resolution Time"),
        )

    def _kpi_reopen_rate(self, estates, periods):
        """Reopen rate (重开率): tickets closed for the first time in the
        period and reopened since (sent back to work after being closed, by
        the owner, the desk or a move of stage: ``reopened_date``) ÷ tickets
        closed for the first time in the period, in %. Work sent back before
        it was closed (the owner refusing it, a failed quality check) is not
        a reopening: it shows in the resolution time."""
        return self._kpi_service_rates(estates, periods, "reopen_rate")

    def _kpi_action_reopen_rate(self, estates, period):
        """The denominator: the tickets closed for the first time."""
        return self._kpi_service_action(
            estates,
            period,
            self._kpi_service_in("first_closed_date", period),
            self.env._("Reopen Rate"),
        )

    def _kpi_satisfaction_rate(self, estates, periods):
        """Satisfaction (满意度): tickets closed in the period whose owner was
        satisfied ÷ those rated (an owner rating, or a follow-up visit done),
        in %. Satisfied: rated 4 or 5 if rated, found satisfied by the
        follow-up visit if visited, and neither dissatisfied (a rating of 3
        is not satisfied)."""
        return self._kpi_service_rates(estates, periods, "satisfaction_rate")

    def _kpi_action_satisfaction_rate(self, estates, period):
        """The denominator: the closed tickets rated or visited."""
        return self._kpi_service_action(
            estates,
            period,
            self._kpi_service_closed_in(period)
            & (Domain("owner_rating", "!=", False) | Domain("follow_up_result", "!=", False)),
            self.env._("Satisfaction"),
        )

    def _kpi_feedback_rate(self, estates, periods):
        """Feedback rate (评价率): tickets closed in the period rated by the
        owner or with a follow-up visit done ÷ tickets closed in the period
        (and still closed), in %."""
        return self._kpi_service_rates(estates, periods, "feedback_rate")

    def _kpi_action_feedback_rate(self, estates, period):
        """The denominator: the tickets closed in the period."""
        return self._kpi_service_action(
            estates, period, self._kpi_service_closed_in(period), self.env._("Feedback Rate")
        )

    def _kpi_follow_up_rate(self, estates, periods):
        """Follow-up rate (回访率): tickets closed in the period with their
        follow-up visit done ÷ tickets closed in the period that need one
        (complaints, and tickets a visit was asked for), in %."""
        return self._kpi_service_rates(estates, periods, "follow_up_rate")

    def _kpi_action_follow_up_rate(self, estates, period):
        """The denominator: the closed tickets that need a follow-up visit."""
        return self._kpi_service_action(
            estates,
            period,
            self._kpi_service_closed_in(period) & Domain("follow_up_required", "=", True),
            self.env._("Follow-up Rate"),
        )

    def _kpi_complaint_rate(self, estates, periods):
        """Complaints per 100 units (投诉率): complaints reported in the period
        (cancelled ones left out) × 100 ÷ the units of the estates at the end
        of the period; undefined without units."""
        units = self._kpi_unit_counts(estates, periods)
        return [
            100.0 * value["kinds"]["complaint"] / total if total else None
            for value, (total, _occupied) in zip(
                self._kpi_service_rows(estates, periods), units, strict=True
            )
        ]

    def _kpi_action_complaint_rate(self, estates, period):
        """The numerator: the complaints reported in the period."""
        return self._kpi_service_action(
            estates,
            period,
            Domain("ticket_kind", "=", "complaint") & self._kpi_service_reported_in(period),
            self.env._("Complaints per 100 Units"),
        )
