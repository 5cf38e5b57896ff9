from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import freeze_time, new_test_user, tagged

from .common import BillingCase, assert_fee_ledger_as_rebuilt


@tagged("post_install", "-at_install")
class TestLateFee(BillingCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.write(
            {
                "property_late_fee_rate": 0.05,
                "property_late_fee_grace_days": 10,
                "property_late_fee_cap": 100.0,
            }
        )
        cls.late_fee_item = cls.env["property.fee.item"].create(
            {
                "name": "PBB Late fee",
                "method": "fixed",
                "rate": 0.0,
                "product_id": cls.product.id,
                "account_id": cls.income_account.id,
                "tax_ids": [Command.clear()],
                "estate_ids": [Command.set(cls.estate_2.ids)],
                "active": False,
            }
        )
        cls.company.property_late_fee_item_id = cls.late_fee_item
        # unit_3: one bill of 160.00 dated 1 March, due 16 March.
        cls.billing_run = cls._run_estate_2()
        cls.bill = cls.env["account.move"].search(
            [("property_period_id", "=", cls.period.id), ("property_unit_id", "=", cls.unit_3.id)]
        )
        cls.manager = new_test_user(
            cls.env, login="pbb_account_manager", groups="account.group_account_manager"
        )

    @classmethod
    def _run_estate_2(cls):
        run = cls.env["property.billing.run"].create(
            {
                "period_id": cls.period.id,
                "date_bill": cls.period.invoice_date,
                "estate_ids": [Command.set(cls.estate_2.ids)],
                "post_invoices": True,
            }
        )
        run._execute()
        return run

    def _accrue(self, day):
        with freeze_time(day):
            self.env.ref("property_billing.ir_cron_accrue_late_fees").ir_actions_server_id.run()
        return self.env["property.late.fee"].search([("bill_id", "=", self.bill.id)])

    def test_accrual_after_grace_period(self):
        self.assertEqual(self.bill.amount_total, 160.0)
        # Due 16 March + 10 grace days: nothing up to 26 March.
        self.assertFalse(self._accrue("2026-03-26"))
        # 27 to 31 March: 5 days × 0.05% × 160 = 0.40
        late_fee = self._accrue("2026-03-31")
        self.assertEqual((late_fee.days, late_fee.amount), (5, 0.4))
        self.assertEqual(late_fee.date_from.isoformat(), "2026-03-27")
        # Running twice the same day adds nothing.
        self._accrue("2026-03-31")
        self.assertEqual(late_fee.amount, 0.4)
        # Half paid on 31 March: 10 more days on 80.00 = 0.40
        self._pay(80.0, "2026-03-31")
        late_fee = self._accrue("2026-04-10")
        self.assertEqual((late_fee.days, late_fee.amount), (15, 0.8))

    def test_cap_at_principal(self):
        self.company.property_late_fee_rate = 1.0  # 1% a day: 160 reached after 100 days
        late_fee = self._accrue("2027-06-30")
        self.assertEqual(late_fee.amount, 160.0)
        self._accrue("2027-07-30")
        self.assertEqual(late_fee.amount, 160.0)

    def test_invoice_late_fee(self):
        late_fee = self._accrue("2026-04-25")  # 30 days × 0.08 = 2.40
        self.assertEqual(late_fee.amount, 2.4)
        invoice = late_fee.action_invoice()
        self.assertEqual(late_fee.state, "invoiced")
        self.assertEqual(invoice.partner_id, self.zhao)
        self.assertEqual(invoice.amount_total, 2.4)
        self.assertTrue(invoice.property_is_late_fee)
        self.assertEqual(invoice.state, "posted")
        self.assertIn(self.bill.name, invoice.invoice_line_ids.name)
        # Accrual goes on in a new record; late fee invoices accrue nothing themselves.
        late_fees = self._accrue("2026-04-30")
        self.assertEqual(len(late_fees), 2)
        self.assertEqual(late_fees.filtered(lambda f: f.state == "accrued").amount, 0.4)
        self.assertFalse(self.env["property.late.fee"].search([("bill_id", "=", invoice.id)]))
        assert_fee_ledger_as_rebuilt(self)

    def test_waive_by_manager_with_reason(self):
        late_fee = self._accrue("2026-04-25")
        wizard = (
            self.env["property.late.fee.waive"]
            .with_user(self.user_billing)
            .create({"late_fee_ids": [Command.set(late_fee.ids)], "reason": "PBB goodwill"})
        )
        with self.assertRaises(AccessError):
            wizard.action_waive()
        with self.assertRaisesMessage(UserError, "reason"):
            late_fee.with_user(self.manager)._waive(" ")
        late_fee.with_user(self.manager)._waive("PBB water leak")
        self.assertEqual(late_fee.state, "waived")
        self.assertEqual(late_fee.waived_by_id, self.manager)
        self.assertEqual(late_fee.waive_reason, "PBB water leak")
        self._accrue("2026-05-25")
        self.assertEqual(
            len(self.env["property.late.fee"].search([("bill_id", "=", self.bill.id)])), 1
        )

    def test_insane_rate_refused(self):
        with self.assertRaisesMessage(ValidationError, "not sane"):
            self.company.property_late_fee_rate = 5.0

    def _pay(self, amount, date):
        payment = (
            self.env["account.payment.register"]
            .with_context(active_model="account.move", active_ids=self.bill.ids)
            .create({"amount": amount, "payment_date": date})
            ._create_payments()
        )
        return payment

    def test_receipt_report(self):
        payment = self._pay(160.0, "2026-03-20")
        self.assertEqual(self.bill.payment_state in ("paid", "in_payment"), True)
        html = (
            self.env["ir.actions.report"]
            ._render_qweb_html("property_billing.report_property_receipt", payment.ids)[0]
            .decode()
        )
        self.assertIn("Receipt", html)
        self.assertIn(self.bill.name, html)
        self.assertIn("PBB Plaza", html)
        self.assertIn("PBB Zhao Lei", html)
