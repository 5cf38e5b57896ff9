from odoo.exceptions import ValidationError
from odoo.tests import tagged

from .common import BillingCase


@tagged("post_install", "-at_install")
class TestMeterReading(BillingCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.meter = cls.env["property.meter"].create(
            {
                "name": "PBB-E1",
                "unit_id": cls.unit_1.id,
                "meter_type": "electricity",
                "digit_count": 4,
            }
        )

    def _read(self, date, value, **values):
        return self.env["property.meter.reading"].create(
            {"meter_id": self.meter.id, "date": date, "value": value, **values}
        )

    def test_consumption_chain(self):
        first = self._read("2026-01-31", 1000.0)
        third = self._read("2026-03-31", 1300.0)
        self.assertEqual((first.consumption, third.consumption), (0.0, 300.0))
        second = self._read("2026-02-28", 1120.0)  # typed in late, between the two
        self.assertEqual((second.previous_value, second.consumption), (1000.0, 120.0))
        self.assertEqual((third.previous_value, third.consumption), (1120.0, 180.0))
        second.value = 1150.0
        self.assertEqual(third.consumption, 150.0)
        second.unlink()
        self.assertEqual(third.consumption, 300.0)
        self.assertEqual(self.meter.estate_id, self.estate)
        self.assertEqual(self.meter.last_reading_value, 1300.0)

    def test_lower_reading_refused(self):
        self._read("2026-01-31", 1000.0)
        with self.assertRaisesMessage(ValidationError, "lower than the previous one"):
            self._read("2026-02-28", 990.0)
        self.assertEqual(len(self.meter.reading_ids), 1)
        with self.assertRaisesMessage(ValidationError, "negative"):
            self._read("2026-02-28", -5.0)

    def test_replacement(self):
        self._read("2026-01-31", 1000.0)
        reading = self._read(
            "2026-02-28", 15.0, reading_type="replacement", old_meter_final_value=1040.0
        )
        self.assertEqual(reading.consumption, 55.0)  # 40 on the old meter, 15 on the new

    def test_rollover(self):
        self._read("2026-01-31", 9950.0)
        reading = self._read("2026-02-28", 30.0, reading_type="rollover")
        self.assertEqual(reading.consumption, 80.0)  # 4 digits: 9950 → 9999 → 0 → 30

    def test_property_user_enters_readings(self):
        reading = (
            self.env["property.meter.reading"]
            .with_user(self.user_property)
            .create({"meter_id": self.meter.id, "date": "2026-01-31", "value": 5.0})
        )
        self.assertEqual(reading.user_id, self.user_property)
