from odoo import fields, models
from odoo.fields import Domain

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

    def _property_helpdesk_scope(self):
        """Which tickets the user may reach at all:

        - ``"all"``: not property staff (helpdesk_mgmt's own users keep its
          rules), a company manager, or a helpdesk manager;
        - ``"estates"``: desk, cashier, estate manager: the tickets of their
          estates, and their own tickets about no estate;
        - ``"assigned"``: field staff (technicians without a desk role) and
          meter readers: the tickets dispatched to them, on their estates.

        The groups' own rules then say which of these they see."""
        self.ensure_one()
        if self.has_group("property_base.group_property_company_manager") or self.has_group(
            "helpdesk_mgmt.group_helpdesk_manager"
        ):
            return "all"
        if self.has_group("property_base.group_property_user"):
            return "estates"
        if self.has_group("property_base.group_property_technician") or self.has_group(
            "property_base.group_property_meter_reader"
        ):
            return "assigned"
        return "all"

    def _property_helpdesk_ticket_domain(self):
        """Domain of the global rules on tickets and on what hangs on them:
        the estate boundary of property staff (see ``_property_helpdesk_scope``).
        Odoo ORs the rules of groups, so helpdesk_mgmt's wide rules (all
        tickets, team tickets, followed tickets) would cross it; a global rule
        bounds them all."""
        self.ensure_one()
        scope = self._property_helpdesk_scope()
        if scope == "all":
            return []
        in_estates = Domain("estate_id", "in", self.property_estate_ids.ids)
        if scope == "assigned":
            domain = Domain("user_id", "=", self.id) & (
                in_estates | Domain("estate_id", "=", False)
            )
        else:
            domain = in_estates | (
                Domain("estate_id", "=", False)
                & (Domain("user_id", "=", self.id) | Domain("create_uid", "=", self.id))
            )
        return list(domain)
