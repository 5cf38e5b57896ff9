from datetime import date

from odoo.exceptions import ValidationError
from odoo.tests import tagged

from .common import PropertyMaintenanceCase


@tagged("post_install", "-at_install")
class TestEnergy(PropertyMaintenanceCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.meter = cls.env["property.meter"].create(
            {
                "name": "PMT Transformer 1 main meter",
                "estate_id": cls.estate.id,
                "system": "power",
                "meter_type": "electricity",
                "digit_count": 5,
                "multiplier": 2.0,
                "jump_threshold": 50,
            }
        )

    def _read(self, day, value):
        return self.env["property.meter.reading"].create(
            {"meter_id": self.meter.id, "date": day, "value": value}
        )

    def test_consumption_year_on_year_and_jumps(self):
        values = {
            "2025-01-01": 1000,
            "2025-02-01": 1100,
            "2025-03-01": 1200,
            "2026-01-01": 5000,
            "2026-02-01": 5150,  # 300 kWh against 200 the year before
            "2026-03-01": 5400,  # 500 kWh against 300 the previous month: +66 %
        }
        readings = {day: self._read(day, value) for day, value in values.items()}
        self.assertEqual(self.meter.uom, "kWh")
        self.assertEqual(readings["2025-01-01"].consumption, 0.0)
        self.assertEqual(readings["2025-02-01"].consumption, 200.0)
        self.assertEqual(readings["2025-03-01"].previous_consumption, 200.0)
        self.assertFalse(readings["2025-03-01"].is_abnormal)
        feb = readings["2026-02-01"]
        self.assertEqual(feb.consumption, 300.0)
        self.assertEqual(feb.last_year_consumption, 200.0)
        self.assertAlmostEqual(feb.yoy_pct, 50.0)
        mar = readings["2026-03-01"]
        self.assertEqual(mar.consumption, 500.0)
        self.assertAlmostEqual(mar.change_pct, 500.0 / 3 - 100)
        self.assertTrue(mar.is_abnormal)
        # The ten months without readings (5000 - 1200) jump up, and the
        # month after falls back: both are flagged.
        self.assertTrue(readings["2026-01-01"].is_abnormal)
        self.assertTrue(feb.is_abnormal)
        self.assertLess(feb.change_pct, -50)
        abnormal = self.env["property.meter.reading"].search(
            [("meter_id", "=", self.meter.id), ("is_abnormal", "=", True)]
        )
        self.assertEqual(abnormal, readings["2026-01-01"] | feb | mar)

        # A reading inserted afterwards recomputes the following period.
        mid = self._read("2026-02-15", 5300)
        self.assertEqual(mid.consumption, 300.0)
        self.assertEqual(mar.consumption, 200.0)
        self.assertEqual(mar.previous_consumption, 300.0)
        self.assertEqual(self.meter.last_reading, 5400)
        self.assertEqual(self.meter.last_reading_date, date(2026, 3, 1))

    def test_bad_readings_refused(self):
        self._read("2026-01-01", 500)
        self._read("2026-03-01", 800)
        Reading = self.env["property.meter.reading"]
        count = Reading.search_count([("meter_id", "=", self.meter.id)])
        with self.assertRaisesMessage(ValidationError, "below the previous one"):
            self._read("2026-04-01", 799)
        with self.assertRaisesMessage(ValidationError, "above the next one"):
            self._read("2026-02-01", 900)
        with self.assertRaisesMessage(ValidationError, "outside its range"):
            self._read("2026-05-01", 100000)
        with self.assertRaisesMessage(ValidationError, "outside its range"):
            self._read("2025-05-01", -1)
        self.assertEqual(Reading.search_count([("meter_id", "=", self.meter.id)]), count)
        last = Reading.search([("meter_id", "=", self.meter.id), ("date", "=", "2026-03-01")])
        with self.assertRaisesMessage(ValidationError, "below the previous one"):
            last.value = 400
        self.assertEqual(last.value, 800)
        self.assertEqual(last.consumption, 600.0)
