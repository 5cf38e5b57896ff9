from odoo import Command
from odoo.tests import freeze_time, tagged

from .common import BillingCase


@tagged("post_install", "-at_install")
class TestBillDates(BillingCase):
    """A bill is dated the day it is made (never before), and due after the
    company's payment delay from that day: never overdue the moment it
    exists. Period of the fixture: March 2026, invoice date 1 March, due 16
    March (15 days)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.property_billing_due_days = 15

    def _run_now(self, estates, **values):
        run = self.env["property.billing.run"].create(
            {
                "period_id": self.period.id,
                "estate_ids": [Command.set(estates.ids)],
                "post_invoices": True,
                **values,
            }
        )
        run._execute()
        return run

    def test_run_made_late_is_dated_the_day_it_is_made(self):
        with freeze_time("2026-03-20"):
            run = self._run_now(self.estate_2)
        self.assertEqual(run.date_bill.isoformat(), "2026-03-20")
        bills = run.invoice_ids
        self.assertTrue(bills)
        self.assertEqual({bill.invoice_date.isoformat() for bill in bills}, {"2026-03-20"})
        self.assertEqual({bill.invoice_date_due.isoformat() for bill in bills}, {"2026-04-04"})

    def test_run_made_in_advance_takes_the_period_dates(self):
        with freeze_time("2026-02-25"):
            run = self._run_now(self.estate_2)
        self.assertEqual(run.date_bill.isoformat(), "2026-03-01")
        bill = run.invoice_ids[:1]
        self.assertEqual(bill.invoice_date.isoformat(), "2026-03-01")
        self.assertEqual(bill.invoice_date_due.isoformat(), "2026-03-16")

    def test_payment_terms_from_the_bill_date(self):
        self.zhao.property_payment_term_id = self.env.ref("account.account_payment_term_30days")
        with freeze_time("2026-03-20"):
            run = self._run_now(self.estate_2)
        bill = run.invoice_ids[:1]
        self.assertEqual(bill.invoice_date.isoformat(), "2026-03-20")
        self.assertEqual(bill.invoice_date_due.isoformat(), "2026-04-19")

    def test_first_bill_at_move_in(self):
        """Moving in on 17 March: the first bill is dated 17 March, due 1
        April, and its prorated line says which days it charges."""
        self.company.property_bill_at_move_in = True
        unit = self._create_unit(self.building, "198", 100.0)
        self._own(unit, self.chen, "2026-03-17")
        move_in = self.env["property.move.in"].create(
            {
                "unit_id": unit.id,
                "partner_id": self.chen.id,
                "date": "2026-03-17",
                "identity_checked": True,
            }
        )
        move_in.document_line_ids.write({"is_signed": True})
        with freeze_time("2026-03-17"):
            move_in.action_done()
        bill = move_in.first_bill_id
        run = bill.property_billing_run_id
        self.assertEqual((run.state, run.unit_done, run.unit_total), ("done", 1, 1))
        self.assertEqual(bill.invoice_date.isoformat(), "2026-03-17")
        self.assertEqual(bill.invoice_date_due.isoformat(), "2026-04-01")
        self.assertFalse(bill.invoice_date_due < bill.invoice_date)
        names = bill.invoice_line_ids.mapped("name")
        self.assertTrue(any("03-17 to 03-31, 15 of 31 days" in name for name in names), names)
