import datetime

from odoo import Command, fields
from odoo.tests import HttpCase, tagged

from .common import PropertyTestCommon


@tagged("post_install", "-at_install")
class TestTourMeterRound(PropertyTestCommon, HttpCase):
    """The meter reader lands on his open rounds on a phone (390×844, touch),
    enters his round, watches its progress and finishes it; the readings are
    recorded."""

    browser_size = "390x844"
    touch_enabled = True

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        estate = cls._create_estate("Tour Estate Osmanthus Court", "TOURRND")
        building = cls._create_building(estate, "TOURRND Tower", "TOURRND")
        cls.reader = cls._create_user(
            "reader_round_tour",
            "property_base.group_property_meter_reader",
            estates=estate,
            action_id=cls.env.ref("property_base.action_property_home").id,
        )
        Meter = cls.env["property.meter"]
        cls.meters = Meter.create(
            [
                {
                    "name": f"TOURRND-W{number}",
                    "unit_id": cls._create_unit(building, number).id,
                    "meter_type": "water",
                }
                for number in ("101", "102", "201")
            ]
        )
        cls.m101, cls.m102, cls.m201 = cls.meters
        today = fields.Date.context_today(Meter)
        start = today.replace(day=1)
        readings = []
        for days_ago, value in ((63, 1000.0), (32, 1010.0), (1, 1022.0)):  # 10 then 12 used
            date = start - datetime.timedelta(days=days_ago)
            readings += [{"meter_id": m.id, "date": date, "value": value} for m in cls.meters]
        cls.env["property.meter.reading"].create(readings)
        route = cls.env["property.meter.route"].create(
            {
                "name": "TOURRND Tower water",
                "estate_id": estate.id,
                "user_id": cls.reader.id,
                "line_ids": [
                    Command.create({"meter_id": meter.id, "sequence": sequence})
                    for meter, sequence in ((cls.m102, 1), (cls.m101, 2), (cls.m201, 3))
                ],
            }
        )
        cls.round = cls.env["property.meter.round"].create(
            {"route_id": route.id, "date_start": start, "date": today}
        )
        # last month's round, finished: not among the rounds he has to walk
        last_month = start - datetime.timedelta(days=1)
        cls.round_done = cls.env["property.meter.round"].create(
            {
                "route_id": route.id,
                "date_start": last_month.replace(day=1),
                "date_end": last_month,
                "date": last_month,
                "state": "done",
            }
        )

    def test_reader_enters_round_on_phone(self):
        lines = self.round.line_ids
        self.assertEqual(lines.meter_id, self.m102 | self.m101 | self.m201)
        last = lines[0].previous_value
        self.assertGreater(lines[0].average_consumption, 0)
        self.start_tour("/odoo", "property_base_meter_round_phone_tour", login="reader_round_tour")

        self.env.invalidate_all()
        self.assertEqual(self.round.state, "done")
        readings = self.round.line_ids.reading_id
        self.assertEqual(readings.meter_id, self.m102 | self.m101)
        by_meter = {reading.meter_id: reading for reading in readings}
        self.assertEqual(by_meter[self.m102].value, 1030.0)
        self.assertEqual(by_meter[self.m102].consumption, 1030.0 - last)
        self.assertEqual(by_meter[self.m101].value, 1500.0)
        self.assertEqual(by_meter[self.m101].user_id, self.reader)
        self.assertEqual(by_meter[self.m101].create_uid, self.reader)
        self.assertEqual(self._line(self.m101).warning, "jump")
        self.assertFalse(self._line(self.m201).is_read)
        self.assertEqual((self.round.read_count, self.round.missing_count), (2, 1))
        self.assertAlmostEqual(self.round.progress, 200 / 3, places=2)
        self.assertFalse(self.round_done.line_ids.reading_id)

    def _line(self, meter):
        return self.round.line_ids.filtered(lambda line: line.meter_id == meter)
