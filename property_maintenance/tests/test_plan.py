from datetime import date
from io import BytesIO

import openpyxl
from psycopg2 import IntegrityError

from odoo import Command
from odoo.exceptions import ValidationError
from odoo.tests import freeze_time, tagged
from odoo.tools import mute_logger

from .common import PropertyMaintenanceCase


@tagged("post_install", "-at_install")
class TestMaintenancePlan(PropertyMaintenanceCase):
    def _requests(self, plan):
        return self.env["maintenance.request"].search(
            [("plan_id", "=", plan.id)], order="plan_due_date, equipment_id"
        )

    def test_monthly_task_across_month_ends(self):
        """A task first due on 31 January falls due on the last day of the
        shorter months, then on the 31st again: no drift."""
        plan = self._create_plan(
            {"interval_number": 1, "interval_unit": "month", "date_start": "2026-01-31"},
            equipment_ids=[Command.set((self.pump_1 | self.pump_2).ids)],
        )
        created = plan.task_ids._generate_requests(date(2026, 1, 1), date(2026, 6, 30))
        self.assertEqual(len(created), 12)
        requests = self._requests(plan)
        self.assertEqual(
            sorted(set(requests.mapped("plan_due_date"))),
            [
                date(2026, 1, 31),
                date(2026, 2, 28),
                date(2026, 3, 31),
                date(2026, 4, 30),
                date(2026, 5, 31),
                date(2026, 6, 30),
            ],
        )
        self.assertEqual(requests.equipment_id, self.pump_1 | self.pump_2)
        feb = requests.filtered(lambda r: r.plan_due_date == date(2026, 2, 28))
        self.assertEqual(len(feb), 2)
        self.assertEqual(feb.mapped("request_date"), [date(2026, 2, 28)] * 2)
        self.assertEqual(set(feb.mapped("maintenance_type")), {"preventive"})
        self.assertEqual(feb.estate_id, self.estate)
        self.assertEqual(feb.maintenance_team_id, self.team)
        # The technician of the equipment is assigned; pump 2 has none.
        self.assertEqual(
            feb.filtered(lambda r: r.equipment_id == self.pump_1).user_id, self.user_technician
        )
        self.assertFalse(feb.filtered(lambda r: r.equipment_id == self.pump_2).user_id)
        self.assertEqual(feb.mapped("system"), ["water", "water"])

    def test_leap_year_and_yearly_from_29_february(self):
        plan = self._create_plan(
            {"interval_number": 1, "interval_unit": "month", "date_start": "2028-01-31"},
            equipment_ids=[Command.set(self.pump_1.ids)],
            date_start="2028-01-01",
        )
        plan.task_ids._generate_requests(date(2028, 2, 1), date(2028, 3, 31))
        self.assertEqual(
            self._requests(plan).mapped("plan_due_date"), [date(2028, 2, 29), date(2028, 3, 31)]
        )
        task = self.env["property.maintenance.plan.task"].create(
            {
                "plan_id": plan.id,
                "name": "PMT yearly",
                "interval_unit": "year",
                "date_start": "2028-02-29",
            }
        )
        self.assertEqual(
            task._get_due_dates(date(2028, 1, 1), date(2033, 12, 31)),
            [
                date(2028, 2, 29),
                date(2029, 2, 28),
                date(2030, 2, 28),
                date(2031, 2, 28),
                date(2032, 2, 29),
                date(2033, 2, 28),
            ],
        )

    def test_no_duplicates_across_runs(self):
        plan = self._create_plan(
            {"interval_number": 2, "interval_unit": "week", "date_start": "2026-03-02"},
            equipment_ids=[Command.set((self.pump_1 | self.pump_2 | self.elevator).ids)],
        )
        with freeze_time("2026-03-01"):
            self._run_cron("property_maintenance.ir_cron_generate_plan_requests")
            # 30-day horizon: 2, 16 and 30 March, for three equipment
            self.assertEqual(len(self._requests(plan)), 9)
            self._run_cron("property_maintenance.ir_cron_generate_plan_requests")
            self.assertEqual(len(self._requests(plan)), 9)
        with freeze_time("2026-03-20"):
            self._run_cron("property_maintenance.ir_cron_generate_plan_requests")
            # the horizon now reaches 19 April: 13 April is added
            requests = self._requests(plan)
            self.assertEqual(len(requests), 12)
            self.assertEqual(
                sorted(set(requests.mapped("plan_due_date"))),
                [date(2026, 3, 2), date(2026, 3, 16), date(2026, 3, 30), date(2026, 4, 13)],
            )
        # Even a done or deleted-then-regenerated request is not doubled.
        requests[:3].write({"stage_id": self.stage_done.id})
        with freeze_time("2026-03-20"):
            created = plan.task_ids._generate_requests()
        self.assertFalse(created)
        self.assertEqual(len(self._requests(plan)), 12)

    def test_unique_index_guards_duplicates(self):
        plan = self._create_plan(
            {"interval_number": 1, "interval_unit": "month", "date_start": "2026-01-15"},
            equipment_ids=[Command.set(self.pump_1.ids)],
        )
        request = plan.task_ids._generate_requests(date(2026, 1, 1), date(2026, 1, 31))
        self.assertEqual(len(request), 1)
        with mute_logger("odoo.sql_db"), self.assertRaises(IntegrityError):
            request.copy(
                {
                    "plan_id": plan.id,
                    "plan_task_id": plan.task_ids.id,
                    "plan_due_date": request.plan_due_date,
                }
            )

    def test_plan_per_system(self):
        """A plan on the water system covers the estate's pumps, including one
        added later, and not those of another estate."""
        plan = self._create_plan(
            {"interval_number": 1, "interval_unit": "month", "date_start": "2026-01-10"},
            apply_on="system",
            system="water",
        )
        self.assertEqual(plan._get_equipment(), self.pump_1 | self.pump_2)
        pump_3 = self.env["maintenance.equipment"].create(
            {"name": "PMT Pump 3", "estate_id": self.estate.id, "system": "water"}
        )
        plan.task_ids._generate_requests(date(2026, 1, 1), date(2026, 1, 31))
        self.assertEqual(self._requests(plan).equipment_id, self.pump_1 | self.pump_2 | pump_3)
        self.assertEqual(self.pump_1.plan_task_count, 1)
        self.assertEqual(self.elevator.plan_task_count, 0)

    def test_plan_window(self):
        """Nothing before the plan starts, nothing after it ends."""
        plan = self._create_plan(
            {"interval_number": 1, "interval_unit": "week", "date_start": "2026-01-05"},
            equipment_ids=[Command.set(self.pump_1.ids)],
            date_start="2026-01-10",
            date_end="2026-01-31",
        )
        plan.task_ids._generate_requests(date(2026, 1, 1), date(2026, 3, 1))
        self.assertEqual(
            self._requests(plan).mapped("plan_due_date"),
            [date(2026, 1, 12), date(2026, 1, 19), date(2026, 1, 26)],
        )
        plan.action_archive()
        self.assertFalse(plan.task_ids._generate_requests(date(2026, 1, 1), date(2026, 3, 1)))

    def test_zero_interval_refused(self):
        plan = self._create_plan(
            {"interval_number": 1, "interval_unit": "month"},
            equipment_ids=[Command.set(self.pump_1.ids)],
        )
        with self.assertRaisesMessage(ValidationError, "interval of at least 1"):
            plan.task_ids.interval_number = 0
        self.assertEqual(plan.task_ids.interval_number, 1)
        plans = self.env["property.maintenance.plan"].search([("name", "=", "PMT zero")])
        with self.assertRaisesMessage(ValidationError, "interval of at least 1"):
            self._create_plan({"interval_number": 0}, name="PMT zero")
        self.assertEqual(
            self.env["property.maintenance.plan"].search([("name", "=", "PMT zero")]), plans
        )
        self.assertFalse(
            self.env["property.maintenance.plan.task"].search([("interval_number", "<=", 0)])
        )

    def test_equipment_of_another_estate_refused(self):
        with self.assertRaisesMessage(ValidationError, "is not in the estate"):
            self._create_plan(
                {"interval_number": 1},
                equipment_ids=[Command.set((self.pump_1 | self.pump_other).ids)],
            )

    def test_queries_constant_in_number_of_equipment(self):
        """Generating for 4 times more equipment costs (almost) no more queries."""
        Equipment = self.env["maintenance.equipment"]

        def run(count, name):
            equipment = Equipment.create(
                [
                    {"name": f"{name} {i}", "estate_id": self.estate.id, "system": "hvac"}
                    for i in range(count)
                ]
            )
            plan = self._create_plan(
                {"interval_number": 1, "interval_unit": "week", "date_start": "2026-01-05"},
                equipment_ids=[Command.set(equipment.ids)],
                name=name,
            )
            self.env.flush_all()
            self.env.invalidate_all()
            before = self.env.cr.sql_log_count
            created = plan.task_ids._generate_requests(date(2026, 1, 1), date(2026, 1, 31))
            self.env.flush_all()
            self.assertEqual(len(created), 4 * count)
            return self.env.cr.sql_log_count - before

        small = run(10, "PMT small")
        large = run(40, "PMT large")
        self.assertLessEqual(large, small + 10, f"{small} queries for 40 requests, {large} for 160")

    def test_compliance_figures(self):
        """Known data set: due on 31 Jan (done 30 Jan: on time), 28 Feb (done
        2 Mar: late), 31 Mar (done on the day: on time), 30 Apr (not done,
        due), 31 May (not due yet) for pump 1; the elevator's task of
        another system is due on 15 Feb and done on time."""
        plan = self._create_plan(
            {"interval_number": 1, "interval_unit": "month", "date_start": "2026-01-31"},
            equipment_ids=[Command.set(self.pump_1.ids)],
        )
        plan_elevator = self._create_plan(
            {"interval_number": 3, "interval_unit": "month", "date_start": "2026-02-15"},
            equipment_ids=[Command.set(self.elevator.ids)],
            name="PMT elevator plan",
        )
        plan.task_ids._generate_requests(date(2026, 1, 1), date(2026, 5, 31))
        plan_elevator.task_ids._generate_requests(date(2026, 1, 1), date(2026, 2, 28))
        requests = {r.plan_due_date: r for r in self._requests(plan)}
        closes = {
            date(2026, 1, 31): "2026-01-30",
            date(2026, 2, 28): "2026-03-02",
            date(2026, 3, 31): "2026-03-31",
        }
        for due, closed in closes.items():
            with freeze_time(closed):
                requests[due].stage_id = self.stage_done
        with freeze_time("2026-02-14"):
            self._requests(plan_elevator).stage_id = self.stage_done
        self.assertEqual(requests[date(2026, 2, 28)].close_date, date(2026, 3, 2))
        self.assertEqual(requests[date(2026, 1, 31)].on_time_pct, 100.0)
        self.assertEqual(requests[date(2026, 2, 28)].on_time_pct, 0.0)

        Request = self.env["maintenance.request"]
        domain = [("estate_id", "=", self.estate.id)]
        with freeze_time("2026-05-15"):
            by_estate = Request._get_compliance(domain)
            by_system = Request._get_compliance(domain, groupby=("system",))
            by_month = Request._get_compliance(
                [("plan_id", "=", plan.id)], groupby=("plan_due_date:month",)
            )
        due, on_time, rate = by_estate[(self.estate,)]
        self.assertEqual((due, on_time), (5, 3))
        self.assertAlmostEqual(rate, 60.0)
        self.assertEqual(by_system[("water",)][:2], (4, 2))
        self.assertAlmostEqual(by_system[("water",)][2], 50.0)
        self.assertEqual(by_system[("elevator",)][:2], (1, 1))
        self.assertEqual(
            {month.month: figures[:2] for (month,), figures in by_month.items()},
            {1: (1, 1), 2: (1, 0), 3: (1, 1), 4: (1, 0)},
        )
        # The xlsx export holds the same figures.
        with freeze_time("2026-05-15"):
            content = self._render_report_action(plan.action_export_compliance_xlsx())
        sheet = openpyxl.load_workbook(BytesIO(content)).active
        rows = list(sheet.iter_rows(min_row=2, values_only=True))
        self.assertIn(("PMT Lotus Garden", "Water Supply and Drainage", "2026-02", 1, 0, 0), rows)
        self.assertEqual(len(rows), 4)
