from odoo import Command, fields
from odoo.exceptions import AccessError
from odoo.tests import freeze_time, tagged

from odoo.addons.property_base.models.property_kpi import KpiMemo, KpiPeriod

from .common import BillingCase, assert_fee_ledger_as_rebuilt, fee_ledger_rows

FEBRUARY = ("2026-02-01", "2026-02-28")
MARCH = ("2026-03-01", "2026-03-31")
APRIL = ("2026-04-01", "2026-04-30")
EMPTY = ("2025-06-01", "2025-06-30")


@tagged("post_install", "-at_install")
class TestKpiFees(BillingCase):
    """The fee figures of the dashboard on a hand-made ledger.

    Estate A (PBB Garden), bills due on the 16th of their month:
        February  b1 1-1-101 Li    100  paid 100 on 20 Feb
                  b2 1-1-102 Wang  200  paid 50 on 25 Feb, 150 on 10 Mar
                  b3 P-001   Zhao  300  unpaid
        March     b4 1-1-101 Li    100  paid 100 on 31 Mar (the last day)
                  b5 1-1-102 Wang  200  paid 80 on 20 Mar, 120 on 2 Apr (after March)
                  b6 P-001   Zhao  300  cancelled
                  b7 1-1-101 Li     40  reversed by a credit note of 25 Mar
                  late-fee invoice 1-1-102 Wang 12, dated 20 Mar, due 25 Mar, unpaid
        April     b8 1-1-101 Li    100  paid from Li's prepayment of 500 (5 Mar)
                  b11 P-001  Zhao   20  paid on 10 Apr
                  b12 P-001  Zhao   30  unpaid
        A late fee of 7.50 on b3 waived on 15 Mar.
    Estate B (PBB Plaza): March b9 1-1-301 Zhao 64, paid on 5 Mar.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Period = cls.env["property.billing.period"]
        cls.february = Period.create(
            {"name": "PBB 2026-02", "date_start": "2026-02-01", "date_end": "2026-02-28"}
        )
        cls.april = Period.create(
            {"name": "PBB 2026-04", "date_start": "2026-04-01", "date_end": "2026-04-30"}
        )
        cls.b1 = cls._bill(cls.unit_1, cls.li, cls.february, 100.0)
        cls.b2 = cls._bill(cls.unit_2, cls.wang, cls.february, 200.0)
        cls.b3 = cls._bill(cls.parking, cls.zhao, cls.february, 300.0)
        cls.b4 = cls._bill(cls.unit_1, cls.li, cls.period, 100.0)
        cls.b5 = cls._bill(cls.unit_2, cls.wang, cls.period, 200.0)
        cls.b6 = cls._bill(cls.parking, cls.zhao, cls.period, 300.0)
        cls.b7 = cls._bill(cls.unit_1, cls.li, cls.period, 40.0)
        cls.b9 = cls._bill(cls.unit_3, cls.zhao, cls.period, 64.0)
        cls.late_fee_invoice = cls._bill(
            cls.unit_2, cls.wang, None, 12.0, date="2026-03-20", date_due="2026-03-25"
        )
        cls._pay(cls.b1, 100.0, "2026-02-20")
        cls._pay(cls.b2, 50.0, "2026-02-25")
        cls._pay(cls.b2, 150.0, "2026-03-10")
        cls._pay(cls.b4, 100.0, "2026-03-31")
        cls._pay(cls.b5, 80.0, "2026-03-20")
        cls._pay(cls.b5, 120.0, "2026-04-02")
        cls._pay(cls.b9, 64.0, "2026-03-05")
        cls.b6.button_draft()
        cls.b6.button_cancel()
        cls.b7._reverse_moves([{"date": "2026-03-25", "invoice_date": "2026-03-25"}], cancel=True)
        cls.prepayment = (
            cls.env["property.counter.payment"]
            .create(
                {
                    "unit_id": cls.unit_1.id,
                    "bill_ids": [Command.clear()],
                    "partner_id": cls.li.id,
                    "amount": 500.0,
                    "date": "2026-03-05",
                    "keep_as_prepayment": True,
                }
            )
            ._create_payment()
        )
        cls.b8 = cls._bill(cls.unit_1, cls.li, cls.april, 100.0)
        cls.b11 = cls._bill(cls.parking, cls.zhao, cls.april, 20.0)
        cls.b12 = cls._bill(cls.parking, cls.zhao, cls.april, 30.0)
        cls._pay(cls.b11, 20.0, "2026-04-10")
        cls.late_fee = cls.env["property.late.fee"].create(
            {
                "bill_id": cls.b3.id,
                "date_from": "2026-03-04",
                "date_computed": "2026-03-13",
                "days": 10,
                "amount": 7.5,
            }
        )
        with freeze_time("2026-03-15"):
            cls.late_fee._waive("PBB agreed with the estate manager")
        cls.manager_a = cls._create_user(
            "pbb_kpi_manager_a", "property_base.group_property_manager", estates=cls.estate
        )
        cls.Kpi = cls.env["property.kpi"]

    @classmethod
    def _bill(cls, unit, partner, period, amount, date=None, date_due=None):
        date = fields.Date.to_date(date or period.date_start)
        values = {
            "move_type": "out_invoice",
            "partner_id": partner.id,
            "invoice_date": date,
            "invoice_date_due": date_due or fields.Date.add(date, days=15),
            "property_unit_id": unit.id,
            "invoice_line_ids": [
                Command.create(
                    {
                        "product_id": cls.product.id,
                        "quantity": 1.0,
                        "price_unit": amount,
                        "account_id": cls.income_account.id,
                        "tax_ids": [Command.clear()],
                    }
                )
            ],
        }
        if period:
            values["property_period_id"] = period.id
        else:
            values["property_is_late_fee"] = True
        bill = cls.env["account.move"].create(values)
        bill.action_post()
        return bill

    @classmethod
    def _pay(cls, bill, amount, date):
        cls.env["account.payment.register"].with_context(
            active_model="account.move", active_ids=bill.ids
        ).create({"amount": amount, "payment_date": date})._create_payments()

    def _values(self, key, estates, *periods, user=None):
        Kpi = self.Kpi.with_user(user) if user else self.Kpi
        return Kpi._kpi_compute(
            key,
            estates,
            [KpiPeriod(*map(fields.Date.to_date, period)) for period in periods],
        )

    def _action_records(self, key, estates, period, user=None):
        """The records of the list behind figure ``key``, read as ``user``."""
        Kpi = self.Kpi.with_user(user) if user else self.Kpi
        action = getattr(Kpi, f"_kpi_action_{key}")(
            estates, KpiPeriod(*map(fields.Date.to_date, period))
        )
        return self.env[action["res_model"]].with_user(user or self.env.user).search(
            action["domain"]
        ), action

    def test_bills_as_set_up(self):
        """The ledger is what the docstring says (the payments, the credit
        note and the prepayment reconciled as planned)."""
        self.assertEqual(self.b6.state, "cancel")
        self.assertEqual(self.b7.payment_state, "reversed")
        self.assertEqual(self.b3.payment_state, "not_paid")
        self.assertEqual(self.b8.amount_residual, 0.0)
        self.assertEqual(self.prepayment.property_estate_id, self.estate)
        self.assertEqual(str(self.late_fee.date_waived), "2026-03-15")

    def test_collection_rate(self):
        """February: 150 (b1 100, b2 50) of 600 collected by 28 Feb = 25 %.
        March: billed 100 + 200 + 40 - 40 credited = 300 (b6 cancelled, the
        late-fee invoice left out); collected by 31 Mar 100 (b4, on the last
        day) + 80 (b5; its 120 of 2 Apr comes after) = 180, 60 %. April: b8
        paid from the prepayment and b11, 120 of 150: 80 %. No bill in June
        2025: None.
        A and B together in March: (180 + 64) / (300 + 64)."""
        self.assertEqual(
            self._values("collection_rate", self.estate, FEBRUARY, MARCH, APRIL, EMPTY),
            [25.0, 60.0, 80.0, None],
        )
        self.assertAlmostEqual(
            self._values("collection_rate", self.estate | self.estate_2, MARCH)[0],
            100.0 * 244 / 364,
        )

    def test_collection_rate_ytd(self):
        """Up to March: Feb bills 600 + March 300 billed; collected by 31 Mar
        on them 100 + 200 + 0 + 180 = 480: 53.33 %. Up to February: 25 %
        (as the month). Up to April: + April's 150 billed, 120 of it
        collected, and b5's 120 of 2 Apr: 720 / 1050. June 2025: None."""
        values = self._values("collection_rate_ytd", self.estate, FEBRUARY, MARCH, APRIL, EMPTY)
        self.assertEqual(values[0], 25.0)
        self.assertAlmostEqual(values[1], 100.0 * 480 / 900)
        self.assertAlmostEqual(values[2], 100.0 * 720 / 1050)
        self.assertIsNone(values[3])

    def test_arrears_recovery_rate(self):
        """March: due before 1 Mar were b1, b2, b3; unpaid on 1 Mar b2's 150
        and b3's 300 = 450; collected during March b2's 150: 33.33 %.
        April: unpaid on 1 Apr b3 300 and b5 120 (b4 paid on 31 Mar, b7
        credited; the late-fee invoice left out) = 420; collected in April
        b5's 120: 28.57 %. February: nothing was due before it: None."""
        values = self._values("arrears_recovery_rate", self.estate, MARCH, APRIL, FEBRUARY)
        self.assertAlmostEqual(values[0], 100.0 * 150 / 450)
        self.assertAlmostEqual(values[1], 100.0 * 120 / 420)
        self.assertIsNone(values[2])

    def test_household_payment_rate(self):
        """February: 3 units billed, 1-1-101 paid in full by 28 Feb: 33.33 %.
        March: 1-1-101 (b4 paid on 31 Mar, b7 credited) and 1-1-102 (b5 paid
        80 of 200 by 31 Mar) billed, the parking's bill cancelled: 50 %.
        April: 1-1-101 paid, the parking paid b11 but not b12: 50 %.
        June 2025: None."""
        values = self._values("household_payment_rate", self.estate, FEBRUARY, MARCH, APRIL, EMPTY)
        self.assertAlmostEqual(values[0], 100.0 / 3)
        self.assertEqual(values[1:], [50.0, 50.0, None])

    @freeze_time("2026-06-01")
    def test_arrears_by_age(self):
        """End of March: b3 300 (due 16 Feb, 43 days) in 31-90; b5's 120 (due
        16 Mar, 15 days) and the late-fee invoice 12 (due 25 Mar) in 1-30; b2
        was paid by 10 Mar, b4 on 31 Mar itself: 432. End of February: b2's
        150 and b3 300, 12 days past due: 450 in 1-30. June 2025: nothing."""
        march, february, empty = self._values("arrears_by_age", self.estate, MARCH, FEBRUARY, EMPTY)
        self.assertEqual(march["value"], 432.0)
        self.assertEqual(
            [(part["key"], part["value"]) for part in march["parts"]],
            [
                ("1_0_30", 132.0),
                ("2_31_90", 300.0),
                ("3_91_180", 0.0),
                ("4_181_365", 0.0),
                ("5_over_365", 0.0),
            ],
        )
        self.assertEqual(
            [part["label"] for part in march["parts"]],
            ["1-30 Days", "31-90 Days", "91-180 Days", "181-365 Days", "Over a Year"],
        )
        self.assertEqual((february["value"], february["parts"][0]["value"]), (450.0, 450.0))
        self.assertEqual(empty["value"], 0)

    @freeze_time("2026-03-20")
    def test_arrears_of_the_running_period(self):
        """While March runs (20 Mar), arrears are aged on today: b3 300 (32
        days), b4 100 and b7 40 (due 16 Mar, paid and credited later) and
        b5's 120 (80 paid on 20 Mar): 560; the late-fee invoice is not due."""
        (march,) = self._values("arrears_by_age", self.estate, MARCH)
        self.assertEqual(march["value"], 560.0)
        self.assertEqual([part["value"] for part in march["parts"][:2]], [260.0, 300.0])

    @freeze_time("2026-06-01")
    def test_arrears_agree_with_the_report(self):
        """Today, the dashboard's arrears are the overdue rows of the arrears
        report (b3 300, the late-fee invoice 12 and b12 30), in the same
        ages, and the residuals of the bills its list opens."""
        (june,) = self._values("arrears_by_age", self.estate, ("2026-06-01", "2026-06-30"))
        rows = self.env["property.arrears.report"].search(
            [("estate_id", "=", self.estate.id), ("age_bucket", "!=", "0_not_due")]
        )
        self.assertEqual(june["value"], 342.0)
        self.assertEqual(sum(rows.mapped("amount_residual")), june["value"])
        by_age = {part["key"]: part["value"] for part in june["parts"]}
        for row in rows:
            self.assertTrue(by_age[row.age_bucket])
        bills, _action = self._action_records(
            "arrears_by_age", self.estate, ("2026-06-01", "2026-06-30")
        )
        self.assertEqual(bills, self.b3 | self.late_fee_invoice | self.b12)
        self.assertEqual(sum(bills.mapped("amount_residual")), june["value"])

    def test_prepayment_balance(self):
        """Li's 500 of 5 Mar: none of it on 28 Feb, 500 on 31 Mar, 400 on 30
        Apr once b8 took 100 of it. Plaza has none."""
        self.assertEqual(
            self._values("prepayment_balance", self.estate, FEBRUARY, MARCH, APRIL, EMPTY),
            [0, 500.0, 400.0, 0],
        )
        self.assertEqual(self._values("prepayment_balance", self.estate_2, APRIL), [0])
        for period, expected in ((FEBRUARY, []), (MARCH, [500.0]), (APRIL, [500.0])):
            payments, _action = self._action_records("prepayment_balance", self.estate, period)
            self.assertEqual(payments.mapped("amount"), expected)

    def test_late_fees(self):
        """March: the late-fee invoice of 12 charged, 7.50 waived on 15 Mar;
        nothing in February."""
        self.assertEqual(self._values("late_fee_charged", self.estate, MARCH, FEBRUARY), [12.0, 0])
        self.assertEqual(self._values("late_fee_waived", self.estate, MARCH, FEBRUARY), [7.5, 0])
        invoices, _action = self._action_records("late_fee_charged", self.estate, MARCH)
        self.assertEqual(invoices, self.late_fee_invoice)
        waived, _action = self._action_records("late_fee_waived", self.estate, MARCH)
        self.assertEqual(waived, self.late_fee)
        self.assertEqual(self._values("late_fee_waived", self.estate_2, MARCH), [0])

    def test_lists_behind_the_rates(self):
        """Each rate's list, read by estate A's manager, holds the bills of
        its denominator: March's bills b4, b5, b7 (billed 340 less 40
        credited = 300); the year's add February's three; the arrears on
        1 Mar are b2 and b3 (600 less 150 settled before = 450); the units
        billed are the groups of the household list."""
        user = self.manager_a
        bills, _action = self._action_records("collection_rate", self.estate, MARCH, user)
        self.assertEqual(bills, self.b4 | self.b5 | self.b7)
        ytd, _action = self._action_records("collection_rate_ytd", self.estate, MARCH, user)
        self.assertEqual(ytd, self.b1 | self.b2 | self.b3 | self.b4 | self.b5 | self.b7)
        arrears, _action = self._action_records("arrears_recovery_rate", self.estate, MARCH, user)
        self.assertEqual(arrears, self.b2 | self.b3)
        units, action = self._action_records("household_payment_rate", self.estate, MARCH, user)
        self.assertEqual(action["context"], {"group_by": ["property_unit_id"]})
        groups = (
            self.env["account.move"]
            .with_user(user)
            ._read_group(action["domain"], ["property_unit_id"], ["__count"])
        )
        self.assertEqual(len(groups), 2)
        self.assertEqual(units, bills)

    def test_dashboard_scope(self):
        """Estate A's manager gets estate A's figures (the Plaza bill paid in
        March would raise the rate if it leaked); Plaza by id is refused."""
        Kpi = self.Kpi.with_user(self.manager_a)
        data = Kpi.get_dashboard(period_type="month", date="2026-03-18")
        section = next(section for section in data["sections"] if section["key"] == "fees")
        figures = {figure["key"]: figure for figure in section["figures"]}
        self.assertEqual(section["label"], "Fees")
        self.assertEqual(figures["collection_rate"]["value"], 60.0)
        self.assertEqual(figures["household_payment_rate"]["value"], 50.0)
        self.assertEqual(figures["late_fee_waived"]["value"], 7.5)
        self.assertEqual(figures["prepayment_balance"]["value"], 500.0)
        self.assertEqual(len(figures["arrears_by_age"]["parts"]), 5)
        self.assertEqual(len(figures["collection_rate"]["trend"]), 12)
        self.assertEqual(figures["collection_rate"]["trend"][-2:], [25.0, 60.0])
        self.assertIsNone(figures["collection_rate"]["last_year"])
        for figure in figures.values():
            self.assertTrue(figure["has_action"], figure["key"])
        with self.assertRaises(AccessError):
            Kpi.get_dashboard(estate_ids=self.estate_2.ids, date="2026-03-18")
        with self.assertRaises(AccessError):
            Kpi.get_figure_action("collection_rate", estate_ids=self.estate_2.ids)
        action = Kpi.get_figure_action("collection_rate", date="2026-03-18")
        self.assertEqual(
            self.env["account.move"].with_user(self.manager_a).search_count(action["domain"]), 3
        )
        # Plaza alone: b9, 64 of 64.
        self.assertEqual(self._values("collection_rate", self.estate_2, MARCH), [100.0])

    def test_shared_rows_read_once(self):
        """The five figures of the bills share two queries over the 14
        periods of a dashboard (the fee ledger, the units' months);
        prepayments, late fees charged and waived one each."""
        Kpi = self.Kpi.with_user(self.manager_a)
        periods = [KpiPeriod(*map(fields.Date.to_date, MARCH))] * 14
        keys = [figure["key"] for figure in Kpi._kpi_figures() if figure["section"] == "fees"]
        self.assertEqual(len(keys), 8)

        def compute_all():
            cached = Kpi.with_context(property_kpi_memo=KpiMemo())
            return [cached._kpi_compute(key, self.estate, periods) for key in keys]

        values = compute_all()  # caches warm
        with self.assertQueryCount(5):
            self.assertEqual(compute_all(), values)

    def test_collection_report_does_not_average(self):
        """The collection report's rate has no total: two rows' rates are
        not averaged; their billed and collected sums are."""
        Report = self.env["property.collection.report"]
        self.assertFalse(Report._fields["collection_rate"].aggregator)
        groups = Report._read_group(
            [("estate_id", "=", self.estate.id)],
            [],
            ["amount_billed:sum", "amount_collected:sum"],
        )
        # Every payment up to today: February 300 of 600, March 300 of 300 (the
        # credit note of 40 takes its part off the billed, it is not collected),
        # April 120 of 150.
        self.assertEqual(groups, [(1050.0, 720.0)])

    @freeze_time("2026-06-01")
    def test_arrears_report_ages_in_order(self):
        """The arrears pivot's columns: every age past due in order, 181-365
        days too though no bill is that old (b3, due 16 Feb, is 105 days
        past due; the late-fee invoice and b12 68 and 46 days); "not due" only when some
        bill is not due yet (filtered out by the action)."""
        Report = self.env["property.arrears.report"].with_context(read_group_expand=True)
        domain = [("estate_id", "=", self.estate.id)]
        groups = Report.formatted_read_group(
            domain + [("age_bucket", "!=", "0_not_due")], ["age_bucket"], ["amount_residual:sum"]
        )
        self.assertEqual(
            [(group["age_bucket"], group["amount_residual:sum"]) for group in groups],
            [
                ("1_0_30", 0),
                ("2_31_90", 42.0),
                ("3_91_180", 300.0),
                ("4_181_365", 0),
                ("5_over_365", 0),
            ],
        )
        # Without the expansion (a graph, two groupings): still in age order.
        ages = [
            age
            for _estate, age, _amount in Report._read_group(
                domain, ["estate_id", "age_bucket"], ["amount_residual:sum"]
            )
        ]
        self.assertEqual(ages, ["2_31_90", "3_91_180"])

    def test_collection_report_equals_dashboard(self):
        """Each row of the collection report gives, for its estate and month,
        the dashboard's collection rate and household payment rate."""
        rates = self.env["property.collection.report"]._get_rates(
            [("estate_id", "in", (self.estate | self.estate_2).ids)]
        )
        rows = self.env["property.collection.report"].search(
            [("estate_id", "in", (self.estate | self.estate_2).ids)]
        )
        self.assertEqual(len(rows), 4)  # Garden February, March, April; Plaza March
        self.assertEqual(
            sorted(set(rows.with_context(lang="zh_CN").mapped("month_label"))),
            ["2026年2月", "2026年3月", "2026年4月"],
        )
        for row in rows:
            month = (row.period_start, fields.Date.end_of(row.period_start, "month"))
            [collection] = self._values("collection_rate", row.estate_id, month)
            [household] = self._values("household_payment_rate", row.estate_id, month)
            self.assertEqual(rates[row.estate_id, row.period_start]["rate"], round(collection, 2))
            self.assertEqual(row.collection_rate, round(collection, 2))
            self.assertEqual(row.household_payment_rate, round(household, 2))
        # March: 300 billed (the credit note of 40 taken off), 180 collected by
        # its end (b4 100, b5 80), 300 by now (b5's 120 on 2 April).
        march = rates[self.estate, fields.Date.to_date(MARCH[0])]
        self.assertEqual(
            (march["billed"], march["collected_period"], march["collected"], march["rate"]),
            (300.0, 180.0, 300.0, 60.0),
        )

    # ------------------------------------------------------------
    # The fee ledger the figures read
    # ------------------------------------------------------------

    def test_ledger_kept_as_rebuilt(self):
        """Kept row by row through posting, paying, unreconciling, resetting
        to draft, cancelling, posting again and moving a payment to another
        estate, the ledger and the units' months equal what a rebuild from
        the bills makes — and so do the figures."""
        kept = fee_ledger_rows(self.env)
        self.assertIn(
            (
                self.company.id,
                self.estate.id,
                "billed",
                True,
                fields.Date.to_date("2026-02-01"),
                fields.Date.to_date("2026-02-16"),
                None,
                600.0,
            ),
            kept[0],
        )
        assert_fee_ledger_as_rebuilt(self)
        # b2 unreconciled (both its payments), b4 reset to draft while paid,
        # b5 reset, cancelled; b3 paid in part; the prepayment moved to Plaza;
        # b12 due later.
        self.b2.line_ids.filtered(
            lambda line: line.display_type == "payment_term"
        ).remove_move_reconcile()
        self.b4.button_draft()
        self.b5.button_draft()
        self.b5.button_cancel()
        self._pay(self.b3, 120.0, "2026-04-03")
        self.prepayment.property_estate_id = self.estate_2
        # b12's due date written over on the posted bill.
        self.b12.invoice_date_due = "2026-06-30"
        march = [KpiPeriod(*map(fields.Date.to_date, MARCH))]
        figures = {
            key: self.Kpi._kpi_compute(key, self.estate | self.estate_2, march)
            for key in ("collection_rate", "household_payment_rate", "prepayment_balance")
        }
        assert_fee_ledger_as_rebuilt(self)
        for key, values in figures.items():
            self.assertEqual(
                self.Kpi._kpi_compute(key, self.estate | self.estate_2, march), values, key
            )
        # b4 posted again: its payment counts again.
        self.b4.action_post()
        self.assertEqual(self.b4.payment_state, "paid")
        assert_fee_ledger_as_rebuilt(self)

    def test_ledger_compacted(self):
        """The daily job adds each key's rows up into one: the sums stay."""
        Ledger = self.env["property.fee.ledger"]
        self.b4.button_draft()
        self.b4.action_post()
        kept = fee_ledger_rows(self.env)
        rows = Ledger.search_count([])
        Ledger._cron_compact()
        self.assertLess(Ledger.search_count([]), rows)
        self.assertEqual(fee_ledger_rows(self.env), kept)
        self.env.cr.execute(
            """
            SELECT COUNT(*) FROM (
                SELECT 1 FROM property_fee_ledger
                 GROUP BY company_id, estate_id, kind, is_fee, billed_on, date_due, day
                HAVING COUNT(*) > 1) keys
            """
        )
        self.assertEqual(self.env.cr.fetchone()[0], 0)
