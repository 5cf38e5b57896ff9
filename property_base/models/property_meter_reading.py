from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools.float_utils import float_compare


class PropertyMeterReading(models.Model):
    """A meter reading (抄表). Readings never go down, except on a recorded
    meter replacement (the new meter starts from zero, or from its initial
    value) or a register rollover. The previous value and the consumption
    are filled by the meter (``property.meter._recompute_readings``)."""

    _name = "property.meter.reading"
    _description = "Meter Reading"
    _inherit = ["property.input.mixin"]
    _order = "date desc, meter_id, id desc"

    meter_id = fields.Many2one(
        comodel_name="property.meter",
        string="Meter",
        required=True,
        index=True,
        ondelete="cascade",
    )
    meter_type = fields.Selection(related="meter_id.meter_type", store=True, index=True)
    is_common = fields.Boolean(related="meter_id.is_common", store=True)
    unit_id = fields.Many2one(related="meter_id.unit_id", store=True, index=True)
    building_id = fields.Many2one(related="meter_id.building_id", store=True)
    estate_id = fields.Many2one(related="meter_id.estate_id", store=True, index=True)
    company_id = fields.Many2one(related="meter_id.company_id", store=True, index=True)
    uom = fields.Char(related="meter_id.uom")
    date = fields.Date(required=True, default=fields.Date.context_today, index=True)
    value = fields.Float(string="Reading", digits=(16, 2), required=True, aggregator=False)
    reading_type = fields.Selection(
        selection=[
            ("regular", "Regular"),
            ("replacement", "Meter Replacement"),
            ("rollover", "Rollover"),
        ],
        string="Kind",
        required=True,
        default="regular",
        help="Meter replacement: the reading is the first one of a new meter; enter the final "
        "reading of the old meter too. Rollover: the register went past its maximum and "
        "restarted from zero.",
    )
    old_meter_final_value = fields.Float(
        string="Old Meter Final Reading",
        digits=(16, 2),
        aggregator=False,
        help="Last reading of the replaced meter, counted up to the replacement.",
    )
    previous_value = fields.Float(digits=(16, 2), readonly=True, copy=False, aggregator=False)
    consumption = fields.Float(
        digits=(16, 2),
        readonly=True,
        copy=False,
        aggregator="sum",
        help="Reading difference with the previous reading × the meter's multiplier.",
    )
    user_id = fields.Many2one(
        comodel_name="res.users", string="Read by", default=lambda self: self.env.user
    )
    note = fields.Char()

    _meter_date_uniq = models.UniqueIndex(
        "(meter_id, date)", "A meter has at most one reading per day."
    )
    _value_positive = models.Constraint(
        "CHECK (value >= 0 AND old_meter_final_value >= 0)", "A meter reading cannot be negative."
    )

    @api.depends("meter_id.name", "date")
    def _compute_display_name(self):
        for reading in self:
            reading.display_name = f"{reading.meter_id.name or ''} {reading.date or ''}".strip()

    def _get_changed_values(self, values):
        """The part of ``values`` that differs from what the reading holds
        (floats compared at the precision they are stored with)."""
        self.ensure_one()
        changed = {}
        for name, value in values.items():
            field = self._fields[name]
            digits = field.get_digits(self.env) if field.type == "float" else None
            if digits:
                differs = float_compare(self[name], value, precision_digits=digits[1]) != 0
            else:
                differs = self[name] != value
            if differs:
                changed[name] = value
        return changed

    def _check_negative_values(self, vals, meter):
        """Refuse negative values before the database's check does, with the
        meter's range in the message. NaN and infinities are refused first:
        no comparison catches them."""
        self._check_input_values(vals)
        value = float(vals.get("value") or 0.0)
        if value < 0 and meter:
            meter._check_reading_value(value)
        if value < 0 or float(vals.get("old_meter_final_value") or 0.0) < 0:
            raise ValidationError(self.env._("A meter reading cannot be negative."))

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._check_negative_values(
                vals, self.env["property.meter"].browse(vals.get("meter_id"))
            )
        readings = super().create(vals_list)
        readings.meter_id._recompute_readings(written=readings)
        return readings

    def write(self, vals):
        meter = (
            self.env["property.meter"].browse(vals["meter_id"])
            if vals.get("meter_id")
            else self.meter_id[:1]
        )
        self._check_negative_values(vals, meter)
        meters = self.meter_id
        result = super().write(vals)
        if {"meter_id", "date", "value", "reading_type", "old_meter_final_value"} & set(vals):
            (meters | self.meter_id)._recompute_readings(written=self)
        return result

    def unlink(self):
        meters = self.meter_id
        result = super().unlink()
        meters.exists()._recompute_readings()
        return result
