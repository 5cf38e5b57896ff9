from unittest import SkipTest, skipUnless
from unittest.mock import patch

from odoo import Command
from odoo.modules.module import get_modules
from odoo.tests import tagged

from odoo.addons.property_billing.models.property_billing_run import PropertyBillingRun

from .common import BillingCase, bill_in_background

try:
    from odoo.addons.queue_job.job import Job
    from odoo.addons.queue_job.tests.common import trap_jobs
except ImportError:  # queue_job is optional
    Job = trap_jobs = None


@tagged("post_install", "-at_install")
@skipUnless("queue_job" in get_modules(), "queue_job is not available")
class TestBillingJobs(BillingCase):
    """Billing runs cut into queue_job jobs (queue_job is installed for the
    tests by tools/test.sh). The four units of PBB Garden and PBB Plaza, in
    the order of their ids: unit_1, unit_2, the parking space, unit_3."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        if "queue.job" not in cls.env:
            raise SkipTest("queue_job is not installed in this database")
        cls.units = cls.unit_1 | cls.unit_2 | cls.parking | cls.unit_3

    def _new_run(self):
        return self.env["property.billing.run"].create(
            {
                "period_id": self.period.id,
                "estate_ids": [Command.set((self.estate | self.estate_2).ids)],
                "post_invoices": True,
            }
        )

    def _bills(self):
        return self.env["account.move"].search([("property_period_id", "=", self.period.id)])

    def _assert_billed_once(self):
        bills = self._bills()
        self.assertEqual(len(bills), 4)
        self.assertEqual(bills.property_unit_id, self.units)
        claims = self.env["property.bill.line"].search([("period_id", "=", self.period.id)])
        # The service fee of the three flats, the parking fee of the space.
        self.assertEqual(len(claims), 4)
        self.assertEqual(len(claims.move_line_ids), 4)

    def _jobs(self, run, method="_bill_chunk"):
        """The jobs of ``run`` calling ``method``, in the order of their units
        (the jobs of a group are stored in no particular order)."""
        jobs = self.env["queue.job"].search(
            [
                ("model_name", "=", "property.billing.run"),
                ("func_string", "=like", f"property.billing.run({run.id},).{method}(%"),
            ]
        )
        return jobs.sorted(lambda job: job.args[0][0] if job.args else 0)

    def _perform(self, records):
        """Run these stored jobs as queue_job's runner does."""
        for record in records:
            job = Job.load(self.env, record.uuid)
            job.set_started()
            job.perform()
            job.set_done()
            job.store()
            job.enqueue_waiting()

    def test_jobs_bill_every_unit_once(self):
        run = self._new_run()
        with trap_jobs() as trap:
            run.with_user(self.user_billing).action_run_in_jobs(chunk_size=3)
            trap.assert_jobs_count(2, only=run._bill_chunk)
            trap.assert_jobs_count(1, only=run._finish_jobs)
            trap.assert_enqueued_job(
                run._bill_chunk, args=((self.unit_1 | self.unit_2 | self.parking).ids,)
            )
            trap.assert_enqueued_job(run._bill_chunk, args=(self.unit_3.ids,))
            self.assertEqual(run.state, "running")
            self.assertEqual((run.unit_done, run.unit_total), (0, 4))
            trap.perform_enqueued_jobs()
        self._assert_billed_once()
        run.invalidate_recordset()
        self.assertEqual(run.state, "done")
        self.assertEqual((run.unit_done, run.unit_total), (4, 4))
        self.assertEqual(run.invoice_count, 4)
        self.assertFalse(run.skip_ids)
        # The clerk who started it is told.
        told = run.message_ids.filtered(
            lambda message: self.user_billing.partner_id in message.notification_ids.res_partner_id
        )
        self.assertIn("is done: 4 bills for 4 units, 0 units skipped", told.body)

    def test_failed_job_requeued(self):
        """A job that fails midway (after making its bills) leaves nothing of
        its chunk; the run waits; requeued, the job bills the chunk and the
        run ends, every unit billed once."""
        run = self._new_run()
        run.action_run_in_jobs(chunk_size=2)
        original = PropertyBillingRun._bill_units
        calls = []

        def crashing(run, units, fees, journal):
            moves = original(run, units, fees, journal)
            calls.append(units)
            if len(calls) == 2:
                self.assertTrue(moves)
                raise RuntimeError("PBB worker killed")
            return moves

        with patch.object(PropertyBillingRun, "_bill_units", crashing):
            failed = bill_in_background(self.env)
        self.assertEqual(len(failed), 1)
        self.assertEqual(failed.state, "failed")
        self.assertIn(failed, self._jobs(run))
        self.assertEqual(self._jobs(run, "_finish_jobs").state, "wait_dependencies")
        self.assertEqual(run.state, "running")
        self.assertEqual((run.unit_done, run.unit_total), (2, 4))
        self.assertEqual(len(self._bills()), 2)
        failed.requeue()
        self.assertFalse(bill_in_background(self.env))
        self._assert_billed_once()
        self.assertEqual(run.state, "done")
        self.assertEqual((run.unit_done, run.unit_total), (4, 4))
        self.assertFalse(run.skip_ids)

    def test_two_runs_one_period(self):
        """The jobs of two runs on one period, interleaved, bill each unit
        once; each lists the units the other billed, naming it."""
        first, second = self._new_run(), self._new_run()
        first.action_run_in_jobs(chunk_size=2)  # [unit_1, unit_2], [parking, unit_3]
        second.action_run_in_jobs(chunk_size=3)  # [unit_1, unit_2, parking], [unit_3]
        first_1, first_2 = self._jobs(first)
        second_1, second_2 = self._jobs(second)
        self._perform(first_1 | second_1 | first_2 | second_2)
        self.assertFalse(bill_in_background(self.env))  # the last jobs, ending the runs
        self._assert_billed_once()
        self.assertEqual((first.state, second.state), ("done", "done"))
        self.assertEqual(
            self._bills().filtered(lambda b: b.property_billing_run_id == second).property_unit_id,
            self.parking,
        )
        self.assertEqual(first.skip_ids.unit_id, self.parking)
        self.assertEqual(first.skip_ids.reason, f"billed by run {second.name}")
        self.assertEqual(second.skip_ids.unit_id, self.unit_1 | self.unit_2 | self.unit_3)
        self.assertEqual(set(second.skip_ids.mapped("reason")), {f"billed by run {first.name}"})
        self.assertEqual((first.unit_done, second.unit_done), (4, 4))
