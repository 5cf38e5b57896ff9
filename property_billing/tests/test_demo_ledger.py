from odoo.tests import TransactionCase, tagged

from .bill_identity import bill_differences, create_normal_twins
from .common import assert_fee_ledger_as_rebuilt


@tagged("post_install", "-at_install")
class TestDemoLedger(TransactionCase):
    """The demo company keeps Chinese books: l10n_cn's chart of accounts in
    CNY, each line rounded, VAT price-included on the property service fee
    (6 %) and parking (9 %), and its demo bills on that ledger."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company = cls.env.ref("base.main_company")
        cls.bills = cls.env["account.move"].search(
            [
                ("company_id", "=", cls.company.id),
                ("property_unit_id", "!=", False),
                ("move_type", "=", "out_invoice"),
            ]
        )

    def _chart_xmlid(self, record):
        """The template xmlid of an account or tax of the company's chart
        (``account.<company id>_<template xmlid>``), else ``False``."""
        xmlid = record.get_external_id()[record.id]
        prefix = f"account.{self.company.id}_"
        return xmlid.removeprefix(prefix) if xmlid.startswith(prefix) else False

    def test_company_books(self):
        self.assertEqual(self.company.chart_template, "cn")
        self.assertEqual(self.company.currency_id, self.env.ref("base.CNY"))
        self.assertEqual(self.company.country_id, self.env.ref("base.cn"))
        self.assertEqual(self.company.tax_calculation_rounding_method, "round_per_line")
        self.assertEqual(self.company.property_lang, "zh_CN")
        # No generic chart nor US-dollar entries of account's demo left behind.
        self.assertFalse(
            self.env["account.move"].search_count(
                [("company_id", "=", self.company.id), ("currency_id.name", "=", "USD")]
            )
        )
        accounts = self.env["account.account"].search(
            [("company_ids", "in", self.company.ids), ("used", "=", True)]
        )
        self.assertTrue(accounts)
        for account in accounts:
            # Accounts of the chart loaded for the company (l10n_cn's, and
            # the outstanding receipts and payments Odoo adds to every chart).
            self.assertTrue(
                self._chart_xmlid(account),
                f"{account.code} {account.name} is not an account of the company's chart",
            )

    def test_fee_taxes(self):
        service = self.env.ref("property_billing.demo_fee_service")
        parking = self.env.ref("property_billing.demo_fee_parking")
        for fee, rate, template in (
            (service, 6.0, "l10n_cn_sales_excluded_6"),
            (parking, 9.0, "l10n_cn_sales_excluded_9"),
        ):
            self.assertEqual(len(fee.tax_ids), 1)
            tax = fee.tax_ids
            self.assertEqual(tax.amount, rate)
            self.assertTrue(tax.price_include)
            self.assertEqual(tax.company_id, self.company)
            # Same tax group and repartition as l10n_cn's own VAT of that rate.
            original = self.env.ref(f"account.{self.company.id}_{template}")
            self.assertEqual(tax.tax_group_id, original.tax_group_id)
            self.assertEqual(
                tax.invoice_repartition_line_ids.account_id,
                original.invoice_repartition_line_ids.account_id,
            )
        for xmlid in ("demo_fee_garbage", "demo_fee_water", "demo_fee_shared_utilities"):
            self.assertFalse(self.env.ref(f"property_billing.{xmlid}").tax_ids)

    def test_demo_bills_in_cny_with_vat(self):
        self.assertGreater(len(self.bills), 50)
        self.assertEqual(set(self.bills.currency_id.mapped("name")), {"CNY"})
        service = self.env.ref("property_billing.demo_fee_service")
        with_service = self.bills.filtered(
            lambda b: service.product_id in b.invoice_line_ids.product_id
            and any(service.tax_ids == line.tax_ids for line in b.invoice_line_ids)
        )
        self.assertTrue(with_service)
        for bill in with_service:
            tax_lines = bill.line_ids.filtered(lambda line: line.display_type == "tax")
            self.assertTrue(tax_lines, bill.name)
            self.assertEqual(
                self._chart_xmlid(tax_lines.account_id[:1]), "l10n_cn_common_account_2221"
            )
            self.assertAlmostEqual(bill.amount_tax, -sum(tax_lines.mapped("balance")), 2)
            receivable = bill.line_ids.filtered(lambda line: line.display_type == "payment_term")
            for account in receivable.account_id | bill.invoice_line_ids.account_id:
                self.assertTrue(
                    (self._chart_xmlid(account) or "").startswith("l10n_cn"),
                    f"{bill.name}: {account.code} {account.name} is not of l10n_cn's chart",
                )
            # Price included: the service line's amount is the fee itself,
            # its VAT inside it (e.g. 339.01 = 319.82 + 19.19).
            for line in bill.invoice_line_ids.filtered(lambda li: li.tax_ids == service.tax_ids):
                self.assertAlmostEqual(line.price_total, line.price_unit * line.quantity, 2)
                self.assertLess(line.price_subtotal, line.price_total)

    def test_demo_bills_are_odoo_bills(self):
        """The unpaid demo bills equal, line by line, what Odoo computes for
        the same charges on that ledger."""
        unpaid = self.bills.filtered(lambda b: b.payment_state == "not_paid")[:20]
        self.assertTrue(unpaid)
        # Billed by a Chinese user, as the demo is: the tax lines are named in
        # Chinese (6% 含税), and so are the twins'.
        twins = create_normal_twins(unpaid.with_context(lang="zh_CN")).with_env(self.env)
        for bill, twin in zip(unpaid, twins, strict=True):
            self.assertFalse(bill_differences(bill, twin), bill.name)

    def test_demo_fee_ledger_as_rebuilt(self):
        """The demo's bills, payments, prepayments and reconciliations were
        made through the ORM: the fee ledger kept meanwhile equals it rebuilt
        from them."""
        self.assertTrue(self.env["property.fee.ledger"].search_count([]))
        assert_fee_ledger_as_rebuilt(self)
