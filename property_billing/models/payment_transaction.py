from odoo import models
from odoo.exceptions import UserError


class PaymentTransaction(models.Model):
    _inherit = "payment.transaction"

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
