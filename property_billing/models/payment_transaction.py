from odoo import fields, models
from odoo.exceptions import UserError


class PaymentTransaction(models.Model):
    _inherit = "payment.transaction"

    # An online prepayment (预存, /my/prepay) of this unit: its payment is posted as a
    # prepayment of the unit, as the counter's prepayments are.
    property_prepay_unit_id = fields.Many2one(
        comodel_name="property.unit",
        string="Prepayment of Unit",
        readonly=True,
        index="btree_not_null",
        ondelete="restrict",
    )

    def action_property_confirm_transfer(self):
        """Confirm that the money of pending bank transfers (payment_custom)
        has arrived: the transactions are done, and their payments are posted
        and reconciled with the bills through the payment framework."""
        transfers = self.filtered(lambda tx: tx.provider_code == "custom" and tx.state == "pending")
        if not transfers or transfers != self:
            raise UserError(self.env._("Only pending bank transfers can be confirmed."))
        message = self.env._("Transfer received, confirmed by %(user)s.", user=self.env.user.name)
        for provider in transfers.provider_id:
            provider._property_ensure_transfer_method_line()
        transfers._set_done(state_message=message)
        transfers._post_process()
        return True

    def _create_payment(self, **extra_create_values):
        """The payment of an online prepayment belongs to its unit (and estate)."""
        if self.property_prepay_unit_id and not self.invoice_ids:
            unit = self.property_prepay_unit_id
            extra_create_values = {
                "property_unit_id": unit.id,
                "property_estate_id": unit.estate_id.id,
                "memo": self.env._(
                    "Prepayment %(unit)s (%(reference)s)",
                    unit=unit.display_name,
                    reference=self.reference,
                ),
                **extra_create_values,
            }
        return super()._create_payment(**extra_create_values)
