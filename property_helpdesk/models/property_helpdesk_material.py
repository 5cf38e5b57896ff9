from odoo import api, fields, models
from odoo.exceptions import ValidationError


class PropertyHelpdeskMaterial(models.Model):
    _name = "property.helpdesk.material"
    _description = "Material Used"
    _inherit = ["property.input.mixin"]
    _order = "ticket_id, id"

    ticket_id = fields.Many2one(
        comodel_name="helpdesk.ticket", required=True, index=True, ondelete="cascade"
    )
    name = fields.Char(string="Material", required=True)
    quantity = fields.Float(default=1.0, digits=(16, 3))
    uom_name = fields.Char(string="Unit of Measure")
    note = fields.Char()

    @api.constrains("quantity")
    def _check_quantity(self):
        for line in self:
            if line.quantity <= 0:
                raise ValidationError(
                    self.env._(
                        "The quantity of material %(name)s must be positive.", name=line.name
                    )
                )
