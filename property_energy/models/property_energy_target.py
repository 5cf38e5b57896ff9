from odoo import api, fields, models
from odoo.exceptions import ValidationError

from odoo.addons.property_base.models.property_meter import METER_TYPES, METER_UOMS


class PropertyEnergyTarget(models.Model):
    """An energy target (能耗目标) of a year: for an estate, the monthly
    consumption of its common meters of one type per m² of the estate's gross
    area (kWh/m², m³/m²) and the monthly budget of the energy bills; for one
    meter (a lift, the pump room), its monthly consumption. The energy report
    compares each month with it, with the same month of the year before and
    with the cost of the supplier bills shared that month."""

    _name = "property.energy.target"
    _description = "Energy Target"
    _inherit = ["mail.thread", "property.estate.mixin", "property.input.mixin"]
    _order = "year desc, estate_id, meter_type, meter_id, id"

    name = fields.Char(compute="_compute_name", store=True)
    active = fields.Boolean(default=True)
    year = fields.Integer(
        required=True,
        default=lambda self: fields.Date.context_today(self).year,
        tracking=True,
        aggregator=False,
    )
    meter_type = fields.Selection(
        selection=METER_TYPES,
        string="Energy",
        required=True,
        default="electricity",
        tracking=True,
    )
    meter_id = fields.Many2one(
        comodel_name="property.meter",
        string="Meter",
        index="btree_not_null",
        ondelete="cascade",
        tracking=True,
        domain="[('estate_id', '=', estate_id), ('is_common', '=', True), "
        "('meter_type', '=', meter_type)]",
        help="Leave empty for the target of the whole estate (its common meters of this "
        "energy); choose a meter for the target of that meter alone.",
    )
    uom = fields.Char(string="Unit of Measure", compute="_compute_uom")
    currency_id = fields.Many2one(related="company_id.currency_id")
    area = fields.Float(
        string="Gross Area (m²)",
        compute="_compute_area",
        digits=(16, 2),
        help="Gross area of the estate's units, the base of the target per m².",
    )
    target_intensity = fields.Float(
        string="Target per m² per Month",
        digits=(16, 4),
        tracking=True,
        help="Monthly consumption allowed per m² of the estate's gross area (kWh/m², m³/m²).",
    )
    target_quantity = fields.Float(
        string="Monthly Target",
        digits=(16, 2),
        compute="_compute_target_quantity",
        store=True,
        readonly=False,
        tracking=True,
        help="Monthly consumption allowed: for an estate, the target per m² times its gross "
        "area; for a meter, entered.",
    )
    budget_amount = fields.Monetary(
        string="Monthly Budget",
        currency_field="currency_id",
        tracking=True,
        help="Monthly budget of the energy bills of the estate (the supplier bills shared "
        "in the month).",
    )
    note = fields.Text()

    _target_uniq = models.UniqueIndex(
        "(estate_id, meter_type, year, COALESCE(meter_id, 0)) WHERE active",
        "There is already a target for this estate, energy, meter and year.",
    )

    @api.depends("estate_id.name", "meter_type", "meter_id.name", "year")
    def _compute_name(self):
        labels = dict(self._fields["meter_type"]._description_selection(self.env))
        for target in self:
            target.name = " ".join(
                str(part)
                for part in (
                    target.year,
                    target.estate_id.name,
                    target.meter_id.name or labels.get(target.meter_type),
                )
                if part
            )

    @api.depends("meter_type")
    def _compute_uom(self):
        for target in self:
            target.uom = METER_UOMS.get(target.meter_type, "")

    @api.depends("estate_id")
    def _compute_area(self):
        for target in self:
            target.area = target.estate_id.total_gross_area

    @api.depends("target_intensity", "estate_id", "meter_id")
    def _compute_target_quantity(self):
        for target in self:
            if not target.meter_id and target.target_intensity:
                target.target_quantity = round(target.target_intensity * target.area, 2)

    @api.constrains("year", "target_intensity", "target_quantity", "budget_amount")
    def _check_values(self):
        for target in self:
            if not 2000 <= target.year <= 2100:
                raise ValidationError(
                    self.env._(
                        "The year of an energy target must be between 2000 and 2100, not %(year)s.",
                        year=target.year,
                    )
                )
            if min(target.target_intensity, target.target_quantity, target.budget_amount) < 0:
                raise ValidationError(
                    self.env._(
                        "The targets and the budget of %(target)s cannot be negative.",
                        target=target.name,
                    )
                )

    @api.constrains("meter_id", "estate_id", "meter_type", "target_intensity")
    def _check_meter(self):
        for target in self:
            meter = target.meter_id
            if not meter:
                continue
            if meter.estate_id != target.estate_id or not meter.is_common:
                raise ValidationError(
                    self.env._(
                        "%(meter)s is not a common meter of %(estate)s: a meter target is "
                        "for a common meter of the target's estate.",
                        meter=meter.display_name,
                        estate=target.estate_id.name,
                    )
                )
            if meter.meter_type != target.meter_type:
                raise ValidationError(
                    self.env._(
                        "%(meter)s does not measure the energy of target %(target)s.",
                        meter=meter.display_name,
                        target=target.name,
                    )
                )
            if target.target_intensity:
                raise ValidationError(
                    self.env._(
                        "A target per m² is the whole estate's: leave the meter of "
                        "%(target)s empty, or give the meter a monthly target.",
                        target=target.name,
                    )
                )

    @api.model
    def _get_meter_targets(self, meters, years):
        """The monthly target of each of ``meters`` for each of ``years``
        {(meter id, year): quantity}."""
        if not meters:
            return {}
        targets = self.search(
            [("meter_id", "in", meters.ids), ("year", "in", list(years))],
        )
        return {(target.meter_id.id, target.year): target.target_quantity for target in targets}
