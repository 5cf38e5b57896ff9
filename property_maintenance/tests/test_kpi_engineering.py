from datetime import date

from odoo import Command, fields
from odoo.exceptions import AccessError
from odoo.tests import freeze_time, tagged

from odoo.addons.property_base.models.property_kpi import KpiPeriod

from .common import PropertyMaintenanceCase

FEBRUARY = ("2026-02-01", "2026-02-28")
MARCH = ("2026-03-01", "2026-03-31")
APRIL = ("2026-04-01", "2026-04-30")
MAY = ("2026-05-01", "2026-05-31")
# "Today" of every test: 5 April 2026 (April has not ended).
TODAY = "2026-04-05 12:00:00"


@tagged("post_install", "-at_install")
class TestKpiEngineering(PropertyMaintenanceCase):
    """The engineering figures of the dashboard (工程管理), each on a small
    data set of estate "PMT Lotus Garden" with a distractor in "PMT
    Riverside"; the values expected are worked out in each docstring."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.manager_a = cls._create_user(
            "pmt_kpi_manager_a",
            "property_base.group_property_manager",
            estates=cls.estate,
            tz="UTC",
        )
        cls.Kpi = cls.env["property.kpi"].with_context(tz="UTC")

    def _values(self, key, estates, *periods):
        return self.Kpi._kpi_compute(
            key,
            estates,
            [KpiPeriod(*map(fields.Date.to_date, period)) for period in periods],
        )

    def _plain(self, values):
        return [value["value"] if isinstance(value, dict) else value for value in values]

    def _dashboard_figure(self, key, day="2026-03-15"):
        """The figure ``key`` of March 2026 on the dashboard of estate A's
        manager, and the count of the list it opens, as he sees it."""
        Kpi = self.env["property.kpi"].with_user(self.manager_a)
        data = Kpi.get_dashboard(period_type="month", date=day)
        figures = {f["key"]: f for s in data["sections"] for f in s["figures"]}
        action = Kpi.get_figure_action(key, period_type="month", date=day)
        count = (
            self.env[action["res_model"]].with_user(self.manager_a).search_count(action["domain"])
        )
        return figures[key], count

    # ------------------------------------------------------------
    # Preventive plans
    # ------------------------------------------------------------

    def _done(self, requests, day):
        with freeze_time(day):
            requests.stage_id = self.stage_done

    def _plan_requests(self):
        """Pumps 1 and 2 monthly from 10 March, the elevator monthly from 20
        March (estate A), the Riverside pump monthly from 15 March.

        March: pump 1 done on 9 March (on time), pump 2 on 12 March (late),
        the elevator not done (overdue); Riverside done on time.
        April (today the 5th): pump 1 done early on 3 April; pump 2 and the
        elevator not due yet. May: nothing generated."""
        pumps = self._create_plan(
            {"interval_number": 1, "interval_unit": "month", "date_start": "2026-03-10"},
            equipment_ids=[Command.set((self.pump_1 | self.pump_2).ids)],
        )
        lift = self._create_plan(
            {"interval_number": 1, "interval_unit": "month", "date_start": "2026-03-20"},
            equipment_ids=[Command.set(self.elevator.ids)],
            name="PMT Lift plan",
        )
        river = self._create_plan(
            {"interval_number": 1, "interval_unit": "month", "date_start": "2026-03-15"},
            equipment_ids=[Command.set(self.pump_other.ids)],
            estate_id=self.estate_other.id,
            name="PMT River plan",
        )
        for plan in pumps | lift | river:
            plan.task_ids._generate_requests(date(2026, 3, 1), date(2026, 4, 30))
        Request = self.env["maintenance.request"]

        def request(plan, equipment, due):
            return Request.search(
                [
                    ("plan_id", "=", plan.id),
                    ("equipment_id", "=", equipment.id),
                    ("plan_due_date", "=", due),
                ]
            )

        self._done(request(pumps, self.pump_1, "2026-03-10"), "2026-03-09")
        self._done(request(pumps, self.pump_2, "2026-03-10"), "2026-03-12")
        self._done(request(river, self.pump_other, "2026-03-15"), "2026-03-14")
        self._done(request(pumps, self.pump_1, "2026-04-10"), "2026-04-03")

    @freeze_time(TODAY)
    def test_plan_completion_rate(self):
        """March: 3 due, 1 on time, 1 late, 1 overdue → 33.3 % (parts 33.3,
        33.3, 33.3); April: 1 due (done early), on time → 100 %; May:
        nothing due → None. Estates A and Riverside in March: 2 of 4 → 50 %."""
        self._plan_requests()
        march, april, may = self._values("plan_completion_rate", self.estate, MARCH, APRIL, MAY)
        self.assertAlmostEqual(march["value"], 100 / 3)
        self.assertEqual(
            [(part["key"], round(part["value"], 1)) for part in march["parts"]],
            [("on_time", 33.3), ("late", 33.3), ("not_done", 33.3)],
        )
        self.assertEqual(april["value"], 100.0)
        self.assertIsNone(may)
        both = self._values("plan_completion_rate", self.estate | self.estate_other, MARCH)
        self.assertEqual(self._plain(both), [50.0])
        figure, count = self._dashboard_figure("plan_completion_rate")
        self.assertAlmostEqual(figure["value"], 100 / 3)
        self.assertEqual(count, 3)  # the requests due: the denominator

    @freeze_time(TODAY)
    def test_plan_compliance_export_agrees(self):
        """The compliance export reads the dashboard's figures: March of
        the water system (pumps): 2 due, 1 on time; elevator: 1 due, 0. The
        compliance graph counts March's requests by status: 1 on time, 1
        late, 1 not done (it drew the average of a 0/100 indicator, nothing
        at all for a month without a request done on time)."""
        self._plan_requests()
        Request = self.env["maintenance.request"]
        periods = [KpiPeriod(date(2026, 3, 1), date(2026, 3, 31))]
        figures = Request._get_plan_compliance(self.estate, periods, by_estate_system=True)
        self.assertEqual(
            figures,
            {
                (0, self.estate.id, "water"): (2, 1, 1),
                (0, self.estate.id, "elevator"): (1, 0, 0),
            },
        )
        graph = Request._read_group(
            Request._plan_due_domain(
                [
                    ("estate_id", "=", self.estate.id),
                    ("plan_due_date", ">=", "2026-03-01"),
                    ("plan_due_date", "<=", "2026-03-31"),
                ]
            ),
            ["plan_status"],
            ["__count"],
        )
        self.assertEqual(dict(graph), {"on_time": 1, "late": 1, "not_done": 1})

    # ------------------------------------------------------------
    # Statutory inspections
    # ------------------------------------------------------------

    @freeze_time(TODAY)
    def test_inspections(self):
        """Elevator of estate A: due 15 Feb passed late on 10 March, due 20
        March still planned, due 10 April planned; Riverside's pump due 1
        March, planned.
        Due: Feb 1, Mar 1, Apr 1, May 0. Overdue at the end: Feb 1 (the one
        passed late), Mar 1 (20 March), Apr (today the 5th) 1 (20 March; 10
        April is not due yet), May 1 (still 20 March, read today)."""
        Inspection = self.env["property.equipment.inspection"]
        values = {"equipment_id": self.elevator.id, "inspection_type": "elevator_annual"}
        Inspection.create(
            [
                dict(values, due_date="2026-02-15", state="done", done_date="2026-03-10"),
                dict(values, due_date="2026-03-20"),
                dict(values, due_date="2026-04-10"),
                {"equipment_id": self.pump_other.id, "due_date": "2026-03-01"},
            ]
        )
        periods = (FEBRUARY, MARCH, APRIL, MAY)
        self.assertEqual(self._values("inspection_due", self.estate, *periods), [1, 1, 1, 0])
        self.assertEqual(self._values("inspection_overdue", self.estate, *periods), [1, 1, 1, 1])
        both = self.estate | self.estate_other
        self.assertEqual(self._values("inspection_due", both, MARCH), [2])
        self.assertEqual(self._values("inspection_overdue", both, MARCH), [2])
        for key in ("inspection_due", "inspection_overdue"):
            figure, count = self._dashboard_figure(key)
            self.assertEqual((figure["value"], count), (1, 1), key)

    # ------------------------------------------------------------
    # Patrols
    # ------------------------------------------------------------

    def _route(self, equipment, name):
        estate = equipment.estate_id
        checkpoint = self.env["property.patrol.checkpoint"].create(
            {
                "name": f"{name} point",
                "estate_id": estate.id,
                "equipment_id": equipment.id,
                "item_ids": [
                    Command.create({"name": "No leaks", "item_type": "check", "sequence": 1}),
                    Command.create({"name": "Lights on", "item_type": "check", "sequence": 2}),
                ],
            }
        )
        return self.env["property.patrol.route"].create(
            {"name": name, "estate_id": estate.id, "checkpoint_ids": [Command.set(checkpoint.ids)]}
        )

    def test_patrols(self):
        """Estate A: round of 3 March finished with one check Not OK and one
        OK, round of 4 March left open, round of 10 April (after today, the
        5th) not counted; Riverside: a round of 3 March finished with two
        checks Not OK.
        March: 1 of 2 rounds → 50 %, 1 abnormal finding; April: no round up
        to today → None, 0 findings. Both estates in March: 2 of 3, 3
        findings."""
        Round = self.env["property.patrol.round"]
        route = self._route(self.pump_1, "PMT Route A")
        route_river = self._route(self.pump_other, "PMT Route R")
        with freeze_time("2026-03-03 12:00:00"):
            done, river = Round.create(
                [
                    {"route_id": route.id, "date": "2026-03-03"},
                    {"route_id": route_river.id, "date": "2026-03-03"},
                ]
            )
            done.result_ids[0].result = "not_ok"
            done.result_ids[1].result = "ok"
            river.result_ids.result = "not_ok"
            (done | river).action_done()
        Round.create(
            [
                {"route_id": route.id, "date": "2026-03-04"},
                {"route_id": route.id, "date": "2026-04-10"},
            ]
        )
        with freeze_time(TODAY):
            rates = self._values("patrol_completion_rate", self.estate, MARCH, APRIL)
            findings = self._values("patrol_abnormal_count", self.estate, MARCH, APRIL)
            both = self.estate | self.estate_other
            self.assertEqual(self._values("patrol_completion_rate", both, MARCH), [200 / 3])
            self.assertEqual(self._values("patrol_abnormal_count", both, MARCH), [3])
            rate, rounds = self._dashboard_figure("patrol_completion_rate")
            finding, results = self._dashboard_figure("patrol_abnormal_count")
        self.assertEqual(rates, [50.0, None])
        self.assertEqual(findings, [1, 0])
        self.assertEqual((rate["value"], rounds), (50.0, 2))
        self.assertEqual((finding["value"], results), (1, 1))

    # ------------------------------------------------------------
    # Repairs
    # ------------------------------------------------------------

    def _repair(self, estate, reported_at):
        return self.env["maintenance.request"].create(
            {
                "name": f"PMT repair {reported_at}",
                "maintenance_type": "corrective",
                "estate_id": estate.id,
                "reported_at": reported_at,
                "maintenance_team_id": self.team.id,
                "stage_id": self.stage_new.id,
            }
        )

    def _repairs(self):
        """Estate A:
        Q1 reported 1 March, repaired 2 March;
        Q2 reported 5 March, repaired 6 March, reopened 7 March, repaired
           again 9 March;
        Q3 reported 10 March, repaired 2 April;
        Q4 reported 20 February, open;
        Q5 reported 30 March, open.
        Riverside: Q6 reported 1 March, repaired 2 March, and Q7 reported 1
        March, open."""
        q1 = self._repair(self.estate, "2026-03-01 09:00:00")
        q2 = self._repair(self.estate, "2026-03-05 09:00:00")
        q3 = self._repair(self.estate, "2026-03-10 09:00:00")
        self._repair(self.estate, "2026-02-20 09:00:00")
        self._repair(self.estate, "2026-03-30 09:00:00")
        q6 = self._repair(self.estate_other, "2026-03-01 09:00:00")
        self._repair(self.estate_other, "2026-03-01 09:00:00")
        self._done(q1 | q6, "2026-03-02 12:00:00")
        self._done(q2, "2026-03-06 12:00:00")
        with freeze_time("2026-03-07 12:00:00"):
            q2.stage_id = self.stage_new
        self._done(q2, "2026-03-09 12:00:00")
        self._done(q3, "2026-04-02 12:00:00")
        self.assertEqual(q2.reopen_count, 1)

    def test_first_time_fix_rate(self):
        """March: Q1 and Q2 repaired, Q2 reopened → 1 of 2 = 50 %; April: Q3
        → 100 %; February: nothing repaired → None. Both estates in March:
        Q1, Q2, Q6 → 2 of 3."""
        self._repairs()
        with freeze_time(TODAY):
            values = self._values("first_time_fix_rate", self.estate, FEBRUARY, MARCH, APRIL)
            both = self._values("first_time_fix_rate", self.estate | self.estate_other, MARCH)
            figure, count = self._dashboard_figure("first_time_fix_rate")
        self.assertEqual(values, [None, 50.0, 100.0])
        self.assertEqual(both, [200 / 3])
        self.assertEqual((figure["value"], count), (50.0, 2))  # repaired: the denominator

    def test_open_repairs_by_age(self):
        """End of February: Q4 (8 days) → 1 (8-30). End of March: Q5 (1 day),
        Q3 (21 days, repaired after March), Q4 (39 days) → 3 (0-3: 1, 8-30:
        1, over 30: 1). April, read today the 5th: Q5 (6 days), Q4 (44
        days) → 2 (4-7: 1, over 30: 1). Both estates at the end of March: 4
        (Riverside's Q7, 30 days)."""
        self._repairs()
        with freeze_time(TODAY):
            feb, march, april = self._values(
                "open_repair_count", self.estate, FEBRUARY, MARCH, APRIL
            )
            both = self._values("open_repair_count", self.estate | self.estate_other, MARCH)
            figure, count = self._dashboard_figure("open_repair_count")

        def parts(value):
            return [part["value"] for part in value["parts"]]

        self.assertEqual((feb["value"], parts(feb)), (1, [0, 0, 1, 0]))
        self.assertEqual((march["value"], parts(march)), (3, [1, 0, 1, 1]))
        self.assertEqual((april["value"], parts(april)), (2, [0, 1, 0, 1]))
        self.assertEqual(parts(both[0]), [1, 0, 2, 1])
        self.assertEqual((figure["value"], count), (3, 3))

    # ------------------------------------------------------------
    # Scope and rights
    # ------------------------------------------------------------

    def test_scope(self):
        """Estate A's manager sees estate A's engineering figures; Riverside
        asked for by id is refused; a meter reader, who may not read
        inspections and patrols, gets none of their figures (Odoo's
        maintenance lets every employee read the requests of his estates:
        their figures stay)."""
        self._repairs()
        Kpi = self.env["property.kpi"].with_user(self.manager_a)
        with freeze_time(TODAY):
            data = Kpi.get_dashboard(period_type="month", date="2026-03-15")
        figures = {f["key"]: f for s in data["sections"] for f in s["figures"]}
        self.assertEqual(figures["open_repair_count"]["value"], 3)
        with self.assertRaises(AccessError):
            Kpi.get_dashboard(estate_ids=self.estate_other.ids)
        with self.assertRaises(AccessError):
            Kpi.get_figure_action("open_repair_count", estate_ids=self.estate_other.ids)
        reader = self._create_user(
            "pmt_kpi_reader", "property_base.group_property_meter_reader", estates=self.estate
        )
        data = self.env["property.kpi"].with_user(reader).get_dashboard()
        keys = {f["key"] for s in data["sections"] for f in s["figures"]}
        self.assertFalse(keys & {"inspection_due", "inspection_overdue", "patrol_completion_rate"})
        self.assertIn("open_repair_count", keys)
