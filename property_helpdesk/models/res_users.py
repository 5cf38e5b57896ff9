from odoo import fields, models

from .ticket_constants import OPEN_STATES


class ResUsers(models.Model):
    _inherit = "res.users"

    property_open_ticket_count = fields.Integer(
        string="Open Tickets",
        compute="_compute_property_open_ticket_count",
        help="Open repair requests, complaints and inquiries assigned to the user.",
    )

    def _compute_property_open_ticket_count(self):
        counts = dict(
            self.env["helpdesk.ticket"]
            .sudo()
            ._read_group(
                [("user_id", "in", self.ids), ("property_state", "in", OPEN_STATES)],
                ["user_id"],
                ["__count"],
            )
        )
        for user in self:
            user.property_open_ticket_count = counts.get(user, 0)
