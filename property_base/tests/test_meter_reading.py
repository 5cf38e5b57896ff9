from odoo.exceptions import AccessError, ValidationError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import PropertyCase


@tagged("post_install", "-at_install")
class TestMeterReading(PropertyCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.estate = cls.estate_a
        cls.meter = cls.env["property.meter"].create(
            {
                "name": "PBT-E1",
                "unit_id": cls.unit_a1.id,
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

    def test_heat_meter_of_a_building(self):
        meter = self.env["property.meter"].create(
            {
                "name": "PBT-H1",
                "meter_type": "heat",
                "estate_id": self.estate_a.id,
                "building_id": self.building_a1.id,
            }
        )
        self.assertTrue(meter.is_common)
        self.assertEqual(meter.uom, "GJ")
        self.assertEqual(meter.display_name, "Heat PBT-H1 (PBT Tower 1)")
        self.env["property.meter.reading"].create(
            [
                {"meter_id": meter.id, "date": "2026-01-31", "value": 812.4},
                {"meter_id": meter.id, "date": "2026-02-28", "value": 868.9},
            ]
        )
        self.assertEqual(meter.reading_ids.sorted("date").mapped("consumption"), [0.0, 56.5])
        self.assertEqual(meter.reading_ids.mapped("uom"), ["GJ", "GJ"])

    def test_multiplier_applies_to_consumption(self):
        # A common electricity meter behind 200/5 A current transformers.
        meter = self.env["property.meter"].create(
            {
                "name": "PBT-CT1",
                "meter_type": "electricity",
                "estate_id": self.estate_a.id,
                "multiplier": 40.0,
            }
        )
        self.assertEqual(self.meter.multiplier, 1.0)
        first = self.env["property.meter.reading"].create(
            {"meter_id": meter.id, "date": "2026-01-31", "value": 100.0}
        )
        second = self.env["property.meter.reading"].create(
            {"meter_id": meter.id, "date": "2026-02-28", "value": 112.5}
        )
        self.assertEqual((first.consumption, second.consumption), (0.0, 500.0))
        self.assertEqual(second.previous_value, 100.0)
        # The ratio corrected afterwards: the figures follow.
        meter.multiplier = 80.0
        self.assertEqual(second.consumption, 1000.0)
        with self.assertRaisesMessage(ValidationError, "must be positive"):
            meter.multiplier = 0.0

    def test_register_capacity(self):
        self.assertEqual(self.meter.max_reading, 9999)  # 4 digits
        with self.assertRaisesMessage(ValidationError, "outside its range"):
            self._read("2026-01-31", 10000.0)
        reading = self._read("2026-01-31", 9999.5)
        self.assertEqual(self.meter.last_reading_value, 9999.5)
        with self.assertRaisesMessage(ValidationError, "above the next one"):
            self._read("2026-01-15", 9999.9)
        self.assertEqual(self.meter.reading_ids, reading)

    @mute_logger("odoo.addons.base.models.ir_model", "odoo.addons.base.models.ir_rule")
    def test_managers_configure_meters(self):
        with self.assertRaises(AccessError):
            self.env["property.meter"].with_user(self.user_property).create(
                {"name": "PBT-X1", "unit_id": self.unit_a2.id}
            )
        meter = (
            self.env["property.meter"]
            .with_user(self.user_manager)
            .create({"name": "PBT-W2", "unit_id": self.unit_a2.id})
        )
        self.assertEqual(meter.company_id, self.company_a)
        self.assertEqual(self.unit_a2.meter_ids, meter)
        self._read("2026-01-31", 10.0)
        # Another company's manager sees neither the meters nor their readings.
        env_b = self.env(user=self.user_manager_b)
        self.assertFalse(env_b["property.meter"].search([("id", "in", meter.ids)]))
        self.assertFalse(env_b["property.meter.reading"].search([("meter_id", "=", self.meter.id)]))
