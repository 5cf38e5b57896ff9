from odoo import api, fields, models
from odoo.exceptions import ValidationError


class PropertyMeterReading(models.Model):
    """A meter reading (抄表). Readings never go down, except on a recorded
    meter replacement (the new meter starts from zero, or from its initial
    value) or a register rollover."""

    _name = "property.meter.reading"
    _description = "Meter Reading"
    _order = "date desc, meter_id, id desc"

    meter_id = fields.Many2one(
        comodel_name="property.meter",
        string="Meter",
        required=True,
        index=True,
        ondelete="cascade",
    )
    meter_type = fields.Selection(related="meter_id.meter_type", store=True, index=True)
    unit_id = fields.Many2one(related="meter_id.unit_id", store=True, index=True)
    estate_id = fields.Many2one(related="meter_id.estate_id", store=True, index=True)
    company_id = fields.Many2one(related="meter_id.company_id", store=True, index=True)
    date = fields.Date(required=True, default=fields.Date.context_today, index=True)
    value = fields.Float(string="Reading", digits=(16, 2), required=True)
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
        help="Last reading of the replaced meter, counted up to the replacement.",
    )
    previous_value = fields.Float(digits=(16, 2), readonly=True, copy=False)
    consumption = fields.Float(digits=(16, 2), readonly=True, copy=False, aggregator="sum")
    user_id = fields.Many2one(
        comodel_name="res.users", string="Read by", default=lambda self: self.env.user
    )
    note = fields.Char()
    move_in_id = fields.Many2one(
        comodel_name="property.move.in", string="Move-in", index="btree_not_null", copy=False
    )

    _meter_date_uniq = models.UniqueIndex(
        "(meter_id, date)", "A meter has at most one reading per day."
    )
    _value_positive = models.Constraint(
        "CHECK (value >= 0 AND old_meter_final_value >= 0)", "A meter reading cannot be negative."
    )

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("value", 0.0) < 0 or vals.get("old_meter_final_value", 0.0) < 0:
                raise ValidationError(self.env._("A meter reading cannot be negative."))
        readings = super().create(vals_list)
        readings.meter_id._recompute_readings()
        return readings

    def write(self, vals):
        if vals.get("value", 0.0) < 0 or vals.get("old_meter_final_value", 0.0) < 0:
            raise ValidationError(self.env._("A meter reading cannot be negative."))
        meters = self.meter_id
        result = super().write(vals)
        if {"meter_id", "date", "value", "reading_type", "old_meter_final_value"} & set(vals):
            (meters | self.meter_id)._recompute_readings()
        return result

    def unlink(self):
        meters = self.meter_id
        result = super().unlink()
        meters.exists()._recompute_readings()
        return result
