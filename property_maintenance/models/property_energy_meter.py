from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import ValidationError

from .maintenance_equipment import EQUIPMENT_SYSTEMS


class PropertyEnergyMeter(models.Model):
    _name = "property.energy.meter"
    _description = "Common Energy Meter"
    _inherit = ["mail.thread"]
    _order = "estate_id, name, id"

    name = fields.Char(required=True, tracking=True)
    code = fields.Char()
    active = fields.Boolean(default=True)
    estate_id = fields.Many2one(
        comodel_name="property.estate", required=True, index=True, ondelete="restrict"
    )
    company_id = fields.Many2one(
        related="estate_id.company_id", store=True, index=True, precompute=True
    )
    building_id = fields.Many2one(
        comodel_name="property.building", domain="[('estate_id', '=', estate_id)]"
    )
    system = fields.Selection(selection=EQUIPMENT_SYSTEMS)
    energy_type = fields.Selection(
        selection=[("electricity", "Electricity"), ("water", "Water"), ("gas", "Gas")],
        required=True,
        default="electricity",
    )
    uom = fields.Char(string="Unit", compute="_compute_uom", store=True, readonly=False)
    multiplier = fields.Float(
        default=1.0, help="Current-transformer ratio: consumption = reading difference × this."
    )
    max_reading = fields.Float(
        string="Register Capacity",
        help="Highest value the register can show; a reading above it is refused. "
        "0: no upper limit.",
    )
    jump_threshold = fields.Float(
        string="Jump Threshold (%)",
        default=50.0,
        help="A period's consumption that differs from the previous period's by more "
        "than this share is flagged.",
    )
    reading_ids = fields.One2many(
        comodel_name="property.energy.reading", inverse_name="meter_id", string="Readings"
    )
    last_reading = fields.Float(compute="_compute_last_reading")
    last_reading_date = fields.Date(compute="_compute_last_reading")

    @api.depends("energy_type")
    def _compute_uom(self):
        units = {"electricity": "kWh", "water": "m³", "gas": "m³"}
        for meter in self:
            meter.uom = units.get(meter.energy_type)

    @api.depends("reading_ids.value", "reading_ids.date")
    def _compute_last_reading(self):
        for meter in self:
            last = meter.reading_ids.sorted("date")[-1:]
            meter.last_reading = last.value
            meter.last_reading_date = last.date

    @api.constrains("multiplier", "max_reading", "jump_threshold")
    def _check_values(self):
        for meter in self:
            if meter.multiplier <= 0 or meter.max_reading < 0 or meter.jump_threshold < 0:
                raise ValidationError(
                    self.env._(
                        "The meter %s needs a positive multiplier; its capacity and jump threshold "
                        "cannot be negative.",
                        meter.name,
                    )
                )

    def _update_energy_consumption(self):
        """Recompute consumption, comparisons and jump flags of the meters'
        readings, in date order (a reading changes the period after it)."""
        for meter in self:
            readings = meter.reading_ids.sorted(lambda r: (r.date, r.id))
            by_date = {}
            previous = None
            for reading in readings:
                values = {
                    "previous_value": 0.0,
                    "consumption": 0.0,
                    "previous_consumption": 0.0,
                    "last_year_consumption": 0.0,
                    "change_pct": 0.0,
                    "yoy_pct": 0.0,
                    "is_abnormal": False,
                }
                if previous is not None:
                    consumption = (reading.value - previous.value) * meter.multiplier
                    values["previous_value"] = previous.value
                    values["consumption"] = consumption
                    prior = by_date.get(previous.date)
                    if prior is not None:
                        values["previous_consumption"] = prior
                        if prior:
                            change = 100.0 * (consumption - prior) / prior
                            values["change_pct"] = change
                            values["is_abnormal"] = abs(change) > meter.jump_threshold
                    last_year = by_date.get(reading.date - relativedelta(years=1))
                    if last_year:
                        values["last_year_consumption"] = last_year
                        values["yoy_pct"] = 100.0 * (consumption - last_year) / last_year
                    by_date[reading.date] = consumption
                changed = {name: value for name, value in values.items() if reading[name] != value}
                if changed:
                    reading.with_context(energy_consumption_update=True).write(changed)
                previous = reading
