from odoo import Command
from odoo.tests import tagged

from .bill_identity import bill_differences, create_normal_twins
from .common import BillingCase


@tagged("post_install", "-at_install")
class TestBillExact(BillingCase):
    """A bill made by a billing run is, journal item by journal item and
    total by total, the bill Odoo builds through its own synchronisation for
    the same charges: under both tax rounding methods, without taxes, with a
    price-included or price-excluded VAT, with several taxes on a line, with
    payment terms (one date, instalments) and in a company of another
    currency."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # Areas and rates that leave half-cents: rounding per line and
        # globally give different totals (118.62 m² × 2.80 = 332.136).
        cls.unit_1.gross_area = 118.62
        cls.unit_2.gross_area = 87.37
        cls.unit_3.gross_area = 64.55
        cls.fee_service.rate = 2.8
        cls.fee_garbage.rate = 41.517
        # Li moves in on 17 March: a prorated garbage fee (15 of 31 days).
        cls._occupy(cls.unit_1, cls.li, "2026-03-17")
        cls._occupy(cls.unit_2, cls.wang, "2025-01-01")
        cls._occupy(cls.unit_3, cls.zhao, "2025-01-01")
        Tax = cls.env["account.tax"]
        common = {"type_tax_use": "sale", "amount_type": "percent"}
        cls.vat_included = Tax.create(
            {"name": "PBB VAT 6% incl.", "amount": 6.0, "price_include_override": "tax_included"}
            | common
        )
        cls.vat_excluded = Tax.create(
            {"name": "PBB VAT 6% excl.", "amount": 6.0, "price_include_override": "tax_excluded"}
            | common
        )
        cls.surcharge = Tax.create(
            {"name": "PBB Surcharge 1.5%", "amount": 1.5, "price_include_override": "tax_excluded"}
            | common
        )
        cls.instalments = cls.env["account.payment.term"].create(
            {
                "name": "PBB 30% now, 70% in 30 days",
                "line_ids": [
                    Command.create({"value": "percent", "value_amount": 30.0, "nb_days": 0}),
                    Command.create({"value": "percent", "value_amount": 70.0, "nb_days": 30}),
                ],
            }
        )
        cls.journal = cls.env["account.journal"].search(
            [("type", "=", "sale"), ("company_id", "=", cls.company.id)], limit=1
        )

    def _period(self, name):
        return self.env["property.billing.period"].create(
            {"name": name, "date_start": "2026-03-01", "date_end": "2026-03-31"}
        )

    def _assert_identical(self, run):
        bills = run.invoice_ids.sorted("id")
        self.assertTrue(bills, "the run made no bill")
        twins = create_normal_twins(bills)
        differences = []
        for bill, twin in zip(bills, twins, strict=True):
            differences += bill_differences(bill, twin)
        self.assertEqual(differences, [])
        return bills

    def _assert_built_fast(self, run):
        """The bills of the run were built by the run (not by Odoo's normal
        path), or the comparison would prove nothing."""
        charges, _skips = run.period_id._compute_unit_charges(
            self.unit_1 | self.unit_2 | self.unit_3 | self.parking, self.fees
        )
        for charge in charges:
            self.assertTrue(
                run._can_build_lines(charge["partner"], [charge], self.journal),
                f"{charge['name']} would take the normal path",
            )

    def test_rounding_taxes_and_terms(self):
        tax_cases = {
            "no tax": self.env["account.tax"],
            "VAT included": self.vat_included,
            "VAT excluded": self.vat_excluded,
            "VAT and surcharge": self.vat_excluded | self.surcharge,
        }
        term_cases = {
            "no terms": self.env["account.payment.term"],
            "30 days": self.env.ref("account.account_payment_term_30days"),
            "instalments": self.instalments,
        }
        count = 0
        for rounding in ("round_per_line", "round_globally"):
            self.company.tax_calculation_rounding_method = rounding
            for tax_name, taxes in tax_cases.items():
                (self.fee_service | self.fee_garbage).tax_ids = taxes
                self.fee_parking.tax_ids = taxes[:1]
                for term_name, term in term_cases.items():
                    (self.li | self.wang | self.zhao).property_payment_term_id = term
                    count += 1
                    with self.subTest(rounding=rounding, taxes=tax_name, terms=term_name):
                        run = self._run(
                            estates=self.estate | self.estate_2,
                            period=self._period(f"PBB exact {count}"),
                        )
                        self._assert_built_fast(run)
                        bills = self._assert_identical(run)
                        self.assertEqual(len(bills), 4)
                        if term == self.instalments:
                            receivable = bills[0].line_ids.filtered(
                                lambda line: line.display_type == "payment_term"
                            )
                            self.assertEqual(len(receivable), 2)

    def test_demo_bill_total_is_odoo_total(self):
        """The case of the demo: round globally, no taxes, 118.62 m² × 2.80 +
        41.517: Odoo rounds each line (332.14 + 41.52; round globally rounds
        the taxes, not the lines): the bill shows, and asks for, that one
        amount everywhere — total, tax summary, receivable, amount due."""
        self.company.tax_calculation_rounding_method = "round_globally"
        self.fee_garbage.rate = 41.517
        self.ownership_1.date_start = "2025-01-01"
        self.env["property.occupancy"].search(
            [("unit_id", "=", self.unit_1.id)]
        ).date_start = "2025-01-01"
        run = self._run(estates=self.estate, period=self._period("PBB demo case"))
        self._assert_identical(run)
        bill = run.invoice_ids.filtered(
            lambda b: b.partner_id == self.li and b.property_unit_id == self.unit_1
        )
        self.assertEqual(bill.amount_total, 373.66)
        receivable = bill.line_ids.filtered(lambda line: line.display_type == "payment_term")
        self.assertEqual(receivable.balance, bill.amount_total)
        self.assertEqual(bill.amount_residual, bill.amount_total)
        self.assertAlmostEqual(bill.tax_totals["total_amount_currency"], 373.66, places=6)

    def test_company_in_another_currency(self):
        """A company whose currency rounds to whole units (JPY): the same
        identity, with a price-included VAT and instalments."""
        yen = self.env.ref("base.JPY")
        yen.active = True
        company = self.env["res.company"].create({"name": "PBB Yen Co", "currency_id": yen.id})
        self.env["account.chart.template"].try_loading("generic_coa", company, install_demo=False)
        company.currency_id = yen  # the generic chart sets its own currency
        self.env.user.company_ids |= company
        env = self.env(context=dict(self.env.context, allowed_company_ids=company.ids))
        estate = self._create_estate("PBB Yen Estate", "PBB-Y", company=company)
        building = self._create_building(estate, "PBB Y1", "1")
        unit = self._create_unit(building, "101", 118.62)
        self._own(unit, self.li, "2025-01-01")
        income = env["account.account"].search(
            [("account_type", "=", "income"), ("company_ids", "in", company.ids)], limit=1
        )
        vat = env["account.tax"].create(
            {
                "name": "PBB Yen VAT 6% incl.",
                "amount": 6.0,
                "price_include_override": "tax_included",
                "type_tax_use": "sale",
                "company_id": company.id,
            }
        )
        product = env["product.product"].create({"name": "PBB Yen service", "type": "service"})
        env["property.fee.item"].create(
            {
                "name": "PBB Yen service fee",
                "code": "PBB-YSV",
                "method": "gross_area",
                "rate": 283.0,
                "company_id": company.id,
                "product_id": product.id,
                "account_id": income.id,
                "tax_ids": [Command.set(vat.ids)],
                "estate_ids": [Command.set(estate.ids)],
            }
        )
        self.li.with_company(company).property_payment_term_id = self.instalments
        period = env["property.billing.period"].create(
            {
                "name": "PBB Yen 2026-03",
                "company_id": company.id,
                "date_start": "2026-03-01",
                "date_end": "2026-03-31",
            }
        )
        run = env["property.billing.run"].create(
            {
                "period_id": period.id,
                "company_id": company.id,
                "estate_ids": [Command.set(estate.ids)],
                "post_invoices": True,
                "date_bill": period.invoice_date,
            }
        )
        run._execute()
        bill = run.invoice_ids
        self.assertEqual(bill.currency_id, yen)
        self.assertEqual(bill.amount_total, 33569.0)  # 118.62 × 283 = 33,569.46
        self._assert_identical(run)


@tagged("post_install", "-at_install")
class TestBillingQueries(BillingCase):
    """The queries of billing a chunk of 200 units with a price-included VAT
    (one bill each): claims, bills with their tax and receivable lines,
    posting, numbering, prepayments — a fixed small number per bill."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        vat = cls.env["account.tax"].create(
            {
                "name": "PBB VAT 6% incl.",
                "amount": 6.0,
                "type_tax_use": "sale",
                "price_include_override": "tax_included",
            }
        )
        (cls.fee_service | cls.fee_garbage | cls.fee_parking).tax_ids = vat
        cls.estate_q = cls._create_estate("PBB Query Garden", "PBB-Q")
        cls.fees.estate_ids |= cls.estate_q
        building = cls._create_building(cls.estate_q, "PBB Q1", "1")
        cls.units_q = cls.env["property.unit"].create(
            [
                {
                    "estate_id": cls.estate_q.id,
                    "building_id": building.id,
                    "entrance": "1",
                    "code": f"{floor:02d}{number:02d}",
                    "gross_area": 80 + floor + number / 100,
                }
                for floor in range(1, 21)
                for number in range(1, 11)
            ]
        )
        # Owners billed before (customers already): a customer's first bill
        # costs Odoo one more write, to rank him a customer.
        owners = cls.env["res.partner"].create(
            [
                {"name": f"PBB Owner {index}", "customer_rank": 1}
                for index in range(len(cls.units_q))
            ]
        )
        cls.env["property.ownership"].create(
            [
                {"unit_id": unit.id, "partner_id": owner.id, "date_start": "2025-01-01"}
                for unit, owner in zip(cls.units_q, owners, strict=True)
            ]
        )
        cls.env["property.occupancy"].create(
            [
                {
                    "unit_id": unit.id,
                    "partner_id": owner.id,
                    "date_start": "2025-01-01",
                    "role": "owner_occupier",
                }
                for unit, owner in zip(cls.units_q, owners, strict=True)
            ]
        )

    def test_queries_of_200_taxed_bills(self):
        run = self.env["property.billing.run"].create(
            {
                "period_id": self.period.id,
                "estate_ids": [Command.set(self.estate_q.ids)],
                "post_invoices": True,
                "date_bill": self.period.invoice_date,
            }
        )
        fees, journal = run._get_fees(), run._get_journal()
        self.env.invalidate_all()
        # 200 bills, 5 queries each at most.
        with self.assertQueryCount(1000):
            bills = run._bill_units(self.units_q, fees, journal)
        self.assertEqual(len(bills), 200)
        self.assertEqual(set(bills.mapped("state")), {"posted"})
        self.assertTrue(all(bills.mapped("amount_tax")))
