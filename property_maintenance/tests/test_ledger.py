from io import BytesIO

import openpyxl

from odoo.exceptions import ValidationError
from odoo.tests import tagged

from .common import PropertyMaintenanceCase


@tagged("post_install", "-at_install")
class TestLedger(PropertyMaintenanceCase):
    def test_ledger_export(self):
        self.elevator.write(
            {
                "asset_code": "PMT-EL-01",
                "model": "GeN2",
                "specification": "1000 kg, 1.75 m/s",
                "location": "Tower 1 core",
            }
        )
        action = (self.elevator | self.pump_1).action_export_ledger_xlsx()
        self.assertEqual(action["type"], "ir.actions.report")
        content = self._render_report_action(action)
        sheet = openpyxl.load_workbook(BytesIO(content)).active
        rows = list(sheet.iter_rows(values_only=True))
        self.assertEqual(rows[0][:3], ("Asset Code", "Equipment", "Estate"))
        self.assertEqual(len(rows), 3)
        elevator_row = next(row for row in rows if row[1] == "PMT Elevator 1")
        self.assertEqual(elevator_row[0], "PMT-EL-01")
        self.assertEqual(elevator_row[2], "PMT Lotus Garden")
        # No common area set: the area column is empty, the detail follows it.
        self.assertEqual(elevator_row[4:6], (None, "Tower 1 core"))
        self.assertEqual(elevator_row[6], "Elevators")
        self.assertEqual(elevator_row[9], "1000 kg, 1.75 m/s")
        self.assertEqual(elevator_row[11].date().isoformat(), "2020-05-01")

    def test_building_of_another_estate_refused(self):
        building = self.env["property.building"].create(
            {"name": "PMT River block", "code": "9", "estate_id": self.estate_other.id}
        )
        with self.assertRaisesMessage(ValidationError, "is not in the estate"):
            self.pump_1.building_id = building
        self.assertEqual(self.pump_1.building_id, self.building_1)
