from unittest.mock import patch

from psycopg2 import IntegrityError

from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import freeze_time, tagged
from odoo.tools import mute_logger

from odoo.addons.property_billing.models.property_billing_run import PropertyBillingRun

from .common import BillingCase, assert_fee_ledger_as_rebuilt, bill_in_background


@tagged("post_install", "-at_install")
class TestBillingRun(BillingCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._occupy(cls.unit_1, cls.li, "2025-01-01")
        cls._occupy(cls.unit_2, cls.wang, "2025-01-01")
        cls.meter = cls.env["property.meter"].create({"name": "PBB-R1", "unit_id": cls.unit_1.id})
        cls.env["property.meter.reading"].create(
            [
                {"meter_id": cls.meter.id, "date": "2026-02-28", "value": 50.0},
                {"meter_id": cls.meter.id, "date": "2026-03-31", "value": 62.0},
            ]
        )

    def _bills(self, period=None):
        return self.env["account.move"].search(
            [("property_period_id", "=", (period or self.period).id)], order="id"
        )

    def test_one_invoice_per_payer_and_unit(self):
        run = self._run()
        bills = self._bills()
        self.assertEqual(len(bills), 4)  # unit_1, unit_2, parking, unit_3
        self.assertEqual(set(bills.mapped("state")), {"posted"})
        # Numbered one after the other in the sales journal (batch numbering).
        numbers = sorted(bills.mapped("sequence_number"))
        self.assertEqual(numbers, list(range(numbers[0], numbers[0] + 4)))
        self.assertEqual(len(set(bills.mapped("name"))), 4)
        bill_1 = bills.filtered(lambda b: b.property_unit_id == self.unit_1)
        self.assertEqual(bill_1.partner_id, self.li)
        self.assertEqual(bill_1.move_type, "out_invoice")
        self.assertEqual(
            sorted(bill_1.invoice_line_ids.mapped("name")),
            [
                "PBB Garbage, PBB Garden · 1-1-101, PBB 2026-03",
                "PBB Service fee, PBB Garden · 1-1-101, PBB 2026-03",
                "PBB Water, PBB Garden · 1-1-101, PBB 2026-03 (12.0 × Water)",
            ],
        )
        # 223.75 service + 15 garbage + 12 m³ × 3.45 water
        self.assertAlmostEqual(bill_1.amount_total, 280.15)
        self.assertEqual(bill_1.invoice_date.isoformat(), "2026-03-01")
        self.assertEqual(bill_1.invoice_date_due.isoformat(), "2026-03-16")
        unit_3_bill = bills.filtered(lambda b: b.property_unit_id == self.unit_3)
        # No resident in unit_3: no garbage fee, only the service fee (64 × 2.50).
        self.assertEqual(unit_3_bill.amount_total, 160.0)
        self.assertEqual(run.state, "done")
        self.assertEqual(run.unit_billed_count, 4)
        self.assertEqual(run.invoice_count, 4)
        self.assertAlmostEqual(run.amount_total, 280.15 + 315.0 + 150.0 + 160.0)
        self.assertEqual(
            len(self.env["property.bill.line"].search([("period_id", "=", self.period.id)])), 7
        )

    def test_ownership_change_makes_two_invoices(self):
        self.ownership_1.date_end = "2026-03-10"
        self._own(self.unit_1, self.chen, "2026-03-11")
        self._run(estates=self.estate)
        bills = self._bills().filtered(lambda b: b.property_unit_id == self.unit_1)
        self.assertEqual(bills.partner_id, self.li | self.chen)
        li_bill = bills.filtered(lambda b: b.partner_id == self.li)
        chen_bill = bills.filtered(lambda b: b.partner_id == self.chen)
        # Li: 10/31 of the service fee and of the garbage fee; the water goes to Chen,
        # the payer at the end of the period.
        self.assertAlmostEqual(li_bill.amount_total, 72.18 + 4.84)
        self.assertAlmostEqual(chen_bill.amount_total, 151.57 + 10.16 + 41.4)
        # One claim per unit, fee and period, shared by both invoices' lines.
        claim = self.env["property.bill.line"].search(
            [("unit_id", "=", self.unit_1.id), ("fee_id", "=", self.fee_service.id)]
        )
        self.assertEqual(len(claim), 1)
        self.assertEqual(claim.move_line_ids.move_id, li_bill | chen_bill)

    def test_second_run_bills_nothing_twice(self):
        first = self._run()
        second = self._run()
        self.assertEqual(len(self._bills()), 4)
        self.assertEqual(second.invoice_count, 0)
        self.assertEqual(second.skipped_count, 4)
        self.assertEqual(set(second.skip_ids.mapped("reason")), {f"billed by run {first.name}"})
        # Running the same run again neither, and it skips nothing: it billed them.
        first._execute()
        self.assertEqual(len(self._bills()), 4)
        self.assertEqual(first.state, "done")
        self.assertEqual(first.skipped_count, 0)
        self.assertEqual((first.unit_done, first.unit_total), (4, 4))

    def test_new_fee_billed_by_a_later_run(self):
        """A fee added after the run is billed by the next run, alone."""
        self._run(fee_ids=[Command.set(self.fee_service.ids)])
        self.assertEqual(len(self._bills()), 3)  # no service fee on the parking space
        self._run()
        bills = self._bills()
        # unit_1 (garbage, water), unit_2 (garbage), the parking space; unit_3 has nothing left.
        self.assertEqual(len(bills), 3 + 3)
        self.assertEqual(
            len(bills.invoice_line_ids.filtered(lambda line: line.product_id == self.product)), 7
        )

    def test_crash_and_resume(self):
        """The run dies on its second chunk: the first chunk is kept (as its
        commit would), resuming bills the rest, nothing twice."""
        original = PropertyBillingRun._bill_units
        calls = []

        def crashing(run, units, fees, journal):
            calls.append(units)
            if len(calls) == 2:
                raise RuntimeError("worker killed")
            return original(run, units, fees, journal)

        run = self.env["property.billing.run"].create(
            {
                "period_id": self.period.id,
                "date_bill": self.period.invoice_date,
                "estate_ids": [Command.set((self.estate | self.estate_2).ids)],
            }
        )
        crashed = False
        with patch.object(PropertyBillingRun, "_bill_units", crashing):
            try:
                run._execute(chunk_size=2)
            except RuntimeError:
                crashed = True
        self.assertTrue(crashed)
        self.assertEqual(run.state, "running")
        self.assertEqual(len(self._bills()), 2)
        run._execute(chunk_size=2)
        bills = self._bills()
        self.assertEqual(len(bills), 4)
        self.assertEqual(len(bills.property_unit_id), 4)
        self.assertEqual(run.state, "done")
        self.assertEqual(run.invoice_count, 4)
        self.assertEqual(run.skipped_count, 0)
        self.assertEqual(
            len(self.env["property.bill.line"].search([("period_id", "=", self.period.id)])), 7
        )
        assert_fee_ledger_as_rebuilt(self)

    def test_jobs(self):
        """The job of a run bills its chunk; running it twice (a requeued job)
        bills nothing more. With queue_job, the run is cut into a job per
        chunk and a last job that ends it; without, the action says so."""
        run = self.env["property.billing.run"].create(
            {
                "period_id": self.period.id,
                "date_bill": self.period.invoice_date,
                "estate_ids": [Command.set(self.estate.ids)],
            }
        )
        self.assertEqual(run._bill_chunk((self.unit_1 | self.unit_2).ids), 2)
        self.assertEqual(run._bill_chunk((self.unit_1 | self.unit_2).ids), 2)
        self.assertEqual(len(self._bills()), 2)
        if "queue.job" not in self.env:
            with self.assertRaisesMessage(UserError, "Install queue_job"):
                run.action_run_in_jobs()
            return
        run.action_run_in_jobs(chunk_size=2)
        self.assertEqual(run.state, "running")
        jobs = self.env["queue.job"].search([("model_name", "=", "property.billing.run")])
        jobs = jobs.filtered(lambda job: job.records == run)
        # The estate's three units in chunks of two, then the end of the run.
        self.assertEqual(sorted(jobs.mapped("method_name")), ["_bill_chunk"] * 2 + ["_finish_jobs"])
        self.assertEqual(
            jobs.filtered(lambda job: job.method_name == "_finish_jobs").state, "wait_dependencies"
        )
        bill_in_background(self.env)
        self.assertEqual(set(jobs.mapped("state")), {"done"})
        self.assertEqual(run.state, "done")
        self.assertEqual((run.unit_done, run.unit_total), (3, 3))
        bills = self._bills()
        self.assertEqual(len(bills), 3)
        self.assertEqual(len(bills.property_unit_id), 3)
        self.assertEqual(run.invoice_count, 3)
        # The two units billed before by its first job are not skipped: this run billed them.
        self.assertFalse(run.skip_ids)

    def _told(self, run, user):
        """The message of ``run`` that notified ``user`` (in his inbox)."""
        return run.message_ids.filtered(
            lambda message: user.partner_id in message.notification_ids.res_partner_id
        )

    def test_cron_bills_runs_from_the_form(self):
        """Without jobs, Run queues the run for the cron, which bills it as
        the user who started it, in his language, and tells him when it is
        done."""
        self.user_billing.lang = "zh_CN"
        vacant = self._create_unit(self.building_2, "302", 50.0)
        run = (
            self.env["property.billing.run"]
            .with_user(self.user_billing)
            .create({"period_id": self.period.id, "estate_ids": [Command.set(self.estate_2.ids)]})
        )
        cron = self.env.ref("property_billing.ir_cron_process_billing_runs")
        triggers = self.env["ir.cron.trigger"].search([("cron_id", "=", cron.id)])
        run._queue_for_cron()
        self.assertEqual(run.state, "queued")
        self.assertEqual((run.unit_done, run.unit_total), (0, 2))
        self.assertEqual(run.invoice_count, 0)
        self.assertTrue(self.env["ir.cron.trigger"].search([("cron_id", "=", cron.id)]) - triggers)
        with self.assertRaisesMessage(UserError, "already under way"):
            run.action_run()
        # The scheduled action's code, in the test transaction.
        cron.ir_actions_server_id.run()
        self.assertEqual(run.state, "done")
        self.assertEqual((run.unit_done, run.unit_total), (2, 2))
        self.assertEqual(run.invoice_count, 1)
        self.assertEqual(self._bills().create_uid, self.user_billing)
        # The vacant unit's reason, as the user reads it: in Chinese.
        self.assertEqual(run.skip_ids.unit_id, vacant)
        self.assertEqual(run.skip_ids.reason, "账期内无业主")
        # In his language too, once the Chinese of the message is loaded.
        body = self._told(run, self.user_billing).body
        self.assertIn("1 户共 1 张账单，跳过 1 户", body)

    def test_cron_run_fails_then_goes_on(self):
        """A run that fails in the background is marked failed with the error,
        its user told; run again, it goes on and ends."""
        run = self.env["property.billing.run"].create(
            {"period_id": self.period.id, "estate_ids": [Command.set(self.estate.ids)]}
        )
        run.with_user(self.user_billing)._queue_for_cron()

        def crashing(run, units, fees, journal):
            raise RuntimeError("PBB disk full")

        with (
            patch.object(PropertyBillingRun, "_bill_units", crashing),
            mute_logger("odoo.addons.property_billing.models.property_billing_run"),
        ):
            self.env["property.billing.run"]._cron_process_runs()
        self.assertEqual(run.state, "failed")
        self.assertEqual(run.error_message, "PBB disk full")
        self.assertFalse(self._bills())
        self.assertIn("stopped: PBB disk full", self._told(run, self.user_billing).body)
        run.with_user(self.user_billing)._queue_for_cron()
        self.assertEqual(run.state, "queued")
        self.env["property.billing.run"]._cron_process_runs()
        self.assertEqual(run.state, "done")
        self.assertFalse(run.error_message)
        self.assertEqual(len(self._bills()), 3)
        self.assertEqual((run.unit_done, run.unit_total), (3, 3))

    def test_claim_unique_in_database(self):
        self._run(estates=self.estate_2)
        with mute_logger("odoo.sql_db"), self.assertRaises(IntegrityError):
            with self.env.cr.savepoint():
                self.env["property.bill.line"].create(
                    {
                        "unit_id": self.unit_3.id,
                        "fee_id": self.fee_service.id,
                        "period_id": self.period.id,
                        "company_id": self.company.id,
                    }
                )
        # A concurrent run's claim insert obtains nothing.
        run = self.env["property.billing.run"].create({"period_id": self.period.id})
        claims = self.env["property.bill.line"]._claim(
            [(self.unit_3.id, self.fee_service.id, self.period.id)], run
        )
        self.assertEqual(claims, {})

    def test_cancelled_bill_can_be_billed_again(self):
        self._run(estates=self.estate_2)
        bill = self._bills()
        bill.button_draft()
        bill.button_cancel()
        self._run(estates=self.estate_2)
        bills = self._bills()
        self.assertEqual(len(bills), 2)
        self.assertEqual(bills.filtered(lambda b: b.state == "posted").amount_total, 160.0)
        assert_fee_ledger_as_rebuilt(self)

    def test_taxes_and_payment_terms_through_odoo(self):
        """Fees with taxes (and payers with payment terms) go through Odoo's
        own invoice computation."""
        vat = self.env["account.tax"].create(
            {"name": "PBB VAT 6%", "amount": 6.0, "type_tax_use": "sale"}
        )
        self.fee_service.tax_ids = vat
        self.wang.property_payment_term_id = self.env.ref("account.account_payment_term_30days")
        self._run(estates=self.estate)
        bills = self._bills()
        wang_bill = bills.filtered(lambda b: b.partner_id == self.wang)
        self.assertEqual(wang_bill.amount_untaxed, 315.0)
        self.assertEqual(wang_bill.amount_tax, 18.0)  # 6% of the 300.00 service fee
        self.assertEqual(wang_bill.amount_total, 333.0)
        self.assertEqual(wang_bill.invoice_date_due.isoformat(), "2026-03-31")
        parking_bill = bills.filtered(lambda b: b.property_unit_id == self.parking)
        self.assertEqual((parking_bill.amount_tax, parking_bill.amount_total), (0.0, 150.0))
        self.assertEqual(set(bills.mapped("state")), {"posted"})

    def test_draft_bills_when_not_posting(self):
        self._run(estates=self.estate_2, post_invoices=False)
        self.assertEqual(self._bills().state, "draft")

    def test_closed_period_refused(self):
        self.period.action_close()
        with self.assertRaisesMessage(UserError, "is closed"):
            self._run()
        self.assertFalse(self._bills())

    def test_bad_unit_skipped_with_reason(self):
        """A unit whose bill cannot be made is listed with the reason; the
        others are billed."""
        original = PropertyBillingRun._prepare_invoice_values

        def failing(run, unit, partner, charges, journal):
            if unit == self.unit_2:
                raise UserError(self.env._("PBB broken unit"))
            return original(run, unit, partner, charges, journal)

        with patch.object(PropertyBillingRun, "_prepare_invoice_values", failing):
            run = self._run(estates=self.estate)
        self.assertEqual(len(self._bills()), 2)
        self.assertEqual(run.skip_ids.unit_id, self.unit_2)
        self.assertEqual(run.skip_ids.reason, "PBB broken unit")
        self.assertFalse(self.env["property.bill.line"].search([("unit_id", "=", self.unit_2.id)]))

    def test_access_rights(self):
        Run = self.env["property.billing.run"]
        with self.assertRaises(AccessError):
            Run.with_user(self.user_property).create({"period_id": self.period.id})
        run = Run.with_user(self.user_billing).create(
            {"period_id": self.period.id, "estate_ids": [Command.set(self.estate_2.ids)]}
        )
        run.action_run()
        bill_in_background(self.env)
        self.assertEqual(run.state, "done")
        self.assertEqual(run.invoice_count, 1)
        with self.assertRaises(AccessError):
            self.fee_service.with_user(self.user_property).rate = 1.0

    def test_state_and_progress_not_written_by_hand(self):
        """The state and progress of a run are what the run did: a billing
        user cannot write them (over RPC neither), nor create a run with
        them; running it sets them."""
        Run = self.env["property.billing.run"].with_user(self.user_billing)
        with self.assertRaisesMessage(UserError, "not by hand"):
            Run.create({"period_id": self.period.id, "state": "done"})
        run = Run.create(
            {"period_id": self.period.id, "estate_ids": [Command.set(self.estate_2.ids)]}
        )
        for values in ({"state": "done"}, {"unit_total": 5}, {"error_message": "x"}):
            with self.subTest(values=values), self.assertRaisesMessage(UserError, "not by hand"):
                run.write(values)
        self.assertEqual(run.state, "draft")
        run.action_run()
        bill_in_background(self.env)
        self.assertEqual((run.state, run.unit_done, run.unit_total), ("done", 1, 1))

    @freeze_time("2026-03-05")
    def test_monthly_cron(self):
        # The scheduled action's code, in the test transaction (method_direct_trigger
        # runs it in a cursor of its own, which does not see the test's data).
        self.env.ref("property_billing.ir_cron_monthly_billing").ir_actions_server_id.run()
        period = self.env["property.billing.period"].search(
            [("company_id", "=", self.company.id), ("date_start", "=", "2026-03-01")]
        )
        self.assertEqual(len(period), 1)
        bills = self.env["account.move"].search(
            [
                ("property_period_id", "=", period.id),
                (
                    "property_unit_id",
                    "in",
                    (self.unit_1 | self.unit_2 | self.parking | self.unit_3).ids,
                ),
            ]
        )
        self.assertEqual(len(bills), 4)

    def test_prepayment_applied_to_new_bill(self):
        payment = self.env["account.payment"].create(
            {
                "payment_type": "inbound",
                "partner_type": "customer",
                "partner_id": self.zhao.id,
                "amount": 200.0,
                "date": "2026-02-20",
            }
        )
        payment.action_post()
        self._run(estates=self.estate_2)
        bill = self._bills()
        self.assertEqual(bill.amount_total, 160.0)
        self.assertEqual(bill.amount_residual, 0.0)
        self.assertIn(bill.payment_state, ("paid", "in_payment"))
        # 40 of the prepayment stay as credit for the next bill.
        credit = payment.move_id.line_ids.filtered(
            lambda line: line.account_type == "asset_receivable"
        )
        self.assertAlmostEqual(credit.amount_residual, -40.0)

    def test_move_in_raises_first_bill(self):
        unit = self.env["property.unit"].create(
            {
                "estate_id": self.estate.id,
                "building_id": self.building.id,
                "entrance": "1",
                "code": "199",
                "gross_area": 100.0,
            }
        )
        self._own(unit, self.chen, "2026-03-01")
        meter = self.env["property.meter"].create({"name": "PBB-MI", "unit_id": unit.id})
        move_in = self.env["property.move.in"].create(
            {
                "unit_id": unit.id,
                "partner_id": self.chen.id,
                "date": "2026-03-17",
                "identity_checked": True,
                "meter_reading_ids": [Command.create({"meter_id": meter.id, "value": 7.0})],
            }
        )
        move_in.document_line_ids.write({"is_signed": True})
        # A desk clerk without billing rights completes it.
        move_in.with_user(self.user_property).action_done()
        self.assertEqual(meter.reading_ids.date.isoformat(), "2026-03-17")
        bill = move_in.first_bill_id
        self.assertTrue(bill)
        # The desk opens it (首期账单) in the property bill form.
        action = bill.with_user(self.user_property).get_formview_action()
        self.assertEqual(
            action["views"], [(self.env.ref("property_billing.property_bill_view_form").id, "form")]
        )
        self.assertEqual(
            bill.with_user(self.user_property).read(["amount_total"])[0]["id"], bill.id
        )
        self.assertEqual(bill.property_period_id.date_start.isoformat(), "2026-03-01")
        # Service 100 m² × 2.50 from ownership (whole month), garbage 15 days of 31.
        self.assertAlmostEqual(bill.amount_total, 250.0 + 7.26)
