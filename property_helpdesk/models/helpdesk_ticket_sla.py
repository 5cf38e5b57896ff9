from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.fields import Domain
from odoo.tools import format_datetime
from odoo.tools.i18n import format_list

from .ticket_constants import OPEN_STATES, SLA_STATUSES, SYSTEM_FIELDS


class HelpdeskTicket(models.Model):
    """The SLA clock of a ticket: its rule, its deadlines in working hours
    (``resource.calendar``, see ``resource_calendar.py``), its pauses while it
    waits on the owner, its status, and the response and resolution figures
    of the KPIs. Breaches and escalations: ``helpdesk_ticket_sla_escalation``."""

    _inherit = "helpdesk.ticket"

    sla_rule_id = fields.Many2one(
        comodel_name="property.helpdesk.sla.rule",
        string="SLA Rule",
        readonly=True,
        copy=False,
        index="btree_not_null",
    )
    sla_start_date = fields.Datetime(
        string="SLA Start",
        readonly=True,
        copy=False,
        help="When the SLA clock started: the ticket's creation. Never moved by edits.",
    )
    sla_pause_ids = fields.One2many(
        comodel_name="property.helpdesk.sla.pause",
        inverse_name="ticket_id",
        string="SLA Pauses",
        readonly=True,
        copy=False,
    )
    sla_paused_since = fields.Datetime(string="SLA Paused Since", readonly=True, copy=False)
    response_deadline = fields.Datetime(string="Respond Before", readonly=True, copy=False)
    resolution_deadline = fields.Datetime(string="Resolve Before", readonly=True, copy=False)
    response_warning_date = fields.Datetime(readonly=True, copy=False)
    resolution_warning_date = fields.Datetime(readonly=True, copy=False)
    first_response_date = fields.Datetime(string="First Response", readonly=True, copy=False)
    response_breached = fields.Boolean(readonly=True, copy=False)
    resolution_breached = fields.Boolean(readonly=True, copy=False)
    sla_status = fields.Selection(
        selection=SLA_STATUSES,
        string="SLA Status",
        compute="_compute_sla_status",
        search="_search_sla_status",
    )
    escalation_level = fields.Integer(readonly=True, copy=False, default=0)
    escalation_next_date = fields.Datetime(readonly=True, copy=False)

    # ------------------------------------------------------------------
    # KPI figures (wall-clock hours)
    # ------------------------------------------------------------------
    response_time_hours = fields.Float(
        string="Response Time (h)", readonly=True, copy=False, aggregator="avg"
    )
    resolution_time_hours = fields.Float(
        string="Resolution Time (h)", readonly=True, copy=False, aggregator="avg"
    )
    resolved_on_time = fields.Boolean(readonly=True, copy=False)
    # The SLA clock's own time (the dashboard's averages): working hours of
    # the rule's calendar, the pauses left out.
    response_work_hours = fields.Float(
        string="Response Working Time (h)",
        compute="_compute_work_hours",
        store=True,
        aggregator="avg",
        help="Working hours of the SLA clock from its start to the first response, the time "
        "spent waiting on the owner left out.",
    )
    resolution_work_hours = fields.Float(
        string="Resolution Working Time (h)",
        compute="_compute_work_hours",
        store=True,
        aggregator="avg",
        help="Working hours of the SLA clock from its start until the work was done, the time "
        "spent waiting on the owner left out.",
    )

    @api.depends(
        "sla_rule_id",
        "property_state",
        "sla_paused_since",
        "response_deadline",
        "resolution_deadline",
        "first_response_date",
        "work_done_date",
        "response_breached",
        "resolution_breached",
    )
    def _compute_sla_status(self):
        now = fields.Datetime.now()
        for ticket in self:
            ticket.sla_status = ticket._get_sla_status(now)

    @api.depends(
        "sla_rule_id",
        "estate_id",
        "sla_start_date",
        "first_response_date",
        "work_done_date",
        "sla_pause_ids.date_start",
        "sla_pause_ids.date_end",
    )
    def _compute_work_hours(self):
        cache = {}
        for ticket in self:
            if not ticket.sla_rule_id:
                ticket.response_work_hours = ticket.resolution_work_hours = 0.0
                continue
            calendar = ticket.sla_rule_id._get_calendar(ticket.estate_id)
            ticket.response_work_hours = ticket._sla_worked_hours(
                calendar, ticket.first_response_date, cache
            )
            ticket.resolution_work_hours = ticket._sla_worked_hours(
                calendar, ticket.work_done_date, cache
            )

    def _sla_worked_hours(self, calendar, end, cache):
        """Working hours of ``calendar`` from the SLA start to ``end``, less
        those of the pauses in between (0 without an end)."""
        self.ensure_one()
        start = self.sla_start_date or self.create_date
        if not start or not end or end <= start:
            return 0.0
        hours = calendar._property_work_hours_between(start, end, cache)
        for pause in self.sla_pause_ids:
            pause_start = max(pause.date_start, start)
            pause_end = min(pause.date_end or end, end)
            if pause_end > pause_start:
                hours -= calendar._property_work_hours_between(pause_start, pause_end, cache)
        return max(hours, 0.0)

    def _get_sla_status(self, now):
        self.ensure_one()
        if not self.sla_rule_id or self.property_state == "cancelled":
            return "none"
        if self.response_breached or self.resolution_breached:
            return "breached"
        if self.work_done_date or self.property_state in ("done", "closed"):
            return "breached" if not self.resolved_on_time and self.work_done_date else "met"
        if self.sla_paused_since:
            return "paused"
        pending_response = not self.first_response_date
        if (pending_response and self.response_deadline and self.response_deadline < now) or (
            self.resolution_deadline and self.resolution_deadline < now
        ):
            return "breached"
        if (
            pending_response and self.response_warning_date and self.response_warning_date < now
        ) or (self.resolution_warning_date and self.resolution_warning_date < now):
            return "at_risk"
        return "on_track"

    def _search_sla_status(self, operator, value):
        if operator not in ("in", "not in"):
            return NotImplemented
        now = fields.Datetime.now()
        running = (
            Domain("sla_rule_id", "!=", False)
            & Domain("property_state", "in", OPEN_STATES)
            & Domain("sla_paused_since", "=", False)
            & Domain("response_breached", "=", False)
            & Domain("resolution_breached", "=", False)
            & Domain("work_done_date", "=", False)
        )
        late = (
            Domain("first_response_date", "=", False) & Domain("response_deadline", "<", now)
        ) | Domain("resolution_deadline", "<", now)
        warned = (
            Domain("first_response_date", "=", False) & Domain("response_warning_date", "<", now)
        ) | Domain("resolution_warning_date", "<", now)
        breached_flag = Domain("response_breached", "=", True) | Domain(
            "resolution_breached", "=", True
        )
        finished = Domain("sla_rule_id", "!=", False) & (
            Domain("work_done_date", "!=", False)
            | Domain("property_state", "in", ("done", "closed"))
        )
        domains = {
            "none": Domain("sla_rule_id", "=", False) | Domain("property_state", "=", "cancelled"),
            "breached": Domain("sla_rule_id", "!=", False)
            & Domain("property_state", "!=", "cancelled")
            & (
                breached_flag
                | (
                    finished
                    & Domain("work_done_date", "!=", False)
                    & Domain("resolved_on_time", "=", False)
                )
                | (running & late)
            ),
            "met": finished
            & ~breached_flag
            & Domain("property_state", "!=", "cancelled")
            & (Domain("work_done_date", "=", False) | Domain("resolved_on_time", "=", True)),
            "paused": Domain("sla_rule_id", "!=", False)
            & Domain("property_state", "in", OPEN_STATES)
            & Domain("sla_paused_since", "!=", False)
            & ~breached_flag
            & Domain("work_done_date", "=", False),
            "at_risk": running & ~late & warned,
            "on_track": running & ~late & ~warned,
        }
        values = [value] if isinstance(value, str) else list(value)
        domain = Domain.OR(domains[v] for v in values if v in domains)
        return domain if operator == "in" else ~domain

    def _check_system_fields(self, vals_list):
        """Refuse values of ``SYSTEM_FIELDS`` written by a user: the clock,
        the rules and the workflow set them (as the system), so that the
        deadlines, breaches and on-time rate cannot be made up."""
        if self.env.su:
            return
        written = SYSTEM_FIELDS & {key for vals in vals_list for key in vals}
        if written:
            # Who may not change the ticket at all is told so first.
            self.check_access("write" if self else "create")
        if "sla_start_date" in written:
            raise UserError(
                self.env._(
                    "The SLA Start is the time the request was reported and is set by the "
                    "system. Only an estate manager can move it, with a reason, through "
                    "“Move SLA Start” on the ticket."
                )
            )
        if written:
            labels = sorted(self._fields[name]._description_string(self.env) for name in written)
            raise UserError(
                self.env._(
                    "These values are set by the service-level clock and the workflow, "
                    "not by hand: %(fields)s.",
                    fields=format_list(self.env, labels),
                )
            )

    def _stamp_first_response(self, now):
        for ticket in self.filtered(lambda t: not t.first_response_date):
            start = ticket.sla_start_date or ticket.create_date or now
            ticket.sudo().write(
                {
                    "first_response_date": now,
                    "response_time_hours": (now - start).total_seconds() / 3600,
                    "response_breached": bool(
                        ticket.response_deadline and now > ticket.response_deadline
                    )
                    or ticket.response_breached,
                }
            )

    def _stamp_work_done(self, now):
        self.ensure_one()
        start = self.sla_start_date or self.create_date or now
        late = bool(self.resolution_deadline and now > self.resolution_deadline)
        self.sudo().write(
            {
                "work_done_date": now,
                "resolution_time_hours": (now - start).total_seconds() / 3600,
                "resolved_on_time": bool(self.sla_rule_id)
                and not late
                and not self.resolution_breached,
                "resolution_breached": self.resolution_breached
                or (late and bool(self.sla_rule_id)),
            }
        )

    def _sla_assign_rule(self, force_plan=None):
        """Give each ticket the most specific active rule that fits it and plan
        the deadlines of the tickets whose rule changed (or is in ``force_plan``)."""
        if not self:
            return
        rules = (
            self.env["property.helpdesk.sla.rule"]
            .sudo()
            .search([("ticket_kind", "in", list(set(self.mapped("ticket_kind"))))])
        )
        to_plan = self.browse()
        for ticket in self:
            scored = [(rule._match_score(ticket), rule) for rule in rules]
            scored = [(score, rule) for score, rule in scored if score is not None]
            rule = max(scored, key=lambda item: item[0])[1] if scored else rules.browse()
            if rule != ticket.sla_rule_id:
                ticket.sudo().sla_rule_id = rule
                to_plan |= ticket
            elif force_plan and rule in force_plan:
                to_plan |= ticket
        to_plan._sla_plan()

    def _sla_paused_hours(self, calendar, cache):
        """Hours of the SLA clock the ticket spent in finished pauses."""
        self.ensure_one()
        return sum(
            calendar._property_work_hours_between(pause.date_start, pause.date_end, cache)
            for pause in self.sla_pause_ids.filtered("date_end")
        )

    def _sla_plan(self, cache=None):
        """(Re)compute the deadlines from the ticket's own SLA start, its rule
        and the pauses it had; an edit never restarts the clock."""
        cache = {} if cache is None else cache
        for ticket in self:
            rule = ticket.sla_rule_id
            if not rule:
                ticket.sudo().write(
                    {
                        "response_deadline": False,
                        "resolution_deadline": False,
                        "response_warning_date": False,
                        "resolution_warning_date": False,
                    }
                )
                continue
            start = ticket.sla_start_date or ticket.create_date or fields.Datetime.now()
            calendar = rule._get_calendar(ticket.estate_id)
            paused = ticket._sla_paused_hours(calendar, cache)
            share = rule.at_risk_percent / 100.0
            response, resolution, response_warn, resolution_warn = (
                calendar._property_plan_work_hours(
                    start,
                    [
                        rule.response_hours + paused,
                        rule.resolution_hours + paused,
                        rule.response_hours * share + paused,
                        rule.resolution_hours * share + paused,
                    ],
                    cache,
                )
            )
            ticket.sudo().write(
                {
                    "sla_start_date": start,
                    "response_deadline": response,
                    "resolution_deadline": resolution,
                    "response_warning_date": response_warn,
                    "resolution_warning_date": resolution_warn,
                }
            )

    def _sla_pause(self, now):
        self.ensure_one()
        if not self.sla_paused_since:
            self.sudo().sla_paused_since = now

    def _sla_resume(self, now):
        self.ensure_one()
        if not self.sla_paused_since:
            return
        self.env["property.helpdesk.sla.pause"].sudo().create(
            {"ticket_id": self.id, "date_start": self.sla_paused_since, "date_end": now}
        )
        self.sudo().sla_paused_since = False
        self._sla_plan()

    # ------------------------------------------------------------------
    # Moving the SLA start (estate managers, with a reason)
    # ------------------------------------------------------------------
    def action_move_sla_start(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "property_helpdesk.property_helpdesk_sla_start_wizard_action"
        )
        action["context"] = {"default_ticket_id": self.id}
        return action

    def _sla_move_start(self, start, reason):
        """Start the SLA clock of the ticket at ``start`` (the request was made
        earlier or could not be handled before): the deadlines, the response
        and resolution figures and the breach flags follow, and the reason is
        kept in the chatter. The caller checks that the user may do it."""
        self.ensure_one()
        now = fields.Datetime.now()
        if start > now:
            raise UserError(self.env._("The SLA start cannot be in the future."))
        if self.first_response_date and start > self.first_response_date:
            raise UserError(self.env._("The SLA start cannot be later than the first response."))
        old_start = self.sla_start_date
        ticket = self.sudo()
        ticket.sla_start_date = start
        ticket._sla_plan()
        values = {}
        if ticket.first_response_date:
            values["response_time_hours"] = (
                ticket.first_response_date - start
            ).total_seconds() / 3600
            values["response_breached"] = bool(
                ticket.response_deadline and ticket.first_response_date > ticket.response_deadline
            )
        else:
            values["response_breached"] = bool(
                ticket.response_deadline and now > ticket.response_deadline
            )
        if ticket.work_done_date:
            late = bool(
                ticket.resolution_deadline and ticket.work_done_date > ticket.resolution_deadline
            )
            values["resolution_time_hours"] = (ticket.work_done_date - start).total_seconds() / 3600
            values["resolved_on_time"] = bool(ticket.sla_rule_id) and not late
            values["resolution_breached"] = late and bool(ticket.sla_rule_id)
        else:
            values["resolution_breached"] = bool(
                ticket.resolution_deadline and now > ticket.resolution_deadline
            )
        ticket.write(values)
        tz = self.env.user.tz or "Asia/Shanghai"
        self.message_post(
            body=self.env._(
                "SLA start moved from %(old)s to %(new)s by %(user)s. Reason: %(reason)s",
                old=format_datetime(self.env, old_start, tz=tz) if old_start else "-",
                new=format_datetime(self.env, start, tz=tz),
                user=self.env.user.name,
                reason=reason,
            ),
            subtype_xmlid="mail.mt_note",
        )
