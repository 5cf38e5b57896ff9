from odoo import api, fields, models
from odoo.exceptions import ValidationError

from .ticket_constants import OPEN_STATES, TICKET_KINDS, TICKET_PRIORITIES

# Fields whose change moves the deadlines of the tickets a rule governs.
PLANNING_FIELDS = {
    "response_hours",
    "resolution_hours",
    "calendar_mode",
    "resource_calendar_id",
    "at_risk_percent",
}
# Fields whose change can move a ticket to another rule.
MATCHING_FIELDS = {"ticket_kind", "category_ids", "priority", "estate_ids", "active", "sequence"}


class PropertyHelpdeskSlaRule(models.Model):
    _name = "property.helpdesk.sla.rule"
    _description = "Service-Level Rule"
    _inherit = ["mail.thread", "property.input.mixin"]
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True, tracking=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True, tracking=True)
    company_id = fields.Many2one(
        comodel_name="res.company", required=True, index=True, default=lambda s: s.env.company
    )
    ticket_kind = fields.Selection(
        selection=TICKET_KINDS, string="Kind", required=True, tracking=True
    )
    category_ids = fields.Many2many(
        comodel_name="helpdesk.ticket.category",
        string="Categories",
        help="Empty for every category of the kind.",
    )
    priority = fields.Selection(
        selection=TICKET_PRIORITIES,
        string="Urgency",
        tracking=True,
        help="Empty for every urgency.",
    )
    estate_ids = fields.Many2many(
        comodel_name="property.estate", string="Estates", help="Empty for every estate."
    )
    response_hours = fields.Float(
        string="First Response (hours)",
        required=True,
        tracking=True,
        help="Time to the first response: dispatch to a technician or start of the work.",
    )
    resolution_hours = fields.Float(
        string="Resolution (hours)",
        required=True,
        tracking=True,
        help="Time until the work is done (the owner's confirmation does not count).",
    )
    calendar_mode = fields.Selection(
        selection=[
            ("estate", "Estate working hours"),
            ("calendar", "Specific working hours"),
            ("always", "24×7"),
        ],
        string="Counted In",
        required=True,
        default="estate",
        tracking=True,
        help="Hours count in the working hours of the ticket's estate (public holidays "
        "are leaves of that calendar), in the working hours given here, or round the clock.",
    )
    resource_calendar_id = fields.Many2one(
        comodel_name="resource.calendar", string="Working Hours", tracking=True
    )
    at_risk_percent = fields.Integer(
        string="At Risk After (%)",
        default=80,
        help="A ticket is at risk once it used this share of its time.",
    )
    escalation_delay_hours = fields.Float(
        string="Escalate to Manager After (hours)",
        default=2.0,
        help="Wall-clock hours after the escalation to the team leader before a ticket "
        "that is still open goes to the estate manager.",
    )
    open_ticket_count = fields.Integer(compute="_compute_open_ticket_count")

    def _compute_open_ticket_count(self):
        counts = dict(
            self.env["helpdesk.ticket"]._read_group(
                [("sla_rule_id", "in", self.ids), ("property_state", "in", OPEN_STATES)],
                ["sla_rule_id"],
                ["__count"],
            )
        )
        for rule in self:
            rule.open_ticket_count = counts.get(rule, 0)

    @api.constrains("response_hours", "resolution_hours", "at_risk_percent")
    def _check_targets(self):
        for rule in self:
            if rule.response_hours <= 0 or rule.resolution_hours <= 0:
                raise ValidationError(
                    self.env._(
                        "The first-response and resolution targets of rule %(rule)s must be "
                        "more than zero hours.",
                        rule=rule.name,
                    )
                )
            if rule.response_hours > rule.resolution_hours:
                raise ValidationError(
                    self.env._(
                        "The first-response target of rule %(rule)s cannot be longer than "
                        "its resolution target.",
                        rule=rule.name,
                    )
                )
            if not 1 <= rule.at_risk_percent <= 99:
                raise ValidationError(
                    self.env._("The at-risk share of a rule must be between 1% and 99%.")
                )

    @api.constrains("calendar_mode", "resource_calendar_id")
    def _check_calendar(self):
        for rule in self:
            if rule.calendar_mode == "calendar" and not rule.resource_calendar_id:
                raise ValidationError(
                    self.env._(
                        "Rule %(rule)s counts in specific working hours: choose them.",
                        rule=rule.name,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        rules = super().create(vals_list)
        rules._rematch_open_tickets()
        return rules

    def write(self, vals):
        res = super().write(vals)
        if MATCHING_FIELDS & vals.keys():
            self._rematch_open_tickets()
        elif PLANNING_FIELDS & vals.keys():
            tickets = self.env["helpdesk.ticket"].search(
                [("sla_rule_id", "in", self.ids), ("property_state", "in", OPEN_STATES)]
            )
            tickets._sla_plan()
        return res

    def _rematch_open_tickets(self):
        """Give the open tickets of the rules' kinds the rule that now fits them
        and re-plan their deadlines (always from their own start: an SLA clock
        never restarts)."""
        kinds = set(self.with_context(active_test=False).mapped("ticket_kind"))
        tickets = self.env["helpdesk.ticket"].search(
            [
                ("ticket_kind", "in", list(kinds)),
                ("property_state", "in", OPEN_STATES),
                ("company_id", "in", self.company_id.ids),
            ]
        )
        tickets._sla_assign_rule(force_plan=self)

    def _get_calendar(self, estate):
        """Working hours the rule counts in for a ticket of ``estate``; an empty
        recordset means round the clock. A ticket about no estate (an internal
        one) counts in the working hours of the rule's company."""
        self.ensure_one()
        if self.calendar_mode == "always":
            return self.env["resource.calendar"]
        if self.calendar_mode == "calendar":
            return self.resource_calendar_id
        if not estate:
            return self.company_id.resource_calendar_id
        return estate.resource_calendar_id

    def _match_score(self, ticket):
        """How specifically the rule fits ``ticket`` (higher is better), or None."""
        self.ensure_one()
        if self.ticket_kind != ticket.ticket_kind or self.company_id != ticket.company_id:
            return None
        if self.category_ids and ticket.category_id not in self.category_ids:
            return None
        if self.priority and self.priority != ticket.priority:
            return None
        if self.estate_ids and ticket.estate_id not in self.estate_ids:
            return None
        return (bool(self.estate_ids), bool(self.category_ids), bool(self.priority), -self.sequence)

    def action_view_open_tickets(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "property_helpdesk.helpdesk_ticket_action_property"
        )
        action["domain"] = [("sla_rule_id", "=", self.id), ("property_state", "in", OPEN_STATES)]
        action["context"] = {}
        return action
