from collections import defaultdict

from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools.float_utils import float_compare

from .property_fee_item import METER_TYPES


class PropertyMeter(models.Model):
    """A water, electricity or gas meter of a unit, or a common meter of a
    building or an estate (公共表)."""

    _name = "property.meter"
    _description = "Meter"
    _inherit = ["mail.thread"]
    _order = "estate_id, unit_id, meter_type, name, id"

    name = fields.Char(string="Meter Number", required=True, tracking=True)
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
    digit_count = fields.Integer(
        string="Digits",
        default=6,
        help="Number of digits of the register: a rollover restarts the count after 10^digits − 1.",
    )
    reading_ids = fields.One2many(
        comodel_name="property.meter.reading", inverse_name="meter_id", string="Readings"
    )
    last_reading_date = fields.Date(compute="_compute_last_reading")
    last_reading_value = fields.Float(compute="_compute_last_reading", digits=(16, 2))

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

    def _recompute_readings(self):
        """Chain the readings of the meters in date order: previous value and
        consumption of each; refuse a reading below the previous one unless
        it is a replacement or a rollover. One query for all meters."""
        if not self:
            return
        by_meter = defaultdict(list)
        for reading in self.env["property.meter.reading"].search(
            [("meter_id", "in", self.ids)], order="meter_id, date, id"
        ):
            by_meter[reading.meter_id].append(reading)
        for meter, readings in by_meter.items():
            previous = None
            for reading in readings:
                if reading.value < 0 or reading.old_meter_final_value < 0:
                    raise ValidationError(self.env._("A meter reading cannot be negative."))
                prev_value = previous.value if previous else reading.value
                if previous is None:
                    consumption = 0.0
                elif reading.reading_type == "replacement":
                    final = reading.old_meter_final_value or prev_value
                    if float_compare(final, prev_value, precision_digits=2) < 0:
                        raise ValidationError(
                            self.env._(
                                "The final reading of the replaced meter %(meter)s "
                                "(%(final)s) is below its previous reading (%(previous)s).",
                                meter=meter.name,
                                final=final,
                                previous=prev_value,
                            )
                        )
                    consumption = final - prev_value + reading.value
                elif reading.reading_type == "rollover":
                    consumption = 10**meter.digit_count - prev_value + reading.value
                else:
                    if float_compare(reading.value, prev_value, precision_digits=2) < 0:
                        raise ValidationError(
                            self.env._(
                                "The reading %(value)s of meter %(meter)s on %(date)s is lower "
                                "than the previous one (%(previous)s). Record it as a meter "
                                "replacement or a rollover if that is what happened.",
                                value=reading.value,
                                meter=meter.name,
                                date=reading.date,
                                previous=prev_value,
                            )
                        )
                    consumption = reading.value - prev_value
                values = {
                    "previous_value": prev_value if previous else 0.0,
                    "consumption": round(consumption, 2),
                }
                if any(
                    float_compare(reading[name], value, precision_digits=2)
                    for name, value in values.items()
                ):
                    reading.write(values)
                previous = reading

    def action_view_readings(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "property_billing.property_meter_reading_action"
        )
        action["domain"] = [("meter_id", "=", self.id)]
        action["context"] = {"default_meter_id": self.id}
        return action
