import base64
import io

from PIL import Image

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .round_common import MeterRoundCase, make_photo


@tagged("post_install", "-at_install")
class TestMeterRound(MeterRoundCase):
    def test_round_lines_in_walking_order(self):
        reading_round = self._make_round()
        self.assertEqual(reading_round.user_id, self.reader)
        self.assertEqual(reading_round.jump_factor, 3.0)
        self.assertEqual(
            reading_round.line_ids.meter_id.mapped("name"),
            ["PBT-RW3", "PBT-RW1", "PBT-RW4", "PBT-RW2"],
        )
        line = self._line(reading_round, self.rw1)
        self.assertEqual(line.previous_value, 160.0)  # 100 + 10 + 20 + 30
        self.assertEqual(str(line.previous_date), "2026-11-30")
        self.assertEqual(line.average_consumption, 20.0)  # (10 + 20 + 30) / 3
        self.assertEqual(line.location, "1-1-101")
        self.assertEqual(self._line(reading_round, self.rw4).location, "PBT Tower 1")

    def test_average_over_fewer_periods(self):
        meter = self.env["property.meter"].create(
            {"name": "PBT-RW5", "unit_id": self.unit_a4.id, "meter_type": "water"}
        )
        self.env["property.meter.reading"].create(
            [
                {"meter_id": meter.id, "date": "2026-10-31", "value": 50.0},
                {"meter_id": meter.id, "date": "2026-11-30", "value": 58.0},
            ]
        )
        new = self.env["property.meter"].create(
            {"name": "PBT-RW6", "unit_id": self.unit_a4.id, "meter_type": "water"}
        )
        route = self.env["property.meter.route"].create(
            {"name": "PBT Tower 2 water", "estate_id": self.estate_a.id}
        )
        route.line_ids = [(0, 0, {"meter_id": meter.id}), (0, 0, {"meter_id": new.id})]
        reading_round = self._make_round(route=route)
        first, second = reading_round.line_ids
        # the first reading of a meter has no consumption: one period only
        self.assertEqual((first.previous_value, first.average_consumption), (58.0, 8.0))
        self.assertEqual((second.previous_value, second.previous_date), (0.0, False))
        self.assertEqual(second.average_consumption, 0.0)

    def test_route_keeps_to_its_place(self):
        meter_b = self.env["property.meter"].create(
            {"name": "PBT-RWB", "unit_id": self.unit_b1.id, "meter_type": "water"}
        )
        with self.assertRaisesText(ValidationError, "PBT-RWB"):
            self.route.line_ids = [(0, 0, {"meter_id": meter_b.id})]
        with self.assertRaisesText(ValidationError, "above 1"):
            self.route.jump_factor = 0.5

    def test_jump_and_lower_warnings(self):
        reading_round = self._make_round()
        line = self._line(reading_round, self.rw1)
        self.assertFalse(line.is_read)
        line.value = 210.0  # 50 used, 2.5 × the average of 20
        self.assertTrue(line.is_read)
        self.assertEqual((line.consumption, line.warning), (50.0, False))
        line.value = 230.0  # 70 used, above 3 × 20
        self.assertEqual((line.consumption, line.warning), (70.0, "jump"))
        self.assertIn("70.0", line.warning_message)
        reading_round.jump_factor = 4.0
        self.assertFalse(line.warning)
        line.value = 150.0  # below the last reading of 160
        self.assertEqual(line.warning, "lower")
        self.assertIn("lower than the previous one", line.warning_message)
        # a replaced meter starts again: no warning
        line.write({"reading_type": "replacement", "old_meter_final_value": 165.0, "value": 3.0})
        self.assertEqual((line.consumption, line.warning), (8.0, False))
        self.assertEqual(reading_round.warning_count, 0)

    def test_progress(self):
        reading_round = self._make_round()
        self.assertEqual((reading_round.read_count, reading_round.missing_count), (0, 4))
        self.assertEqual(reading_round.progress, 0.0)
        self._line(reading_round, self.rw1).value = 170.0
        self._line(reading_round, self.rw2).value = 260.0
        self._line(reading_round, self.rw3).value = 310.0  # 310 < 360: a warning
        self.assertEqual((reading_round.read_count, reading_round.missing_count), (3, 1))
        self.assertEqual(reading_round.progress, 75.0)
        self.assertEqual(reading_round.warning_count, 1)

    def test_finish_refuses_lower_values_naming_the_meters(self):
        reading_round = self._make_round()
        self._line(reading_round, self.rw1).value = 170.0
        self._line(reading_round, self.rw2).value = 100.0  # last 260
        self._line(reading_round, self.rw3).value = 300.0  # last 360
        Reading = self.env["property.meter.reading"]
        before = Reading.search_count([("meter_id", "in", self.meters.ids)])
        with self.assertRaises(ValidationError) as caught:
            reading_round.action_finish()
        message = str(caught.exception)
        self.assertIn("PBT-RW2", message)
        self.assertIn("PBT-RW3", message)
        self.assertNotIn("PBT-RW1", message)
        self.assertEqual(Reading.search_count([("meter_id", "in", self.meters.ids)]), before)
        self.assertEqual(reading_round.state, "open")

    def test_finish_creates_readings_once(self):
        reading_round = self._make_round()
        self._line(reading_round, self.rw1).write({"value": 172.5, "note": "PBT glass misty"})
        self._line(reading_round, self.rw3).write({"value": 380.0, "date": "2026-12-28"})
        reading_round.action_finish()
        self.assertEqual(reading_round.state, "done")
        readings = reading_round.line_ids.reading_id
        self.assertEqual(len(readings), 2)
        rw1 = readings.filtered(lambda r: r.meter_id == self.rw1)
        self.assertEqual(str(rw1.date), "2026-12-30")
        self.assertEqual((rw1.value, rw1.previous_value, rw1.consumption), (172.5, 160.0, 12.5))
        self.assertEqual(rw1.user_id, self.reader)
        self.assertEqual(rw1.note, "PBT glass misty")
        rw3 = readings.filtered(lambda r: r.meter_id == self.rw3)
        self.assertEqual((str(rw3.date), rw3.consumption), ("2026-12-28", 20.0))
        self.assertEqual(self.rw1.last_reading_value, 172.5)
        # finishing again, even reopened, records nothing twice
        reading_round.action_finish()
        reading_round.action_reopen()
        reading_round.action_finish()
        Reading = self.env["property.meter.reading"]
        self.assertEqual(Reading.search_count([("meter_id", "=", self.rw1.id)]), 5)
        self.assertEqual(reading_round.reading_count, 2)
        with self.assertRaisesText(UserError, "already recorded"):
            self._line(reading_round, self.rw1).value = 180.0

    def test_photo_goes_with_the_reading(self):
        reading_round = self._make_round(user=self.reader)
        with_photo = self._line(reading_round, self.rw1).with_user(self.reader)
        with_photo.write({"value": 172.5, "photo": make_photo()})
        self._line(reading_round, self.rw3).value = 380.0
        photo = with_photo.photo
        self.assertEqual(Image.open(io.BytesIO(base64.b64decode(photo))).size, (1024, 768))
        reading_round.with_user(self.reader).action_finish()
        reading = with_photo.reading_id
        self.assertEqual(reading.photo, photo)
        self.assertEqual(Image.open(io.BytesIO(base64.b64decode(reading.photo_128))).width, 128)
        self.assertFalse(self._line(reading_round, self.rw3).reading_id.photo)
        # staff checking doubtful readings find those with a photo
        Reading = self.env["property.meter.reading"].with_user(self.user_property)
        self.assertEqual(
            Reading.search([("meter_id", "in", self.meters.ids), ("photo", "!=", False)]),
            reading,
        )

    def test_finish_as_the_reader(self):
        reading_round = self._make_round(user=self.reader)
        line = self._line(reading_round, self.rw2).with_user(self.reader)
        line.value = 275.0
        reading_round.with_user(self.reader).action_finish()
        self.assertEqual(line.reading_id.consumption, 15.0)
        self.assertEqual(line.reading_id.create_uid, self.reader)

    def test_reader_sees_his_rounds_of_his_estates(self):
        mine = self._make_round()
        other_reader = self._make_round(user_id=self.reader_other.id)
        rounds = mine | other_reader
        Round = self.env["property.meter.round"]
        self.assertSeesOnly(self.reader, "property.meter.round", mine, rounds)
        self.assertSeesOnly(self.reader_other, "property.meter.round", other_reader, rounds)
        self.assertSeesOnly(self.reader_b, "property.meter.round", Round, rounds)
        self.assertSeesOnly(
            self.reader, "property.meter.round.line", mine.line_ids, rounds.line_ids
        )
        self.assertSeesOnly(self.reader_b, "property.meter.route", self.route.browse(), self.route)
        # the desk of the estate sees every round of it, the desk of another nothing
        self.assertSeesOnly(self.user_property, "property.meter.round", rounds, rounds)
        desk_b = self._create_user(
            "pbt_desk_b", "property_base.group_property_user", estates=self.estate_b
        )
        self.assertSeesOnly(desk_b, "property.meter.round", Round, rounds)
        # a reader cannot hand himself another reader's round
        with self.assertRaises(AccessError):
            other_reader.with_user(self.reader).user_id = self.reader
        # nor start one in his name on another estate's route
        route_b = self.env["property.meter.route"].create(
            {"name": "PBT River water", "estate_id": self.estate_b.id}
        )
        with self.assertRaises(AccessError):
            self._make_round(route=route_b, user=self.reader)

    def test_start_round_from_route(self):
        action = self.route.with_user(self.reader).action_create_round()
        reading_round = self.env["property.meter.round"].browse(action["res_id"])
        self.assertEqual(reading_round.user_id, self.reader)
        self.assertEqual(len(reading_round.line_ids), 4)
        empty = self.env["property.meter.route"].create(
            {"name": "PBT empty route", "estate_id": self.estate_a.id}
        )
        with self.assertRaisesText(UserError, "no meters"):
            empty.action_create_round()
