from ast import literal_eval

from odoo import Command, fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import freeze_time, tagged

from odoo.addons.property_base.tests.common import pdf_text

from .common import BillingCase, assert_fee_ledger_as_rebuilt


class BillingRolesCase(BillingCase):
    """March and April billed for both estates; staff pinned to PBB Garden
    (estate) or PBB Plaza (estate_2)."""

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
                    "estate_ids": [Command.set((cls.estate | cls.estate_2).ids)],
                    "post_invoices": True,
                }
            )._execute()
        Move = cls.env["account.move"]
        cls.bills_garden = Move.search([("property_estate_id", "=", cls.estate.id)])
        cls.bills_plaza = Move.search([("property_estate_id", "=", cls.estate_2.id)])
        cls.bills_unit_1 = cls.bills_garden.filtered(lambda b: b.property_unit_id == cls.unit_1)
        groups = "property_base.group_property_"
        cls.desk = cls._create_user("pbb_desk", groups + "user", estates=cls.estate)
        cls.cashier = cls._create_user("pbb_cashier", groups + "cashier", estates=cls.estate)
        cls.cashier_plaza = cls._create_user(
            "pbb_cashier_plaza", groups + "cashier", estates=cls.estate_2
        )
        cls.manager = cls._create_user("pbb_manager", groups + "manager", estates=cls.estate)
        cls.manager_plaza = cls._create_user(
            "pbb_manager_plaza", groups + "manager", estates=cls.estate_2
        )
        cls.director = cls._create_user(
            "pbb_director", groups + "company_manager", estates=cls.env["property.estate"]
        )
        cls.reader = cls._create_user("pbb_reader", groups + "meter_reader", estates=cls.estate)
        cls.technician = cls._create_user(
            "pbb_technician", groups + "technician", estates=cls.estate
        )
        cls.accountant = cls._create_user(
            "pbb_accountant",
            "account.group_account_invoice," + groups + "user",
            estates=cls.estate,
        )

    def _counter(self, user, unit, **values):
        return (
            self.env["property.counter.payment"]
            .with_user(user)
            .create({"unit_id": unit.id, "date": "2026-04-20", **values})
        )


@tagged("post_install", "-at_install")
class TestBillingIsolation(BillingRolesCase):
    def test_fixture(self):
        self.assertEqual(len(self.bills_unit_1), 2)
        self.assertTrue(self.bills_plaza)

    def test_desk_reads_the_bills_of_his_estates_only(self):
        Move = self.env["account.move"].with_user(self.desk)
        ours = (self.bills_garden | self.bills_plaza).ids
        self.assertEqual(Move.search([("id", "in", ours)]), self.bills_garden)
        self.assertEqual(Move.search_count([("id", "in", ours)]), len(self.bills_garden))
        totals = Move._read_group(
            [("id", "in", ours)], ["property_estate_id"], ["amount_total:sum"]
        )
        self.assertEqual(
            totals,
            [(self.estate.with_user(self.desk), sum(self.bills_garden.mapped("amount_total")))],
        )
        lines = self.env["account.move.line"].with_user(self.desk)
        self.assertEqual(
            lines.search_count([("move_id", "in", ours)]),
            len(self.bills_garden.line_ids),
        )
        with self.assertRaises(AccessError):
            self.bills_plaza[:1].with_user(self.desk).read(["amount_total"])
        with self.assertRaises(AccessError):
            self.bills_plaza.line_ids[:1].with_user(self.desk).read(["balance"])
        # A bill's form as the desk reads it.
        bill = self.bills_unit_1[0].with_user(self.desk)
        values = bill.read(["name", "amount_total", "amount_residual", "payment_state"])
        self.assertEqual(values[0]["amount_total"], self.bills_unit_1[0].amount_total)
        self.assertEqual(
            bill.get_formview_id(), self.env.ref("property_billing.property_bill_view_form").id
        )
        self.assertEqual(
            self.unit_1.with_user(self.desk).amount_due,
            sum(self.bills_unit_1.mapped("amount_residual")),
        )

    def test_desk_sees_no_journal_entry_nor_vendor_bill(self):
        vendor_bill = self.env["account.move"].create(
            {
                "move_type": "in_invoice",
                "partner_id": self.chen.id,
                "invoice_date": "2026-03-01",
                "invoice_line_ids": [Command.create({"name": "PBB pipes", "price_unit": 99.0})],
            }
        )
        Move = self.env["account.move"].with_user(self.desk)
        self.assertFalse(Move.search([("move_type", "in", ("in_invoice", "entry"))]))
        with self.assertRaises(AccessError):
            vendor_bill.with_user(self.desk).read(["name"])
        # Accountants who are also property staff are not narrowed.
        Move = self.env["account.move"].with_user(self.accountant)
        self.assertIn(vendor_bill, Move.search([("move_type", "=", "in_invoice")]))
        self.assertEqual(
            Move.search_count([("id", "in", self.bills_plaza.ids)]), len(self.bills_plaza)
        )

    def test_desk_cannot_create_or_change_bills(self):
        Move = self.env["account.move"].with_user(self.desk)
        with self.assertRaises(AccessError):
            Move.create({"move_type": "out_invoice", "partner_id": self.li.id})
        with self.assertRaises(AccessError):
            Move.create({"move_type": "entry"})
        with self.assertRaises(AccessError):
            self.bills_unit_1[0].with_user(self.desk).write({"ref": "PBB changed"})
        with self.assertRaises(AccessError):
            self.env["account.payment"].with_user(self.cashier).create(
                {"payment_type": "inbound", "partner_type": "customer", "amount": 1.0}
            )
        # The desk takes no payment at the counter.
        with self.assertRaises(AccessError):
            self._counter(self.desk, self.unit_1)

    def test_meter_reader_and_technician_read_no_bills(self):
        for user in (self.reader, self.technician):
            with self.assertRaises(AccessError):
                self.env["account.move"].with_user(user).search([])
            with self.assertRaises(AccessError):
                self.env["account.payment"].with_user(user).search([])
            with self.assertRaises(AccessError):
                self.env["property.late.fee"].with_user(user).search([])

    def test_manager_and_company_manager(self):
        bills = (self.bills_garden | self.bills_plaza).ids
        for user, expected in (
            (self.manager, self.bills_garden),
            (self.manager_plaza, self.bills_plaza),
            (self.director, self.bills_garden | self.bills_plaza),
        ):
            Move = self.env["account.move"].with_user(user)
            self.assertEqual(Move.search([("id", "in", bills)]), expected, user.login)
            total = Move._read_group([("id", "in", bills)], [], ["amount_total:sum"])[0][0]
            self.assertAlmostEqual(total, sum(expected.mapped("amount_total")))
        # The arrears and collection reports of his estates.
        Arrears = self.env["property.arrears.report"].with_user(self.manager)
        estates = self.estate | self.estate_2
        self.assertEqual(Arrears.search([("estate_id", "in", estates.ids)]).estate_id, self.estate)
        Rate = self.env["property.collection.report"].with_user(self.manager_plaza)
        rows = Rate._read_group(
            [("estate_id", "in", estates.ids)], ["estate_id"], ["amount_billed:sum"]
        )
        self.assertEqual([estate.id for estate, _amount in rows], self.estate_2.ids)

    def test_billing_models_follow_the_estate(self):
        exemption = self.env["property.fee.exemption"].create(
            {
                "unit_id": self.unit_3.id,
                "date_start": "2026-05-01",
                "date_end": "2026-05-31",
                "reason": "PBB renovation",
            }
        )
        Exemption = self.env["property.fee.exemption"].with_user(self.desk)
        self.assertFalse(Exemption.search([("id", "=", exemption.id)]))
        with self.assertRaises(AccessError):
            exemption.with_user(self.desk).read(["reason"])
        BillLine = self.env["property.bill.line"]
        claims = BillLine.search([("period_id", "in", (self.period | self.period_2).ids)])
        self.assertEqual(
            BillLine.with_user(self.desk).search_count([("id", "in", claims.ids)]),
            len(claims.filtered(lambda c: c.unit_id.estate_id == self.estate)),
        )
        # Billing runs over both estates are not the desk's of one estate.
        Run = self.env["property.billing.run"].with_user(self.desk)
        self.assertFalse(Run.search([("period_id", "=", self.period.id)]))
        self.assertTrue(
            self.env["property.billing.run"]
            .with_user(self.director)
            .search([("period_id", "=", self.period.id)])
        )

    def test_fee_of_another_estate_is_not_charged(self):
        # A billing clerk of PBB Plaza does not see PBB Garden: its fee must
        # not look like a fee of every estate to him.
        clerk = self._create_user(
            "pbb_clerk_plaza",
            "account.group_account_invoice,property_base.group_property_user",
            estates=self.estate_2,
        )
        self.env["property.fee.item"].create(
            {
                "name": "PBB Garden lift fee",
                "method": "fixed",
                "rate": 9.99,
                "product_id": self.product.id,
                "account_id": self.income_account.id,
                "tax_ids": [Command.clear()],
                "estate_ids": [Command.set(self.estate.ids)],
            }
        )
        period = self.env["property.billing.period"].create(
            {"name": "PBB 2026-05", "date_start": "2026-05-01", "date_end": "2026-05-31"}
        )
        run = (
            self.env["property.billing.run"]
            .with_user(clerk)
            .create(
                {
                    "period_id": period.id,
                    "estate_ids": [Command.set(self.estate_2.ids)],
                    "post_invoices": True,
                }
            )
        )
        run._execute()
        self.assertTrue(run.invoice_ids)
        self.assertNotIn(
            "PBB Garden lift fee", " ".join(run.invoice_ids.invoice_line_ids.mapped("name"))
        )

    def test_statement_of_account_pdf(self):
        bill = self.bills_unit_1.sorted("invoice_date")[0]
        self._counter(self.cashier, self.unit_1, bill_ids=[Command.set(bill.ids)])._create_payment()
        report = (
            self.env["ir.actions.report"]
            .with_user(self.desk)
            .with_context(lang="zh_CN", force_report_rendering=True)
        )
        data = {"date_from": "2026-03-01", "date_to": "2026-04-30"}
        pdf, _type = report._render_qweb_pdf(
            "property_billing.action_report_unit_statement", self.unit_1.ids, data=data
        )
        text = pdf_text(pdf)
        self.assertIn("对账单", text)
        for name in self.bills_unit_1.mapped("name"):
            self.assertIn(name, text)
        closing = sum(self.bills_unit_1.mapped("amount_total")) - bill.amount_total
        self.assertIn(f"{closing:,.2f}", text)
        self.assertIn(f"{bill.amount_total:,.2f}", text)
        # Not a unit of another estate.
        with self.assertRaises(AccessError):
            report._render_qweb_pdf(
                "property_billing.action_report_unit_statement", self.unit_3.ids, data=data
            )


@tagged("post_install", "-at_install")
class TestCounterPayment(BillingRolesCase):
    def test_one_payment_for_two_bills(self):
        wizard = self._counter(self.cashier, self.unit_1, method="wechat")
        self.assertEqual(wizard.bill_ids, self.bills_unit_1)
        total = sum(self.bills_unit_1.mapped("amount_residual"))
        self.assertAlmostEqual(wizard.amount, total)
        self.assertEqual(wizard.partner_id, self.li)
        action = wizard.action_confirm()
        self.assertEqual(action["report_name"], "property_billing.report_property_receipt")
        payment = wizard.payment_id
        self.assertEqual(payment.amount, total)
        self.assertEqual(payment.create_uid, self.cashier)
        self.assertEqual(payment.property_unit_id, self.unit_1)
        self.assertEqual(payment.property_estate_id, self.estate)
        self.assertEqual(payment.journal_id.type, "bank")
        for bill in self.bills_unit_1:
            self.assertIn(bill.payment_state, ("paid", "in_payment"))
        self.assertEqual(sum(self.bills_unit_1.mapped("amount_residual")), 0.0)
        # The desk of the estate reads it, the cashier of another estate does not.
        self.assertEqual(
            self.env["account.payment"].with_user(self.desk).search([("id", "=", payment.id)]),
            payment,
        )
        self.assertFalse(
            self.env["account.payment"]
            .with_user(self.cashier_plaza)
            .search_count([("id", "=", payment.id)])
        )
        # The receipt, in Chinese, as the cashier prints it (nothing computed
        # before by the superuser).
        self.env.invalidate_all()
        pdf, _type = (
            self.env["ir.actions.report"]
            .with_user(self.cashier)
            .with_context(lang="zh_CN", force_report_rendering=True)
            ._render_qweb_pdf("property_billing.action_report_property_receipt", payment.ids)
        )
        text = pdf_text(pdf)
        for name in self.bills_unit_1.mapped("name"):
            self.assertIn(name, text)
        self.assertIn("微信", text)
        self.assertIn(f"{total:,.2f}", text)

    def test_cash_goes_to_the_cash_journal(self):
        self.company._property_ensure_cash_journal()
        bill = self.bills_unit_1[0]
        wizard = self._counter(
            self.cashier, self.unit_1, bill_ids=[Command.set(bill.ids)], amount=10.0
        )
        payment = wizard._create_payment()
        self.assertEqual(payment.journal_id.type, "cash")
        self.assertEqual(payment.property_counter_method, "cash")
        self.assertEqual(bill.payment_state, "partial")
        self.assertAlmostEqual(bill.amount_residual, bill.amount_total - 10.0)

    def test_more_than_open_needs_prepayment(self):
        total = sum(self.bills_unit_1.mapped("amount_residual"))
        Payment = self.env["account.payment"]
        count = Payment.search_count([])
        wizard = self._counter(self.cashier, self.unit_1, amount=total + 100.0)
        with self.assertRaisesMessage(ValidationError, "Prepayment"):
            wizard._create_payment()
        self.assertEqual(Payment.search_count([]), count)
        self.assertEqual(set(self.bills_unit_1.mapped("payment_state")), {"not_paid"})
        wizard.keep_as_prepayment = True
        payment = wizard._create_payment()
        self.assertEqual(sum(self.bills_unit_1.mapped("amount_residual")), 0.0)
        credit = payment.move_id.line_ids.filtered(
            lambda line: line.account_type == "asset_receivable" and not line.reconciled
        )
        self.assertAlmostEqual(sum(credit.mapped("amount_residual")), -100.0)
        assert_fee_ledger_as_rebuilt(self)

    def test_prepayment_without_bill(self):
        wizard = self._counter(
            self.cashier, self.unit_2, bill_ids=[Command.clear()], amount=500.0, method="alipay"
        )
        self.assertEqual(wizard.partner_id, self.wang)
        with self.assertRaises(UserError):
            wizard._create_payment()
        wizard.keep_as_prepayment = True
        payment = wizard._create_payment()
        self.assertEqual(payment.partner_id, self.wang)
        self.assertEqual(payment.property_unit_id, self.unit_2)
        self.assertAlmostEqual(
            sum(
                payment.move_id.line_ids.filtered(
                    lambda line: line.account_type == "asset_receivable"
                ).mapped("amount_residual")
            ),
            -500.0,
        )
        assert_fee_ledger_as_rebuilt(self)

    def test_bad_input(self):
        with self.assertRaisesMessage(ValidationError, "positive"):
            self._counter(self.cashier, self.unit_1, amount=0.0)._create_payment()
        # A unit of an estate the cashier does not work on.
        with self.assertRaisesMessage(AccessError, "do not work on the estate"):
            self._counter(self.cashier, self.unit_3)._create_payment()
        # A bill of another estate slipped in over RPC.
        with self.assertRaises(AccessError):
            self._counter(
                self.cashier,
                self.unit_1,
                bill_ids=[Command.set((self.bills_unit_1 | self.bills_plaza[:1]).ids)],
            )._create_payment()
        # A bill of another unit of his estate.
        other = self.bills_garden.filtered(lambda b: b.property_unit_id == self.unit_2)[:1]
        wizard = self._counter(
            self.cashier, self.unit_1, bill_ids=[Command.set((self.bills_unit_1 | other).ids)]
        )
        with self.assertRaisesMessage(UserError, "not a bill of unit"):
            wizard._create_payment()
        self.assertFalse(
            self.env["account.payment"].search(
                [("property_unit_id", "in", (self.unit_1 | self.unit_3).ids)]
            )
        )

    def test_reminder_by_the_cashier(self):
        with freeze_time("2026-05-20"):
            self.unit_1.with_user(self.cashier).action_send_reminder()
        for bill in self.bills_unit_1:
            self.assertRegex(bill.message_ids[:1].subject or "", "Payment reminder|催缴通知")
        with self.assertRaises(AccessError):
            self.bills_unit_1.with_user(self.desk).action_property_send_reminder()


@tagged("post_install", "-at_install")
class TestLateFeeWaiver(BillingRolesCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.write({"property_late_fee_rate": 0.05, "property_late_fee_grace_days": 10})
        cls.env["property.late.fee"]._accrue(cls.company, fields.Date.to_date("2026-06-30"))
        LateFee = cls.env["property.late.fee"]
        cls.fee_garden = LateFee.search([("bill_id", "in", cls.bills_unit_1.ids)])[:1]
        cls.fee_plaza = LateFee.search([("bill_id", "in", cls.bills_plaza.ids)])[:1]

    def test_estate_manager_waives_with_reason(self):
        fee = self.fee_garden
        self.assertTrue(fee)
        with self.assertRaisesMessage(UserError, "reason"):
            fee.with_user(self.manager)._waive("  ")
        wizard = (
            self.env["property.late.fee.waive"]
            .with_user(self.manager)
            .create({"late_fee_ids": [Command.set(fee.ids)]})
        )
        with self.assertRaisesMessage(UserError, "reason"):
            wizard.action_waive()
        self.assertEqual(fee.state, "accrued")
        wizard.reason = "PBB water leak from the flat above"
        wizard.action_waive()
        self.assertEqual(fee.state, "waived")
        self.assertEqual(fee.waive_reason, "PBB water leak from the flat above")
        self.assertEqual(fee.waived_by_id, self.manager)
        self.assertTrue(fee.bill_id.property_late_fee_exempt)
        for record in (fee, fee.bill_id):
            self.assertIn("PBB water leak from the flat above", str(record.message_ids[:1].body))
            self.assertEqual(record.message_ids[:1].author_id, self.manager.partner_id)

    def test_others_cannot_waive(self):
        for user in (self.cashier, self.desk):
            with self.assertRaises(AccessError):
                self.fee_garden.with_user(user)._waive("PBB goodwill")
        # Another estate's manager neither reads nor waives it.
        with self.assertRaises(AccessError):
            self.fee_garden.with_user(self.manager_plaza)._waive("PBB goodwill")
        self.assertFalse(
            self.env["property.late.fee"]
            .with_user(self.manager_plaza)
            .search_count([("id", "=", self.fee_garden.id)])
        )
        self.assertEqual(self.fee_garden.state, "accrued")
        # The company manager waives on every estate.
        self.fee_plaza.with_user(self.director)._waive("PBB agreed by the board")
        self.assertEqual(self.fee_plaza.state, "waived")


@tagged("post_install", "-at_install")
class TestCashierHome(BillingRolesCase):
    def test_cashier_lands_on_the_bills_to_collect(self):
        home = self.env.ref("property_base.action_property_home")
        action = home.with_user(self.cashier).run()
        self.assertEqual(action["id"], self.env.ref("property_billing.property_bill_action").id)
        # his estate's open bills, none of the other estate
        domain = literal_eval(action["domain"])
        bills = self.env["account.move"].with_user(self.cashier).search(domain)
        self.assertEqual(bills, self.bills_garden)
        # the desk keeps its front-desk work
        self.assertEqual(home.with_user(self.desk).run()["res_model"], "property.move.in")
