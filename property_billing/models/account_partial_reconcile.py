from odoo import api, models


class AccountPartialReconcile(models.Model):
    _inherit = "account.partial.reconcile"

    @api.model_create_multi
    def create(self, vals_list):
        """A bill or a payment credit reconciled: its settlement is added to
        the fee ledger (``property.fee.ledger``)."""
        partials = super().create(vals_list)
        partials._property_fee_ledger_record(1)
        return partials

    def unlink(self):
        """A reconciliation undone: what it settled is taken off the fee
        ledger."""
        bills = self._property_fee_ledger_record(-1)
        result = super().unlink()
        self.env["property.fee.unit.month"].sudo()._refresh_bills(bills.ids)
        return result

    def _property_fee_ledger_record(self, sign):
        """Add what the reconciliations settle to the fee ledger, times
        ``sign``; the property bills they settle, whose months of their unit
        are computed anew once made (before undone, by the caller)."""
        # Only reconciliations of a property bill or of an estate's payment
        # count: the others (suppliers, banks) cost no query.
        partials = self.filtered(
            lambda partial: partial.debit_move_id.move_id.property_estate_id
            or partial.credit_move_id.payment_id.property_estate_id
        )
        if not partials:
            return self.env["account.move"]
        self.env["property.fee.ledger"].sudo()._record_partials(partials, sign)
        bills = partials.debit_move_id.move_id.filtered(
            lambda move: move.property_unit_id and move.property_period_id
        )
        if sign > 0:
            self.env["property.fee.unit.month"].sudo()._refresh_bills(bills.ids)
        return bills
