from odoo import Command
from odoo.tests import tagged

from .common import BillingCase


@tagged("post_install", "-at_install")
class TestFeeBadInput(BillingCase):
    """Fee items refuse what their bills could not carry, with a message
    naming the field; a billing run that meets a unit whose bill cannot be
    made bills the others and lists that unit with the reason."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._occupy(cls.unit_1, cls.li, "2025-01-01")
        cls._occupy(cls.unit_2, cls.wang, "2025-01-01")
        cls.sale_tax = cls.env["account.tax"].create(
            {"name": "PBB VAT 6%", "amount": 6.0, "type_tax_use": "sale"}
        )
        cls.purchase_tax = cls.env["account.tax"].create(
            {"name": "PBB Input VAT 6%", "amount": 6.0, "type_tax_use": "purchase"}
        )
        cls.company_b = cls._create_company("PBB Company B")
        cls.tax_b = cls.env["account.tax"].create(
            {
                "name": "PBB VAT of B",
                "amount": 6.0,
                "type_tax_use": "sale",
                "company_id": cls.company_b.id,
                "country_id": cls.company.account_fiscal_country_id.id,
                "tax_group_id": cls.env["account.tax.group"]
                .create({"name": "PBB VAT", "company_id": cls.company_b.id})
                .id,
            }
        )

    def assertRefused(self, model, domain, text, call):
        return self.assertInputRefused(model, domain, call, text)

    def _new_fee(self, **values):
        return self.env["property.fee.item"].create(
            {
                "name": "PBB Bad fee",
                "code": "PBB-BAD",
                "method": "fixed",
                "rate": 10.0,
                "product_id": self.product.id,
                "account_id": self.income_account.id,
                "tax_ids": [Command.clear()],
                **values,
            }
        )

    def _fee_domain(self):
        return [("company_id", "=", self.company.id)]

    # ------------------------------------------------------------
    # Texts and numbers
    # ------------------------------------------------------------

    def test_fee_code_too_long(self):
        self.assertRefused(
            "property.fee.item",
            self._fee_domain(),
            "“Code” may have at most 32 characters",
            lambda: self._new_fee(code="C" * (2 * 1024 * 1024)),
        )
        self.assertRefused(
            "property.fee.item",
            [("code", "=", "PBB-SVC")],
            "“Code”",
            lambda: self.fee_service.write({"code": "C" * 33}),
        )

    def test_fee_rates_and_tiers_not_finite(self):
        for value in (float("nan"), float("inf"), "-inf"):
            with self.subTest(value=value):
                self.assertRefused(
                    "property.fee.item",
                    self._fee_domain(),
                    "“Rate” must be a finite number",
                    lambda value=value: self._new_fee(rate=value),
                )
        self.assertRefused(
            "property.fee.item",
            [("id", "=", self.fee_service.id), ("rate", "=", 2.5)],
            "“Rate”",
            lambda: self.fee_service.write({"rate": float("nan")}),
        )
        tiers = [("fee_id", "=", self.fee_water.id)]
        self.assertRefused(
            "property.fee.tier",
            tiers,
            "“From” must be a finite number",
            lambda: self.env["property.fee.tier"].create(
                {"fee_id": self.fee_water.id, "quantity_from": float("inf"), "rate": 9.0}
            ),
        )
        self.assertRefused(
            "property.fee.tier",
            tiers + [("rate", "=", 3.45)],
            "“Rate”",
            lambda: self.fee_water.tier_ids[:1].write({"rate": "nan"}),
        )
        self.assertRefused(
            "property.fee.exemption",
            [("fee_id", "=", self.fee_service.id)],
            "“Discount (%)” must be a finite number",
            lambda: self.env["property.fee.exemption"].create(
                {
                    "fee_id": self.fee_service.id,
                    "unit_id": self.unit_1.id,
                    "date_start": "2026-03-01",
                    "date_end": "2026-03-31",
                    "discount": float("nan"),
                    "reason": "PBB hardship",
                }
            ),
        )

    def test_late_fee_rate_not_finite(self):
        for value in (float("nan"), "inf"):
            with self.subTest(value=value):
                self.assertRefused(
                    "res.company",
                    [("id", "=", self.company.id), ("property_late_fee_rate", "=", 0.05)],
                    "“Late Fee Rate (% per day)” must be a finite number",
                    lambda value=value: self.company.write({"property_late_fee_rate": value}),
                )

    # ------------------------------------------------------------
    # Taxes
    # ------------------------------------------------------------

    def test_tax_of_another_company_refused(self):
        error = self.assertRefused(
            "property.fee.item",
            self._fee_domain(),
            "Taxes of fee item PBB Bad fee: PBB VAT of B belongs to PBB Company B",
            lambda: self._new_fee(tax_ids=[Command.set(self.tax_b.ids)]),
        )
        self.assertIn(self.company.name, str(error))
        self.assertRefused(
            "property.fee.item",
            [("id", "=", self.fee_service.id), ("tax_ids", "=", False)],
            "PBB VAT of B belongs to PBB Company B",
            lambda: self.fee_service.write({"tax_ids": [Command.link(self.tax_b.id)]}),
        )

    def test_purchase_tax_refused(self):
        self.assertRefused(
            "property.fee.item",
            self._fee_domain(),
            "Taxes of fee item PBB Bad fee: PBB Input VAT 6% is not a sales tax",
            lambda: self._new_fee(tax_ids=[Command.set(self.purchase_tax.ids)]),
        )
        self.assertRefused(
            "property.fee.item",
            [("id", "=", self.fee_service.id), ("tax_ids", "=", False)],
            "is not a sales tax",
            lambda: self.fee_service.write({"tax_ids": [Command.set(self.purchase_tax.ids)]}),
        )
        # A sales tax of the company is fine.
        self.fee_service.tax_ids = self.sale_tax
        self.assertEqual(self.fee_service.tax_ids, self.sale_tax)

    # ------------------------------------------------------------
    # Currency
    # ------------------------------------------------------------

    def _sale_journal(self):
        return self.env["account.journal"].search(
            [("type", "=", "sale"), ("company_id", "=", self.company.id)], limit=1
        )

    def test_bill_in_the_currency_of_its_fees(self):
        """A fee item's currency is its company's (a related field): the bill
        is in the sales journal's currency, which is that one."""
        self.assertEqual(self.fee_service.currency_id, self.company.currency_id)
        run = self._run(estates=self.estate)
        self.assertTrue(run.invoice_ids)
        for bill in run.invoice_ids:
            self.assertEqual(bill.journal_id, self._sale_journal())
            self.assertEqual(bill.currency_id, self.company.currency_id)
            self.assertEqual(bill.amount_total, bill.amount_total_signed)

    def test_journal_in_another_currency_refused(self):
        """A sales journal in another currency would carry the amounts of the
        fees unchanged (2.50 CNY billed as 2.50 EUR): each unit is listed with
        the reason, no bill is made."""
        other = (
            self.env["res.currency"]
            .with_context(active_test=False)
            .search(
                [("id", "!=", self.company.currency_id.id), ("name", "in", ("EUR", "USD"))],
                limit=1,
            )
        )
        other.active = True
        journal = self._sale_journal()
        journal.currency_id = other
        moves = [("property_period_id", "=", self.period.id)]
        self.assertEqual(self.env["account.move"].search_count(moves), 0)
        run = self._run(estates=self.estate)
        self.assertEqual(run.state, "done")
        self.assertFalse(run.invoice_ids)
        self.assertEqual(self.env["account.move"].search_count(moves), 0)
        self.assertEqual(run.skip_ids.unit_id, self.unit_1 | self.unit_2 | self.parking)
        for reason in run.skip_ids.mapped("reason"):
            self.assertIn(f"cannot be made in {other.name}", reason)
            self.assertIn(journal.display_name, reason)
            self.assertIn(f"fee items are priced in {self.company.currency_id.name}", reason)
        self.assertFalse(
            self.env["property.bill.line"].search([("period_id", "=", self.period.id)])
        )

    # ------------------------------------------------------------
    # A run meets a unit whose bill fails
    # ------------------------------------------------------------

    def test_run_skips_the_unit_whose_bill_fails(self):
        """Wang's receivable account has been archived: Odoo refuses to post
        his bill. The run bills Li and lists Wang's unit with Odoo's reason."""
        receivable = self.env["account.account"].create(
            {
                "name": "PBB Closed receivable",
                "code": "PBB1299",
                "account_type": "asset_receivable",
                "reconcile": True,
            }
        )
        self.wang.property_account_receivable_id = receivable
        receivable.active = False
        run = self._run(estates=self.estate)
        self.assertEqual(run.state, "done")
        self.assertEqual(run.invoice_ids.property_unit_id, self.unit_1 | self.parking)
        self.assertEqual(set(run.invoice_ids.mapped("state")), {"posted"})
        self.assertEqual(run.skip_ids.unit_id, self.unit_2)
        self.assertIn("PBB Closed receivable (PBB1299) is archived", run.skip_ids.reason)
        self.assertFalse(
            self.env["account.move"].search([("property_unit_id", "=", self.unit_2.id)])
        )
        self.assertFalse(self.env["property.bill.line"].search([("unit_id", "=", self.unit_2.id)]))
