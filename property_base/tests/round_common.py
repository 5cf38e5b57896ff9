import base64
import datetime
import io

from PIL import Image

from odoo import Command

from .common import PropertyCase


def make_photo(width=1600, height=1200, color=(200, 40, 40)):
    """A JPEG photo of a register, base64-encoded, as a phone sends it."""
    output = io.BytesIO()
    Image.new("RGB", (width, height), color).save(output, format="JPEG")
    return base64.b64encode(output.getvalue())


class MeterRoundCase(PropertyCase):
    """A route of estate A (PBT Lotus Garden), building 1, over four water
    meters (PBT-RW1 … PBT-RW4 on units 1-1-101, 1-1-102, 1-2-101 and a
    common meter), walked in the order RW3, RW1, RW4, RW2; each meter read at
    the end of August, September, October and November 2026 (consumptions
    10, 20, 30 → average 20 for RW1). A reader of estate A, another reader of
    estate A, a reader of estate B."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Meter = cls.env["property.meter"]
        cls.meters = Meter.create(
            [
                {"name": "PBT-RW1", "unit_id": cls.unit_a1.id, "meter_type": "water"},
                {"name": "PBT-RW2", "unit_id": cls.unit_a2.id, "meter_type": "water"},
                {"name": "PBT-RW3", "unit_id": cls.unit_a3.id, "meter_type": "water"},
                {
                    "name": "PBT-RW4",
                    "estate_id": cls.estate_a.id,
                    "building_id": cls.building_a1.id,
                    "meter_type": "water",
                },
            ]
        )
        cls.rw1, cls.rw2, cls.rw3, cls.rw4 = cls.meters
        dates = ["2026-08-31", "2026-09-30", "2026-10-31", "2026-11-30"]
        readings = []
        for offset, meter in enumerate(cls.meters):
            value = 100.0 * (offset + 1)
            for step, date in zip((0, 10, 20, 30), dates, strict=True):
                value += step
                readings.append({"meter_id": meter.id, "date": date, "value": value})
        cls.env["property.meter.reading"].create(readings)
        cls.reader = cls._create_user(
            "pbt_reader_a", "property_base.group_property_meter_reader", estates=cls.estate_a
        )
        cls.reader_other = cls._create_user(
            "pbt_reader_a2", "property_base.group_property_meter_reader", estates=cls.estate_a
        )
        cls.reader_b = cls._create_user(
            "pbt_reader_b", "property_base.group_property_meter_reader", estates=cls.estate_b
        )
        cls.route = cls.env["property.meter.route"].create(
            {
                "name": "PBT Tower 1 water",
                "estate_id": cls.estate_a.id,
                "building_id": cls.building_a1.id,
                "user_id": cls.reader.id,
                "line_ids": [
                    Command.create({"meter_id": meter.id, "sequence": sequence})
                    for meter, sequence in (
                        (cls.rw1, 20),
                        (cls.rw2, 40),
                        (cls.rw3, 10),
                        (cls.rw4, 30),
                    )
                ],
            }
        )

    def _make_round(self, route=None, user=None, **values):
        values = {
            "route_id": (route or self.route).id,
            "date_start": datetime.date(2026, 12, 1),
            "date_end": datetime.date(2026, 12, 31),
            "date": datetime.date(2026, 12, 30),
            **values,
        }
        Round = self.env["property.meter.round"]
        if user:
            Round = Round.with_user(user)
        return Round.create(values)

    def _line(self, reading_round, meter):
        return reading_round.line_ids.filtered(lambda line: line.meter_id == meter)
