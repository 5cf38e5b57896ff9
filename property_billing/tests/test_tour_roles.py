from odoo import Command, fields
from odoo.tests import HttpCase, tagged

from .common import BillingCase


@tagged("post_install", "-at_install")
class TestTourRoles(BillingCase, HttpCase):
    """The cashier and the estate manager of PBB Garden in the browser."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.period_2 = cls.env["property.billing.period"].create(
            {"name": "PBB 2026-04", "date_start": "2026-04-01", "date_end": "2026-04-30"}
        )
        for period in cls.period | cls.period_2:
            cls.env["property.billing.run"].create(
                {
                    "period_id": period.id,
                    "date_bill": period.invoice_date,
                    "estate_ids": [Command.set(cls.estate.ids)],
                    "post_invoices": True,
                }
            )._execute()
        cls.bills_unit_1 = cls.env["account.move"].search(
            [("property_unit_id", "=", cls.unit_1.id), ("move_type", "=", "out_invoice")]
        )
        groups = "property_base.group_property_"
        cls.cashier = cls._create_user("pbb_cashier", groups + "cashier", estates=cls.estate)
        cls.manager = cls._create_user("pbb_manager", groups + "manager", estates=cls.estate)

    def test_cashier_takes_one_payment_for_two_bills(self):
        self.assertEqual(len(self.bills_unit_1), 2)
        self.assertEqual(sum(self.bills_unit_1.mapped("amount_residual")), 447.5)
        self.start_tour(
            "/odoo/action-property_billing.property_counter_payment_action",
            "property_counter_payment_tour",
            login="pbb_cashier",
            timeout=180,
        )
        self.env.invalidate_all()
        payment = self.env["account.payment"].search([("property_unit_id", "=", self.unit_1.id)])
        self.assertEqual(len(payment), 1)
        self.assertEqual(payment.amount, 447.5)
        self.assertEqual(payment.create_uid, self.cashier)
        self.assertEqual(payment.property_counter_method, "wechat")
        self.assertEqual(payment.partner_id, self.li)
        for bill in self.bills_unit_1:
            self.assertIn(bill.payment_state, ("paid", "in_payment"))
        self.assertEqual(payment.reconciled_invoice_ids, self.bills_unit_1)

    def test_manager_waives_a_late_fee(self):
        self.company.write({"property_late_fee_rate": 0.05, "property_late_fee_grace_days": 10})
        LateFee = self.env["property.late.fee"]
        LateFee._accrue(self.company, fields.Date.to_date("2026-06-30"))
        fees = LateFee.search([("estate_id", "=", self.estate.id)])
        self.assertTrue(fees)
        self.start_tour(
            "/odoo/action-property_billing.property_late_fee_action",
            "property_late_fee_waiver_tour",
            login="pbb_manager",
            timeout=180,
        )
        self.env.invalidate_all()
        waived = fees.filtered(lambda fee: fee.state == "waived")
        self.assertEqual(len(waived), 1)
        self.assertEqual(waived.waive_reason, "PBB water leak from the flat above")
        self.assertEqual(waived.waived_by_id, self.manager)
        message = waived.bill_id.message_ids[:1]
        self.assertIn("PBB water leak from the flat above", str(message.body))
        self.assertEqual(message.author_id, self.manager.partner_id)
        self.assertEqual(len(fees.filtered(lambda fee: fee.state == "accrued")), len(fees) - 1)
