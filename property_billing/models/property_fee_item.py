from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import ValidationError

from odoo.addons.property_base.models.property_meter import METER_TYPES

FEE_METHODS = [
    ("fixed", "Fixed amount per unit"),
    ("gross_area", "Rate × gross area"),
    ("net_area", "Rate × net area"),
    ("meter", "Rate × meter consumption"),
    ("parking", "Per parking space"),
    ("shared", "Shared cost"),
]

BILLING_CYCLES = [
    ("monthly", "Monthly"),
    ("quarterly", "Quarterly"),
    ("yearly", "Yearly"),
    ("one_off", "One-off"),
]

CYCLE_MONTHS = {"monthly": 1, "quarterly": 3, "yearly": 12, "one_off": 1}


class PropertyFeeItem(models.Model):
    """A fee item (收费项目): what is charged to the units, how it is
    computed and how often it is billed.

    The rate is per billing cycle: a monthly property service fee of 2.50 per
    m² is ``gross_area`` at 2.50, a quarterly parking fee of 450 per space is
    ``parking`` at 450. Area and fixed fees are prorated by the days of the
    cycle the unit has a payer (and, for fees that do not charge vacant
    units, a resident); meter fees charge the consumption read in the period.
    """

    _name = "property.fee.item"
    _description = "Fee Item"
    _inherit = ["mail.thread", "property.input.mixin"]
    _order = "sequence, name, id"
    _check_company_auto = True

    name = fields.Char(required=True, translate=True, tracking=True)
    code = fields.Char(size=32, tracking=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True, tracking=True)
    company_id = fields.Many2one(
        comodel_name="res.company",
        required=True,
        index=True,
        default=lambda self: self.env.company,
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    product_id = fields.Many2one(
        comodel_name="product.product",
        string="Service Product",
        required=True,
        domain="[('type', '=', 'service')]",
        check_company=True,
        tracking=True,
    )
    account_id = fields.Many2one(
        comodel_name="account.account",
        string="Income Account",
        compute="_compute_account_id",
        store=True,
        readonly=False,
        domain="[('account_type', 'in', ('income', 'income_other'))]",
        check_company=True,
        tracking=True,
    )
    tax_ids = fields.Many2many(
        comodel_name="account.tax",
        string="Taxes",
        compute="_compute_tax_ids",
        store=True,
        readonly=False,
        domain="[('type_tax_use', '=', 'sale')]",
        check_company=True,
    )
    method = fields.Selection(
        selection=FEE_METHODS,
        string="Calculation",
        required=True,
        default="gross_area",
        tracking=True,
    )
    rate = fields.Monetary(
        currency_field="currency_id",
        tracking=True,
        help="Amount per unit, per m², per meter unit or per parking space, for one billing "
        "cycle. Tiered meter fees use the rates of their tiers.",
    )
    meter_type = fields.Selection(selection=METER_TYPES)
    allocation_rule_id = fields.Many2one(
        comodel_name="property.allocation.rule",
        string="Shared-cost Rule",
        check_company=True,
        tracking=True,
        help="Each unit is charged its share in the period's confirmed allocation of this rule.",
    )
    meter_pricing = fields.Selection(
        selection=[("flat", "Flat rate"), ("tiered", "Tiered")],
        string="Meter Pricing",
        default="flat",
    )
    tier_ids = fields.One2many(
        comodel_name="property.fee.tier", inverse_name="fee_id", string="Tiers", copy=True
    )
    cycle = fields.Selection(
        selection=BILLING_CYCLES,
        string="Billing Cycle",
        required=True,
        default="monthly",
        tracking=True,
        help="Quarterly fees are billed in the periods starting in January, April, July and "
        "October, yearly fees in the periods starting in January, one-off fees once per unit.",
    )
    charge_vacant = fields.Boolean(
        string="Charge Vacant Units",
        default=True,
        help="Unchecked: only the days the unit has a resident are charged "
        "(prorated around move-in and move-out).",
    )
    estate_ids = fields.Many2many(
        comodel_name="property.estate",
        string="Estates",
        help="Leave empty to apply the fee to every estate of the company.",
    )
    building_ids = fields.Many2many(
        comodel_name="property.building",
        string="Buildings",
        domain="[('estate_id', 'in', estate_ids)]",
        help="Leave empty to apply the fee to every building of the estates.",
    )
    unit_type_ids = fields.Many2many(
        comodel_name="property.billing.unit.type",
        string="Unit Types",
        help="Leave empty to apply the fee to every type of unit.",
    )
    exemption_ids = fields.One2many(
        comodel_name="property.fee.exemption", inverse_name="fee_id", string="Exemptions"
    )
    note = fields.Html()

    _code_company_uniq = models.UniqueIndex(
        "(company_id, code) WHERE code IS NOT NULL",
        "A fee item code must be unique within a company.",
    )

    @api.depends("product_id")
    def _compute_account_id(self):
        for fee in self:
            if fee.product_id and not fee.account_id:
                fee.account_id = fee.product_id.with_company(
                    fee.company_id
                ).product_tmpl_id._get_product_accounts()["income"]

    @api.depends("product_id")
    def _compute_tax_ids(self):
        for fee in self:
            if fee.product_id and not fee.tax_ids:
                fee.tax_ids = fee.product_id.taxes_id.filtered(
                    lambda tax, fee=fee: tax.company_id == fee.company_id
                )

    @api.constrains(
        "rate",
        "method",
        "meter_type",
        "meter_pricing",
        "tier_ids",
        "account_id",
        "allocation_rule_id",
    )
    def _check_configuration(self):
        for fee in self:
            if fee.rate < 0:
                raise ValidationError(
                    self.env._("The rate of fee item %(fee)s cannot be negative.", fee=fee.name)
                )
            if not fee.account_id:
                raise ValidationError(
                    self.env._("Fee item %(fee)s needs an income account.", fee=fee.name)
                )
            if fee.method == "shared" and not fee.allocation_rule_id:
                raise ValidationError(
                    self.env._(
                        "Fee item %(fee)s charges a shared cost: choose its rule.", fee=fee.name
                    )
                )
            if fee.method == "meter" and not fee.meter_type:
                raise ValidationError(
                    self.env._(
                        "Fee item %(fee)s is charged by meter consumption: choose the meter type.",
                        fee=fee.name,
                    )
                )
            if fee.method == "meter" and fee.meter_pricing == "tiered":
                starts = fee.tier_ids.mapped("quantity_from")
                if not starts or min(starts) != 0:
                    raise ValidationError(
                        self.env._(
                            "The tiers of fee item %(fee)s must start at a consumption of 0.",
                            fee=fee.name,
                        )
                    )

    @api.constrains("tax_ids", "company_id")
    def _check_tax_ids(self):
        """Only sales taxes of the fee's company (or of a parent company) can
        go on its bills; said here rather than by the generic company check."""
        for fee in self:
            for tax in fee.tax_ids:
                if tax.company_id not in fee.company_id.parent_ids:
                    raise ValidationError(
                        self.env._(
                            "Taxes of fee item %(fee)s: %(tax)s belongs to %(tax_company)s, "
                            "not to %(company)s.",
                            fee=fee.name,
                            tax=tax.name,
                            tax_company=tax.company_id.name,
                            company=fee.company_id.name,
                        )
                    )
                if tax.type_tax_use != "sale":
                    raise ValidationError(
                        self.env._(
                            "Taxes of fee item %(fee)s: %(tax)s is not a sales tax and "
                            "cannot be charged on bills.",
                            fee=fee.name,
                            tax=tax.name,
                        )
                    )

    @api.constrains("estate_ids", "building_ids")
    def _check_buildings_in_estates(self):
        for fee in self:
            if fee.estate_ids and fee.building_ids - fee.building_ids.filtered(
                lambda b, fee=fee: b.estate_id in fee.estate_ids
            ):
                raise ValidationError(
                    self.env._(
                        "The buildings of fee item %(fee)s must belong to its estates.",
                        fee=fee.name,
                    )
                )

    # ------------------------------------------------------------
    # Computation
    # ------------------------------------------------------------

    def _applies_to(self, unit):
        """Whether the fee is charged to ``unit`` (no query once prefetched)."""
        self.ensure_one()
        if self.company_id != unit.company_id:
            return False
        # The whole scope of the fee, estates and buildings the user does not
        # work on included: read with his rights, a fee of other estates would
        # look like a fee of every estate.
        scope = self.sudo()
        if scope.estate_ids and unit.estate_id not in scope.estate_ids:
            return False
        if scope.building_ids and unit.building_id not in scope.building_ids:
            return False
        if self.unit_type_ids and unit.unit_type not in self.unit_type_ids.mapped("code"):
            return False
        return self.method != "parking" or unit.unit_type == "parking"

    def _is_due_in(self, period):
        self.ensure_one()
        months = CYCLE_MONTHS[self.cycle]
        return months == 1 or (period.date_start.month - 1) % months == 0

    def _get_cycle_window(self, period):
        """First and last day the fee billed in ``period`` covers."""
        self.ensure_one()
        months = CYCLE_MONTHS[self.cycle]
        if months == 1:
            return period.date_start, period.date_end
        return period.date_start, period.date_start + relativedelta(months=months, days=-1)

    def _get_base_quantity(self, unit):
        """Quantity the rate multiplies for prorated methods."""
        self.ensure_one()
        if self.method == "gross_area":
            return unit.gross_area
        if self.method == "net_area":
            return unit.net_area or unit.gross_area
        return 1.0

    def _compute_meter_amount(self, consumption):
        """Amount of ``consumption`` at the flat rate or through the tiers."""
        self.ensure_one()
        if self.meter_pricing != "tiered":
            return consumption * self.rate
        tiers = self.tier_ids.sorted("quantity_from")
        amount = 0.0
        for index, tier in enumerate(tiers):
            upper = tiers[index + 1].quantity_from if index + 1 < len(tiers) else float("inf")
            if consumption > tier.quantity_from:
                amount += (min(consumption, upper) - tier.quantity_from) * tier.rate
        return amount
