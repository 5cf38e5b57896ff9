from odoo import fields, models

from .ticket_constants import TICKET_KINDS


class HelpdeskTicketCategory(models.Model):
    _inherit = "helpdesk.ticket.category"

    ticket_kind = fields.Selection(
        selection=TICKET_KINDS,
        string="Kind",
        help="Kind of request the category is offered for; empty for every kind.",
    )
    property_team_id = fields.Many2one(
        comodel_name="helpdesk.ticket.team",
        string="Service Team",
        help="Team a new ticket of this category is routed to.",
    )
    quality_check_required = fields.Boolean(
        string="Quality Check",
        help="Finished work is checked by a supervisor (质检) before the owner confirms it.",
    )
