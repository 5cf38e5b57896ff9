from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import ValidationError

from .maintenance_equipment import EQUIPMENT_SYSTEMS


class PropertyMeter(models.Model):
    """Energy analysis of the meters (能耗), mostly the common ones: each
    period's consumption against the previous period and the same period a
    year before, and the jumps beyond a threshold."""

    _inherit = "property.meter"

    system = fields.Selection(
        selection=EQUIPMENT_SYSTEMS,
        help="Building system whose consumption the meter measures.",
    )
    jump_threshold = fields.Float(
        string="Jump Threshold (%)",
        default=50.0,
        help="A period's consumption that differs from the previous period's by more "
        "than this share is flagged.",
    )
    # Name of the last reading on the former energy meter, kept for its callers.
    last_reading = fields.Float(string="Last Reading", related="last_reading_value")

    @api.constrains("jump_threshold")
    def _check_jump_threshold(self):
        for meter in self:
            if meter.jump_threshold < 0:
                raise ValidationError(
                    self.env._("The jump threshold of meter %s cannot be negative.", meter.name)
                )

    def _get_reading_chain_triggers(self):
        return super()._get_reading_chain_triggers() | {"jump_threshold"}

    def _prepare_reading_chain_values(self, readings, written):
        """Add to each reading the previous period's consumption, that of the
        same day a year before, the changes in % and the jump flag."""
        chain = super()._prepare_reading_chain_values(readings, written)
        by_date = {}
        previous = None
        for reading, values in zip(readings, chain, strict=True):
            values.update(
                previous_consumption=0.0,
                last_year_consumption=0.0,
                change_pct=0.0,
                yoy_pct=0.0,
                is_abnormal=False,
            )
            if previous is not None:
                consumption = values["consumption"]
                prior = by_date.get(previous.date)
                if prior is not None:
                    values["previous_consumption"] = prior
                    if prior:
                        change = 100.0 * (consumption - prior) / prior
                        values["change_pct"] = change
                        values["is_abnormal"] = abs(change) > self.jump_threshold
                last_year = by_date.get(reading.date - relativedelta(years=1))
                if last_year:
                    values["last_year_consumption"] = last_year
                    values["yoy_pct"] = 100.0 * (consumption - last_year) / last_year
                by_date[reading.date] = consumption
            previous = reading
        return chain
