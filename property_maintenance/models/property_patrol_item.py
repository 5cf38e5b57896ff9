from odoo import api, fields, models
from odoo.exceptions import ValidationError


class PropertyPatrolItem(models.Model):
    _name = "property.patrol.item"
    _description = "Patrol Checklist Item"
    _inherit = ["property.input.mixin"]
    _order = "checkpoint_id, sequence, id"

    sequence = fields.Integer(default=10)
    checkpoint_id = fields.Many2one(
        comodel_name="property.patrol.checkpoint",
        required=True,
        index=True,
        ondelete="cascade",
    )
    name = fields.Char(required=True, help="What to check, e.g. Outlet pressure.")
    item_type = fields.Selection(
        selection=[("check", "OK / Not OK"), ("reading", "Reading"), ("photo", "Photo")],
        required=True,
        default="check",
    )
    uom = fields.Char(string="Unit", help="Unit of the reading, e.g. MPa, °C, A.")
    min_value = fields.Float(string="Normal from")
    max_value = fields.Float(string="Normal up to")
    standard = fields.Char(help="What a normal result looks like.")

    @api.constrains("item_type", "min_value", "max_value")
    def _check_range(self):
        for item in self:
            if item.item_type == "reading" and item.min_value > item.max_value:
                raise ValidationError(
                    self.env._("The normal range of %s ends before it starts.", item.name)
                )
