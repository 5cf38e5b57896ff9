from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.fields import Domain
from odoo.tools.float_utils import float_compare

METER_TYPES = [
    ("water", "Water"),
    ("electricity", "Electricity"),
    ("gas", "Gas"),
    ("heat", "Heat"),
]

METER_UOMS = {"water": "m³", "electricity": "kWh", "gas": "m³", "heat": "GJ"}


class PropertyMeter(models.Model):
    """A water, electricity, gas or heat meter of a unit, or a common meter
    (公共表) of a building or an estate, with one history of readings.

    Billing charges the consumption of the unit meters; maintenance analyses
    that of the common meters (energy). Both read the same readings, chained
    here under one set of rules: a reading never goes below the previous one,
    except on a recorded meter replacement or a rollover of the register.
    """

    _name = "property.meter"
    _description = "Meter"
    _inherit = ["mail.thread", "property.input.mixin"]
    _order = "estate_id, unit_id, meter_type, name, id"

    name = fields.Char(
        string="Meter Number",
        required=True,
        size=64,
        tracking=True,
        help="The number on the meter, or a name for a common meter "
        "(e.g. Transformer 1 main meter).",
    )
    active = fields.Boolean(default=True)
    meter_type = fields.Selection(
        selection=METER_TYPES, string="Type", required=True, default="water", tracking=True
    )
    unit_id = fields.Many2one(
        comodel_name="property.unit",
        string="Unit",
        index=True,
        ondelete="cascade",
        tracking=True,
        help="Leave empty for a common meter of the building or the estate.",
    )
    building_id = fields.Many2one(
        comodel_name="property.building",
        compute="_compute_location",
        store=True,
        readonly=False,
        index=True,
        precompute=True,
        domain="[('estate_id', '=', estate_id)]",
    )
    estate_id = fields.Many2one(
        comodel_name="property.estate",
        compute="_compute_location",
        store=True,
        readonly=False,
        required=True,
        index=True,
        precompute=True,
    )
    company_id = fields.Many2one(related="estate_id.company_id", store=True, index=True)
    is_common = fields.Boolean(string="Common Meter", compute="_compute_is_common", store=True)
    uom = fields.Char(string="Unit of Measure", compute="_compute_uom", store=True, readonly=False)
    digit_count = fields.Integer(
        string="Digits",
        default=6,
        help="Number of digits of the register: a rollover restarts the count after 10^digits − 1.",
    )
    max_reading = fields.Float(
        string="Register Capacity",
        compute="_compute_max_reading",
        digits=(16, 0),
        help="Highest value the register can show (from its digits); a reading above it is "
        "refused.",
    )
    multiplier = fields.Float(
        default=1.0,
        tracking=True,
        help="Current-transformer ratio: consumption = reading difference × this.",
    )
    reading_ids = fields.One2many(
        comodel_name="property.meter.reading", inverse_name="meter_id", string="Readings"
    )
    last_reading_date = fields.Date(compute="_compute_last_reading")
    last_reading_value = fields.Float(compute="_compute_last_reading", digits=(16, 2))
    reading_due = fields.Boolean(
        string="To Read",
        compute="_compute_reading_due",
        search="_search_reading_due",
        help="No reading this month yet.",
    )

    _name_uniq = models.UniqueIndex(
        "(estate_id, meter_type, name)", "A meter number must be unique within its estate."
    )

    @api.depends("unit_id")
    def _compute_location(self):
        for meter in self:
            if meter.unit_id:
                meter.estate_id = meter.unit_id.estate_id
                meter.building_id = meter.unit_id.building_id

    @api.depends("unit_id")
    def _compute_is_common(self):
        for meter in self:
            meter.is_common = not meter.unit_id

    @api.depends("meter_type")
    def _compute_uom(self):
        for meter in self:
            meter.uom = METER_UOMS.get(meter.meter_type)

    @api.depends("digit_count")
    def _compute_max_reading(self):
        for meter in self:
            meter.max_reading = 10**meter.digit_count - 1 if meter.digit_count > 0 else 0.0

    @api.depends("reading_ids.date", "reading_ids.value")
    def _compute_last_reading(self):
        last = {}
        for reading in self.env["property.meter.reading"].search(
            [("meter_id", "in", self.ids)], order="date, id"
        ):
            last[reading.meter_id.id] = reading
        for meter in self:
            reading = last.get(meter.id)
            meter.last_reading_date = reading.date if reading else False
            meter.last_reading_value = reading.value if reading else 0.0

    @api.model
    def _reading_month_start(self):
        return fields.Date.context_today(self).replace(day=1)

    @api.depends("reading_ids.date")
    def _compute_reading_due(self):
        read = set(
            self.env["property.meter.reading"]
            .search([("meter_id", "in", self.ids), ("date", ">=", self._reading_month_start())])
            .meter_id.ids
        )
        for meter in self:
            meter.reading_due = meter.id not in read

    def _search_reading_due(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            return NotImplemented
        read = Domain("reading_ids", "any", [("date", ">=", self._reading_month_start())])
        return ~read if (operator == "=") == value else read

    @api.depends("name", "meter_type", "unit_id.full_code")
    def _compute_display_name(self):
        types = dict(self._fields["meter_type"]._description_selection(self.env))
        for meter in self:
            place = meter.unit_id.full_code or meter.building_id.name or meter.estate_id.name
            meter.display_name = f"{types.get(meter.meter_type, '')} {meter.name} ({place})"

    @api.constrains("digit_count")
    def _check_digit_count(self):
        for meter in self:
            if not 1 <= meter.digit_count <= 12:
                raise ValidationError(self.env._("A meter register has between 1 and 12 digits."))

    @api.constrains("multiplier")
    def _check_multiplier(self):
        for meter in self:
            if meter.multiplier <= 0:
                raise ValidationError(
                    self.env._("The multiplier of meter %s must be positive.", meter.name)
                )

    @api.constrains("unit_id", "estate_id", "building_id")
    def _check_location(self):
        for meter in self:
            if meter.building_id and meter.building_id.estate_id != meter.estate_id:
                raise ValidationError(
                    self.env._(
                        "Building %(building)s of meter %(meter)s is not in estate %(estate)s.",
                        building=meter.building_id.name,
                        meter=meter.name,
                        estate=meter.estate_id.name,
                    )
                )

    def write(self, vals):
        result = super().write(vals)
        if self._get_reading_chain_triggers() & set(vals):
            self._recompute_readings()
        return result

    def _get_reading_chain_triggers(self):
        """Fields of the meter that change the figures of its readings."""
        return {"digit_count", "multiplier"}

    def _check_reading_value(self, value):
        """Refuse a reading the register cannot show (decimals of the last
        figure included: 99999.5 fits a five-digit register)."""
        self.ensure_one()
        if value < 0 or value >= 10**self.digit_count:
            raise ValidationError(
                self.env._(
                    "The reading %(value)s of meter %(meter)s is outside its range "
                    "(0 to %(max)s): a reading is never negative, nor above what the "
                    "register can show.",
                    value=value,
                    meter=self.name,
                    max=int(self.max_reading),
                )
            )

    def _recompute_readings(self, written=None):
        """Chain the readings of the meters in date order and store the figures
        of each (previous value, consumption, and what other modules add in
        ``_prepare_reading_chain_values``). One query reads the readings of
        all the meters; only readings whose figures change are written.

        ``written``: the readings just created or changed; their values are
        checked against the register, and a reading that makes the next one
        go down is reported as being above it."""
        if not self:
            return
        Reading = self.env["property.meter.reading"]
        written = written if written is not None else Reading
        readings = Reading.search([("meter_id", "in", self.ids)], order="meter_id, date, id")
        # each meter's chain is given its own written readings: a membership
        # test in all of them, once per reading, would grow with their square
        written_by_meter = written.grouped("meter_id")
        for meter, meter_readings in readings.grouped("meter_id").items():
            chain = meter._prepare_reading_chain_values(
                meter_readings, written_by_meter.get(meter, Reading)
            )
            for reading, values in zip(meter_readings, chain, strict=True):
                changed = reading._get_changed_values(values)
                if changed:
                    reading.write(changed)

    def _prepare_reading_chain_values(self, readings, written):
        """Figures of the meter's ``readings`` (all of them, in date order):
        one dict of values per reading. Consumption is the difference with the
        previous reading times the multiplier; over a meter replacement it is
        what the old meter counted up to its final reading plus the new
        meter's reading; over a rollover, what the register counted up to its
        capacity and again from zero. Any other reading below the previous one
        is refused."""
        self.ensure_one()
        chain = []
        previous = None
        for reading in readings:
            if reading in written:
                self._check_reading_value(reading.value)
            if previous is None:
                chain.append({"previous_value": 0.0, "consumption": 0.0})
            else:
                counted = self._get_counted(previous, reading, written)
                chain.append(
                    {
                        "previous_value": previous.value,
                        "consumption": round(counted * self.multiplier, 2),
                    }
                )
            previous = reading
        return chain

    def _get_counted(self, previous, reading, written):
        """What the register counted from ``previous`` to ``reading``."""
        return self._count_between(
            previous, reading, above_next=previous in written and reading not in written
        )

    def _count_between(self, previous, reading, above_next=False):
        """What the register counted from ``previous`` to ``reading``: two
        readings, saved or not (anything with their ``value``, ``date``,
        ``reading_type`` and ``old_meter_final_value``, as a reading round or
        an import checks a value before it writes it). A reading below the
        previous one that is neither a replacement nor a rollover is refused;
        ``above_next``: ``previous`` is the new one, said to be above the
        next."""
        prev_value = previous.value
        if reading.reading_type == "replacement":
            final = reading.old_meter_final_value or prev_value
            if float_compare(final, prev_value, precision_digits=2) < 0:
                raise ValidationError(
                    self.env._(
                        "The final reading of the replaced meter %(meter)s "
                        "(%(final)s) is below its previous reading (%(previous)s).",
                        meter=self.name,
                        final=final,
                        previous=prev_value,
                    )
                )
            return final - prev_value + reading.value
        if reading.reading_type == "rollover":
            return 10**self.digit_count - prev_value + reading.value
        if float_compare(reading.value, prev_value, precision_digits=2) < 0:
            if above_next:
                raise ValidationError(
                    self.env._(
                        "The reading %(value)s of meter %(meter)s on %(date)s is above "
                        "the next one (%(next)s on %(next_date)s).",
                        value=previous.value,
                        meter=self.name,
                        date=previous.date,
                        next=reading.value,
                        next_date=reading.date,
                    )
                )
            raise ValidationError(
                self.env._(
                    "The reading %(value)s of meter %(meter)s on %(date)s is lower than the "
                    "previous one (%(previous)s on %(previous_date)s). A reading never goes "
                    "below the previous one, except on a meter replacement or a rollover: "
                    "record it as one if that is what happened.",
                    value=reading.value,
                    meter=self.name,
                    date=reading.date,
                    previous=prev_value,
                    previous_date=previous.date,
                )
            )
        return reading.value - prev_value

    def action_enter_reading(self):
        """A new reading of the meter, in a dialog: the reading round."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.display_name,
            "res_model": "property.meter.reading",
            "view_mode": "form",
            "views": [(self.env.ref("property_base.property_meter_reading_view_form").id, "form")],
            "target": "new",
            "context": {"default_meter_id": self.id},
        }

    def action_view_readings(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "property_base.property_meter_reading_action"
        )
        action["domain"] = [("meter_id", "=", self.id)]
        action["context"] = {"default_meter_id": self.id}
        return action
