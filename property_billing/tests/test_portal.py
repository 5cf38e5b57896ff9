from odoo import Command
from odoo.tests import HttpCase, new_test_user, tagged

from odoo.addons.base.tests.common import DISABLED_MAIL_CONTEXT


@tagged("post_install", "-at_install")
class TestBillingPortal(HttpCase):
    """Owner A sees the bills of their unit and pays online from Odoo's invoice
    page; owner B's bills stay out of reach."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, **DISABLED_MAIL_CONTEXT))
        cls.owner_a = new_test_user(
            cls.env, login="pbp_owner_a", name="PBP Owner Alder", groups="base.group_portal"
        )
        cls.owner_b = new_test_user(
            cls.env, login="pbp_owner_b", name="PBP Owner Birch", groups="base.group_portal"
        )
        estate = cls.env["property.estate"].create({"name": "PBP Estate", "code": "PBP"})
        Unit = cls.env["property.unit"]
        cls.unit_a = Unit.create({"estate_id": estate.id, "code": "PBP-A", "gross_area": 100.0})
        cls.unit_b = Unit.create({"estate_id": estate.id, "code": "PBP-B", "gross_area": 80.0})
        Ownership = cls.env["property.ownership"]
        Ownership.create(
            [
                {
                    "unit_id": cls.unit_a.id,
                    "partner_id": cls.owner_a.partner_id.id,
                    "date_start": "2020-01-01",
                },
                {
                    "unit_id": cls.unit_b.id,
                    "partner_id": cls.owner_b.partner_id.id,
                    "date_start": "2020-01-01",
                },
            ]
        )
        product = cls.env["product.product"].create(
            {"name": "PBP service", "type": "service", "taxes_id": [Command.clear()]}
        )
        income = cls.env["account.account"].search(
            [("account_type", "=", "income"), ("company_ids", "in", cls.env.company.ids)],
            limit=1,
        )
        cls.env["property.fee.item"].create(
            {
                "name": "PBP Service fee",
                "method": "gross_area",
                "rate": 3.0,
                "product_id": product.id,
                "account_id": income.id,
                "tax_ids": [Command.clear()],
                "estate_ids": [Command.set(estate.ids)],
            }
        )
        period = cls.env["property.billing.period"].create(
            {"name": "PBP 2026-03", "date_start": "2026-03-01", "date_end": "2026-03-31"}
        )
        cls.env["property.billing.run"].create(
            {
                "period_id": period.id,
                "estate_ids": [Command.set(estate.ids)],
                "post_invoices": True,
            }
        )._execute()
        Move = cls.env["account.move"]
        cls.bill_a = Move.search([("property_unit_id", "=", cls.unit_a.id)])
        cls.bill_b = Move.search([("property_unit_id", "=", cls.unit_b.id)])

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
        self.assertIn("Pay now", bills_page.text)
        invoice_page = self.url_open(f"/my/invoices/{self.bill_a.id}")
        self.assertEqual(invoice_page.status_code, 200)
        self.assertIn(self.bill_a.name, invoice_page.text)

    def test_owner_cannot_see_other_bills(self):
        self.authenticate("pbp_owner_a", "pbp_owner_a")
        for url in (
            f"/my/units/{self.unit_b.id}/bills",
            f"/my/invoices/{self.bill_b.id}",
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
