import datetime
from dataclasses import dataclass, field
from types import SimpleNamespace

from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import SQL
from odoo.tools.float_utils import float_compare


@dataclass
class NewReading:
    """A reading not saved yet (typed on a round, read from a sheet), as
    ``property.meter.reading._check_new_readings`` checks it."""

    meter: models.BaseModel
    date: datetime.date
    value: float
    reading_type: str = "regular"
    old_meter_final_value: float = 0.0


@dataclass
class NewReadingCheck:
    """What ``_check_new_readings`` tells of a ``NewReading``: the message
    that refuses it, or the figures the reading chain gives it."""

    error: str | None = None
    figures: dict = field(default_factory=dict)


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
    photo = fields.Image(
        max_width=1024,
        max_height=1024,
        help="The meter's register as the reader saw it, to check a doubtful reading.",
    )
    photo_128 = fields.Image(
        string="Photo Thumbnail", related="photo", max_width=128, max_height=128, store=True
    )

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
            current = self[name]
            if current == value:
                continue
            field = self._fields[name]
            digits = field.get_digits(self.env) if field.type == "float" else None
            if digits:
                differs = float_compare(current, value, precision_digits=digits[1]) != 0
            else:
                differs = True
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

    @api.model
    def _check_new_readings(self, new_readings):
        """Check readings before creating them, as ``create`` would refuse
        them, and tell the figures (previous value, consumption) the chain
        will give them: a list of ``NewReadingCheck``, one per
        ``NewReading`` (at most one per meter). One query reads the readings
        around all of them: the previous one, one on the same day, the next
        one."""
        if not new_readings:
            return []
        self.flush_model(["meter_id", "date", "value", "reading_type", "old_meter_final_value"])
        self.env.cr.execute(
            SQL(
                """
                SELECT new.position,
                       prev.value, prev.date,
                       same.date,
                       next.value, next.date, next.reading_type, next.old_meter_final_value
                  FROM unnest(%(positions)s::int[], %(meters)s::int[], %(dates)s::date[])
                       AS new(position, meter_id, date)
             LEFT JOIN LATERAL (
                        SELECT value, date FROM property_meter_reading
                         WHERE meter_id = new.meter_id AND date < new.date
                      ORDER BY date DESC, id DESC LIMIT 1
                       ) AS prev ON TRUE
             LEFT JOIN LATERAL (
                        SELECT date FROM property_meter_reading
                         WHERE meter_id = new.meter_id AND date = new.date LIMIT 1
                       ) AS same ON TRUE
             LEFT JOIN LATERAL (
                        SELECT value, date, reading_type, old_meter_final_value
                          FROM property_meter_reading
                         WHERE meter_id = new.meter_id AND date > new.date
                      ORDER BY date, id LIMIT 1
                       ) AS next ON TRUE
                """,
                positions=list(range(len(new_readings))),
                meters=[new.meter.id for new in new_readings],
                dates=[new.date for new in new_readings],
            )
        )
        around = {row[0]: row[1:] for row in self.env.cr.fetchall()}
        results = []
        for position, new in enumerate(new_readings):
            prev_value, prev_date, same_date, *following = around[position]
            previous = prev_date and SimpleNamespace(value=prev_value, date=prev_date)
            following = following[1] and SimpleNamespace(
                value=following[0],
                date=following[1],
                reading_type=following[2],
                old_meter_final_value=following[3] or 0.0,
            )
            results.append(self._check_new_reading(new, previous, same_date, following))
        return results

    @api.model
    def _check_new_reading(self, new, previous, same_date, following):
        """``NewReadingCheck`` of ``new`` between the saved readings
        ``previous`` and ``following`` (or None) of its meter, which has one
        on ``same_date`` already (or None)."""
        meter = new.meter
        try:
            self._check_input_values({"value": new.value})
            if new.value < 0 or new.old_meter_final_value < 0:
                meter._check_reading_value(min(new.value, new.old_meter_final_value))
            meter._check_reading_value(new.value)
            if same_date:
                raise ValidationError(
                    self.env._(
                        "Meter %(meter)s already has a reading on %(date)s.",
                        meter=meter.name,
                        date=same_date,
                    )
                )
            counted = meter._count_between(previous, new) if previous else 0.0
            if following:
                meter._count_between(new, following, above_next=True)
        except ValidationError as error:
            return NewReadingCheck(error=error.args[0])
        return NewReadingCheck(
            figures={
                "previous_value": previous.value if previous else 0.0,
                "consumption": round(counted * meter.multiplier, 2) if previous else 0.0,
            }
        )
