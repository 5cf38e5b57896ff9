from odoo import api, fields, models
from odoo.exceptions import ValidationError


class PropertyFeeTier(models.Model):
    """A step of a tiered tariff (阶梯价): consumption from ``quantity_from``
    up to the next step's start is charged at ``rate``."""

    _name = "property.fee.tier"
    _description = "Fee Tier"
    _inherit = ["property.input.mixin"]
    _order = "fee_id, quantity_from, id"

    fee_id = fields.Many2one(
        comodel_name="property.fee.item",
        string="Fee Item",
        required=True,
        index=True,
        ondelete="cascade",
    )
    company_id = fields.Many2one(related="fee_id.company_id", store=True)
    currency_id = fields.Many2one(related="fee_id.currency_id")
    quantity_from = fields.Float(
        string="From",
        digits=(16, 2),
        required=True,
        default=0.0,
        help="Consumption in the period from which this rate applies.",
    )
    rate = fields.Monetary(required=True, currency_field="currency_id")

    _quantity_from_uniq = models.UniqueIndex(
        "(fee_id, quantity_from)", "Two tiers of a fee item cannot start at the same quantity."
    )

    @api.constrains("quantity_from", "rate")
    def _check_values(self):
        for tier in self:
            if tier.quantity_from < 0 or tier.rate < 0:
                raise ValidationError(
                    self.env._(
                        "The tiers of %(fee)s need a start quantity and a rate that are not "
                        "negative.",
                        fee=tier.fee_id.name,
                    )
                )
        self.fee_id._check_configuration()
