from odoo import fields, models
from odoo.tools import SQL

from .ticket_constants import TICKET_KINDS


class PropertyHelpdeskTicketReport(models.Model):
    """Service KPIs per ticket, to be grouped by estate, team, category and
    month: averages over the rows where a figure applies (NULL elsewhere)."""

    _name = "property.helpdesk.ticket.report"
    _description = "Service KPIs"
    _auto = False
    _rec_name = "ticket_id"
    _order = "create_date desc"

    ticket_id = fields.Many2one(comodel_name="helpdesk.ticket", readonly=True)
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
    ticket_count = fields.Integer(string="Tickets", readonly=True, aggregator="sum")
    response_time_hours = fields.Float(string="Response Time (h)", readonly=True, aggregator="avg")
    resolution_time_hours = fields.Float(
        string="Resolution Time (h)", readonly=True, aggregator="avg"
    )
    timeliness_rate = fields.Float(
        string="Timeliness Rate (%)",
        readonly=True,
        aggregator="avg",
        help="Share of the tickets done under an SLA rule that were done on time.",
    )
    rating = fields.Float(string="Rating (1-5)", readonly=True, aggregator="avg")
    satisfaction_rate = fields.Float(
        string="Satisfaction Rate (%)",
        readonly=True,
        aggregator="avg",
        help="Share of rated tickets rated 4 or 5.",
    )
    complaint_closure_rate = fields.Float(
        string="Complaint Closure Rate (%)",
        readonly=True,
        aggregator="avg",
        help="Share of complaints that are closed.",
    )
    follow_up_satisfaction_rate = fields.Float(
        string="Follow-up Satisfaction (%)",
        readonly=True,
        aggregator="avg",
        help="Share of follow-up visits where the owner was satisfied.",
    )

    @property
    def _table_query(self):
        return SQL(
            """
            SELECT t.id AS id,
                   t.id AS ticket_id,
                   t.create_date,
                   t.company_id,
                   t.estate_id,
                   t.team_id,
                   t.category_id,
                   t.user_id,
                   t.ticket_kind,
                   t.property_state,
                   1 AS ticket_count,
                   CASE WHEN t.first_response_date IS NOT NULL
                        THEN t.response_time_hours END AS response_time_hours,
                   CASE WHEN t.work_done_date IS NOT NULL
                        THEN t.resolution_time_hours END AS resolution_time_hours,
                   CASE WHEN t.work_done_date IS NOT NULL AND t.sla_rule_id IS NOT NULL
                        THEN CASE WHEN t.resolved_on_time THEN 100.0 ELSE 0.0 END
                   END AS timeliness_rate,
                   t.owner_rating::float AS rating,
                   CASE WHEN t.owner_rating IS NOT NULL
                        THEN CASE WHEN t.owner_rating IN ('4', '5') THEN 100.0 ELSE 0.0 END
                   END AS satisfaction_rate,
                   CASE WHEN t.ticket_kind = 'complaint' AND t.property_state != 'cancelled'
                        THEN CASE WHEN t.property_state = 'closed' THEN 100.0 ELSE 0.0 END
                   END AS complaint_closure_rate,
                   CASE WHEN t.follow_up_result IS NOT NULL
                        THEN CASE WHEN t.follow_up_result = 'satisfied' THEN 100.0 ELSE 0.0 END
                   END AS follow_up_satisfaction_rate
              FROM helpdesk_ticket t
             WHERE t.active
            """
        )
