from lxml import html

from odoo.tests import HttpCase, tagged

from .common import PortalBillsCommon, assert_fee_ledger_as_rebuilt

# Queries of the owner's unit bills page and unit page: 21 and 22 measured,
# with property_billing alone as with every property module installed (make
# test), plus a little room for the modules that extend the portal.
BILLS_PAGE_QUERIES = 24
UNIT_PAGE_QUERIES = 25


@tagged("post_install", "-at_install")
class TestBillingPortal(PortalBillsCommon, HttpCase):
    """Owner A sees the bills of their unit and pays online from Odoo's invoice
    page; owner B's bills stay out of reach.

    The online payment goes through payment_demo's provider, which `make test`
    installs for the tests only (TEST_EXTRA_MODULES in tools/test.sh): its
    published test provider must never reach a production database, so it is
    no dependency of the module."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_portal_bills(
            "PBP", ("PBP Owner Alder", "PBP Owner Birch"), "PBP Service fee", "en_US"
        )
        cls._bill_month(2026, 3)
        Move = cls.env["account.move"]
        cls.bill_a = Move.search([("property_unit_id", "=", cls.unit_a.id)])
        cls.bill_b = Move.search([("property_unit_id", "=", cls.unit_b.id)])

    def _get(self, url, **kwargs):
        self.env.flush_all()
        response = self.url_open(url, **kwargs)
        response.raise_for_status()
        return response

    def _count_queries(self, url):
        self.env.flush_all()
        count = self.cr.sql_log_count
        self._get(url)
        return self.cr.sql_log_count - count

    def test_owner_sees_own_bills(self):
        self.authenticate("pbp_owner_a", "pbp_owner_a")
        unit_page = self.url_open(f"/my/units/{self.unit_a.id}")
        self.assertEqual(unit_page.status_code, 200)
        self.assertIn(self.bill_a.name, unit_page.text)
        self.assertIn("300.00", unit_page.text)  # 100 m² × 3.00, the balance due
        bills_page = self.url_open(f"/my/units/{self.unit_a.id}/bills")
        self.assertEqual(bills_page.status_code, 200)
        self.assertIn(self.bill_a.name, bills_page.text)
        self.assertIn("PBP 2026-03", bills_page.text)
        self.assertIn("o_property_bill_pay", bills_page.text)
        self.assertIn(f'href="/my/bills/{self.bill_a.id}"', bills_page.text)
        self.assertIn(f'href="/my/bills/pay?bill_ids={self.bill_a.id}"', bills_page.text)
        invoice_page = self.url_open(f"/my/invoices/{self.bill_a.id}")
        self.assertEqual(invoice_page.status_code, 200)
        self.assertIn(self.bill_a.name, invoice_page.text)
        # A bill's link leads to Odoo's invoice page with the bill's token.
        response = self.url_open(f"/my/bills/{self.bill_a.id}", allow_redirects=False)
        self.assertIn(response.status_code, (302, 303))
        self.assertIn(
            f"/my/invoices/{self.bill_a.id}?access_token={self.bill_a.access_token}",
            response.headers["Location"],
        )

    def test_owner_cannot_see_other_bills(self):
        self.authenticate("pbp_owner_a", "pbp_owner_a")
        for url in (
            f"/my/units/{self.unit_b.id}/bills",
            f"/my/invoices/{self.bill_b.id}",
            f"/my/bills/{self.bill_b.id}",
            "/my/bills/999999999",
        ):
            response = self.url_open(url, allow_redirects=False)
            self.assertIn(response.status_code, (302, 303), url)
            followed = self.url_open(url)
            self.assertNotIn(self.bill_b.name, followed.text)
        listing = self.url_open("/my/invoices")
        self.assertIn(self.bill_a.name, listing.text)
        self.assertNotIn(self.bill_b.name, listing.text)

    def test_former_owner_unit_page_without_bills(self):
        """Owner B sees their own bill, not owner A's, on their unit page."""
        self.authenticate("pbp_owner_b", "pbp_owner_b")
        page = self.url_open(f"/my/units/{self.unit_b.id}")
        self.assertIn(self.bill_b.name, page.text)
        self.assertNotIn(self.bill_a.name, page.text)

    def test_bills_pages_query_count(self):
        """The unit page and the unit's bills page cost the same number of
        queries for 2 bills as for 10."""
        self._bill_month(2026, 4)
        self.assertEqual(
            self.env["account.move"].search_count([("property_unit_id", "=", self.unit_a.id)]), 2
        )
        bills_url = f"/my/bills?unit={self.unit_a.id}"
        unit_url = f"/my/units/{self.unit_a.id}"
        self.authenticate("pbp_owner_a", "pbp_owner_a")
        for _i in range(2):  # warm up the caches of templates and routes
            self._get(bills_url)
            self._get(unit_url)
        # The bills page: defaults; the unit and its access check through the
        # user's ownerships and occupancies; the bills' count, page and unpaid
        # ones (each with the partner's contacts for account's record rule);
        # user and partner; the bills, company, estate, currency and periods
        # read for the page. The unit page (co-owners, residents, notices, the
        # latest six bills and the balance due) costs one more.
        with self.assertQueryCount(BILLS_PAGE_QUERIES):
            self._get(bills_url)
        with self.assertQueryCount(UNIT_PAGE_QUERIES):
            self._get(unit_url)
        two_bills = (self._count_queries(bills_url), self._count_queries(unit_url))

        for month in range(5, 13):
            self._bill_month(2026, month)
        self.assertEqual(
            self.env["account.move"].search_count([("property_unit_id", "=", self.unit_a.id)]), 10
        )
        self._get(bills_url)
        self._get(unit_url)
        page = self._get(bills_url)
        self.assertEqual(
            len(html.fromstring(page.text).xpath("//a[contains(@class, 'o_property_bill_pay')]")),
            10,
        )
        self.assertIn("3,000.00", page.text)  # 10 × 300.00 due
        self.assertEqual((self._count_queries(bills_url), self._count_queries(unit_url)), two_bills)

    def test_owner_pays_bill_online(self):
        """From the bill's portal page the owner pays with the demo provider:
        the transaction is confirmed, a payment posted and reconciled with the
        bill, which is then paid."""
        demo_provider = self.env.ref("payment.payment_provider_demo")
        self.assertEqual(
            demo_provider.module_id.state,
            "installed",
            "make test installs payment_demo (TEST_EXTRA_MODULES in tools/test.sh)",
        )
        self.assertEqual(self.bill_a.payment_state, "not_paid")
        self.authenticate("pbp_owner_a", "pbp_owner_a")

        # The bills page leads to Odoo's invoice page (through /my/bills/pay), whose payment form
        # offers the demo provider for the amount due.
        bills_page = html.fromstring(self._get(f"/my/units/{self.unit_a.id}/bills").text)
        (pay_link,) = bills_page.xpath("//a[contains(@class, 'o_property_bill_pay')]/@href")
        tree = html.fromstring(self._get(pay_link).text)
        (form,) = tree.xpath("//form[@id='o_payment_form']")
        self.assertEqual(float(form.get("data-amount")), 300.0)
        self.assertEqual(int(form.get("data-partner-id")), self.owner_a.partner_id.id)
        self.assertEqual(
            form.get("data-transaction-route"), f"/invoice/transaction/{self.bill_a.id}"
        )
        (demo_option,) = tree.xpath(
            "//input[@name='o_payment_radio'][@data-provider-code='demo']"
            "[@data-payment-option-type='payment_method']"
        )
        self.assertEqual(int(demo_option.get("data-provider-id")), demo_provider.id)

        # What the payment form and the demo form post: the transaction, then
        # the simulated feedback of the provider, then the status poll that
        # post-processes the transaction.
        processing_values = self.make_jsonrpc_request(
            form.get("data-transaction-route"),
            {
                "provider_id": demo_provider.id,
                "payment_method_id": int(demo_option.get("data-payment-option-id")),
                "token_id": None,
                "amount": float(form.get("data-amount")),
                "flow": "direct",
                "tokenization_requested": False,
                "landing_route": form.get("data-landing-route"),
                "is_validation": False,
                "access_token": form.get("data-access-token"),
            },
        )
        tx = self.env["payment.transaction"].search(
            [("reference", "=", processing_values["reference"])]
        )
        self.assertEqual(tx.invoice_ids, self.bill_a)
        self.assertEqual(tx.partner_id, self.owner_a.partner_id)
        self.assertEqual(tx.amount, 300.0)
        self.make_jsonrpc_request(
            "/payment/demo/simulate_payment",
            {
                "reference": tx.reference,
                "payment_details": "4242",
                "simulated_state": "done",
            },
        )
        status = self.make_jsonrpc_request("/payment/status/poll", {})
        self.assertEqual(status["state"], "done")

        self.env.invalidate_all()
        self.assertTrue(tx.is_post_processed)
        payment = tx.payment_id
        self.assertTrue(payment)
        self.assertIn(payment.state, ("in_process", "paid"))
        self.assertEqual(payment.amount, 300.0)
        self.assertEqual(payment.partner_id, self.owner_a.partner_id)
        self.assertIn(self.bill_a.payment_state, ("paid", "in_payment"))
        self.assertTrue(self.bill_a.currency_id.is_zero(self.bill_a.amount_residual))
        receivable = self.bill_a.line_ids.filtered(
            lambda line: line.account_id.account_type == "asset_receivable"
        )
        self.assertTrue(receivable.reconciled)
        self.assertEqual(receivable.matched_credit_ids.credit_move_id.move_id, payment.move_id)

        # Back on the bills page: paid, nothing due.
        bills_page = self._get(f"/my/units/{self.unit_a.id}/bills").text
        self.assertIn("text-bg-success", bills_page)
        self.assertNotIn("o_property_bill_pay", bills_page)
        # The bill's own page has the receipt of the online payment.
        _resp = self._get(f"/my/invoices/{self.bill_a.id}")
        open("/tmp/billpage.html", "w").write(_resp.url + "\n" + _resp.text)
        bill_page = html.fromstring(_resp.text)
        self.assertEqual(
            bill_page.xpath("//a[contains(@class, 'o_property_receipt_link')]/@href"),
            [f"/my/bills/receipts/{payment.id}"],
        )
        assert_fee_ledger_as_rebuilt(self)
