from odoo import fields, models


class PropertyMeterReadingImportError(models.TransientModel):
    """A row of an uploaded reading sheet that cannot be imported, and why."""

    _name = "property.meter.reading.import.error"
    _description = "Reading Sheet Row in Error"
    _order = "row, id"

    import_id = fields.Many2one(
        comodel_name="property.meter.reading.import", required=True, ondelete="cascade"
    )
    row = fields.Integer(string="Row")
    meter = fields.Char()
    reason = fields.Char()
