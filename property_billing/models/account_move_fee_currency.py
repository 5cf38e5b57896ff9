from odoo import api, models
from odoo.exceptions import ValidationError


class AccountMoveFeeCurrency(models.Model):
    _inherit = "account.move"

    @api.constrains("journal_id", "currency_id")
    def _check_fee_currency(self):
        """Fee items and late fees are priced in their company's currency and
        their bills carry the amounts as they are: a bill in another currency
        (a sales journal with a currency of its own) would charge 2.50 EUR
        where 2.50 CNY is due."""
        for move in self:
            if not (move.property_billing_run_id or move.property_is_late_fee):
                continue
            if move.currency_id != move.company_id.currency_id:
                raise ValidationError(
                    self.env._(
                        "The bill of %(unit)s cannot be made in %(currency)s, the currency of "
                        "journal %(journal)s: fee items are priced in %(company_currency)s. "
                        "Bill through a sales journal in %(company_currency)s.",
                        unit=move.property_unit_id.display_name,
                        currency=move.currency_id.name,
                        journal=move.journal_id.display_name,
                        company_currency=move.company_id.currency_id.name,
                    )
                )
