import datetime
from unittest.mock import patch

from odoo import Command
from odoo.exceptions import ValidationError
from odoo.tests import freeze_time, tagged

from .round_common import MeterRoundCase

ROUTE_LOGGER = "odoo.addons.property_base.models.property_meter_route"


@tagged("post_install", "-at_install")
class TestMeterRoundCron(MeterRoundCase):
    """The daily job opens each route's round of the month for its reader,
    once, with a to-do in his language."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("zh_CN")
        cls.reader.lang = "zh_CN"
        cls.reader_b.lang = "en_US"
        meter_b = cls.env["property.meter"].create(
            {"name": "PBT-RB1", "unit_id": cls.unit_b1.id, "meter_type": "water"}
        )
        meter_a4 = cls.env["property.meter"].create(
            {"name": "PBT-RE4", "unit_id": cls.unit_a4.id, "meter_type": "electricity"}
        )
        Route = cls.env["property.meter.route"]
        cls.route_b = Route.create(
            {
                "name": "PBT River water",
                "estate_id": cls.estate_b.id,
                "user_id": cls.reader_b.id,
                "line_ids": [Command.create({"meter_id": meter_b.id})],
            }
        )
        # read from the 10th of the month on
        cls.route_late = Route.create(
            {
                "name": "PBT Tower 2 power",
                "estate_id": cls.estate_a.id,
                "user_id": cls.reader_other.id,
                "round_day": 10,
                "line_ids": [Command.create({"meter_id": meter_a4.id})],
            }
        )
        # no reader, no meters, archived: no round
        cls.route_no_reader = Route.create(
            {
                "name": "PBT nobody's route",
                "estate_id": cls.estate_a.id,
                "line_ids": [Command.create({"meter_id": cls.rw1.id})],
            }
        )
        cls.route_empty = Route.create(
            {"name": "PBT empty route", "estate_id": cls.estate_a.id, "user_id": cls.reader.id}
        )
        cls.route_archived = Route.create(
            {
                "name": "PBT old route",
                "estate_id": cls.estate_a.id,
                "user_id": cls.reader.id,
                "active": False,
                "line_ids": [Command.create({"meter_id": cls.rw2.id})],
            }
        )
        cls.routes = (
            cls.route
            | cls.route_b
            | cls.route_late
            | cls.route_no_reader
            | cls.route_empty
            | cls.route_archived
        )

    def _run_cron(self):
        self.env["property.meter.route"]._cron_open_month_rounds()

    def _rounds(self, route):
        return self.env["property.meter.round"].search([("route_id", "=", route.id)])

    def _activities(self, rounds):
        return self.env["mail.activity"].search(
            [("res_model", "=", "property.meter.round"), ("res_id", "in", rounds.ids)]
        )

    def test_cron_opens_each_route_round_once(self):
        with freeze_time("2026-12-02 09:00:00"):
            self._run_cron()
            reading_round = self._rounds(self.route)
            self.assertEqual(len(reading_round), 1)
            self.assertEqual(
                (reading_round.date_start, reading_round.date_end, reading_round.state),
                (datetime.date(2026, 12, 1), datetime.date(2026, 12, 31), "open"),
            )
            self.assertEqual(reading_round.user_id, self.reader)
            self.assertEqual(
                reading_round.line_ids.meter_id.mapped("name"),
                ["PBT-RW3", "PBT-RW1", "PBT-RW4", "PBT-RW2"],
            )
            self.assertEqual(self._rounds(self.route_b).user_id, self.reader_b)
            # not yet the round day of the late route; nothing for the others
            for route in (
                self.route_late,
                self.route_no_reader,
                self.route_empty,
                self.route_archived,
            ):
                self.assertFalse(self._rounds(route), route.name)
            activity = self._activities(reading_round)
            self.assertEqual(len(activity), 1)
            self.assertEqual(activity.user_id, self.reader)
            self.assertEqual(
                activity.activity_type_id, self.env.ref("mail.mail_activity_data_todo")
            )
            self.assertEqual(activity.date_deadline, datetime.date(2026, 12, 31))

            # running again, the same day or later, opens nothing more
            self._run_cron()
        with freeze_time("2026-12-10 09:00:00"):
            self._run_cron()
            self._run_cron()
        rounds = self.env["property.meter.round"].search([("route_id", "in", self.routes.ids)])
        self.assertEqual(rounds.route_id, self.route | self.route_b | self.route_late)
        self.assertEqual(len(rounds), 3)
        self.assertEqual(len(self._activities(rounds)), 3)
        self.assertEqual(self._rounds(self.route_late).user_id, self.reader_other)
        self.assertEqual(self._rounds(self.route_late).date, datetime.date(2026, 12, 10))
        # next month, a new round each
        with freeze_time("2027-01-03 09:00:00"):
            self._run_cron()
        self.assertEqual(len(self._rounds(self.route)), 2)
        self.assertEqual(len(self._rounds(self.route_b)), 2)

    def test_cron_leaves_a_round_made_by_hand(self):
        """A round the office started (or even finished) is the month's round."""
        by_hand = self._make_round()
        by_hand.action_finish()
        with freeze_time("2026-12-15 09:00:00"):
            self._run_cron()
        self.assertEqual(self._rounds(self.route), by_hand)
        self.assertFalse(self._activities(by_hand))

    def test_todo_in_the_reader_language(self):
        with freeze_time("2026-12-02 09:00:00"):
            self._run_cron()
        chinese = self._activities(self._rounds(self.route))
        self.assertEqual(chinese.summary, "抄表任务 PBT Tower 1 water 2026-12")
        self.assertIn("待抄表数：4，路线 PBT Tower 1 water", chinese.note)
        self.assertIn("2026/12/31", chinese.note)
        english = self._activities(self._rounds(self.route_b))
        self.assertEqual(english.summary, "Reading round PBT River water 2026-12")
        self.assertIn("Meters to read: 1, on route PBT River water, by 12/31/2026", english.note)

    def test_one_failing_route_does_not_stop_the_others(self):
        Route = self.registry["property.meter.route"]
        prepare = Route._prepare_round_values
        failing = self.route

        def prepare_or_fail(route, *args, **kwargs):
            if route == failing:
                raise ValueError("PBT broken route")
            return prepare(route, *args, **kwargs)

        with (
            freeze_time("2026-12-02 09:00:00"),
            patch.object(Route, "_prepare_round_values", prepare_or_fail),
            self.assertLogs(ROUTE_LOGGER, "ERROR") as logs,
        ):
            self._run_cron()
        self.assertIn("PBT Tower 1 water", logs.output[0])
        self.assertFalse(self._rounds(self.route))
        self.assertEqual(len(self._rounds(self.route_b)), 1)
        self.assertEqual(len(self._activities(self._rounds(self.route_b))), 1)
        # mended, the route gets its round on the next run, the other no second one
        with freeze_time("2026-12-03 09:00:00"):
            self._run_cron()
        self.assertEqual(len(self._rounds(self.route)), 1)
        self.assertEqual(len(self._rounds(self.route_b)), 1)

    def test_round_day_is_a_day_of_every_month(self):
        with self.assertRaisesText(ValidationError, "between 1 and 28"):
            self.route.round_day = 31
        with self.assertRaisesText(ValidationError, "between 1 and 28"):
            self.route.round_day = 0
