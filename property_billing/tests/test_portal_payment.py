from lxml import html
from markupsafe import Markup

from odoo.tests import HttpCase, tagged
from odoo.tests.common import JsonRpcException

from odoo.addons.http_routing.tests.common import MockRequest
from odoo.addons.property_base.tests.common import OwnerPhoneMixin, pdf_text
from odoo.addons.property_billing.controllers.portal import PropertyBillingPortal

from .common import PortalBillsCommon, assert_fee_ledger_as_rebuilt

BANK_ACCOUNT = "1001 2345 0900 8888 666"


@tagged("post_install", "-at_install")
class TestBillsPortalPayment(OwnerPhoneMixin, PortalBillsCommon, HttpCase):
    """The owner's bills on a phone: /my/bills, Odoo's page of a bill as a
    bill (账单), paying one or several bills through the payment framework
    (bank transfer confirmed by staff, or online with payment_demo), the
    receipts, and what owner B cannot reach of owner A's."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # The company's own name (the demo's is "YourCompany").
        cls.env.company.name = "PBQ 物业服务有限公司"
        cls._setup_portal_bills("PBQ", ("PBQ 业主甲", "PBQ 业主乙"), "PBQ 物业服务费", "zh_CN")
        cls.cashier = cls._create_user(
            "pbq_cashier",
            "account.group_account_invoice,property_base.group_property_user",
            name="PBQ 收费员",
        )
        # The bank transfer of the demo data, set here too so that the test
        # does not depend on it.
        cls.transfer = cls.env.ref("payment.payment_provider_transfer")
        transfer_values = {
            "name": "银行转账/线下缴费",
            "state": "enabled",
            "is_published": True,
            "pending_msg": Markup(f"<p>请转账至账号 {BANK_ACCOUNT}</p>"),
        }
        cls.transfer.write(transfer_values)
        cls.transfer.with_context(lang="zh_CN").write(transfer_values)
        cls.wire_transfer = cls.env.ref("payment_custom.payment_method_wire_transfer")
        cls.wire_transfer.with_context(lang="zh_CN").name = "银行转账/线下缴费"
        cls.demo_provider = cls.env.ref("payment.payment_provider_demo")
        cls.bill_a = cls._bill_month(2026, 3).filtered(lambda b: b.property_unit_id == cls.unit_a)
        cls.bill_b = cls.env["account.move"].search([("property_unit_id", "=", cls.unit_b.id)])

    def _owner_tour(self, url, tour):
        """Owner A's tour; a payment goes through several pages, more than
        the default minute on a busy machine."""
        self.start_tour(url, tour, login="pbq_owner_a", timeout=180)

    def _get(self, url, **kwargs):
        self.env.flush_all()
        response = self.url_open(url, **kwargs)
        response.raise_for_status()
        return response

    def _pay_by_transfer(self, bills):
        """What the payment form posts for a bank transfer of ``bills`` (the
        tours do it through the real form)."""
        self.authenticate("pbq_owner_a", "pbq_owner_a")
        ids = ",".join(str(i) for i in bills.ids)
        processing_values = self.make_jsonrpc_request(
            f"/my/bills/transaction/{ids}",
            {
                "provider_id": self.transfer.id,
                "payment_method_id": self.wire_transfer.id,
                "token_id": None,
                "amount": 1.0,  # ignored: the amount is what the bills still owe
                "flow": "redirect",
                "tokenization_requested": False,
                "landing_route": "/my/bills",
                "is_validation": False,
                "access_token": None,
                "payment_reference": "PBQ-REF",
            },
        )
        # payment_custom's redirect form posts the reference: the transfer is pending.
        self.url_open(
            "/payment/custom/process",
            data={"reference": processing_values["reference"]},
            allow_redirects=False,
        )
        return processing_values

    def _confirm_transfer(self, bill):
        self.env.invalidate_all()
        self.assertEqual(bill.property_pending_transfer_ids.state, "pending")
        bill.with_user(self.cashier).action_property_confirm_transfer()
        self.env.invalidate_all()

    def assertPaid(self, bills):
        for bill in bills:
            self.assertIn(bill.payment_state, ("paid", "in_payment"), bill.name)
            self.assertTrue(bill.currency_id.is_zero(bill.amount_residual), bill.name)

    # ------------------------------------------------------------
    # Tours at phone size
    # ------------------------------------------------------------

    def test_tour_pay_by_bank_transfer(self):
        """The owner pays the bill by bank transfer on a phone and reads the
        bank details; the cashier confirms the transfer: the bill is paid, and
        the owner sees it paid with its receipt."""
        self._owner_tour("/my", "property_billing_pay_transfer_tour")
        tx = self.bill_a.transaction_ids
        self.assertEqual(len(tx), 1)
        self.assertEqual((tx.provider_id, tx.state), (self.transfer, "pending"))
        self.assertEqual(tx.amount, self.bill_a.amount_residual)
        self.assertEqual(self.bill_a.payment_state, "not_paid")  # no money yet

        self._confirm_transfer(self.bill_a)
        self.assertEqual(tx.state, "done")
        self.assertTrue(tx.payment_id)
        self.assertEqual(tx.payment_id.amount, 300.0)
        self.assertPaid(self.bill_a)

        self._owner_tour("/my/bills", "property_billing_paid_tour")
        page = self._get("/my/bills").text
        self.assertIn("已支付", page)
        self.assertIn(f"/my/bills/receipts/{tx.payment_id.id}", page)
        assert_fee_ledger_as_rebuilt(self)

    def test_tour_pay_online(self):
        """The owner pays the bill online with the demo provider: paid at once."""
        self.assertEqual(self.demo_provider.module_id.state, "installed")
        self._owner_tour("/my", "property_billing_pay_demo_tour")
        self.env.invalidate_all()
        self.assertEqual(self.bill_a.transaction_ids.provider_id, self.demo_provider)
        tx = self.bill_a.transaction_ids
        self.assertEqual(tx.state, "done", tx.state_message)
        self.assertPaid(self.bill_a)
        assert_fee_ledger_as_rebuilt(self)

    def test_tour_pay_two_bills(self):
        """The owner ticks two unpaid bills and pays them with one transfer."""
        bill_a2 = self._bill_month(2026, 4).filtered(lambda b: b.property_unit_id == self.unit_a)
        self._owner_tour("/my", "property_billing_pay_several_tour")
        self.env.invalidate_all()
        tx = self.bill_a.transaction_ids
        self.assertEqual(tx.invoice_ids, self.bill_a | bill_a2)
        self.assertEqual(tx.amount, 600.0)
        tx.with_user(self.cashier).action_property_confirm_transfer()
        self.env.invalidate_all()
        self.assertPaid(self.bill_a | bill_a2)
        self.assertEqual(tx.payment_id.amount, 600.0)

    # ------------------------------------------------------------
    # Pages
    # ------------------------------------------------------------

    def test_bills_page_filters(self):
        bill_a2 = self._bill_month(2026, 4).filtered(lambda b: b.property_unit_id == self.unit_a)
        self._pay_by_transfer(self.bill_a)
        self._confirm_transfer(self.bill_a)
        self.authenticate("pbq_owner_a", "pbq_owner_a")
        tree = html.fromstring(self._get("/my/bills").text)
        rows = tree.xpath("//table[contains(@class, 'o_property_portal_bills')]/tbody/tr")
        self.assertEqual([int(r.get("data-bill-id")) for r in rows], [bill_a2.id, self.bill_a.id])
        self.assertNotIn(self.bill_b.name, self._get("/my/bills").text)
        unpaid = html.fromstring(self._get("/my/bills?filterby=unpaid").text)
        self.assertEqual(unpaid.xpath("//tr[@data-bill-id]/@data-bill-id"), [str(bill_a2.id)])
        paid = html.fromstring(self._get("/my/bills?filterby=paid").text)
        self.assertEqual(paid.xpath("//tr[@data-bill-id]/@data-bill-id"), [str(self.bill_a.id)])
        by_period = html.fromstring(
            self._get(f"/my/bills?period={bill_a2.property_period_id.id}").text
        )
        self.assertEqual(by_period.xpath("//tr[@data-bill-id]/@data-bill-id"), [str(bill_a2.id)])
        # The unit's bills are /my/bills of the unit.
        response = self.url_open(f"/my/units/{self.unit_a.id}/bills", allow_redirects=False)
        self.assertIn(f"/my/bills?unit={self.unit_a.id}", response.headers["Location"])

    def test_bill_page_is_a_bill(self):
        """Odoo's invoice page of a property bill: 账单, the amount due, no
        salesperson, no invoice wording, Odoo's payment form."""
        self.bill_a.invoice_user_id = self.cashier
        self.authenticate("pbq_owner_a", "pbq_owner_a")
        page = self._get(f"/my/bills/{self.bill_a.id}").text
        tree = html.fromstring(page)
        self.assertTrue(tree.xpath("//form[@id='o_payment_form']"))
        self.assertEqual(
            tree.xpath("normalize-space(//h2[contains(@class, 'o_property_bill_amount_due')])"),
            "¥\xa0300.00",
        )
        self.assertNotIn("PBQ 收费员", page)  # no salesperson
        self.assertNotIn("发票", page)
        self.assertIn("账单", page)
        # The bill itself (the report shown in the page's frame) is a bill.
        report = self._get(self.bill_a.get_portal_url(report_type="html")).content.decode()
        self.assertIn("账单", report)
        self.assertNotIn("发票", report)
        self.assertIn("PBQ 2026-03", report)

    def test_no_english_on_bill_pages(self):
        bill_a2 = self._bill_month(2026, 4).filtered(lambda b: b.property_unit_id == self.unit_a)
        self.authenticate("pbq_owner_a", "pbq_owner_a")
        allowed = ("PBQ",)
        self.assertNoEnglishLeftovers(self._get("/my/bills").text, allowed, "/my/bills")
        self.assertNoEnglishLeftovers(
            self._get(f"/my/bills/{self.bill_a.id}").text, allowed, "bill page"
        )
        pay_url = f"/my/bills/pay?bill_ids={self.bill_a.id}&bill_ids={bill_a2.id}"
        self.assertNoEnglishLeftovers(self._get(pay_url).text, allowed, "payment page")
        self._pay_by_transfer(self.bill_a)
        self._confirm_transfer(self.bill_a)
        self.assertNoEnglishLeftovers(self._get("/my/bills").text, allowed, "/my/bills, paid")
        self.assertNoEnglishLeftovers(
            self._get(f"/my/bills/{self.bill_a.id}").text, allowed, "paid bill page"
        )
        home = self._get("/my").text
        self.assertIn("/my/bills", home)
        self.assertNotIn("/my/invoices?filterby=invoices", home)  # no duplicate entry

    def _attention_items(self, user):
        with MockRequest(self.env(user=user, context={"lang": "zh_CN"})) as request:
            return PropertyBillingPortal()._get_property_attention_items(
                request.env.user.partner_id
            )

    def test_attention_item(self):
        """The home's attention item: the unpaid total in the company's
        currency with a button to pay; none once everything is paid."""
        self._bill_month(2026, 4)
        (item,) = [i for i in self._attention_items(self.owner_a) if i["key"] == "unpaid_bills"]
        self.assertEqual(item["value"], "¥\xa0600.00")
        self.assertEqual(item["url"], "/my/bills?filterby=unpaid")
        self.assertEqual(item["button"], "去缴费")
        self.assertIn("未缴账单", item["title"])
        bills = self.env["account.move"].search([("property_unit_id", "=", self.unit_a.id)])
        self._pay_by_transfer(bills)
        tx = bills.transaction_ids
        tx.with_user(self.cashier).action_property_confirm_transfer()
        self.env.invalidate_all()
        self.assertFalse(
            [i for i in self._attention_items(self.owner_a) if i["key"] == "unpaid_bills"]
        )

    # ------------------------------------------------------------
    # Bad input and isolation
    # ------------------------------------------------------------

    def test_cannot_pay_others_or_paid_bills(self):
        Tx = self.env["payment.transaction"]
        self.authenticate("pbq_owner_a", "pbq_owner_a")
        for bill_ids, error in (
            (str(self.bill_b.id), "not_found"),
            (f"{self.bill_a.id},{self.bill_b.id}", "not_found"),
            ("999999999", "not_found"),
            ("abc", "not_found"),
        ):
            response = self.url_open(f"/my/bills/pay?bill_ids={bill_ids}", allow_redirects=False)
            self.assertIn(f"error={error}", response.headers["Location"], bill_ids)
        page = self._get("/my/bills?filterby=unpaid&error=not_found").text
        self.assertIn("不是您的", page)
        with self.assertRaisesRegex(JsonRpcException, "ValidationError"):
            self._pay_by_transfer(self.bill_b)
        self.assertFalse(Tx.search([("invoice_ids", "in", self.bill_b.ids)]))

        # An already paid bill.
        self._pay_by_transfer(self.bill_a)
        self._confirm_transfer(self.bill_a)
        self.authenticate("pbq_owner_a", "pbq_owner_a")
        response = self.url_open(f"/my/bills/pay?bill_ids={self.bill_a.id}", allow_redirects=False)
        self.assertIn("error=paid", response.headers["Location"])
        self.assertIn("已支付", self._get("/my/bills?error=paid").text)
        count = Tx.search_count([("invoice_ids", "in", self.bill_a.ids)])
        with self.assertRaisesRegex(JsonRpcException, "ValidationError"):
            self._pay_by_transfer(self.bill_a)
        self.assertEqual(Tx.search_count([("invoice_ids", "in", self.bill_a.ids)]), count)

    def test_owner_b_reaches_nothing_of_owner_a(self):
        self._pay_by_transfer(self.bill_a)
        self._confirm_transfer(self.bill_a)
        payment = self.bill_a.transaction_ids.payment_id
        self.authenticate("pbq_owner_b", "pbq_owner_b")
        for url in (
            f"/my/bills/{self.bill_a.id}",
            f"/my/invoices/{self.bill_a.id}",
            f"/my/invoices/{self.bill_a.id}?access_token=wrong",
            f"/my/invoices/{self.bill_a.id}?report_type=pdf&download=1",
            f"/my/bills/receipts/{payment.id}",
            f"/my/units/{self.unit_a.id}/bills",
        ):
            response = self.url_open(url, allow_redirects=False)
            self.assertIn(response.status_code, (302, 303), url)
        listing = self._get("/my/bills").text
        self.assertNotIn(self.bill_a.name, listing)
        self.assertNotIn(payment.name, listing)
        self.assertNotIn(self.bill_a.name, self._get(f"/my/bills?unit={self.unit_a.id}").text)

    # ------------------------------------------------------------
    # PDFs
    # ------------------------------------------------------------

    def test_bill_and_receipt_pdfs(self):
        """The bill and the receipt as PDFs (wkhtmltopdf), in Chinese."""
        Report = self.env["ir.actions.report"].with_context(
            lang="zh_CN", force_report_rendering=True
        )
        bill_pdf, _type = Report._render_qweb_pdf("account.account_invoices", self.bill_a.ids)
        text = pdf_text(bill_pdf)
        self.assertIn("账单", text)
        self.assertNotIn("发票", text)
        self.assertIn("PBQ-A", text)
        self.assertIn("PBQ 2026-03", text)
        self.assertIn("300.00", text)

        self._pay_by_transfer(self.bill_a)
        self._confirm_transfer(self.bill_a)
        payment = self.bill_a.transaction_ids.payment_id
        receipt_pdf, _type = Report._render_qweb_pdf(
            "property_billing.action_report_property_receipt", payment.ids
        )
        text = pdf_text(receipt_pdf)
        self.assertIn("收据", text)
        self.assertIn("PBQ-A", text)
        self.assertIn("PBQ 2026-03", text)
        self.assertIn("300.00", text)
        self.assertIn("银行转账/线下缴费", text)
        # 人民币叁佰元整 (pdftotext reads 民 of the CJK font as its radical ⺠).
        self.assertRegex(text, "金额大写: 人.币叁佰元整")
        # The owner downloads it from the portal.
        self.authenticate("pbq_owner_a", "pbq_owner_a")
        response = self._get(f"/my/bills/receipts/{payment.id}")
        self.assertEqual(response.headers["Content-Type"], "application/pdf")
        # In a test run Odoo renders a report's HTML instead of the PDF.
        receipt = response.content.decode()
        self.assertIn("收据", receipt)
        self.assertIn(payment.name, receipt)
