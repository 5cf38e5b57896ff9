from lxml import html

from odoo.tests import HttpCase, tagged
from odoo.tests.common import JsonRpcException

from odoo.addons.property_base.tests.common import OwnerPhoneMixin, pdf_text

from .common import PortalBillsCommon, assert_fee_ledger_as_rebuilt


@tagged("post_install", "-at_install")
class TestPortalPrepay(OwnerPhoneMixin, PortalBillsCommon, HttpCase):
    """Prepayment top-up (/my/prepay): the owner picks a unit and an amount and pays
    online; the payment is a prepayment of the unit (not applied to a bill); another
    owner's unit and bad amounts are refused, nothing is written. The online payment
    uses payment_demo, which make test installs for the tests only."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_portal_bills("PPP", ("PPP 业主甲", "PPP 业主乙"), "PPP 物业服务费", "zh_CN")
        cls.bill_a = cls._bill_month(2026, 3).filtered(lambda b: b.property_unit_id == cls.unit_a)
        cls.demo_provider = cls.env.ref("payment.payment_provider_demo")

    def _transaction(self, unit, amount):
        return self.make_jsonrpc_request(
            f"/my/prepay/transaction/{unit.id}",
            {
                "provider_id": self.demo_provider.id,
                "payment_method_id": self.demo_provider.payment_method_ids[:1].id,
                "token_id": None,
                "amount": amount,
                "flow": "direct",
                "tokenization_requested": False,
                "landing_route": "/my/prepay",
                "is_validation": False,
                "access_token": None,
            },
        )

    def _prepayments(self, unit):
        return self.env["account.payment"].search(
            [("property_unit_id", "=", unit.id), ("invoice_ids", "=", False)]
        )

    def test_page_offers_own_units_and_payment_form(self):
        self.authenticate("ppp_owner_a", "ppp_owner_a")
        page = html.fromstring(self.url_open("/my/prepay").text)
        options = page.xpath("//select[@name='unit_id']/option/@value")
        self.assertEqual(options, [str(self.unit_a.id)])
        self.assertFalse(page.xpath("//form[@id='o_payment_form']"))
        page = html.fromstring(
            self.url_open(f"/my/prepay?unit_id={self.unit_a.id}&amount=500").text
        )
        (form,) = page.xpath("//form[@id='o_payment_form']")
        self.assertEqual(float(form.get("data-amount")), 500.0)
        self.assertEqual(
            form.get("data-transaction-route"), f"/my/prepay/transaction/{self.unit_a.id}"
        )

    def test_bad_input_refused(self):
        self.authenticate("ppp_owner_a", "ppp_owner_a")
        for query, message in (
            (f"unit_id={self.unit_b.id}&amount=500", "请选择您的房屋"),
            ("unit_id=abc&amount=500", "请选择您的房屋"),
            (f"unit_id={self.unit_a.id}&amount=0", "0.01"),
            (f"unit_id={self.unit_a.id}&amount=-5", "0.01"),
            (f"unit_id={self.unit_a.id}&amount=abc", "0.01"),
            (f"unit_id={self.unit_a.id}&amount=100000.01", "0.01"),
            (f"unit_id={self.unit_a.id}&amount=10.001", "两位小数"),
        ):
            page = html.fromstring(self.url_open(f"/my/prepay?{query}").text)
            self.assertFalse(page.xpath("//form[@id='o_payment_form']"), query)
            self.assertIn(
                message,
                page.xpath("string(//*[contains(@class, 'o_property_prepay_error')])"),
                query,
            )
        Tx = self.env["payment.transaction"]
        count = Tx.search_count([])
        for unit, amount in ((self.unit_b, 500.0), (self.unit_a, 10.001), (self.unit_a, -1.0)):
            with self.assertRaisesRegex(JsonRpcException, "ValidationError"):
                self._transaction(unit, amount)
        self.assertEqual(Tx.search_count([]), count)

    def test_online_prepayment_is_a_prepayment_of_the_unit(self):
        self.authenticate("ppp_owner_a", "ppp_owner_a")
        values = self._transaction(self.unit_a, 500.0)
        tx = self.env["payment.transaction"].search([("reference", "=", values["reference"])])
        self.assertEqual((tx.property_prepay_unit_id, tx.amount), (self.unit_a, 500.0))
        self.assertFalse(tx.invoice_ids)
        self.make_jsonrpc_request(
            "/payment/demo/simulate_payment",
            {"reference": tx.reference, "payment_details": "4242", "simulated_state": "done"},
        )
        self.make_jsonrpc_request("/payment/status/poll", {})
        self.env.invalidate_all()
        payment = tx.payment_id
        self.assertEqual(self._prepayments(self.unit_a), payment)
        self.assertEqual((payment.amount, payment.state), (500.0, "in_process"))
        self.assertEqual(payment.property_estate_id, self.unit_a.estate_id)
        self.assertEqual(payment.partner_id, self.owner_a.partner_id.commercial_partner_id)
        self.assertEqual(self.bill_a.payment_state, "not_paid")  # kept for the next bills
        # Among the owner's payments, with its receipt: a prepayment of the unit.
        page = html.fromstring(self.url_open("/my/bills").text)
        (row,) = page.xpath(f"//a[@href='/my/bills/receipts/{payment.id}']/ancestor::tr[1]")
        self.assertIn(f"预存 {self.unit_a.display_name}", row.text_content())
        receipt = self.url_open(f"/my/bills/receipts/{payment.id}")
        self.assertEqual(receipt.headers["Content-Type"], "application/pdf")
        # The PDF itself (wkhtmltopdf), as the owner reads it.
        pdf, _type = (
            self.env["ir.actions.report"]
            .with_context(lang="zh_CN", force_report_rendering=True)
            ._render_qweb_pdf("property_billing.action_report_property_receipt", payment.ids)
        )
        text = pdf_text(pdf)
        self.assertIn("预存", text)
        self.assertIn("抵扣该房屋此后的账单", text)
        self.assertIn(self.unit_a.display_name, text)
        self.assertIn("500.00", text)
        assert_fee_ledger_as_rebuilt(self)

    def test_tour_prepay(self):
        self.start_tour("/my", "property_billing_prepay_tour", login="ppp_owner_a", timeout=180)
        self.env.invalidate_all()
        tx = self.env["payment.transaction"].search(
            [("property_prepay_unit_id", "=", self.unit_a.id)]
        )
        self.assertEqual((tx.state, tx.amount), ("done", 500.0))
        self.assertEqual(self._prepayments(self.unit_a).amount, 500.0)
