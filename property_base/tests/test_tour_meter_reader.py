import datetime

from odoo import fields
from odoo.tests import HttpCase, tagged

from .common import PropertyTestCommon


@tagged("post_install", "-at_install")
class TestTourMeterReader(PropertyTestCommon, HttpCase):
    """The meter reader enters the readings of his estate in the browser and
    never meets the meters of another estate."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.estate_a = cls._create_estate("Tour Estate Camellia Court", "TOURRD-A")
        # another estate of the company, not the reader's
        cls.estate_b = cls.env["property.estate"].create(
            {"name": "Tour Estate Bamboo Court", "code": "TOURRD-B"}
        )
        cls.reader = cls._create_user(
            "reader_tour",
            "property_base.group_property_meter_reader",
            estates=cls.estate_a,
            action_id=cls.env.ref("property_base.action_property_home").id,
        )
        unit_a = cls._create_unit(cls.estate_a, "TOURRD-A-101", 88.0)
        unit_b = cls._create_unit(cls.estate_b, "TOURRD-B-101", 88.0)
        Meter = cls.env["property.meter"]
        cls.water = Meter.create(
            {"name": "TOURRD-A-W1", "unit_id": unit_a.id, "meter_type": "water"}
        )
        cls.power = Meter.create(
            {"name": "TOURRD-A-E1", "unit_id": unit_a.id, "meter_type": "electricity"}
        )
        cls.elsewhere = Meter.create(
            {"name": "TOURRD-B-W1", "unit_id": unit_b.id, "meter_type": "water"}
        )
        # the last readings, weeks ago: whatever the time zone of the browser
        # (the test's browser runs in UTC), they belong to an earlier month
        cls.last_date = fields.Date.context_today(Meter) - datetime.timedelta(days=45)
        cls.env["property.meter.reading"].create(
            [
                {"meter_id": meter.id, "date": cls.last_date, "value": 1000.0}
                for meter in (cls.water, cls.power, cls.elsewhere)
            ]
        )

    def test_meter_reader_enters_readings(self):
        self.start_tour("/odoo", "property_base_meter_reader_tour", login="reader_tour")

        self.env.invalidate_all()
        Reading = self.env["property.meter.reading"]
        water = Reading.search([("meter_id", "=", self.water.id), ("date", ">", self.last_date)])
        self.assertEqual(len(water), 1)
        self.assertEqual(water.value, 1234.5)
        self.assertEqual(water.consumption, 234.5)
        self.assertEqual(water.user_id, self.reader)
        power = Reading.search([("meter_id", "=", self.power.id), ("date", ">", self.last_date)])
        self.assertEqual(len(power), 1)
        self.assertEqual(power.value, 5678.0)
        self.assertEqual(power.consumption, 4678.0)
        self.assertEqual(power.create_uid, self.reader)
        # the round is done; the other estate's meter was never touched
        # (this month as the browser counts it, in UTC)
        self.assertFalse((self.water | self.power).with_context(tz="UTC").filtered("reading_due"))
        self.assertEqual(Reading.search_count([("meter_id", "=", self.elsewhere.id)]), 1)
        self.assertEqual(
            self.env["property.meter"]
            .with_user(self.reader)
            .search_count([("name", "like", "TOURRD-")]),
            2,
        )
