from odoo import api, fields, models
from odoo.exceptions import ValidationError


class PropertyEnergyReading(models.Model):
    _name = "property.energy.reading"
    _description = "Energy Meter Reading"
    _order = "meter_id, date desc, id desc"
    _rec_name = "date"

    meter_id = fields.Many2one(
        comodel_name="property.energy.meter",
        required=True,
        index=True,
        ondelete="cascade",
    )
    estate_id = fields.Many2one(related="meter_id.estate_id", store=True, index=True)
    building_id = fields.Many2one(related="meter_id.building_id", store=True)
    system = fields.Selection(related="meter_id.system", store=True)
    energy_type = fields.Selection(related="meter_id.energy_type", store=True)
    company_id = fields.Many2one(related="meter_id.company_id", store=True, index=True)
    uom = fields.Char(related="meter_id.uom")
    date = fields.Date(required=True, default=fields.Date.context_today)
    value = fields.Float(string="Reading", required=True, digits=(16, 2), aggregator=False)
    # Filled by _update_consumption, in date order per meter.
    previous_value = fields.Float(readonly=True, digits=(16, 2), aggregator=False)
    consumption = fields.Float(readonly=True, digits=(16, 2))
    previous_consumption = fields.Float(string="Previous Period", readonly=True, digits=(16, 2))
    last_year_consumption = fields.Float(
        string="Same Period Last Year", readonly=True, digits=(16, 2)
    )
    change_pct = fields.Float(string="Change (%)", readonly=True, aggregator="avg")
    yoy_pct = fields.Float(string="Year on Year (%)", readonly=True, aggregator="avg")
    is_abnormal = fields.Boolean(string="Abnormal Jump", readonly=True)
    note = fields.Char()

    _meter_date_uniq = models.UniqueIndex("(meter_id, date)", "A meter has one reading per date.")

    @api.constrains("value", "date", "meter_id")
    def _check_value(self):
        for reading in self:
            meter = reading.meter_id
            if reading.value < 0 or (meter.max_reading and reading.value > meter.max_reading):
                raise ValidationError(
                    self.env._(
                        "The reading %(value)s of the meter %(meter)s is outside its "
                        "range (0 to %(max)s).",
                        value=reading.value,
                        meter=meter.name,
                        max=meter.max_reading or "∞",
                    )
                )
            neighbours = self.search(
                [("meter_id", "=", meter.id), ("id", "!=", reading.id)], order="date"
            )
            previous = neighbours.filtered(lambda r, day=reading.date: r.date < day)[-1:]
            following = neighbours.filtered(lambda r, day=reading.date: r.date > day)[:1]
            if previous and reading.value < previous.value:
                raise ValidationError(
                    self.env._(
                        "The reading %(value)s of the meter %(meter)s on %(date)s is below "
                        "the previous one (%(previous)s on %(previous_date)s).",
                        value=reading.value,
                        meter=meter.name,
                        date=reading.date,
                        previous=previous.value,
                        previous_date=previous.date,
                    )
                )
            if following and reading.value > following.value:
                raise ValidationError(
                    self.env._(
                        "The reading %(value)s of the meter %(meter)s on %(date)s is above "
                        "the next one (%(next)s on %(next_date)s).",
                        value=reading.value,
                        meter=meter.name,
                        date=reading.date,
                        next=following.value,
                        next_date=following.date,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        readings = super().create(vals_list)
        readings.meter_id._update_energy_consumption()
        return readings

    def write(self, vals):
        meters = self.meter_id
        result = super().write(vals)
        if {"value", "date", "meter_id"} & set(vals) and not self.env.context.get(
            "energy_consumption_update"
        ):
            (meters | self.meter_id)._update_energy_consumption()
        return result

    def unlink(self):
        meters = self.meter_id
        result = super().unlink()
        meters.exists()._update_energy_consumption()
        return result
