import threading
import time
import uuid
from contextlib import closing
from datetime import timedelta

from odoo import SUPERUSER_ID, Command, api, fields
from odoo.exceptions import ValidationError
from odoo.sql_db import db_connect
from odoo.tests import TransactionCase, tagged

TIMEOUT = 30  # seconds: a guard against a hang, never waited when all goes well


@tagged("post_install", "-at_install")
class TestVoteConcurrency(TransactionCase):
    """The two co-owners of a unit vote at the same instant, each in a real
    database connection of its own (two Odoo workers), not in the test's
    transaction. The fixtures are committed with unique names and deleted at
    the end.

    The ballots are made to meet on purpose: A inserts its ballot and stops,
    uncommitted; B passes every check (it cannot see A's ballot) and its
    insert blocks on A's entry in the unique index (PostgreSQL shows it
    waiting on a lock); then A commits. B must get the Chinese message of any
    second ballot of a unit, not the database's unique violation, and nothing
    of B is written."""

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
        env["res.lang"]._activate_lang("zh_CN")
        estate = env["property.estate"].create(
            {"name": f"PCC 桂园 {self.token}", "code": f"PCC{self.token}"}
        )
        building = env["property.building"].create(
            {"name": f"PCC 1号楼 {self.token}", "code": "1", "estate_id": estate.id}
        )
        unit = env["property.unit"].create(
            {
                "estate_id": estate.id,
                "building_id": building.id,
                "entrance": "1",
                "code": "0801",
                "gross_area": 96.0,
            }
        )
        husband, wife = env["res.partner"].create(
            [{"name": f"PCC 李建国 {self.token}"}, {"name": f"PCC 王秀英 {self.token}"}]
        )
        env["property.ownership"].create(
            [
                {
                    "unit_id": unit.id,
                    "partner_id": partner.id,
                    "date_start": "2020-01-01",
                    "share": 50.0,
                }
                for partner in (husband, wife)
            ]
        )
        now = fields.Datetime.now()
        vote = env["property.vote"].create(
            {
                "name": f"PCC 业主大会 {self.token}",
                "estate_id": estate.id,
                "date_open": now - timedelta(days=1),
                "date_close": now + timedelta(days=7),
                "motion_ids": [Command.create({"name": "续聘物业服务企业", "matter": "manager"})],
            }
        )
        vote.action_open()
        return {
            "estate": estate.id,
            "building": building.id,
            "unit": unit.id,
            "husband": husband.id,
            "wife": wife.id,
            "vote": vote.id,
            "motion": vote.motion_ids.id,
        }

    def _cleanup(self):
        ids = self.ids
        with self._cursor() as cr:
            # A vote once open is never deleted by the application.
            cr.execute("DELETE FROM property_vote WHERE id = %s", [ids["vote"]])
            env = api.Environment(cr, SUPERUSER_ID, {})
            env["property.ownership"].search([("unit_id", "=", ids["unit"])]).unlink()
            env["property.unit"].browse(ids["unit"]).unlink()
            env["property.building"].browse(ids["building"]).unlink()
            env["property.estate"].browse(ids["estate"]).unlink()
            env["res.partner"].browse([ids["husband"], ids["wife"]]).unlink()

    def _ballot(self, env, partner, choice):
        return env["property.vote.ballot"].create(
            {
                "vote_id": self.ids["vote"],
                "unit_id": self.ids["unit"],
                "partner_id": self.ids[partner],
                "channel": "portal",
                "line_ids": [Command.create({"motion_id": self.ids["motion"], "choice": choice})],
            }
        )

    def test_two_co_owners_at_the_same_instant(self):
        a_inserted, a_go = threading.Event(), threading.Event()
        b_pid = []
        errors = {}

        def vote(name, partner, choice):
            try:
                with closing(self._cursor()) as cr:
                    env = api.Environment(cr, SUPERUSER_ID, {"lang": "zh_CN"})
                    if name == "B":
                        a_inserted.wait(TIMEOUT)
                        b_pid.append(cr._cnx.get_backend_pid())
                    self._ballot(env, partner, choice)
                    env.flush_all()
                    if name == "A":
                        a_inserted.set()
                        a_go.wait(TIMEOUT)
                    cr.commit()
                    errors[name] = None
            except Exception as error:  # noqa: BLE001 - reported by the test
                errors[name] = error
            finally:
                a_inserted.set()
                a_go.set()  # never leave A waiting

        threads = [
            threading.Thread(target=vote, args=("A", "husband", "agree")),
            threading.Thread(target=vote, args=("B", "wife", "oppose")),
        ]
        for thread in threads:
            thread.start()
        # Let A commit once B waits on A's ballot (a lock in PostgreSQL).
        deadline = time.monotonic() + TIMEOUT
        waited = False
        with closing(self._cursor()) as cr:
            while not a_go.is_set() and time.monotonic() < deadline:
                cr.execute(
                    "SELECT wait_event_type FROM pg_stat_activity WHERE pid = %s",
                    [b_pid[0] if b_pid else 0],
                )
                row = cr.fetchone()
                cr.rollback()
                if row and row[0] == "Lock":
                    waited = True
                    break
                time.sleep(0.02)
        a_go.set()
        for thread in threads:
            thread.join(TIMEOUT)
            self.assertFalse(thread.is_alive())
        self.assertTrue(waited, "B's ballot never waited on A's")

        self.assertIsNone(errors["A"])
        self.assertIsInstance(errors["B"], ValidationError)
        message = errors["B"].args[0]
        self.assertIn("已经投过票", message)
        self.assertIn("0801", message)
        self.assertIn(f"PCC 业主大会 {self.token}", message)
        with closing(self._cursor()) as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            ballots = env["property.vote.ballot"].search([("vote_id", "=", self.ids["vote"])])
            self.assertEqual(len(ballots), 1)
            self.assertEqual(ballots.partner_id.id, self.ids["husband"])
            self.assertEqual(ballots.line_ids.mapped("choice"), ["agree"])
