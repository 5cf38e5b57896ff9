from odoo import fields, models


class PropertyHelpdeskSlaPause(models.Model):
    _name = "property.helpdesk.sla.pause"
    _description = "SLA Pause"
    _order = "ticket_id, date_start"

    ticket_id = fields.Many2one(
        comodel_name="helpdesk.ticket", required=True, index=True, ondelete="cascade"
    )
    date_start = fields.Datetime(string="Paused from", required=True)
    date_end = fields.Datetime(string="Resumed on")
