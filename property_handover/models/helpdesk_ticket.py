from odoo import fields, models


class HelpdeskTicket(models.Model):
    _inherit = "helpdesk.ticket"

    handover_defect_ids = fields.One2many(
        comodel_name="property.handover.defect",
        inverse_name="ticket_id",
        string="Delivery Defects",
        help="Defects found at the delivery of the unit that this repair ticket rectifies.",
    )
