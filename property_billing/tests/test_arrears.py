import io
import json
from datetime import datetime
from unittest.mock import patch

import openpyxl

from odoo import Command
from odoo.exceptions import AccessError
from odoo.http import Request
from odoo.tests import HttpCase, freeze_time, new_test_user, tagged

from .common import BillingCase


@tagged("post_install", "-at_install")
class TestArrears(BillingCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._occupy(cls.unit_1, cls.li, "2025-01-01")
        cls.february = cls.env["property.billing.period"].create(
            {"name": "PBB 2026-02", "date_start": "2026-02-01", "date_end": "2026-02-28"}
        )
        for period in (cls.february, cls.period):
            cls.env["property.billing.run"].create(
                {
                    "period_id": period.id,
                    "date_bill": period.invoice_date,
                    "estate_ids": [Command.set((cls.estate | cls.estate_2).ids)],
                    "post_invoices": True,
                }
            )._execute()
        Move = cls.env["account.move"]
        cls.bills = Move.search([("property_period_id", "in", (cls.february | cls.period).ids)])
        # February: Li (238.75) and Wang (300.00) paid in full, Zhao's parking (150) half.
        # March: only Li paid.
        cls._pay(
            cls.bills.filtered(
                lambda b: b.property_period_id == cls.february and b.partner_id in cls.li | cls.wang
            )
        )
        cls._pay(
            cls.bills.filtered(
                lambda b: b.property_period_id == cls.february and b.property_unit_id == cls.parking
            ),
            75.0,
        )
        cls._pay(
            cls.bills.filtered(
                lambda b: b.property_period_id == cls.period and b.partner_id == cls.li
            )
        )

    @classmethod
    def _pay(cls, bills, amount=None):
        for bill in bills:
            values = {"payment_date": "2026-03-20"}
            if amount:
                values["amount"] = amount
            cls.env["account.payment.register"].with_context(
                active_model="account.move", active_ids=bill.ids
            ).create(values)._create_payments()

    def _our(self, model):
        return self.env[model].search([("estate_id", "in", (self.estate | self.estate_2).ids)])

    def test_collection_rate(self):
        rates = self.env["property.collection.report"]._get_rates(
            [("estate_id", "in", (self.estate | self.estate_2).ids)]
        )
        # Garden February: 238.75 + 300 + 150 billed, 238.75 + 300 + 75 collected.
        february = rates[self.estate, self.february.date_start]
        self.assertAlmostEqual(february["billed"], 688.75)
        self.assertAlmostEqual(february["collected"], 613.75)
        self.assertEqual(february["rate_to_date"], 89.11)
        # Garden March: only Li's 238.75 of 688.75.
        self.assertEqual(rates[self.estate, self.period.date_start]["rate_to_date"], 34.66)
        # Plaza: nothing collected.
        plaza = rates[self.estate_2, self.period.date_start]
        self.assertEqual((plaza["billed"], plaza["collected"], plaza["rate"]), (160.0, 0.0, 0.0))

    @freeze_time("2026-05-01")
    def test_arrears_by_age(self):
        rows = self._our("property.arrears.report")
        # Unpaid: Feb parking (75 left), Mar Wang, Mar parking, Mar Plaza, Feb Plaza.
        self.assertEqual(len(rows), 5)
        self.assertAlmostEqual(sum(rows.mapped("amount_residual")), 75 + 300 + 150 + 160 + 160)
        feb_parking = rows.filtered(
            lambda r: r.unit_id == self.parking and r.period_id == self.february
        )
        self.assertEqual(feb_parking.amount_residual, 75.0)
        # Due 16 February (1 Feb + 15 days): 74 days overdue on 1 May.
        self.assertEqual(feb_parking.days_overdue, 74)
        self.assertEqual(feb_parking.age_bucket, "2_31_90")
        groups = dict(
            self.env["property.arrears.report"]._read_group(
                [("estate_id", "=", self.estate.id)], ["partner_id"], ["amount_residual:sum"]
            )
        )
        self.assertEqual(groups, {self.wang: 300.0, self.zhao: 225.0})

    @freeze_time("2026-05-01")
    def test_xlsx_export(self):
        rows = self._our("property.arrears.report")
        action = rows.action_export_xlsx()
        data = self._render_report_action(action)
        sheet = openpyxl.load_workbook(io.BytesIO(data), read_only=True).active
        values = list(sheet.iter_rows(values_only=True))
        self.assertEqual(values[0][:4], ("Estate", "Building", "Unit", "Payer"))
        self.assertEqual(len(values), 1 + 5 + 1)
        self.assertEqual(values[-1][0], "Total")
        self.assertAlmostEqual(values[-1][10], 845.0)
        zhao_rows = [row for row in values[1:-1] if row[3] == "PBB Zhao Lei"]
        self.assertEqual(len(zhao_rows), 4)
        self.assertIn(
            ("PBB Garden", None, "P-001"),
            {row[:3] for row in zhao_rows}
            | {(row[0], row[1] or None, row[2]) for row in zhao_rows},
        )
        self.assertEqual(action["report_type"], "xlsx")

    def _export_rows(self, arrears, user):
        """Rows of the arrears export launched by ``user`` on ``arrears`` (all when empty)."""
        action = arrears.with_user(user).action_export_xlsx()
        content = self._render_report_action(action, user)
        return list(openpyxl.load_workbook(io.BytesIO(content)).active.iter_rows(values_only=True))

    @freeze_time("2026-05-01")
    def test_xlsx_export_in_chinese(self):
        """A billing clerk who works in Chinese gets the sheet, the headers and the
        ages in Chinese, due dates as dates, amounts as numbers with two decimals
        and the header row frozen."""
        self.env["res.lang"]._activate_lang("zh_CN")
        self.env["ir.module.module"]._load_module_terms(["property_billing"], ["zh_CN"])
        self.user_billing.lang = "zh_CN"
        rows = self._our("property.arrears.report")
        action = rows.with_user(self.user_billing).action_export_xlsx()
        content = self._render_report_action(action, self.user_billing)
        sheet = openpyxl.load_workbook(io.BytesIO(content)).active
        self.assertEqual(sheet.title, "欠费")
        self.assertEqual(sheet.freeze_panes, "A2")
        self.assertEqual(
            [cell.value for cell in sheet[1]],
            [
                "项目",
                "楼栋",
                "房屋",
                "缴费人",
                "账单",
                "账期",
                "到期日期",
                "逾期天数",
                "账龄",
                "应收金额",
                "未收金额",
            ],
        )
        self.assertGreaterEqual(sheet.column_dimensions["A"].width, 20)
        feb_parking = rows.filtered(
            lambda r: r.unit_id == self.parking and r.period_id == self.february
        )
        line = next(
            row for row in sheet.iter_rows(min_row=2) if row[4].value == feb_parking.move_id.name
        )
        self.assertEqual(
            [cell.value for cell in line],
            [
                "PBB Garden",
                None,
                "P-001",
                "PBB Zhao Lei",
                feb_parking.move_id.name,
                "PBB 2026-02",
                datetime(2026, 2, 16),
                74,
                "31-90 天",
                150.0,
                75.0,
            ],
        )
        self.assertEqual(line[6].number_format, "yyyy-mm-dd")
        self.assertEqual(line[9].number_format, "#,##0.00")
        self.assertEqual(line[10].number_format, "#,##0.00")
        total = [cell.value for cell in sheet[sheet.max_row]]
        self.assertEqual((total[0], total[9], total[10]), ("总计", 920.0, 845.0))

    @freeze_time("2026-05-01")
    def test_xlsx_export_in_batches(self):
        """Rows read from the database a batch at a time come out complete and
        sorted by estate, building, unit and due date."""
        rows = self._our("property.arrears.report")
        self._export_rows(rows, self.user_billing)  # caches warm
        queries = self.env.cr.sql_log_count
        self._export_rows(rows, self.user_billing)
        queries_one_batch = self.env.cr.sql_log_count - queries
        with patch("odoo.addons.property_billing.report.arrears_xlsx.FETCH_SIZE", 2):
            queries = self.env.cr.sql_log_count
            values = self._export_rows(rows, self.user_billing)[1:-1]
            queries_three_batches = self.env.cr.sql_log_count - queries
        # One FETCH per batch of 2 rows, and the last, empty one.
        self.assertEqual(queries_three_batches, queries_one_batch + 2)
        self.assertEqual(len(values), 5)
        self.assertEqual(
            [(row[0], row[2], row[5]) for row in values],
            [
                ("PBB Garden", "1-1-102", "PBB 2026-03"),
                ("PBB Garden", "P-001", "PBB 2026-02"),
                ("PBB Garden", "P-001", "PBB 2026-03"),
                ("PBB Plaza", "1-1-301", "PBB 2026-02"),
                ("PBB Plaza", "1-1-301", "PBB 2026-03"),
            ],
        )

    @freeze_time("2026-05-01")
    def test_xlsx_export_keeps_companies_apart(self):
        """The export holds only the arrears the user may read: a clerk of another
        company gets none of ours, selected or not; a user without billing rights
        gets no export at all."""
        company_b = self.env["res.company"].create({"name": "PBB Company B"})
        clerk_b = new_test_user(
            self.env,
            login="pbb_billing_b",
            groups="account.group_account_invoice,property_base.group_property_user",
            company_id=company_b.id,
            company_ids=[Command.set(company_b.ids)],
        )
        Arrears = self.env["property.arrears.report"]
        ours = self._our("property.arrears.report")
        bills = set(ours.move_id.mapped("name"))
        exported = {row[4] for row in self._export_rows(Arrears, self.user_billing)[1:-1]}
        self.assertLessEqual(bills, exported)
        for selection in (Arrears, ours):
            values = self._export_rows(selection, clerk_b)
            self.assertFalse(bills & {row[4] for row in values}, "another company's bills")
            self.assertEqual(len(values), 2)  # the header and a total of nothing
            self.assertEqual(values[-1][10], 0)
        with self.assertRaises(AccessError):
            self._export_rows(ours, self.user_property)

    def test_reminders(self):
        unpaid = self.bills.filtered(lambda b: b.payment_state == "not_paid")
        self.zhao.email = False
        result = unpaid.action_property_send_reminder()
        self.assertIn("reminder(s) sent", result["params"]["message"])
        self.assertIn("PBB Zhao Lei", result["params"]["message"])
        wang_bill = unpaid.filtered(lambda b: b.partner_id == self.wang)
        message = wang_bill.message_ids[:1]
        # In the payer's language.
        self.assertRegex(message.subject or message.body, "Payment reminder|催缴通知")
        self.assertIn("300.00", str(message.body))


@tagged("post_install", "-at_install")
class TestArrearsDownload(BillingCase, HttpCase):
    """The Export xlsx button's download, through report_xlsx's routes as the web
    client calls them."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # March billed and posted, nothing paid.
        cls.env["property.billing.run"].create(
            {
                "period_id": cls.period.id,
                "date_bill": cls.period.invoice_date,
                "estate_ids": [Command.set((cls.estate | cls.estate_2).ids)],
                "post_invoices": True,
            }
        )._execute()

    def _download(self, active_ids):
        # What report_xlsx's action handler posts for the button's report action.
        url = "/report/xlsx/property_billing.arrears_xlsx/" + ",".join(map(str, active_ids))
        url += "?context=" + json.dumps({"lang": "en_US"})
        response = self.url_open(
            "/report/download",
            data={
                "data": json.dumps([url, "xlsx"]),
                "context": json.dumps({"lang": "en_US"}),
                "csrf_token": Request.csrf_token(self),
            },
        )
        self.assertEqual(response.status_code, 200)
        self.assertRegex(
            response.headers["Content-Disposition"], r"Arrears\.xlsx|%E6%AC%A0%E8%B4%B9\.xlsx"
        )
        sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
        return list(sheet.iter_rows(values_only=True))

    def test_download(self):
        self.authenticate("pbb_billing", "pbb_billing")
        Arrears = self.env["property.arrears.report"]
        ours = Arrears.search([("estate_id", "in", (self.estate | self.estate_2).ids)])
        self.assertEqual(len(ours), 4)
        selected = ours.filtered(lambda r: r.estate_id == self.estate_2) | ours[:1]
        values = self._download(selected.ids)
        self.assertEqual(values[0][:3], ("Estate", "Building", "Unit"))
        self.assertEqual({row[4] for row in values[1:-1]}, set(selected.move_id.mapped("name")))
        self.assertEqual(values[-1][10], sum(selected.mapped("amount_residual")))
        # Nothing selected: every arrears of the company.
        bills = {row[4] for row in self._download([])[1:-1]}
        self.assertLessEqual(set(ours.move_id.mapped("name")), bills)


@tagged("post_install", "-at_install")
class TestDemoData(BillingCase):
    def test_demo_bills(self):
        """With demo data: building 1 of the demo estate billed for three months,
        partly paid, with arrears."""
        fee = self.env.ref("property_billing.demo_fee_service", raise_if_not_found=False)
        if not fee:
            self.skipTest("demo data not installed")
        bills = self.env["account.move"].search(
            [("property_building_id", "=", self.env.ref("property_base.demo_building_jx_1").id)]
        )
        self.assertEqual(len(bills.property_period_id), 3)
        self.assertEqual(set(bills.mapped("state")), {"posted"})
        states = set(bills.mapped("payment_state"))
        self.assertIn("not_paid", states)
        self.assertTrue(states & {"paid", "in_payment"})
        self.assertTrue(
            self.env["property.meter.reading"].search_count(
                [("unit_id.building_id", "=", self.env.ref("property_base.demo_building_jx_1").id)]
            )
        )
