from datetime import date, datetime
from io import BytesIO

import openpyxl

from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import freeze_time, tagged

from .common import PropertyMaintenanceCase


@tagged("post_install", "-at_install")
class TestXlsxExport(PropertyMaintenanceCase):
    """The equipment ledger and plan compliance exports (report_xlsx reports)
    as the user who launches them reads them: in his language, with only what
    he may read."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("zh_CN")
        cls.env["ir.module.module"]._load_module_terms(["property_maintenance"], ["zh_CN"])
        cls.elevator.write(
            {"asset_code": "PMT-EL-01", "model": "GeN2", "specification": "1000 kg, 1.75 m/s"}
        )
        cls.pump_room = cls.env["property.common.area"].create(
            {
                "name": "PMT Pump Room",
                "area_type": "plant_room",
                "estate_id": cls.estate.id,
                "building_id": cls.building_1.id,
            }
        )
        cls.pump_1.write({"common_area_id": cls.pump_room.id, "location": "PMT north wall, B1"})

    def _sheet(self, action, user):
        return openpyxl.load_workbook(BytesIO(self._render_report_action(action, user))).active

    def _compliance_plans(self):
        """Monthly plans on pump 1 (company A) and on the Harbour pump (company
        B), due 31 January, 28 February and 31 March 2026; pump 1's January
        request done on time."""
        plan = self._create_plan(
            {"interval_number": 1, "interval_unit": "month", "date_start": "2026-01-31"},
            equipment_ids=[Command.set(self.pump_1.ids)],
        )
        team_b = self.env["maintenance.team"].create(
            {"name": "PMT Engineering B", "company_id": self.company_b.id}
        )
        plan_b = self.env["property.maintenance.plan"].create(
            {
                "name": "PMT Plan B",
                "estate_id": self.estate_b.id,
                "date_start": "2026-01-01",
                "team_id": team_b.id,
                "equipment_ids": [Command.set(self.pump_b.ids)],
                "task_ids": [
                    Command.create(
                        {
                            "name": "PMT Task B",
                            "interval_number": 1,
                            "interval_unit": "month",
                            "date_start": "2026-01-31",
                        }
                    )
                ],
            }
        )
        for each in (plan, plan_b):
            each.task_ids._generate_requests(date(2026, 1, 1), date(2026, 3, 31))
        january = self.env["maintenance.request"].search(
            [("plan_id", "=", plan.id), ("plan_due_date", "=", "2026-01-31")]
        )
        with freeze_time("2026-01-30"):
            january.stage_id = self.stage_done
        return plan, plan_b

    def test_ledger_in_chinese(self):
        """A technician who works in Chinese exports the ledger of all the
        estates' equipment: Chinese sheet, headers and systems, dates as dates,
        the header row frozen; the other company's equipment is not in it."""
        self.user_technician.lang = "zh_CN"
        Equipment = self.env["maintenance.equipment"].with_user(self.user_technician)
        sheet = self._sheet(Equipment.action_export_ledger_xlsx(), self.user_technician)
        self.assertEqual(sheet.title, "设施设备台账")
        self.assertEqual(sheet.freeze_panes, "A2")
        self.assertEqual(
            [cell.value for cell in sheet[1]],
            [
                "资产编号",
                "设备",
                "项目",
                "楼栋",
                "位置",
                "位置说明",
                "系统",
                "类别",
                "型号",
                "规格参数",
                "序列号",
                "安装日期",
                "供应商",
                "保修到期日",
                "维保单位",
                "下次法定检验",
                "未完成保养请求",
            ],
        )
        self.assertGreaterEqual(sheet.column_dimensions["B"].width, 20)
        rows = {row[1].value: row for row in sheet.iter_rows(min_row=2)}
        self.assertLessEqual(
            {"PMT Pump 1", "PMT Pump 2", "PMT Elevator 1", "PMT Transformer", "PMT Pump Riverside"},
            set(rows),
        )
        self.assertNotIn("PMT Pump Harbour", rows)
        elevator = [cell.value for cell in rows["PMT Elevator 1"]]
        self.assertEqual(
            elevator[:7],
            ["PMT-EL-01", "PMT Elevator 1", "PMT Lotus Garden", "PMT Tower 1", None, None, "电梯"],
        )
        self.assertEqual(elevator[8:10], ["GeN2", "1000 kg, 1.75 m/s"])
        self.assertEqual(elevator[11], datetime(2020, 5, 1))
        self.assertEqual(rows["PMT Elevator 1"][11].number_format, "yyyy-mm-dd")
        self.assertEqual(elevator[16], 0)
        # The common area the pump stands in, then the free-text detail.
        pump = [cell.value for cell in rows["PMT Pump 1"]]
        self.assertEqual(pump[4:7], ["PMT Pump Room", "PMT north wall, B1", "给排水"])

    def test_ledger_of_another_company(self):
        """The manager of company B exports only B's equipment, and cannot export
        company A's even by naming it."""
        Equipment = self.env["maintenance.equipment"].with_user(self.user_manager_b)
        sheet = self._sheet(Equipment.action_export_ledger_xlsx(), self.user_manager_b)
        names = {row[1] for row in sheet.iter_rows(min_row=2, values_only=True)}
        self.assertIn("PMT Pump Harbour", names)
        self.assertFalse({name for name in names if name.startswith("PMT")} - {"PMT Pump Harbour"})
        action = (self.pump_1 | self.pump_b).action_export_ledger_xlsx()
        with self.assertRaises(AccessError):
            self._render_report_action(action, self.user_manager_b)

    def test_compliance_in_chinese(self):
        """Plan compliance in Chinese for the estate manager: his company's
        estate, system and month, due and on-time counts as numbers, the rate as
        a percentage; company B's plan is not in it."""
        plan, plan_b = self._compliance_plans()
        self.user_manager.lang = "zh_CN"
        Plan = self.env["property.maintenance.plan"].with_user(self.user_manager)
        with freeze_time("2026-03-15"):
            sheet = self._sheet(Plan.action_export_compliance_xlsx(), self.user_manager)
        self.assertEqual(sheet.title, "计划完成率")
        self.assertEqual(sheet.freeze_panes, "A2")
        self.assertEqual(
            [cell.value for cell in sheet[1]],
            ["项目", "系统", "月份", "应完成", "按时完成", "计划完成率"],
        )
        rows = [row for row in sheet.iter_rows(min_row=2) if row[0].value.startswith("PMT")]
        self.assertEqual(
            [[cell.value for cell in row] for row in rows],
            [
                ["PMT Lotus Garden", "给排水", "2026-01", 1, 1, 1.0],
                ["PMT Lotus Garden", "给排水", "2026-02", 1, 0, 0.0],
            ],
        )
        self.assertEqual(rows[0][5].number_format, "0.0%")
        # The manager of company B sees his plan's figures, and none of ours.
        self.user_manager_b.lang = "zh_CN"
        with freeze_time("2026-03-15"):
            sheet = self._sheet(plan_b.action_export_compliance_xlsx(), self.user_manager_b)
            values = list(sheet.iter_rows(min_row=2, values_only=True))
            self.assertEqual(
                values,
                [
                    ("PMT Harbour Plaza", "给排水", "2026-01", 1, 0, 0),
                    ("PMT Harbour Plaza", "给排水", "2026-02", 1, 0, 0),
                ],
            )
            with self.assertRaises(AccessError):
                self._render_report_action(
                    plan.action_export_compliance_xlsx(), self.user_manager_b
                )
