from markupsafe import Markup

from odoo import api, models


class PaymentProvider(models.Model):
    """Demo data only: called from ``demo/property_billing_demo.xml``."""

    _inherit = "payment.provider"

    @api.model
    def _demo_property_bank_transfer(self, company_id):
        """Demo data: the company's bank account and payment_custom's wire
        transfer, named 银行转账/线下缴费, enabled with the account's details."""
        company = self.env["res.company"].browse(company_id)
        bank = self.env["res.bank"].create(
            {"name": "中国工商银行上海浦东支行", "bic": "ICBKCNBJSHI"}
        )
        journal = self.env["account.journal"].search(
            [*self.env["account.journal"]._check_company_domain(company), ("type", "=", "bank")],
            limit=1,
        )
        # The account the bills already name (account's demo), else a new one.
        account = journal.bank_account_id or company.partner_id.bank_ids[:1]
        if not account:
            account = self.env["res.partner.bank"].create(
                {"acc_number": "1001 2345 0900 8888 666", "partner_id": company.partner_id.id}
            )
        account.write({"bank_id": bank.id, "acc_holder_name": company.name})
        if journal and not journal.bank_account_id:
            journal.bank_account_id = account
        provider = self.env.ref("payment.payment_provider_transfer")
        name = "银行转账/线下缴费"
        pending_msg = Markup(
            "<div><h5>请通过银行转账或到物业服务中心缴费</h5>"
            "<p>户名：%(holder)s<br/>开户行：%(bank)s<br/>账号：%(account)s</p>"
            "<p>转账时请在附言中注明账单号或付款参考号。款项到账、物业收费员确认后，"
            "账单即显示为已支付，收据可在“账单”页下载。</p></div>"
        ) % {"holder": company.name, "bank": bank.name, "account": account.acc_number}
        values = {
            "name": name,
            "state": "enabled",
            "is_published": True,
            "company_id": company.id,
            "pending_msg": pending_msg,
        }
        provider.write(values)
        # The texts a Chinese owner reads, in Chinese whatever Odoo's translations say.
        provider.with_context(lang="zh_CN").write({"name": name, "pending_msg": pending_msg})
        provider._property_ensure_transfer_method_line()
        # The payment form lists the payment method by its name.
        method = self.env.ref("payment_custom.payment_method_wire_transfer")
        method.name = name
        method.with_context(lang="zh_CN").name = name
        return provider
