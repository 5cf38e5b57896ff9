import threading
import time
import uuid
from contextlib import closing
from unittest.mock import patch

from psycopg2.errors import SerializationFailure

from odoo import SUPERUSER_ID, Command, api
from odoo.sql_db import db_connect
from odoo.tests import TransactionCase, tagged

from odoo.addons.property_billing.models.property_bill_line import PropertyBillLine

UNITS = 12
CHUNK = 4
TIMEOUT = 30  # seconds: a guard against a hang, never waited when all goes well


@tagged("post_install", "-at_install")
class TestBillingConcurrency(TransactionCase):
    """Two billing runs of one period at once, each in a real database
    connection of its own (committed transactions, as two Odoo workers), not
    in the test's transaction. The fixtures are committed with unique names
    and deleted at the end.

    The runs are made to meet on purpose: run A stops after inserting the
    claims of its first chunk, uncommitted; run B starts and its first chunk
    blocks on them (PostgreSQL shows it waiting on a lock); then A goes on and
    commits, and B's claims fail with a serialization failure (REPEATABLE
    READ): B must roll the chunk back, try it again, see A's claims and skip
    those units, naming A."""

    def setUp(self):
        super().setUp()
        self.dbname = self.env.cr.dbname
        self.token = uuid.uuid4().hex[:8]
        with self._cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            self.ids = self._make_fixtures(env)
        self.addCleanup(self._cleanup)

    def _cursor(self):
        """A real cursor of its own (``with`` commits and closes it)."""
        return db_connect(self.dbname).cursor()

    def _make_fixtures(self, env):
        company = env.ref("base.main_company")
        env = env(context={"allowed_company_ids": company.ids})
        estate = env["property.estate"].create(
            {"name": f"PBC Estate {self.token}", "code": f"PBC{self.token}"}
        )
        owner = env["res.partner"].create({"name": f"PBC Owner {self.token}"})
        units = env["property.unit"].create(
            [
                {"estate_id": estate.id, "code": f"C{index:02d}", "gross_area": 50.0 + index}
                for index in range(UNITS)
            ]
        )
        env["property.ownership"].create(
            [
                {"unit_id": unit.id, "partner_id": owner.id, "date_start": "2024-01-01"}
                for unit in units
            ]
        )
        product = env["product.product"].create(
            {"name": f"PBC service {self.token}", "type": "service", "taxes_id": [Command.clear()]}
        )
        fee = env["property.fee.item"].create(
            {
                "name": f"PBC service fee {self.token}",
                "code": f"PBC-{self.token}",
                "method": "gross_area",
                "rate": 2.0,
                "product_id": product.id,
                "tax_ids": [Command.clear()],
                "estate_ids": [Command.set(estate.ids)],
            }
        )
        period = env["property.billing.period"].create(
            {"name": f"PBC {self.token}", "date_start": "2026-03-01", "date_end": "2026-03-31"}
        )
        runs = env["property.billing.run"].create(
            [
                {
                    "period_id": period.id,
                    "estate_ids": [Command.set(estate.ids)],
                    # Draft bills: the test can delete them afterwards.
                    "post_invoices": False,
                }
                for _run in range(2)
            ]
        )
        return {
            "company": company.id,
            "estate": estate.id,
            "owner": owner.id,
            "units": units.ids,
            "product": product.id,
            "fee": fee.id,
            "period": period.id,
            "runs": runs.ids,
        }

    def _cleanup(self):
        ids = self.ids
        with self._cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            moves = env["account.move"].search([("property_period_id", "=", ids["period"])])
            moves.with_context(force_delete=True).unlink()
            env["property.bill.line"].search([("period_id", "=", ids["period"])]).unlink()
            env["property.billing.run"].search([("period_id", "=", ids["period"])]).unlink()
            env["property.billing.period"].browse(ids["period"]).unlink()
            env["property.fee.item"].browse(ids["fee"]).unlink()
            env["product.product"].browse(ids["product"]).product_tmpl_id.unlink()
            env["property.ownership"].search([("unit_id", "in", ids["units"])]).unlink()
            env["property.unit"].browse(ids["units"]).unlink()
            env["property.estate"].browse(ids["estate"]).unlink()
            env["res.partner"].browse(ids["owner"]).unlink()

    def _meet(self, commit_b):
        """Run A (committing) and run B at once, B meeting A's first chunk;
        return the error of each thread (None when it ended well)."""
        run_a, run_b = self.ids["runs"]
        a_claimed, a_go = threading.Event(), threading.Event()
        b_pid = []
        errors = {}
        original = PropertyBillLine._claim

        def claim(model, keys, run):
            result = original(model, keys, run)
            if run.id == run_a and not a_claimed.is_set():
                a_claimed.set()
                a_go.wait(TIMEOUT)
            return result

        def bill(name, run_id, commit):
            try:
                with closing(self._cursor()) as cr:
                    if name == "B":
                        a_claimed.wait(TIMEOUT)
                        b_pid.append(cr._cnx.get_backend_pid())
                    env = api.Environment(cr, SUPERUSER_ID, {})
                    run = env["property.billing.run"].browse(run_id)
                    run.with_company(run.company_id)._execute(commit=commit, chunk_size=CHUNK)
                    cr.commit()
                    errors[name] = None
            except Exception as error:  # noqa: BLE001 - reported by the test
                errors[name] = error
            finally:
                a_go.set()  # never leave A waiting

        threads = [
            threading.Thread(target=bill, args=("A", run_a, True)),
            threading.Thread(target=bill, args=("B", run_b, commit_b)),
        ]
        with patch.object(PropertyBillLine, "_claim", claim):
            for thread in threads:
                thread.start()
            # Let A go on once B waits on A's claims (a lock in PostgreSQL).
            deadline = time.monotonic() + TIMEOUT
            with closing(self._cursor()) as cr:
                while not a_go.is_set() and time.monotonic() < deadline:
                    cr.execute(
                        "SELECT wait_event_type FROM pg_stat_activity WHERE pid = %s",
                        [b_pid[0] if b_pid else 0],
                    )
                    row = cr.fetchone()
                    cr.rollback()
                    if row and row[0] == "Lock":
                        break
                    time.sleep(0.02)
            self.assertLess(time.monotonic(), deadline, "run B never waited on run A's claims")
            a_go.set()
            for thread in threads:
                thread.join(TIMEOUT)
                self.assertFalse(thread.is_alive())
        return errors

    def _check_billed_once(self, env):
        units = env["property.unit"].browse(self.ids["units"])
        claims = env["property.bill.line"].search([("period_id", "=", self.ids["period"])])
        self.assertEqual(len(claims), UNITS)
        self.assertEqual(claims.unit_id, units)
        bills = env["account.move"].search([("property_period_id", "=", self.ids["period"])])
        self.assertEqual(len(bills), UNITS)
        self.assertEqual(bills.property_unit_id, units)

    def test_two_runs_at_once(self):
        errors = self._meet(commit_b=True)
        self.assertEqual(errors, {"A": None, "B": None})
        with closing(self._cursor()) as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            self._check_billed_once(env)
            run_a, run_b = env["property.billing.run"].browse(self.ids["runs"])
            self.assertEqual((run_a.state, run_b.state), ("done", "done"))
            self.assertEqual((run_a.unit_done, run_b.unit_done), (UNITS, UNITS))
            # B skipped at least the first chunk, which A billed; whatever else
            # each one skipped, the other billed it and is named.
            first_chunk = env["property.unit"].browse(self.ids["units"][:CHUNK])
            self.assertLessEqual(first_chunk, run_b.skip_ids.unit_id)
            self.assertEqual(set(run_b.skip_ids.mapped("reason")), {f"billed by run {run_a.name}"})
            self.assertLessEqual(
                set(run_a.skip_ids.mapped("reason")), {f"billed by run {run_b.name}"}
            )
            self.assertEqual(run_a.invoice_count + run_b.invoice_count, UNITS)
            self.assertEqual(run_a.skipped_count + run_b.skipped_count, UNITS)

    def test_run_in_the_callers_transaction(self):
        """Without commit (the transaction is the caller's: a request, the
        move-in's first bill), the serialization failure goes up to the
        caller, nothing of B written; B tried again in a new transaction (as
        Odoo retries a request) ends done, skipping what A billed."""
        errors = self._meet(commit_b=False)
        self.assertIsNone(errors["A"])
        self.assertIsInstance(errors["B"], SerializationFailure)
        with closing(self._cursor()) as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            run_a, run_b = env["property.billing.run"].browse(self.ids["runs"])
            self.assertEqual((run_a.state, run_b.state), ("done", "draft"))
            self.assertFalse(run_b.skip_ids)
            self.assertFalse(run_b.invoice_ids)
            run_b.with_company(run_b.company_id)._execute()
            cr.commit()
            self._check_billed_once(env)
            self.assertEqual(run_b.state, "done")
            self.assertEqual(run_b.skipped_count, UNITS)
            self.assertEqual(set(run_b.skip_ids.mapped("reason")), {f"billed by run {run_a.name}"})
