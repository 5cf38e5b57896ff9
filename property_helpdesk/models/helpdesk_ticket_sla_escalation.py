from datetime import timedelta

from odoo import api, fields, models
from odoo.fields import Domain

from .ticket_constants import ACTIVE_STATES, CRON_BATCH


class HelpdeskTicket(models.Model):
    """Breaches and escalation: a scheduled action flags the tickets past
    their deadlines and escalates them to the team leader, then to the estate
    manager when they are still open after the rule's delay."""

    _inherit = "helpdesk.ticket"

    @api.model
    def _cron_escalate_breached_tickets(self, batch_size=CRON_BATCH):
        """Mark the tickets whose deadlines passed as breached and escalate
        them: to the team leader at once, to the estate manager when the
        ticket is still open after the rule's delay."""
        now = fields.Datetime.now()
        breach_domain = (
            Domain("sla_rule_id", "!=", False)
            & Domain("property_state", "in", ACTIVE_STATES)
            & Domain("sla_paused_since", "=", False)
            & (
                (
                    Domain("response_breached", "=", False)
                    & Domain("first_response_date", "=", False)
                    & Domain("response_deadline", "<", now)
                )
                | (
                    Domain("resolution_breached", "=", False)
                    & Domain("work_done_date", "=", False)
                    & Domain("resolution_deadline", "<", now)
                )
            )
        )
        manager_domain = (
            Domain("escalation_level", "=", 1)
            & Domain("property_state", "in", ACTIVE_STATES)
            & Domain("escalation_next_date", "<=", now)
        )
        done = 0
        for domain, method in (
            (breach_domain, "_sla_mark_breached"),
            (manager_domain, "_sla_escalate_to_manager"),
        ):
            while True:
                tickets = self.search(domain, order="id", limit=batch_size)
                if not tickets:
                    break
                # Activities and notes in the language of each ticket's company.
                for part in self.env["res.company"]._property_split_by_lang(tickets):
                    getattr(part, method)(now)
                done += len(tickets)
                remaining = self.search_count(domain) if len(tickets) == batch_size else 0
                self._commit_cron_progress(len(tickets), remaining)
                if not remaining:
                    break
        return done

    def _sla_mark_breached(self, now):
        self.fetch(
            [
                "response_breached",
                "resolution_breached",
                "first_response_date",
                "response_deadline",
                "resolution_deadline",
                "work_done_date",
                "escalation_level",
                "team_id",
                "estate_id",
                "sla_rule_id",
                "number",
                "name",
            ]
        )
        response_late = self.filtered(
            lambda t: not t.response_breached
            and not t.first_response_date
            and t.response_deadline
            and t.response_deadline < now
        )
        resolution_late = self.filtered(
            lambda t: not t.resolution_breached
            and not t.work_done_date
            and t.resolution_deadline
            and t.resolution_deadline < now
        )
        if response_late:
            response_late.sudo().write({"response_breached": True})
        if resolution_late:
            resolution_late.sudo().write({"resolution_breached": True})
        to_escalate = self.filtered(lambda t: t.escalation_level == 0)
        notes = {}
        for ticket in self:
            what = []
            if ticket in response_late:
                what.append(self.env._("first response"))
            if ticket in resolution_late:
                what.append(self.env._("resolution"))
            notes[ticket.id] = self.env._(
                "SLA breached (%(what)s) under rule %(rule)s.",
                what=self.env._(", ").join(what),
                rule=ticket.sla_rule_id.name,
            )
        # One note per ticket: the escalation adds its own line to it.
        not_escalated = self - to_escalate
        if not_escalated:
            not_escalated.sudo()._message_log_batch(
                bodies={ticket.id: notes[ticket.id] for ticket in not_escalated}
            )
        to_escalate._sla_escalate(now, level=1, notes=notes)

    def _sla_escalate_to_manager(self, now):
        self._sla_escalate(now, level=2)

    def _sla_escalate(self, now, level, notes=None):
        """Escalate to the team leader (level 1) or to the estate manager
        (level 2): an activity for them and a note on the ticket (after the
        ``notes`` {ticket id: text} given)."""
        notes = notes or {}
        if not self:
            return
        activity_type = self.env.ref("property_helpdesk.mail_activity_type_sla_escalation")
        model_id = self.env["ir.model"]._get_id(self._name)
        today = fields.Date.context_today(self)
        activity_values, bodies = [], {}
        for ticket in self:
            leader = ticket.team_id.user_id
            manager = ticket.estate_id.manager_id
            recipient = (leader or manager) if level == 1 else (manager or leader)
            if level == 1:
                summary = self.env._("SLA breached: %(ticket)s", ticket=ticket.number)
                bodies[ticket.id] = (
                    self.env._("Escalated to the team leader %(user)s.", user=recipient.name)
                    if leader
                    else self.env._(
                        "No team leader: escalated to the estate manager %(user)s.",
                        user=recipient.name or "-",
                    )
                )
            else:
                summary = self.env._(
                    "Still open after escalation: %(ticket)s", ticket=ticket.number
                )
                bodies[ticket.id] = (
                    self.env._(
                        "No estate manager: escalated again to the team leader %(user)s.",
                        user=recipient.name,
                    )
                    if leader and not manager
                    else self.env._(
                        "Escalated to the estate manager %(user)s.", user=recipient.name or "-"
                    )
                )
            if recipient:
                activity_values.append(
                    {
                        "res_model_id": model_id,
                        "res_id": ticket.id,
                        "activity_type_id": activity_type.id,
                        "summary": summary,
                        "note": ticket.name,
                        "user_id": recipient.id,
                        "date_deadline": today,
                    }
                )
        if activity_values:
            self.env["mail.activity"].sudo().with_context(mail_activity_quick_update=True).create(
                activity_values
            )
        self.sudo()._message_log_batch(
            bodies={
                ticket_id: " ".join(filter(None, [notes.get(ticket_id), body]))
                for ticket_id, body in bodies.items()
            }
        )
        by_delay = {}
        for ticket in self:
            by_delay.setdefault(ticket.sla_rule_id.escalation_delay_hours, self.browse())
            by_delay[ticket.sla_rule_id.escalation_delay_hours] |= ticket
        for delay, tickets in by_delay.items():
            tickets.sudo().write(
                {
                    "escalation_level": level,
                    "escalation_next_date": now + timedelta(hours=delay) if level == 1 else False,
                }
            )
