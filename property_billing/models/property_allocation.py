from odoo import Command, api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import float_round

from odoo.addons.property_base.models.property_meter import METER_UOMS

ALLOCATION_STATES = [
    ("draft", "Draft"),
    ("done", "Confirmed"),
    ("cancel", "Cancelled"),
]

# Keys are shared in integers: each key value times this, rounded.
KEY_SCALE = 10_000

# Where a unit's key goes in the text of its bill line.
KEY_VALUE = "\x00key\x00"


class PropertyAllocation(models.Model):
    """The sharing of one rule's source in one billing period (公摊分摊表):
    the source quantity and amount, the key's total and each participating
    unit's key and share. Confirmed, it is billed by the fee items of the
    rule and published to the owners of its buildings (公示)."""

    _name = "property.allocation"
    _description = "Shared-cost Allocation"
    _inherit = ["mail.thread", "property.input.mixin"]
    _order = "period_start desc, rule_id, id"

    name = fields.Char(compute="_compute_name", store=True)
    rule_id = fields.Many2one(
        comodel_name="property.allocation.rule",
        string="Rule",
        required=True,
        index=True,
        ondelete="restrict",
        tracking=True,
    )
    estate_id = fields.Many2one(related="rule_id.estate_id", store=True, index=True)
    company_id = fields.Many2one(related="rule_id.company_id", store=True, index=True)
    currency_id = fields.Many2one(related="company_id.currency_id")
    source = fields.Selection(related="rule_id.source")
    key = fields.Selection(related="rule_id.key")
    period_id = fields.Many2one(
        comodel_name="property.billing.period",
        string="Period",
        required=True,
        index=True,
        ondelete="restrict",
        tracking=True,
        domain="[('company_id', '=', company_id)]",
    )
    period_start = fields.Date(related="period_id.date_start", store=True)
    bill_id = fields.Many2one(
        comodel_name="account.move",
        string="Supplier Bill",
        index="btree_not_null",
        ondelete="restrict",
        tracking=True,
        domain="[('move_type', '=', 'in_invoice'), ('state', '=', 'posted'), "
        "('company_id', '=', company_id)]",
        help="The posted vendor bill whose amount is shared (the power company's).",
    )
    state = fields.Selection(
        selection=ALLOCATION_STATES,
        required=True,
        default="draft",
        readonly=True,
        copy=False,
        tracking=True,
        index=True,
    )
    source_quantity = fields.Float(string="Source Total", digits=(16, 2), readonly=True, copy=False)
    uom = fields.Char(string="Unit of Measure", readonly=True, copy=False)
    price_unit = fields.Float(string="Unit Price", digits=(16, 4), readonly=True, copy=False)
    amount_total = fields.Monetary(
        string="Amount to Share", readonly=True, copy=False, currency_field="currency_id"
    )
    key_total = fields.Float(digits=(16, 2), readonly=True, copy=False)
    unit_count = fields.Integer(string="Units", readonly=True, copy=False)
    warning = fields.Text(readonly=True, copy=False)
    line_ids = fields.One2many(
        comodel_name="property.allocation.line",
        inverse_name="allocation_id",
        string="Shares",
        readonly=True,
    )
    date_computed = fields.Datetime(string="Computed on", readonly=True, copy=False)

    _rule_period_uniq = models.UniqueIndex(
        "(rule_id, period_id) WHERE state != 'cancel'",
        "A rule is shared once per period: cancel the other allocation first.",
    )
    _bill_uniq = models.UniqueIndex(
        "(bill_id) WHERE bill_id IS NOT NULL AND state != 'cancel'",
        "This supplier bill is already shared by another allocation.",
    )

    @api.depends("rule_id.name", "period_id.name")
    def _compute_name(self):
        for allocation in self:
            allocation.name = " ".join(
                filter(None, [allocation.rule_id.name, allocation.period_id.name])
            )

    @api.constrains("rule_id", "period_id", "bill_id")
    def _check_rule_period(self):
        for allocation in self:
            rule = allocation.rule_id
            if allocation.period_id.company_id != rule.company_id:
                raise ValidationError(
                    self.env._(
                        "The period %(period)s is not a period of the company of rule %(rule)s.",
                        period=allocation.period_id.name,
                        rule=rule.name,
                    )
                )
            if rule.source == "bill" and allocation.bill_id:
                allocation._check_bill(allocation.bill_id, allocation)
                if allocation.bill_id.company_id != rule.company_id:
                    raise ValidationError(
                        self.env._(
                            "%(bill)s is a bill of another company.",
                            bill=allocation.bill_id.display_name,
                        )
                    )

    @api.model
    def _check_bill(self, bill, allocation=None):
        """A posted supplier bill of the company, not shared by another
        allocation (checked before writing: the database refuses a second
        one too, less clearly)."""
        if bill.move_type != "in_invoice" or bill.state != "posted":
            raise ValidationError(
                self.env._(
                    "%(bill)s is not a posted supplier bill: only those can be shared.",
                    bill=bill.display_name,
                )
            )
        domain = [("bill_id", "=", bill.id), ("state", "!=", "cancel")]
        if allocation:
            domain.append(("id", "!=", allocation.id))
        other = self.sudo().search(domain, limit=1)
        if other:
            raise ValidationError(
                self.env._(
                    "The supplier bill %(bill)s is already shared by %(allocation)s.",
                    bill=bill.display_name,
                    allocation=other.name,
                )
            )

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("bill_id"):
                self._check_bill(self.env["account.move"].browse(vals["bill_id"]))
        return super().create(vals_list)

    def write(self, vals):
        if vals.get("bill_id"):
            for allocation in self:
                self._check_bill(self.env["account.move"].browse(vals["bill_id"]), allocation)
        return super().write(vals)

    # ------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------

    def action_compute(self):
        """Share the source among the units (again): the lines are replaced."""
        for allocation in self:
            if allocation.state != "draft":
                raise UserError(
                    self.env._(
                        "%(allocation)s is confirmed: reset it to draft to compute it again.",
                        allocation=allocation.name,
                    )
                )
            allocation._compute_allocation()
        return True

    def action_confirm(self):
        for allocation in self:
            if allocation.state != "draft":
                continue
            if not allocation.date_computed:
                allocation._compute_allocation()
        self.filtered(lambda a: a.state == "draft").write({"state": "done"})
        return True

    def action_draft(self):
        for allocation in self.filtered(lambda a: a.state == "done"):
            if allocation._get_bill_lines():
                raise UserError(
                    self.env._(
                        "%(allocation)s has been billed: cancel its bills before changing it.",
                        allocation=allocation.name,
                    )
                )
        self.write({"state": "draft"})
        return True

    def action_cancel(self):
        self.action_draft()
        self.write({"state": "cancel"})
        return True

    def _get_bill_lines(self):
        """Lines of posted or draft bills that charge this allocation."""
        self.ensure_one()
        return self.env["property.bill.line"].search(
            [
                ("period_id", "=", self.period_id.id),
                ("fee_id.allocation_rule_id", "=", self.rule_id.id),
            ]
        )

    # ------------------------------------------------------------
    # Computation
    # ------------------------------------------------------------

    def _compute_allocation(self):
        """Compute the source, the keys and the shares, and write them.

        Shares are computed in integers (cents of the amount, key values
        times ``KEY_SCALE``) so that they add up to the amount exactly; the
        cents the rounding leaves over go as the rule says. Nothing is written
        when the key totals zero."""
        self.ensure_one()
        rule = self.rule_id
        quantity, amount, uom, price, warning = self._compute_source()
        units, keys = self._compute_keys()
        key_total = sum(keys.values())
        if not units or not key_total:
            raise UserError(
                self.env._(
                    "Rule %(rule)s has nothing to share by in %(period)s: its key (%(key)s) "
                    "totals zero over the participating units. Check the units' areas, "
                    "residents or meters, and the units that take part.",
                    rule=rule.name,
                    period=self.period_id.name,
                    key=rule._get_key_label(),
                )
            )
        # Nothing to share (no consumption, a negative loss): no shares.
        shares = self._split_amount(amount, units, keys) if amount else {}
        lines = []
        for unit in units.filtered(lambda unit: unit.id in shares):
            key_value = keys[unit.id]
            lines.append(
                Command.create(
                    {
                        "unit_id": unit.id,
                        "key_value": key_value,
                        "quantity": float_round(quantity * key_value / key_total, 2),
                        "amount": shares[unit.id],
                    }
                )
            )
        self.line_ids.unlink()
        self.write(
            {
                "source_quantity": quantity,
                "uom": uom,
                "price_unit": price,
                "amount_total": amount,
                "key_total": key_total,
                "unit_count": len(units),
                "warning": warning,
                "date_computed": fields.Datetime.now(),
                "line_ids": lines,
            }
        )

    def _meter_consumption(self, meters):
        """Consumption of each of ``meters`` read in the period {meter id: total}."""
        if not meters:
            return {}
        groups = self.env["property.meter.reading"]._read_group(
            [
                ("meter_id", "in", meters.ids),
                ("date", ">=", self.period_id.date_start),
                ("date", "<=", self.period_id.date_end),
            ],
            ["meter_id"],
            ["consumption:sum"],
        )
        return {meter.id: total for meter, total in groups}

    def _compute_source(self):
        """``(quantity, amount, uom, unit price, warning)`` of the source."""
        self.ensure_one()
        rule = self.rule_id
        currency = self.currency_id
        if rule.source == "bill":
            if not self.bill_id:
                raise UserError(
                    self.env._(
                        "Choose the supplier bill that %(allocation)s shares.",
                        allocation=self.name,
                    )
                )
            amount = abs(self.bill_id.amount_total_signed)
            return amount, amount, currency.symbol, 0.0, False
        warning = False
        uom = METER_UOMS.get(rule.meter_type, "")
        if rule.source == "meters":
            consumption = self._meter_consumption(rule.meter_ids)
            quantity = sum(consumption.get(meter.id, 0.0) for meter in rule.meter_ids)
        else:
            consumption = self._meter_consumption(rule.meter_ids | rule.master_meter_id)
            master = consumption.get(rule.master_meter_id.id, 0.0)
            metered = sum(consumption.get(meter.id, 0.0) for meter in rule.meter_ids)
            quantity = master - metered
            if quantity < 0:
                warning = self.env._(
                    "The sub-meters (%(metered)s %(uom)s) measured more than the master meter "
                    "%(master_meter)s (%(master)s %(uom)s) in %(period)s: there is no loss to "
                    "share, nothing is allocated. Check the readings.",
                    metered=_format_number(metered),
                    master=_format_number(master),
                    master_meter=rule.master_meter_id.display_name,
                    uom=uom,
                    period=self.period_id.name,
                )
                quantity = 0.0
        quantity = float_round(quantity, 2)
        return quantity, currency.round(quantity * rule.price_unit), uom, rule.price_unit, warning

    def _compute_keys(self):
        """The participating units and their key values {unit id: key}."""
        self.ensure_one()
        rule = self.rule_id
        period_end = self.period_id.date_end
        units = self.env["property.unit"].search(rule._get_unit_domain(), order="id")
        residents = {}
        if rule.occupied_only or rule.key == "residents":
            groups = self.env["property.occupancy"]._read_group(
                [
                    ("unit_id", "in", units.ids),
                    ("date_start", "<=", period_end),
                    "|",
                    ("date_end", "=", False),
                    ("date_end", ">=", period_end),
                ],
                ["unit_id"],
                ["__count"],
            )
            residents = {unit.id: count for unit, count in groups}
        if rule.occupied_only:
            units = units.filtered(lambda unit: residents.get(unit.id))
        own = {}
        if rule.key == "consumption":
            groups = self.env["property.meter.reading"]._read_group(
                [
                    ("unit_id", "in", units.ids),
                    ("meter_type", "=", rule.key_meter_type),
                    ("date", ">=", self.period_id.date_start),
                    ("date", "<=", period_end),
                ],
                ["unit_id"],
                ["consumption:sum"],
            )
            own = {unit.id: total for unit, total in groups}
        keys = {}
        for unit in units:
            if rule.key == "gross_area":
                value = unit.gross_area
            elif rule.key == "net_area":
                value = unit.net_area
            elif rule.key == "weight":
                value = unit.allocation_weight
            elif rule.key == "equal":
                value = 1.0
            elif rule.key == "residents":
                value = residents.get(unit.id, 0)
            else:
                value = own.get(unit.id, 0.0)
            if value > 0:
                keys[unit.id] = float_round(value, 4)
        return units.filtered(lambda unit: unit.id in keys), keys

    def _split_amount(self, amount, units, keys):
        """Each unit's share of ``amount`` {unit id: amount}, adding up to it
        exactly in the currency's smallest unit."""
        self.ensure_one()
        digits = self.currency_id.decimal_places
        total = round(amount * 10**digits)
        scaled = {unit_id: round(value * KEY_SCALE) for unit_id, value in keys.items()}
        key_total = sum(scaled.values())
        floors, remainders = {}, {}
        for unit_id, key in scaled.items():
            floors[unit_id], remainders[unit_id] = divmod(total * key, key_total)
        left = total - sum(floors.values())
        if left:
            if self.rule_id.remainder == "largest_key":
                winner = max(scaled, key=lambda unit_id: (scaled[unit_id], -unit_id))
                floors[winner] += left
            else:
                ranked = sorted(
                    scaled, key=lambda unit_id: (-remainders[unit_id], -scaled[unit_id], unit_id)
                )
                for unit_id in ranked[:left]:
                    floors[unit_id] += 1
        return {unit_id: floors[unit_id] / 10**digits for unit_id in scaled}

    def _get_line_detail_template(self):
        """The text of the bill lines charging this allocation, with
        ``KEY_VALUE`` where each unit's key goes: the source, its total, the
        key and the unit's key of the key total. Translated once per
        allocation, not per line."""
        self.ensure_one()
        rule = self.rule_id
        if rule.key == "equal":
            key = self.env._("equally among %(count)s units", count=self.unit_count)
        else:
            key = self.env._(
                "%(key)s %(value)s/%(total)s %(uom)s",
                key=rule._get_key_label(),
                value=KEY_VALUE,
                total=_format_number(self.key_total),
                uom=rule._get_key_uom(),
            ).strip()
        return self.env._(
            "%(name)s: total %(total)s %(uom)s × %(key)s",
            name=self.name,
            total=_format_number(self.source_quantity),
            uom=self.uom or "",
            key=key,
        )

    def _get_line_detail(self, line, template=None):
        """The text of a bill line charging ``line`` (see
        ``_get_line_detail_template``)."""
        self.ensure_one()
        template = template or self._get_line_detail_template()
        return template.replace(KEY_VALUE, _format_number(line.key_value))


def _format_number(value):
    """1234.5 → 1,234.50 (as on the bill's other figures)."""
    return f"{value:,.2f}"
