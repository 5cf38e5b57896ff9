import io

import openpyxl

from odoo import Command
from odoo.tests import freeze_time, tagged

from .common import BillingCase


@tagged("post_install", "-at_install")
class TestArrears(BillingCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._occupy(cls.unit_1, cls.li, "2025-01-01")
        cls.february = cls.env["property.billing.period"].create(
            {"name": "PBB 2026-02", "date_start": "2026-02-01", "date_end": "2026-02-28"}
        )
        for period in (cls.february, cls.period):
            cls.env["property.billing.run"].create(
                {
                    "period_id": period.id,
                    "estate_ids": [Command.set((cls.estate | cls.estate_2).ids)],
                    "post_invoices": True,
                }
            )._execute()
        Move = cls.env["account.move"]
        cls.bills = Move.search([("property_period_id", "in", (cls.february | cls.period).ids)])
        # February: Li (238.75) and Wang (300.00) paid in full, Zhao's parking (150) half.
        # March: only Li paid.
        cls._pay(
            cls.bills.filtered(
                lambda b: b.property_period_id == cls.february and b.partner_id in cls.li | cls.wang
            )
        )
        cls._pay(
            cls.bills.filtered(
                lambda b: b.property_period_id == cls.february and b.property_unit_id == cls.parking
            ),
            75.0,
        )
        cls._pay(
            cls.bills.filtered(
                lambda b: b.property_period_id == cls.period and b.partner_id == cls.li
            )
        )

    @classmethod
    def _pay(cls, bills, amount=None):
        for bill in bills:
            values = {"payment_date": "2026-03-20"}
            if amount:
                values["amount"] = amount
            cls.env["account.payment.register"].with_context(
                active_model="account.move", active_ids=bill.ids
            ).create(values)._create_payments()

    def _our(self, model):
        return self.env[model].search([("estate_id", "in", (self.estate | self.estate_2).ids)])

    def test_collection_rate(self):
        rates = self.env["property.collection.report"]._get_rates(
            [("estate_id", "in", (self.estate | self.estate_2).ids)]
        )
        # Garden February: 238.75 + 300 + 150 billed, 238.75 + 300 + 75 collected.
        billed, collected, rate = rates[self.estate, self.february]
        self.assertAlmostEqual(billed, 688.75)
        self.assertAlmostEqual(collected, 613.75)
        self.assertEqual(rate, 89.11)
        # Garden March: only Li's 238.75 of 688.75.
        self.assertEqual(rates[self.estate, self.period][2], 34.66)
        # Plaza: nothing collected.
        self.assertEqual(rates[self.estate_2, self.period], (160.0, 0.0, 0.0))

    @freeze_time("2026-05-01")
    def test_arrears_by_age(self):
        rows = self._our("property.arrears.report")
        # Unpaid: Feb parking (75 left), Mar Wang, Mar parking, Mar Plaza, Feb Plaza.
        self.assertEqual(len(rows), 5)
        self.assertAlmostEqual(sum(rows.mapped("amount_residual")), 75 + 300 + 150 + 160 + 160)
        feb_parking = rows.filtered(
            lambda r: r.unit_id == self.parking and r.period_id == self.february
        )
        self.assertEqual(feb_parking.amount_residual, 75.0)
        # Due 16 February (1 Feb + 15 days): 74 days overdue on 1 May.
        self.assertEqual(feb_parking.days_overdue, 74)
        self.assertEqual(feb_parking.age_bucket, "31_90")
        groups = dict(
            self.env["property.arrears.report"]._read_group(
                [("estate_id", "=", self.estate.id)], ["partner_id"], ["amount_residual:sum"]
            )
        )
        self.assertEqual(groups, {self.wang: 300.0, self.zhao: 225.0})

    @freeze_time("2026-05-01")
    def test_xlsx_export(self):
        rows = self._our("property.arrears.report")
        data = rows._export_xlsx([("id", "in", rows.ids)])
        sheet = openpyxl.load_workbook(io.BytesIO(data), read_only=True).active
        values = list(sheet.iter_rows(values_only=True))
        self.assertEqual(values[0][:4], ("Estate", "Building", "Unit", "Payer"))
        self.assertEqual(len(values), 1 + 5 + 1)
        self.assertEqual(values[-1][0], "Total")
        self.assertAlmostEqual(values[-1][10], 845.0)
        zhao_rows = [row for row in values[1:-1] if row[3] == "PBB Zhao Lei"]
        self.assertEqual(len(zhao_rows), 4)
        self.assertIn(
            ("PBB Garden", None, "P-001"),
            {row[:3] for row in zhao_rows}
            | {(row[0], row[1] or None, row[2]) for row in zhao_rows},
        )
        action = rows.action_export_xlsx()
        self.assertIn("/web/content/", action["url"])

    def test_reminders(self):
        unpaid = self.bills.filtered(lambda b: b.payment_state == "not_paid")
        self.zhao.email = False
        result = unpaid.action_property_send_reminder()
        self.assertIn("reminder(s) sent", result["params"]["message"])
        self.assertIn("PBB Zhao Lei", result["params"]["message"])
        wang_bill = unpaid.filtered(lambda b: b.partner_id == self.wang)
        message = wang_bill.message_ids[:1]
        self.assertIn("Payment reminder", message.subject or message.body)
        self.assertIn("300.00", str(message.body))


@tagged("post_install", "-at_install")
class TestDemoData(BillingCase):
    def test_demo_bills(self):
        """With demo data: building 1 of the demo estate billed for three months,
        partly paid, with arrears."""
        fee = self.env.ref("property_billing.demo_fee_service", raise_if_not_found=False)
        if not fee:
            self.skipTest("demo data not installed")
        bills = self.env["account.move"].search(
            [("property_building_id", "=", self.env.ref("property_base.demo_building_jx_1").id)]
        )
        self.assertEqual(len(bills.property_period_id), 3)
        self.assertEqual(set(bills.mapped("state")), {"posted"})
        states = set(bills.mapped("payment_state"))
        self.assertIn("not_paid", states)
        self.assertTrue(states & {"paid", "in_payment"})
        self.assertTrue(
            self.env["property.meter.reading"].search_count(
                [("unit_id.building_id", "=", self.env.ref("property_base.demo_building_jx_1").id)]
            )
        )
