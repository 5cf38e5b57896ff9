from odoo import models
from odoo.exceptions import UserError


class PaymentProvider(models.Model):
    _inherit = "payment.provider"

    def _property_ensure_transfer_method_line(self):
        """The payment method line of a bank transfer provider (payment_custom)
        on its journal: the payments of the transfers staff confirm (确认到账)
        are posted with it. account_payment makes none for custom providers,
        whose money is usually matched on the bank statement; the line books
        the payment on the outstanding receipts account, as online payments."""
        self.ensure_one()
        journal = self.journal_id
        if not journal:
            raise UserError(
                self.env._("Choose the journal of %(provider)s first.", provider=self.name)
            )
        lines = journal.inbound_payment_method_line_ids
        line = lines.filtered(lambda line: line.payment_provider_id == self)
        if line:
            return line[:1]
        account = lines.filtered("payment_account_id")[:1].payment_account_id
        if not account:
            chart = self.with_context(allowed_company_ids=self.company_id.root_id.ids).env[
                "account.chart.template"
            ]
            account = (
                chart.ref("account_journal_payment_debit_account_id", raise_if_not_found=False)
                or self.company_id.transfer_account_id
            )
        manual = self.env.ref("account.account_payment_method_manual_in")
        return (
            self.env["account.payment.method.line"]
            .sudo()
            .create(
                {
                    "name": self.name,
                    "payment_method_id": manual.id,
                    "journal_id": journal.id,
                    "payment_provider_id": self.id,
                    "payment_account_id": account.id,
                }
            )
        )
