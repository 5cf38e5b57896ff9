from odoo import fields, models


class PropertyMeterReading(models.Model):
    """Energy figures of a reading, filled in date order per meter by
    ``property.meter._prepare_reading_chain_values``."""

    _inherit = "property.meter.reading"

    system = fields.Selection(related="meter_id.system", store=True)
    previous_consumption = fields.Float(
        string="Previous Period", readonly=True, copy=False, digits=(16, 2)
    )
    last_year_consumption = fields.Float(
        string="Same Period Last Year", readonly=True, copy=False, digits=(16, 2)
    )
    change_pct = fields.Float(string="Change (%)", readonly=True, copy=False, aggregator="avg")
    yoy_pct = fields.Float(string="Year on Year (%)", readonly=True, copy=False, aggregator="avg")
    is_abnormal = fields.Boolean(string="Abnormal Jump", readonly=True, copy=False)
