import json

from odoo.tests import HttpCase, tagged

from .common import PropertyCase, PropertyTestCommon

TWO_MB = "9" * (2 * 1024 * 1024)


@tagged("post_install", "-at_install")
class TestBadInput(PropertyCase):
    """Texts too long for their (indexed) field and numbers that are not
    finite are refused with a message naming the field; nothing is written."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.meter = cls.env["property.meter"].create(
            {"name": "PBT-BAD-E1", "unit_id": cls.unit_a1.id, "meter_type": "electricity"}
        )

    def _assertFieldRefused(self, model, domain, field_label, call, *texts):
        return self.assertInputRefused(model, domain, call, f"“{field_label}”", *texts)

    def _new_unit(self, **values):
        return self.env["property.unit"].create(
            {
                "estate_id": self.estate_a.id,
                "building_id": self.building_a2.id,
                "entrance": "1",
                "code": "PBT-909",
                "gross_area": 80.0,
                **values,
            }
        )

    def test_unit_number_of_two_megabytes(self):
        self._assertFieldRefused(
            "property.unit",
            [("estate_id", "=", self.estate_a.id)],
            "Unit Number",
            lambda: self._new_unit(code=TWO_MB),
            "at most 32 characters",
        )
        self._assertFieldRefused(
            "property.unit",
            [("code", "=", "101"), ("id", "=", self.unit_a1.id)],
            "Unit Number",
            lambda: self.unit_a1.write({"code": TWO_MB}),
        )
        # 32 characters are fine, and stored whole.
        unit = self._new_unit(code="U" * 32)
        self.assertEqual(unit.code, "U" * 32)

    def test_entrance_building_estate_and_meter_codes(self):
        self._assertFieldRefused(
            "property.unit",
            [("estate_id", "=", self.estate_a.id)],
            "Entrance",
            lambda: self._new_unit(entrance="E" * 33),
            "at most 32 characters",
        )
        self._assertFieldRefused(
            "property.building",
            [("estate_id", "=", self.estate_a.id)],
            "Code",
            lambda: self.env["property.building"].create(
                {"name": "PBT Tower X", "code": "B" * 33, "estate_id": self.estate_a.id}
            ),
        )
        self._assertFieldRefused(
            "property.estate",
            [("code", "=", "PBT-A")],
            "Code",
            lambda: self.estate_a.write({"code": "A" * 5000}),
        )
        self._assertFieldRefused(
            "property.meter",
            [("estate_id", "=", self.estate_a.id)],
            "Meter Number",
            lambda: self.env["property.meter"].create(
                {"name": "M" * 65, "unit_id": self.unit_a2.id}
            ),
            "at most 64 characters",
        )

    def test_meter_reading_nan_and_infinity(self):
        Reading = self.env["property.meter.reading"]
        domain = [("meter_id", "=", self.meter.id)]
        for value in (float("nan"), float("inf"), "-inf", "NaN", "Infinity"):
            with self.subTest(value=value):
                self._assertFieldRefused(
                    "property.meter.reading",
                    domain,
                    "Reading",
                    lambda value=value: Reading.create(
                        {"meter_id": self.meter.id, "date": "2026-01-31", "value": value}
                    ),
                    "must be a finite number",
                )
        self._assertFieldRefused(
            "property.meter.reading",
            domain,
            "Old Meter Final Reading",
            lambda: Reading.create(
                {
                    "meter_id": self.meter.id,
                    "date": "2026-01-31",
                    "value": 10.0,
                    "reading_type": "replacement",
                    "old_meter_final_value": float("nan"),
                }
            ),
        )
        reading = Reading.create({"meter_id": self.meter.id, "date": "2026-01-31", "value": 120.0})
        for value in (float("nan"), "-inf"):
            with self.subTest(write=value):
                self._assertFieldRefused(
                    "property.meter.reading",
                    domain + [("value", "=", 120.0)],
                    "Reading",
                    lambda value=value: reading.write({"value": value}),
                )
        self._assertFieldRefused(
            "property.meter.reading",
            domain + [("value", "=", 120.0)],
            "Reading",
            lambda: reading.write({"value": "twelve"}),
            "must be a number",
        )
        self.assertEqual(reading.value, 120.0)

    def test_areas_shares_and_multiplier_not_finite(self):
        self._assertFieldRefused(
            "property.unit",
            [("estate_id", "=", self.estate_a.id)],
            "Gross Area (m²)",
            lambda: self._new_unit(gross_area=float("inf")),
        )
        self._assertFieldRefused(
            "property.unit",
            [("id", "=", self.unit_a1.id), ("net_area", "=", 72.3)],
            "Net Area (m²)",
            lambda: self.unit_a1.write({"net_area": float("nan")}),
        )
        self._assertFieldRefused(
            "property.ownership",
            [("unit_id", "=", self.unit_a2.id)],
            "Share (%)",
            lambda: self._create_ownership(
                self.unit_a2, self.partner_li, "2026-01-01", share=float("nan")
            ),
        )
        self._assertFieldRefused(
            "property.meter",
            [("id", "=", self.meter.id), ("multiplier", "=", 1.0)],
            "Multiplier",
            lambda: self.meter.write({"multiplier": "inf"}),
        )


@tagged("post_install", "-at_install")
class TestBadInputRpc(PropertyTestCommon, HttpCase):
    """The same refusal over JSON-RPC, where ``NaN`` and ``Infinity`` arrive as
    JSON literals."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        estate = cls._create_estate("PBT RPC Estate", "PBT-RPC")
        unit = cls._create_unit(cls._create_building(estate, "PBT RPC Tower", "1"), "101")
        cls.meter = cls.env["property.meter"].create({"name": "PBT-RPC-W1", "unit_id": unit.id})

    def _call_kw(self, model, method, args):
        response = self.url_open(
            "/web/dataset/call_kw",
            data=json.dumps(
                {
                    "jsonrpc": "2.0",
                    "method": "call",
                    "id": 1,
                    "params": {"model": model, "method": method, "args": args, "kwargs": {}},
                }
            ),
            headers={"Content-Type": "application/json"},
        )
        self.assertEqual(response.status_code, 200)
        return response.json()

    def test_meter_reading_nan_over_rpc(self):
        self.authenticate("admin", "admin")
        Reading = self.env["property.meter.reading"]
        domain = [("meter_id", "=", self.meter.id)]
        for value in (float("nan"), float("inf"), float("-inf")):
            with self.subTest(value=value):
                result = self._call_kw(
                    "property.meter.reading",
                    "create",
                    [{"meter_id": self.meter.id, "date": "2026-01-31", "value": value}],
                )
                self.assertEqual(result["error"]["data"]["name"], "odoo.exceptions.ValidationError")
                self.assertIn(
                    "“Reading” must be a finite number", result["error"]["data"]["message"]
                )
                self.assertEqual(Reading.search_count(domain), 0)
        reading = Reading.create({"meter_id": self.meter.id, "date": "2026-01-31", "value": 5.0})
        result = self._call_kw("property.meter.reading", "write", [reading.ids, {"value": "NaN"}])
        self.assertEqual(result["error"]["data"]["name"], "odoo.exceptions.ValidationError")
        self.assertIn("“Reading”", result["error"]["data"]["message"])
        reading.invalidate_recordset()
        self.assertEqual(reading.value, 5.0)
