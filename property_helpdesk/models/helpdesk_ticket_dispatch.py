from odoo import api, fields, models
from odoo.exceptions import UserError

from .ticket_constants import OPEN_STATES


class HelpdeskTicket(models.Model):
    """Dispatch (派单): giving a ticket to a technician of its team, by hand
    or by the team's rule (round-robin, least loaded)."""

    _inherit = "helpdesk.ticket"

    user_open_ticket_count = fields.Integer(
        string="Technician's Open Tickets", compute="_compute_user_open_ticket_count"
    )

    @api.depends("user_id")
    def _compute_user_open_ticket_count(self):
        counts = {}
        users = self.user_id
        if users:
            counts = {
                user.id: count
                for user, count in self.sudo()._read_group(
                    [("user_id", "in", users.ids), ("property_state", "in", OPEN_STATES)],
                    ["user_id"],
                    ["__count"],
                )
            }
        for ticket in self:
            ticket.user_open_ticket_count = counts.get(ticket.user_id.id, 0)

    def _auto_dispatch(self):
        """Give the unassigned tickets of a team that dispatches by rule to the
        member the rule picks."""
        to_dispatch = self.filtered(
            lambda t: not t.user_id and t.team_id.dispatch_rule in ("round_robin", "least_loaded")
        )
        for ticket in to_dispatch:
            ticket._dispatch_to(ticket.team_id._select_technician())

    def _dispatch_to(self, user):
        """Give the ticket to ``user`` (a member of its team)."""
        self.ensure_one()
        if not user:
            return False
        if self.team_id and user not in self.team_id.user_ids:
            raise UserError(
                self.env._(
                    "%(user)s is not a member of team %(team)s.",
                    user=user.name,
                    team=self.team_id.display_name,
                )
            )
        values = {"user_id": user.id}
        if self.property_state == "new":
            values["stage_id"] = self._get_property_stage("progress").id
        self.write(values)
        if self.team_id:
            self.team_id.sudo().last_dispatched_user_id = user
        return True

    def action_dispatch(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "property_helpdesk.property_helpdesk_dispatch_wizard_action"
        )
        action["context"] = {"default_ticket_id": self.id}
        return action

    def action_auto_dispatch(self):
        for ticket in self:
            user = ticket.team_id._select_technician() if ticket.team_id else False
            if not user:
                raise UserError(
                    self.env._(
                        "Team %(team)s dispatches by hand or has no members: choose the "
                        "technician.",
                        team=ticket.team_id.display_name or "-",
                    )
                )
            ticket._dispatch_to(user)
