from odoo import fields, models
from odoo.tools import SQL

from .ticket_constants import TICKET_KINDS

# What a row of the report counts, each on its own date: a ticket has one row
# per event it went through.
REPORT_EVENTS = [
    ("received", "Reported"),
    ("response", "Response clock stopped"),
    ("responded", "Responded"),
    ("resolution", "Resolution clock stopped"),
    ("work_done", "Work done"),
    ("closed", "Closed"),
    ("first_closed", "Closed for the first time"),
]

# The measures of the report: each is set on the rows of one event only, so
# that its average over any group of rows is the figure of that group (a
# rate of 100/0 rows is the share of the rows at 100). ``property.kpi`` sums
# the same columns.
REPORT_MEASURES = (
    "response_on_time_rate",
    "response_work_hours",
    "resolution_on_time_rate",
    "resolution_work_hours",
    "reopen_rate",
    "feedback_rate",
    "satisfaction_rate",
    "follow_up_rate",
)


class PropertyHelpdeskTicketReport(models.Model):
    """Service KPIs (服务指标): one row per ticket and event, dated when the
    event happened, to be grouped by estate, team, category, kind and month.

    The rows are those the dashboard's figures (``property.kpi``, see
    ``property_kpi.py``) count, by the same definitions: a month of the
    pivot shows the dashboard's figures of that month. Each measure is set
    on the rows of its event only (empty elsewhere), so that its average is
    the figure: the on-time rates are 100 or 0 on the rows of the stopped
    clocks, and a ticket flagged breached is never on time."""

    _name = "property.helpdesk.ticket.report"
    _description = "Service KPIs"
    _auto = False
    _rec_name = "ticket_id"
    _order = "date desc, id desc"

    ticket_id = fields.Many2one(comodel_name="helpdesk.ticket", readonly=True)
    event = fields.Selection(
        selection=REPORT_EVENTS,
        string="Counted As",
        readonly=True,
        help="What the row counts: the ticket's report, the stop of its response or "
        "resolution clock (at the first response or the work done, or at the deadline when "
        "it was missed), its first response, its work done, its closing.",
    )
    date = fields.Datetime(string="Date", readonly=True, help="When the event happened.")
    create_date = fields.Datetime(string="Reported On", readonly=True)
    company_id = fields.Many2one(comodel_name="res.company", readonly=True)
    estate_id = fields.Many2one(comodel_name="property.estate", readonly=True)
    team_id = fields.Many2one(comodel_name="helpdesk.ticket.team", readonly=True)
    category_id = fields.Many2one(comodel_name="helpdesk.ticket.category", readonly=True)
    user_id = fields.Many2one(comodel_name="res.users", string="Technician", readonly=True)
    ticket_kind = fields.Selection(selection=TICKET_KINDS, string="Kind", readonly=True)
    property_state = fields.Selection(
        selection=lambda self: self.env["helpdesk.ticket.stage"]
        ._fields["property_state"]
        .selection,
        string="Service Step",
        readonly=True,
    )
    ticket_count = fields.Integer(
        string="Tickets",
        readonly=True,
        aggregator="sum",
        help="Tickets reported (cancelled ones left out).",
    )
    response_on_time_rate = fields.Float(
        string="Response On-Time Rate (%)",
        readonly=True,
        aggregator="avg",
        help="Tickets whose response clock stopped within its SLA ÷ tickets whose response "
        "clock stopped (at the first response, or at the deadline when it was missed).",
    )
    response_work_hours = fields.Float(
        string="Response Time (working h)",
        readonly=True,
        aggregator="avg",
        help="Average working hours from the report to the first response, pauses left out.",
    )
    resolution_on_time_rate = fields.Float(
        string="Resolution On-Time Rate (%)",
        readonly=True,
        aggregator="avg",
        help="Tickets whose resolution clock stopped within its SLA ÷ tickets whose "
        "resolution clock stopped (at the work done, or at the deadline when it was missed).",
    )
    resolution_work_hours = fields.Float(
        string="Resolution Time (working h)",
        readonly=True,
        aggregator="avg",
        help="Average working hours from the report until the work was done, pauses left out.",
    )
    reopen_rate = fields.Float(
        string="Reopen Rate (%)",
        readonly=True,
        aggregator="avg",
        help="Tickets closed for the first time and reopened since ÷ tickets closed for the "
        "first time.",
    )
    feedback_rate = fields.Float(
        string="Feedback Rate (%)",
        readonly=True,
        aggregator="avg",
        help="Closed tickets rated by the owner or with a follow-up visit done ÷ closed tickets.",
    )
    satisfaction_rate = fields.Float(
        string="Satisfaction Rate (%)",
        readonly=True,
        aggregator="avg",
        help="Closed tickets whose owner was satisfied (rating 4 or 5, follow-up visit "
        "satisfied, and neither dissatisfied) ÷ closed tickets with a rating or a visit.",
    )
    rating = fields.Float(string="Rating (1-5)", readonly=True, aggregator="avg")
    follow_up_rate = fields.Float(
        string="Follow-up Rate (%)",
        readonly=True,
        aggregator="avg",
        help="Closed tickets with their follow-up visit done ÷ closed tickets that need one.",
    )
    follow_up_satisfaction_rate = fields.Float(
        string="Follow-up Satisfaction (%)",
        readonly=True,
        aggregator="avg",
        help="Share of follow-up visits where the owner was satisfied.",
    )
    complaint_closure_rate = fields.Float(
        string="Complaint Closure Rate (%)",
        readonly=True,
        aggregator="avg",
        help="Share of the complaints reported that are closed.",
    )

    @property
    def _table_query(self):
        return self._get_rows_query()

    def _get_rows_query(self, where=None):
        """The rows of the report, as SQL; ``where`` (SQL on the ticket ``t``)
        narrows them (``property.kpi`` passes its estates)."""
        rated = SQL("(t.owner_rating IS NOT NULL OR t.follow_up_result IS NOT NULL)")
        return SQL(
            """
            SELECT t.id * 10 + event.seq AS id,
                   t.id AS ticket_id,
                   event.name AS event,
                   event.date AS date,
                   t.create_date,
                   t.company_id,
                   t.estate_id,
                   t.team_id,
                   t.category_id,
                   t.user_id,
                   t.ticket_kind,
                   t.property_state,
                   CASE WHEN event.name = 'received' THEN 1 ELSE 0 END AS ticket_count,
                   CASE WHEN event.name = 'response'
                        THEN CASE WHEN t.response_breached THEN 0.0 ELSE 100.0 END
                   END AS response_on_time_rate,
                   CASE WHEN event.name = 'responded'
                        THEN t.response_work_hours END AS response_work_hours,
                   CASE WHEN event.name = 'resolution'
                        THEN CASE WHEN t.resolution_breached THEN 0.0 ELSE 100.0 END
                   END AS resolution_on_time_rate,
                   CASE WHEN event.name = 'work_done'
                        THEN t.resolution_work_hours END AS resolution_work_hours,
                   CASE WHEN event.name = 'first_closed'
                        THEN CASE WHEN t.reopened_date IS NOT NULL THEN 100.0 ELSE 0.0 END
                   END AS reopen_rate,
                   CASE WHEN event.name = 'closed'
                        THEN CASE WHEN %(rated)s THEN 100.0 ELSE 0.0 END
                   END AS feedback_rate,
                   CASE WHEN event.name = 'closed' AND %(rated)s
                        THEN CASE WHEN COALESCE(t.owner_rating IN ('4', '5'), TRUE)
                                   AND COALESCE(t.follow_up_result = 'satisfied', TRUE)
                                  THEN 100.0 ELSE 0.0 END
                   END AS satisfaction_rate,
                   CASE WHEN event.name = 'closed'
                        THEN t.owner_rating::float END AS rating,
                   CASE WHEN event.name = 'closed' AND t.follow_up_required
                        THEN CASE WHEN t.follow_up_state = 'done' THEN 100.0 ELSE 0.0 END
                   END AS follow_up_rate,
                   CASE WHEN event.name = 'closed' AND t.follow_up_result IS NOT NULL
                        THEN CASE WHEN t.follow_up_result = 'satisfied' THEN 100.0 ELSE 0.0 END
                   END AS follow_up_satisfaction_rate,
                   CASE WHEN event.name = 'received' AND t.ticket_kind = 'complaint'
                        THEN CASE WHEN t.property_state = 'closed' THEN 100.0 ELSE 0.0 END
                   END AS complaint_closure_rate
              FROM helpdesk_ticket t
             CROSS JOIN LATERAL (VALUES
                   -- Reported: when the SLA clock started (the creation, or
                   -- earlier when the request was made earlier).
                   (0, 'received', COALESCE(t.sla_start_date, t.create_date)),
                   -- A clock stops at the first response or the work done; a
                   -- missed deadline stops it as late, on the deadline.
                   (1, 'response', CASE WHEN t.sla_rule_id IS NOT NULL THEN
                        CASE WHEN t.response_breached
                             THEN COALESCE(t.response_deadline, t.first_response_date)
                             ELSE t.first_response_date END END),
                   (2, 'responded', CASE WHEN t.sla_rule_id IS NOT NULL
                                         THEN t.first_response_date END),
                   (3, 'resolution', CASE WHEN t.sla_rule_id IS NOT NULL THEN
                        CASE WHEN t.resolution_breached
                             THEN COALESCE(t.resolution_deadline, t.work_done_date)
                             ELSE t.work_done_date END END),
                   (4, 'work_done', CASE WHEN t.sla_rule_id IS NOT NULL
                                         THEN t.work_done_date END),
                   (5, 'closed', CASE WHEN t.property_state = 'closed' THEN t.closed_date END),
                   (6, 'first_closed', t.first_closed_date)
                  ) AS event(seq, name, date)
             WHERE t.active
               AND t.property_state IS DISTINCT FROM 'cancelled'
               AND event.date IS NOT NULL
               AND %(where)s
            """,
            rated=rated,
            where=where or SQL("TRUE"),
        )
