from odoo import api, fields, models
from odoo.exceptions import ValidationError

from odoo.addons.property_base.models.property_meter import METER_TYPES, METER_UOMS

ALLOCATION_SOURCES = [
    ("meters", "Consumption of common meters"),
    ("loss", "Loss of a master meter"),
    ("bill", "Supplier bill"),
]

ALLOCATION_KEYS = [
    ("gross_area", "By gross area"),
    ("net_area", "By net area"),
    ("weight", "By share"),
    ("equal", "Equally per unit"),
    ("residents", "By headcount of residents"),
    ("consumption", "By consumption of the unit's own meter"),
]

REMAINDER_METHODS = [
    ("largest_remainder", "Cent by cent to the largest remainders"),
    ("largest_key", "To the unit with the largest key"),
]


class PropertyAllocationRule(models.Model):
    """A shared-cost rule (公摊规则): what an estate or some of its buildings
    share, and how.

    The source is the consumption of common meters over a period (lifts,
    corridor lights, pumps) priced at a unit price, the loss of a master
    meter (its consumption less that of its sub-meters), or the amount of a
    supplier bill (the power company's). It is shared among the
    participating units by a key (area, share, units, residents or the
    consumption of each unit's own meter) and rounded so that the shares add
    up to the source amount to the cent. Each period's sharing is a
    ``property.allocation``; a fee item of method "Shared cost" bills it."""

    _name = "property.allocation.rule"
    _description = "Shared-cost Rule"
    _inherit = ["mail.thread", "property.estate.mixin", "property.input.mixin"]
    _order = "estate_id, sequence, name, id"

    name = fields.Char(
        required=True,
        tracking=True,
        help="Shown to the owners on their bill and on the published allocation, e.g. 公摊电费.",
    )
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True, tracking=True)
    currency_id = fields.Many2one(related="company_id.currency_id")
    building_ids = fields.Many2many(
        comodel_name="property.building",
        string="Buildings",
        domain="[('estate_id', '=', estate_id)]",
        help="Leave empty to share among the units of the whole estate.",
    )
    source = fields.Selection(
        selection=ALLOCATION_SOURCES, required=True, default="meters", tracking=True
    )
    meter_type = fields.Selection(selection=METER_TYPES, string="Meter Type", default="electricity")
    meter_ids = fields.Many2many(
        comodel_name="property.meter",
        string="Meters",
        domain="[('estate_id', '=', estate_id), ('is_common', '=', True), "
        "('meter_type', '=', meter_type)]",
        help="Common meters whose consumption is shared; for a loss, the sub-meters of the "
        "master meter.",
    )
    master_meter_id = fields.Many2one(
        comodel_name="property.meter",
        string="Master Meter",
        domain="[('estate_id', '=', estate_id), ('meter_type', '=', meter_type)]",
        help="The meter of the whole supply (the building's master water meter); what its "
        "sub-meters do not account for is the loss (损耗).",
    )
    price_unit = fields.Float(
        string="Unit Price",
        digits=(16, 4),
        tracking=True,
        help="Price of a unit of consumption (元/kWh, 元/m³) for a meter or loss source.",
    )
    key = fields.Selection(
        selection=ALLOCATION_KEYS,
        string="Allocation Key",
        required=True,
        default="gross_area",
        tracking=True,
    )
    key_meter_type = fields.Selection(
        selection=METER_TYPES,
        string="Own Meter Type",
        help="For a key by consumption: the type of the units' own meters.",
    )
    unit_type_ids = fields.Many2many(
        comodel_name="property.billing.unit.type",
        string="Unit Types",
        help="Leave empty to share among units of every type.",
    )
    occupied_only = fields.Boolean(
        string="Occupied Units Only",
        help="Only units with a resident at the end of the period take part.",
    )
    exempt_unit_ids = fields.Many2many(
        comodel_name="property.unit",
        relation="property_allocation_rule_exempt_unit_rel",
        string="Exempt Units",
        domain="[('estate_id', '=', estate_id)]",
        help="Units that never take a share (the management office, a club house).",
    )
    remainder = fields.Selection(
        selection=REMAINDER_METHODS,
        string="Rounding Remainder",
        required=True,
        default="largest_remainder",
        help="Each share is rounded to the cent; the cents this leaves over or short go "
        "one by one to the units whose share lost most in the rounding, or all to the unit "
        "with the largest key, so that the shares add up to the source exactly.",
    )
    allocation_ids = fields.One2many(
        comodel_name="property.allocation", inverse_name="rule_id", string="Allocations"
    )
    note = fields.Html()

    @api.constrains("source", "meter_ids", "master_meter_id", "price_unit", "estate_id")
    def _check_source(self):
        for rule in self:
            if rule.source in ("meters", "loss") and rule.price_unit < 0:
                raise ValidationError(
                    self.env._(
                        "The unit price of rule %(rule)s cannot be negative.", rule=rule.name
                    )
                )
            if rule.source == "meters" and not rule.meter_ids:
                raise ValidationError(
                    self.env._(
                        "Rule %(rule)s shares the consumption of common meters: choose them.",
                        rule=rule.name,
                    )
                )
            if rule.source == "loss" and not rule.master_meter_id:
                raise ValidationError(
                    self.env._(
                        "Rule %(rule)s shares the loss of a master meter: choose the master "
                        "meter and its sub-meters.",
                        rule=rule.name,
                    )
                )
            if rule.source == "loss" and rule.master_meter_id in rule.meter_ids:
                raise ValidationError(
                    self.env._(
                        "The master meter of rule %(rule)s cannot be one of its sub-meters.",
                        rule=rule.name,
                    )
                )
            meters = rule.meter_ids | rule.master_meter_id
            strangers = meters.filtered(lambda m, rule=rule: m.estate_id != rule.estate_id)
            if strangers:
                raise ValidationError(
                    self.env._(
                        "The meters %(meters)s are not in the estate %(estate)s of rule %(rule)s.",
                        meters=", ".join(strangers.mapped("display_name")),
                        estate=rule.estate_id.name,
                        rule=rule.name,
                    )
                )
            if len(set(meters.mapped("meter_type"))) > 1:
                raise ValidationError(
                    self.env._(
                        "The meters of rule %(rule)s must all measure the same thing "
                        "(water, electricity…).",
                        rule=rule.name,
                    )
                )

    @api.constrains("key", "key_meter_type")
    def _check_key(self):
        for rule in self:
            if rule.key == "consumption" and not rule.key_meter_type:
                raise ValidationError(
                    self.env._(
                        "Rule %(rule)s shares by the consumption of the units' own meters: "
                        "choose their type.",
                        rule=rule.name,
                    )
                )

    @api.constrains("building_ids", "exempt_unit_ids", "estate_id")
    def _check_scope(self):
        for rule in self:
            if (rule.building_ids.estate_id | rule.exempt_unit_ids.estate_id) - rule.estate_id:
                raise ValidationError(
                    self.env._(
                        "The buildings and exempt units of rule %(rule)s must be in its estate "
                        "%(estate)s.",
                        rule=rule.name,
                        estate=rule.estate_id.name,
                    )
                )

    def _get_unit_domain(self):
        """The units that may take part (before the checks of the period)."""
        self.ensure_one()
        domain = [("estate_id", "=", self.estate_id.id)]
        if self.building_ids:
            domain.append(("building_id", "in", self.building_ids.ids))
        if self.unit_type_ids:
            domain.append(("unit_type", "in", self.unit_type_ids.mapped("code")))
        if self.exempt_unit_ids:
            domain.append(("id", "not in", self.exempt_unit_ids.ids))
        return domain

    def _get_key_label(self):
        self.ensure_one()
        return dict(self._fields["key"]._description_selection(self.env))[self.key]

    def _get_key_uom(self):
        """What the key counts, after the key's value (m², 人, kWh)."""
        self.ensure_one()
        if self.key in ("gross_area", "net_area"):
            return "m²"
        if self.key == "residents":
            return self.env._("people")
        if self.key == "consumption":
            return METER_UOMS.get(self.key_meter_type, "")
        return ""

    def action_view_allocations(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "property_billing.property_allocation_action"
        )
        action["domain"] = [("rule_id", "=", self.id)]
        action["context"] = {"default_rule_id": self.id}
        return action
