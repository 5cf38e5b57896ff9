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
    # Not averaged over a group: the mean of percentages is no group's change
    # (readings without a previous or last-year one would count as 0 %). A
    # group compares its sums of consumption instead.
    change_pct = fields.Float(string="Change (%)", readonly=True, copy=False, aggregator=False)
    yoy_pct = fields.Float(string="Year on Year (%)", readonly=True, copy=False, aggregator=False)
    is_abnormal = fields.Boolean(string="Abnormal Jump", readonly=True, copy=False)
