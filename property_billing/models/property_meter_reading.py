from odoo import fields, models


class PropertyMeterReading(models.Model):
    _inherit = "property.meter.reading"

    move_in_id = fields.Many2one(
        comodel_name="property.move.in", string="Move-in", index="btree_not_null", copy=False
    )
