from odoo import api, fields, models
from odoo.exceptions import ValidationError


class PropertyFeeExemption(models.Model):
    """An exemption or discount of a unit for a period (减免): on the days it
    covers, the fee (or every fee) of the unit is reduced by ``discount`` %."""

    _name = "property.fee.exemption"
    _description = "Fee Exemption"
    _inherit = ["mail.thread", "property.input.mixin"]
    _order = "unit_id, date_start desc, id"

    unit_id = fields.Many2one(
        comodel_name="property.unit",
        string="Unit",
        required=True,
        index=True,
        ondelete="cascade",
        tracking=True,
    )
    estate_id = fields.Many2one(related="unit_id.estate_id", store=True, index=True)
    company_id = fields.Many2one(related="unit_id.company_id", store=True, index=True)
    fee_id = fields.Many2one(
        comodel_name="property.fee.item",
        string="Fee Item",
        index=True,
        ondelete="cascade",
        tracking=True,
        help="Leave empty to apply to every fee of the unit.",
    )
    date_start = fields.Date(string="From", required=True, tracking=True)
    date_end = fields.Date(string="To", required=True, tracking=True)
    discount = fields.Float(
        string="Discount (%)",
        digits=(5, 2),
        required=True,
        default=100.0,
        tracking=True,
        help="100% exempts the unit from the fee on these days.",
    )
    reason = fields.Char(required=True, tracking=True)

    _discount_range = models.Constraint(
        "CHECK (discount > 0 AND discount <= 100)", "A discount must be above 0 and at most 100%."
    )

    @api.constrains("date_start", "date_end", "discount")
    def _check_values(self):
        for exemption in self:
            if exemption.date_end < exemption.date_start:
                raise ValidationError(
                    self.env._(
                        "The end date (%(end)s) of an exemption cannot be before its start "
                        "date (%(start)s).",
                        end=exemption.date_end,
                        start=exemption.date_start,
                    )
                )
            if not 0 < exemption.discount <= 100:
                raise ValidationError(self.env._("A discount must be above 0 and at most 100%."))

    def _covers(self, fee, day):
        self.ensure_one()
        return (not self.fee_id or self.fee_id == fee) and self.date_start <= day <= self.date_end
