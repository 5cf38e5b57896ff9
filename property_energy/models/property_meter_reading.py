from odoo import api, fields, models


class PropertyMeterReading(models.Model):
    """A common meter's reading against the meter's monthly target of its
    year (the consumption is that of the month of the reading, as the
    shared costs count it)."""

    _inherit = "property.meter.reading"

    energy_target = fields.Float(
        string="Monthly Target",
        compute="_compute_energy_target",
        digits=(16, 2),
        help="The meter's monthly consumption target of the reading's year.",
    )
    energy_variance = fields.Float(
        string="Against Target",
        compute="_compute_energy_target",
        digits=(16, 2),
        help="Consumption less the monthly target: above zero, over the target.",
    )

    @api.depends("meter_id", "date", "consumption")
    def _compute_energy_target(self):
        common = self.filtered(lambda reading: reading.is_common and reading.date)
        targets = self.env["property.energy.target"]._get_meter_targets(
            common.meter_id, {reading.date.year for reading in common}
        )
        # A meter's first reading is where it starts counting: nothing to compare.
        first = dict(
            self._read_group([("meter_id", "in", common.meter_id.ids)], ["meter_id"], ["date:min"])
        )
        for reading in self:
            target = (
                reading.date
                and reading.date != first.get(reading.meter_id)
                and targets.get((reading.meter_id.id, reading.date.year))
            )
            reading.energy_target = target or 0.0
            reading.energy_variance = reading.consumption - target if target else 0.0
