from odoo import api, fields, models
from odoo.exceptions import UserError

from odoo.addons.property_helpdesk.models.ticket_constants import OPEN_STATES


class HelpdeskTicket(models.Model):
    _inherit = "helpdesk.ticket"

    equipment_id = fields.Many2one(
        comodel_name="maintenance.equipment",
        domain="[('estate_id', '=?', estate_id)]",
        ondelete="restrict",
        tracking=True,
        help="Equipment of the estate the repair is about.",
    )
    maintenance_request_ids = fields.One2many(
        comodel_name="maintenance.request",
        inverse_name="ticket_id",
        string="Maintenance Requests",
    )
    maintenance_request_count = fields.Integer(compute="_compute_maintenance_request_count")

    @api.depends("maintenance_request_ids")
    def _compute_maintenance_request_count(self):
        counts = dict(
            self.env["maintenance.request"]._read_group(
                [("ticket_id", "in", self.ids)], ["ticket_id"], ["__count"]
            )
        )
        for ticket in self:
            ticket.maintenance_request_count = counts.get(ticket, 0)

    def _prepare_maintenance_request_values(self):
        self.ensure_one()
        return {
            "name": self.name,
            "description": self.description,
            "maintenance_type": "corrective",
            "source": "ticket",
            "ticket_id": self.id,
            "equipment_id": self.equipment_id.id,
            "estate_id": self.estate_id.id,
            "company_id": (self.estate_id.company_id or self.company_id).id,
            "priority": self.priority if self.priority in ("0", "1", "2", "3") else "2",
            "reported_at": self.create_date,
        }

    def action_create_maintenance_request(self):
        """Hand a repair ticket about equipment over to the engineers as a
        corrective maintenance request; the ticket follows the request."""
        for ticket in self:
            if ticket.ticket_kind != "repair" or not ticket.equipment_id:
                raise UserError(
                    self.env._(
                        "Only a repair ticket about a piece of equipment becomes a "
                        "maintenance request (ticket %s).",
                        ticket.display_name,
                    )
                )
            if ticket.property_state not in OPEN_STATES:
                raise UserError(self.env._("The ticket %s is no longer open.", ticket.display_name))
            if ticket.maintenance_request_ids.filtered(lambda r: not r.stage_id.done):
                raise UserError(
                    self.env._(
                        "The ticket %s already has an open maintenance request.",
                        ticket.display_name,
                    )
                )
        requests = self.env["maintenance.request"].create(
            [ticket._prepare_maintenance_request_values() for ticket in self]
        )
        for ticket, request in zip(self, requests, strict=True):
            if ticket.property_state == "new":
                ticket.action_start_work()
            ticket.message_post(
                body=self.env._(
                    "Maintenance request %s created for the engineers.", request._get_html_link()
                )
            )
        if len(requests) == 1:
            return {
                "type": "ir.actions.act_window",
                "res_model": "maintenance.request",
                "res_id": requests.id,
                "view_mode": "form",
            }
        return True

    def action_view_maintenance_requests(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "maintenance.hr_equipment_request_action"
        )
        action["domain"] = [("ticket_id", "=", self.id)]
        action["context"] = {}
        return action
