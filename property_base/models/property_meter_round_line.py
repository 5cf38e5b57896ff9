from collections import defaultdict
from types import SimpleNamespace

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import SQL

from .property_meter_reading import NewReading

#: Readings created by one ``create`` call when a round records them.
RECORD_BATCH_SIZE = 2000


class PropertyMeterRoundLine(models.Model):
    """A meter of a reading round: its last reading and average use when the
    round was made, the new value typed on the reader's phone or imported,
    a photo of the register, and a warning when the new value jumps above
    the route's factor × the average, or goes below the last reading."""

    _name = "property.meter.round.line"
    _description = "Meter of a Reading Round"
    _inherit = ["property.input.mixin"]
    _order = "round_id, sequence, id"

    round_id = fields.Many2one(
        comodel_name="property.meter.round",
        string="Round",
        required=True,
        index=True,
        ondelete="cascade",
    )
    sequence = fields.Integer(default=10)
    meter_id = fields.Many2one(
        comodel_name="property.meter",
        string="Meter",
        required=True,
        index=True,
        ondelete="cascade",
    )
    meter_name = fields.Char(related="meter_id.name", string="Meter Number")
    meter_type = fields.Selection(related="meter_id.meter_type")
    uom = fields.Char(related="meter_id.uom")
    location = fields.Char(compute="_compute_location")
    estate_id = fields.Many2one(related="round_id.estate_id", store=True, index=True)
    company_id = fields.Many2one(related="round_id.company_id", store=True)
    state = fields.Selection(related="round_id.state")
    previous_value = fields.Float(
        string="Last Reading", digits=(16, 2), readonly=True, aggregator=False
    )
    previous_date = fields.Date(string="Last Reading Date", readonly=True)
    average_consumption = fields.Float(
        string="Average Use",
        digits=(16, 2),
        readonly=True,
        aggregator=False,
        help="Average consumption of the meter's last (up to) three readings.",
    )
    value = fields.Float(string="New Reading", digits=(16, 2), aggregator=False)
    is_read = fields.Boolean(
        string="Read",
        compute="_compute_is_read",
        store=True,
        readonly=False,
        help="A value was entered for the meter (a reading of zero included).",
    )
    date = fields.Date(help="Date of the reading, when not the round's.")
    reading_type = fields.Selection(
        selection=[
            ("regular", "Regular"),
            ("replacement", "Meter Replacement"),
            ("rollover", "Rollover"),
        ],
        string="Kind",
        required=True,
        default="regular",
    )
    old_meter_final_value = fields.Float(
        string="Old Meter Final Reading", digits=(16, 2), aggregator=False
    )
    photo = fields.Image(
        max_width=1024,
        max_height=1024,
        help="A photo of the meter's register, taken on the phone; it goes with the reading.",
    )
    note = fields.Char(size=256)
    consumption = fields.Float(
        digits=(16, 2), compute="_compute_check", store=True, aggregator="sum"
    )
    warning = fields.Selection(
        selection=[
            ("jump", "Jump"),
            ("lower", "Below Last Reading"),
            ("invalid", "Out of Range"),
        ],
        compute="_compute_check",
        store=True,
    )
    warning_message = fields.Char(compute="_compute_warning_message")
    reading_id = fields.Many2one(
        comodel_name="property.meter.reading",
        string="Recorded Reading",
        readonly=True,
        copy=False,
        index="btree_not_null",
        ondelete="set null",
    )

    _round_meter_uniq = models.UniqueIndex(
        "(round_id, meter_id)", "A meter is on a round only once."
    )

    @api.depends("meter_id")
    def _compute_location(self):
        for line in self:
            meter = line.meter_id
            line.location = (
                meter.unit_id.full_code or meter.building_id.name or meter.estate_id.name or ""
            )

    @api.depends("value")
    def _compute_is_read(self):
        for line in self:
            line.is_read = line.is_read or bool(line.value)

    @api.depends(
        "is_read",
        "value",
        "reading_type",
        "old_meter_final_value",
        "previous_value",
        "previous_date",
        "average_consumption",
        "round_id.jump_factor",
    )
    def _compute_check(self):
        for line in self:
            line.consumption, line.warning, _message = line._check_value()

    @api.depends(
        "is_read",
        "value",
        "reading_type",
        "old_meter_final_value",
        "previous_value",
        "previous_date",
        "average_consumption",
        "round_id.jump_factor",
    )
    def _compute_warning_message(self):
        for line in self:
            line.warning_message = line._check_value()[2]

    def _check_value(self):
        """(consumption, warning, message) of the line's new value, by the
        rules of the meter's readings (``property.meter._count_between``)."""
        self.ensure_one()
        if not self.is_read or not self.meter_id:
            return 0.0, False, False
        meter = self.meter_id
        try:
            meter._check_reading_value(self.value)
        except ValidationError as error:
            return 0.0, "invalid", error.args[0]
        if not self.previous_date:
            return 0.0, False, False
        previous = SimpleNamespace(value=self.previous_value, date=self.previous_date)
        try:
            counted = meter._count_between(previous, self._get_new_reading())
        except ValidationError as error:
            return 0.0, "lower", error.args[0]
        consumption = round(counted * meter.multiplier, 2)
        factor = self.round_id.jump_factor
        if (
            self.average_consumption > 0
            and factor
            and consumption > factor * self.average_consumption
        ):
            return (
                consumption,
                "jump",
                self.env._(
                    "Use of %(consumption)s %(uom)s is above %(factor)s × the average "
                    "(%(average)s): check the reading.",
                    consumption=consumption,
                    uom=meter.uom or "",
                    factor=factor,
                    average=self.average_consumption,
                ),
            )
        return consumption, False, False

    def _get_new_reading(self):
        """The reading the line would record (not saved)."""
        self.ensure_one()
        return NewReading(
            meter=self.meter_id,
            date=self.date or self.round_id.date,
            value=self.value,
            reading_type=self.reading_type,
            old_meter_final_value=self.old_meter_final_value,
        )

    @api.model
    def _prepare_line_values(self, meters, date):
        """Values of the lines of ``meters`` (in that order) for a round read
        on ``date``: each meter's last reading before that date and the
        average consumption of its last three readings. One query for all."""
        Reading = self.env["property.meter.reading"]
        Reading.flush_model(["meter_id", "date", "value", "consumption"])
        history = defaultdict(list)
        if meters:
            self.env.cr.execute(
                SQL(
                    """
                    SELECT meter_id, date, value, consumption
                      FROM (
                            SELECT meter_id, date, value, consumption,
                                   row_number() OVER (
                                       PARTITION BY meter_id ORDER BY date DESC, id DESC
                                   ) AS rank
                              FROM property_meter_reading
                             WHERE meter_id = ANY(%(meters)s) AND date < %(date)s
                           ) AS latest
                     WHERE rank <= 4
                  ORDER BY meter_id, rank
                    """,
                    meters=meters.ids,
                    date=date,
                )
            )
            for meter_id, reading_date, value, consumption in self.env.cr.fetchall():
                history[meter_id].append((reading_date, value, consumption))
        values_list = []
        for index, meter in enumerate(meters):
            readings = history.get(meter.id, [])
            # The first reading of a meter has no consumption of its own.
            periods = readings[:3] if len(readings) == 4 else readings[:-1]
            values_list.append(
                {
                    "meter_id": meter.id,
                    "sequence": 10 * (index + 1),
                    "previous_value": readings[0][1] if readings else 0.0,
                    "previous_date": readings[0][0] if readings else False,
                    "average_consumption": (
                        round(sum(p[2] for p in periods) / len(periods), 2) if periods else 0.0
                    ),
                }
            )
        return values_list

    def _record_readings(self):
        """Create the meter readings of the lines (read, not yet recorded)
        in batches, after checking all of them as the readings would: one
        error names every meter refused, and nothing is written."""
        lines = self.filtered(lambda line: line.is_read and not line.reading_id)
        if not lines:
            return self.env["property.meter.reading"]
        new_readings = [line._get_new_reading() for line in lines]
        Reading = self.env["property.meter.reading"]
        results = Reading._check_new_readings(new_readings)
        refused = [
            f"{line.meter_id.name} ({line.location}): {result.error}"
            for line, result in zip(lines, results, strict=True)
            if result.error
        ]
        if refused:
            raise ValidationError(
                self.env._(
                    "These readings cannot be recorded; correct them and finish again:\n%s",
                    "\n".join(refused),
                )
            )
        vals_list = [
            line._prepare_reading_values(new, result)
            for line, new, result in zip(lines, new_readings, results, strict=True)
        ]
        return lines._create_readings(vals_list)

    def _create_readings(self, vals_list, line_values=None):
        """Create the readings of ``vals_list`` (one per line of ``self``, in
        order) in batches and link each line to its reading, writing
        ``line_values`` (a dict per line) on it at the same time."""
        Reading = self.env["property.meter.reading"]
        reading_ids = []
        for start in range(0, len(vals_list), RECORD_BATCH_SIZE):
            reading_ids += Reading.create(vals_list[start : start + RECORD_BATCH_SIZE]).ids
        line_values = line_values or [{}] * len(self)
        for line, reading_id, values in zip(self, reading_ids, line_values, strict=True):
            line.write({**values, "reading_id": reading_id})
        return Reading.browse(reading_ids)

    def _prepare_reading_values(self, new_reading, result):
        """Values of the meter reading of the line; ``result``: its check
        (``property.meter.reading._check_new_readings``), whose figures are
        those the reading chain would compute."""
        self.ensure_one()
        return {
            "meter_id": self.meter_id.id,
            "date": new_reading.date,
            "value": new_reading.value,
            "reading_type": new_reading.reading_type,
            "old_meter_final_value": new_reading.old_meter_final_value,
            "user_id": self.round_id.user_id.id,
            "note": self.note,
            # the image itself, whatever the caller's context (not its size)
            "photo": self.with_context(bin_size=False).photo,
            **result.figures,
        }

    def write(self, vals):
        if {"value", "is_read", "date", "reading_type", "old_meter_final_value"} & set(vals):
            if self.filtered("reading_id"):
                raise UserError(
                    self.env._(
                        "The reading of meter %s is already recorded: correct it in the "
                        "meter's readings.",
                        self.filtered("reading_id")[:1].meter_id.name,
                    )
                )
        return super().write(vals)
