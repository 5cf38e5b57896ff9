import base64
import datetime
import io

import openpyxl

from odoo.exceptions import UserError
from odoo.tests import tagged

from odoo.addons.property_base.wizard.reading_sheet import COLUMNS

from .round_common import MeterRoundCase, make_photo

HEADER = [f"{chinese}\n{english}" for _key, chinese, english in COLUMNS]
COLUMN = {key: index for index, (key, _chinese, _english) in enumerate(COLUMNS)}


def make_sheet(rows, header=HEADER):
    """An xlsx file: ``header``, then ``rows`` (dicts by column key)."""
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(header)
    for row in rows:
        cells = [None] * len(header)
        for key, value in row.items():
            cells[COLUMN[key]] = value
        sheet.append(cells)
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()


@tagged("post_install", "-at_install")
class TestMeterReadingImport(MeterRoundCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.round = cls._make_round_class()

    @classmethod
    def _make_round_class(cls):
        return cls.env["property.meter.round"].create(
            {
                "route_id": cls.route.id,
                "date_start": "2026-12-01",
                "date_end": "2026-12-31",
                "date": "2026-12-30",
            }
        )

    def _upload(self, content, user=None):
        Wizard = self.env["property.meter.reading.import"]
        if user:
            Wizard = Wizard.with_user(user)
        wizard = Wizard.create(
            {
                "round_id": self.round.id,
                "file": base64.b64encode(content),
                "filename": "readings.xlsx",
            }
        )
        wizard.action_validate()
        return wizard

    def _readings_count(self):
        return self.env["property.meter.reading"].search_count(
            [("meter_id", "in", self.meters.ids)]
        )

    def test_template_prefilled_with_the_round(self):
        wizard = self.env["property.meter.reading.import"].create({"round_id": self.round.id})
        action = wizard.action_download_template()
        self.assertIn(f"/{wizard.id}/template_file/", action["url"])
        workbook = openpyxl.load_workbook(io.BytesIO(base64.b64decode(wizard.template_file)))
        rows = list(workbook.active.iter_rows(values_only=True))
        self.assertEqual(rows[0][1], "表号\nMeter Number")
        self.assertEqual(rows[0][6], "本次读数\nNew Reading")
        self.assertEqual([row[1] for row in rows[1:]], ["PBT-RW3", "PBT-RW1", "PBT-RW4", "PBT-RW2"])
        rw1 = rows[2]
        self.assertEqual((rw1[3], rw1[4]), ("1-1-101", 160.0))
        self.assertEqual(rw1[5].date(), datetime.date(2026, 11, 30))
        self.assertIsNone(rw1[6])

    def test_all_valid(self):
        before = self._readings_count()
        wizard = self._upload(
            make_sheet(
                [
                    {"meter": "PBT-RW1", "value": 175, "date": datetime.datetime(2026, 12, 29)},
                    {"meter": "PBT-RW2", "value": "266.5", "date": "2026/12/28"},
                    {"meter": "PBT-RW3", "value": 390},  # the round's date
                    {"meter": "PBT-RW4"},  # not read this time
                ]
            )
        )
        self.assertEqual((wizard.state, wizard.written_count), ("done", 3))
        self.assertEqual(self._readings_count(), before + 3)
        rw1 = self._line(self.round, self.rw1)
        self.assertEqual((rw1.value, str(rw1.reading_id.date)), (175.0, "2026-12-29"))
        self.assertEqual(rw1.reading_id.consumption, 15.0)
        rw2 = self._line(self.round, self.rw2).reading_id
        self.assertEqual((rw2.value, str(rw2.date), rw2.consumption), (266.5, "2026-12-28", 6.5))
        self.assertEqual(str(self._line(self.round, self.rw3).reading_id.date), "2026-12-30")
        self.assertEqual((self.round.read_count, self.round.missing_count), (3, 1))

    def _bad_sheet(self):
        return make_sheet(
            [
                {"meter": "PBT-RW1", "value": 175},  # valid
                {"meter": "PBT-NOPE", "value": 10},  # unknown
                {"meter": "PBT-RW2", "value": 100},  # below 260
                {"meter": "PBT-RW3", "value": "三百九"},  # text
                {"meter": "PBT-RW4", "value": 500, "date": "30.12.2026"},  # bad date
                {"meter": "PBT-RW4", "value": 500, "date": "2027-01-02"},  # outside, twice
            ]
        )

    def test_some_invalid_nothing_written_and_report(self):
        before = self._readings_count()
        wizard = self._upload(self._bad_sheet())
        self.assertEqual(wizard.state, "report")
        self.assertEqual(self._readings_count(), before)
        self.assertFalse(self.round.line_ids.filtered("is_read"))
        report = {(error.row, error.meter): error.reason for error in wizard.error_ids}
        self.assertEqual(
            sorted(report),
            [(3, "PBT-NOPE"), (4, "PBT-RW2"), (5, "PBT-RW3"), (6, "PBT-RW4"), (7, "PBT-RW4")],
        )
        self.assertIn("not on this round", report[3, "PBT-NOPE"])
        self.assertIn("lower than the previous one", report[4, "PBT-RW2"])
        self.assertIn("“三百九” is not a number", report[5, "PBT-RW3"])
        self.assertIn("“30.12.2026” is not a date", report[6, "PBT-RW4"])
        self.assertIn("outside the period", report[7, "PBT-RW4"])
        self.assertEqual((wizard.valid_count, wizard.error_count), (1, 5))

    def test_duplicate_meter(self):
        wizard = self._upload(
            make_sheet(
                [
                    {"meter": "PBT-RW1", "value": 175},
                    {"meter": "PBT-RW2", "value": 270},
                    {"meter": "PBT-RW1", "value": 176},
                ]
            )
        )
        self.assertEqual(wizard.state, "report")
        self.assertEqual(
            [(e.row, e.meter) for e in wizard.error_ids], [(2, "PBT-RW1"), (4, "PBT-RW1")]
        )
        self.assertIn("also on row 4", wizard.error_ids[0].reason)
        self.assertEqual(wizard.valid_count, 1)

    def test_write_valid_rows(self):
        before = self._readings_count()
        wizard = self._upload(self._bad_sheet())
        wizard.action_write_valid()
        self.assertEqual((wizard.state, wizard.written_count), ("done", 1))
        self.assertEqual(self._readings_count(), before + 1)
        self.assertEqual(self._line(self.round, self.rw1).reading_id.value, 175.0)
        self.assertFalse(self._line(self.round, self.rw2).is_read)
        # the same sheet again: the written row is now refused, nothing twice
        again = self._upload(self._bad_sheet())
        self.assertIn(
            "already recorded",
            again.error_ids.filtered(lambda e: e.meter == "PBT-RW1").reason,
        )
        self.assertEqual(self._readings_count(), before + 1)

    def test_wrong_header(self):
        header = list(HEADER)
        header[COLUMN["value"]] = "读数"
        with self.assertRaisesText(UserError, "本次读数 New Reading"):
            self._upload(make_sheet([{"meter": "PBT-RW1", "value": 175}], header=header))
        # English or Chinese names alone are a header too
        header = [english for _key, _chinese, english in COLUMNS]
        wizard = self._upload(make_sheet([{"meter": "PBT-RW1", "value": 175}], header=header))
        self.assertEqual(wizard.state, "done")
        with self.assertRaisesText(UserError, "not an Excel (xlsx) file"):
            self._upload(b"meter;value\nPBT-RW1;175\n")

    def test_replacement_in_the_sheet(self):
        wizard = self._upload(
            make_sheet(
                [
                    {
                        "meter": "PBT-RW2",
                        "value": 4,
                        "reading_type": "换表",
                        "old_meter_final_value": 270,
                    },
                ]
            )
        )
        self.assertEqual(wizard.state, "done")
        reading = self._line(self.round, self.rw2).reading_id
        self.assertEqual((reading.reading_type, reading.consumption), ("replacement", 14.0))

    def test_reader_imports_his_round(self):
        # a photo taken on the phone before the sheet came back goes with the reading
        self._line(self.round, self.rw1).photo = make_photo(320, 240)
        wizard = self._upload(make_sheet([{"meter": "PBT-RW1", "value": 175}]), user=self.reader)
        self.assertEqual(wizard.state, "done")
        reading = self._line(self.round, self.rw1).reading_id
        self.assertEqual(reading.create_uid, self.reader)
        self.assertEqual(reading.photo, self._line(self.round, self.rw1).photo)
        self.assertTrue(reading.photo)

    def test_validation_does_not_query_per_row(self):
        """Checking a sheet of 200 meters costs as many queries as one of 20."""
        meters = self.env["property.meter"].create(
            [
                {
                    "name": f"PBT-Q{index:03d}",
                    "estate_id": self.estate_a.id,
                    "meter_type": "electricity",
                }
                for index in range(200)
            ]
        )
        self.env["property.meter.reading"].create(
            [{"meter_id": m.id, "date": "2026-11-30", "value": 10.0} for m in meters]
        )

        def checked(count):
            route = self.env["property.meter.route"].create(
                {"name": f"PBT Q {count}", "estate_id": self.estate_a.id}
            )
            route.line_ids = [(0, 0, {"meter_id": m.id}) for m in meters[:count]]
            reading_round = self.env["property.meter.round"].create(
                {"route_id": route.id, "date_start": "2026-12-01", "date_end": "2026-12-31"}
            )
            content = make_sheet(
                [{"meter": m.name, "value": 12.0, "date": "2026-12-15"} for m in meters[:count]]
            )
            wizard = self.env["property.meter.reading.import"].create(
                {"round_id": reading_round.id, "file": base64.b64encode(content)}
            )
            self.env.invalidate_all()
            return wizard

        small, large = checked(20), checked(200)
        small._read_sheet()  # the labels of the kinds and types, cached once
        self.env.invalidate_all()
        start = self.env.cr.sql_log_count
        valid, errors = small._read_sheet()
        small_queries = self.env.cr.sql_log_count - start
        self.assertEqual((len(valid), errors), (20, []))
        self.assertLessEqual(small_queries, 10)
        self.env.invalidate_all()
        with self.assertQueryCount(small_queries):
            valid, errors = large._read_sheet()
        self.assertEqual((len(valid), errors), (200, []))
