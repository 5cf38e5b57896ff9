from odoo import fields, models

from .ticket_constants import OPEN_STATES

SERVICE_TYPES = [
    ("engineering", "Engineering"),
    ("cleaning", "Cleaning"),
    ("greening", "Greening"),
    ("security", "Security"),
    ("customer_service", "Customer Service"),
]


class HelpdeskTicketTeam(models.Model):
    _inherit = "helpdesk.ticket.team"

    service_type = fields.Selection(selection=SERVICE_TYPES)
    estate_ids = fields.Many2many(
        comodel_name="property.estate",
        string="Estates",
        help="Estates the team serves; empty for every estate.",
    )
    dispatch_rule = fields.Selection(
        selection=[
            ("manual", "Manual"),
            ("round_robin", "Round-robin"),
            ("least_loaded", "Least loaded"),
        ],
        required=True,
        default="manual",
        help="How a new ticket of the team gets its technician: chosen by the desk "
        "(manual), the next member in turn (round-robin) or the member with the fewest "
        "open tickets (least loaded).",
    )
    last_dispatched_user_id = fields.Many2one(
        comodel_name="res.users",
        string="Last Dispatched To",
        readonly=True,
        copy=False,
        help="Member who got the last ticket, where round-robin starts next time.",
    )

    def _get_open_ticket_counts(self):
        """Open tickets per member of the team (every team counts), in one query."""
        counts = dict.fromkeys(self.user_ids.ids, 0)
        if not self.user_ids:
            return counts
        for user, count in (
            self.env["helpdesk.ticket"]
            .sudo()
            ._read_group(
                [
                    ("user_id", "in", self.user_ids.ids),
                    ("property_state", "in", OPEN_STATES),
                ],
                ["user_id"],
                ["__count"],
            )
        ):
            counts[user.id] = count
        return counts

    def _select_technician(self):
        """Member to dispatch the next ticket to by the team's rule, or an empty
        recordset for manual dispatch or a team without members."""
        self.ensure_one()
        members = self.user_ids.filtered("active").sorted("id")
        if self.dispatch_rule == "manual" or not members:
            return self.env["res.users"]
        if self.dispatch_rule == "round_robin":
            after = members.filtered(lambda u: u.id > self.last_dispatched_user_id.id)
            return (after or members)[0]
        counts = self._get_open_ticket_counts()
        return min(members, key=lambda u: (counts.get(u.id, 0), u.id))
