from unittest.mock import patch

from odoo import fields
from odoo.exceptions import AccessError
from odoo.tests import freeze_time, tagged

from odoo.addons.property_base.models.property_kpi import KpiPeriod

from .common import PropertyHelpdeskCase, utc

NOVEMBER = ("2026-11-01", "2026-11-30")
JUNE = ("2026-06-01", "2026-06-30")
TZ = "Asia/Shanghai"


@tagged("post_install", "-at_install")
class TestKpiService(PropertyHelpdeskCase):
    """The service figures of the dashboard (客户服务) on a hand-made month.

    Estate "PHT Garden" (2 units; hours Mon-Fri 9-12, 13-18; repair rule:
    respond in 2 working hours, resolve in 8; complaint rule: 24 h / 72 h
    round the clock), November 2026 (the 2nd is a Monday), China time:

    ===  =========  ===============  ==========  ===============  =========================
    #    kind       reported         response    work done        then
    ===  =========  ===============  ==========  ===============  =========================
    t1   repair     Mon 2nd 9:00     10:00 (1h)  13:00 (3 wh)     closed, rated 5
    t2   repair     Mon 2nd 9:00     12:00 late  Tue 12:00 (11)   closed, rated 2
    t3   complaint  Mon 2nd 9:00     9:30 (.5)   11:00 (2 h)      closed, visit satisfied
    t4   complaint  Mon 2nd 9:00     never       never            breached by the cron
    t5   inquiry    Mon 2nd 9:00     (no SLA rule: no clock)      open
    t6   repair     Wed 4th 9:00     10:00 (1h)  Thu 12:00 (3)    waited on the owner Wed
                                                                  11:00-Thu 11:00 (8 wh);
                                                                  closed, rated 4 but the
                                                                  visit found him unhappy
    t7   repair     Mon 9th 9:00     9:30 (.5)   10:00, closed;   reopened Tue 9:00, done
                                                 Tue 11:00 (10)   late, closed again; a
                                                                  visit asked, not done
    t9   repair     Mon 2nd 9:00     cancelled: in no figure
    ===  =========  ===============  ==========  ===============  =========================

    Estate "PHT Other Estate" (1 unit): t8, a repair reported on the 2nd,
    answered at 10:00, done at 11:00, closed and rated 1."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tz=TZ))
        cls.Kpi = cls.env["property.kpi"]
        cls.manager_garden = cls._create_user(
            "pht_kpi_manager",
            "property_base.group_property_manager",
            estates=cls.estate,
            tz=TZ,
        )
        create = cls.create_ticket
        with freeze_time(utc("2026-11-02 09:00")):
            cls.t1 = create(name="PHT KPI t1")
            cls.t2 = create(name="PHT KPI t2")
            complaint = {"ticket_kind": "complaint", "category_id": cls.cat_service.id}
            cls.t3 = create(name="PHT KPI t3", **complaint)
            cls.t4 = create(name="PHT KPI t4", **complaint)
            cls.t5 = create(name="PHT KPI t5", ticket_kind="inquiry", category_id=False)
            cls.t8 = create(
                name="PHT KPI t8", unit_id=cls.unit_far.id, partner_id=cls.owner.partner_id.id
            )
            cls.t9 = create(name="PHT KPI t9")
        for ticket in cls.t1 | cls.t2 | cls.t3 | cls.t8:
            ticket.work_description = "PHT done"
        with freeze_time(utc("2026-11-02 09:30")):
            cls.t3._dispatch_to(cls.clerk)
            cls.t9._move_to_state("cancelled")
        with freeze_time(utc("2026-11-02 10:00")):
            cls.t1._dispatch_to(cls.tech_1)
            cls.t8._dispatch_to(cls.tech_3)
        with freeze_time(utc("2026-11-02 11:00")):
            cls._finish(cls.t3)
            cls.t3._record_follow_up("satisfied")
            cls._finish(cls.t8)
            cls.t8._rate(1)
        with freeze_time(utc("2026-11-02 12:00")):
            cls.t2._dispatch_to(cls.tech_2)
        with freeze_time(utc("2026-11-02 13:00")):
            cls._finish(cls.t1)
            cls.t1._rate(5)
        with freeze_time(utc("2026-11-03 12:00")):
            cls._finish(cls.t2)
            cls.t2._rate(2)

        with freeze_time(utc("2026-11-04 09:00")):
            cls.t6 = create(name="PHT KPI t6", work_description="PHT done")
        with freeze_time(utc("2026-11-04 10:00")):
            cls.t6.action_start_work()
        with freeze_time(utc("2026-11-04 11:00")):
            cls.t6.action_wait_owner()
        with freeze_time(utc("2026-11-05 11:00")):
            cls.t6.action_resume()
        with freeze_time(utc("2026-11-05 12:00")):
            cls._finish(cls.t6)
            cls.t6._rate(4)
            cls.t6.action_request_follow_up()
            cls.t6._record_follow_up("unsatisfied")
        with freeze_time(utc("2026-11-06 10:00")):
            cls.env["helpdesk.ticket"]._cron_escalate_breached_tickets()

        with freeze_time(utc("2026-11-09 09:00")):
            cls.t7 = create(name="PHT KPI t7", work_description="PHT done")
        with freeze_time(utc("2026-11-09 09:30")):
            cls.t7._dispatch_to(cls.tech_1)
        with freeze_time(utc("2026-11-09 10:00")):
            cls._finish(cls.t7)
        with freeze_time(utc("2026-11-10 09:00")):
            cls.t7._reopen("PHT still leaking")
        with freeze_time(utc("2026-11-10 11:00")):
            cls._finish(cls.t7)
            cls.t7.action_request_follow_up()
        cls.env.flush_all()

    @classmethod
    def _finish(cls, ticket):
        ticket.action_work_done()
        ticket.action_owner_confirm()

    def _values(self, key, estates, *periods, kpi=None):
        return (kpi or self.Kpi)._kpi_compute(
            key,
            estates,
            [KpiPeriod(*map(fields.Date.to_date, period)) for period in periods],
        )

    def _value(self, key, estates=None):
        [value] = self._values(key, estates or self.estate, NOVEMBER)
        return value

    def test_the_month_as_recorded(self):
        """The clocks of the table, as the tickets recorded them."""
        self.assertEqual((self.t2.response_breached, self.t2.resolution_breached), (True, True))
        self.assertEqual((self.t4.response_breached, self.t4.resolution_breached), (True, True))
        self.assertFalse(self.t6.resolution_breached)
        self.assertTrue(self.t7.resolution_breached)
        self.assertEqual(self.t9.property_state, "cancelled")
        tickets = self.t1 | self.t2 | self.t3 | self.t4 | self.t5 | self.t6 | self.t7
        self.assertEqual(
            tickets.filtered(lambda t: t.sla_status == "breached"), self.t2 | self.t4 | self.t7
        )

    def test_ticket_count_by_kind(self):
        """Reported in November in PHT Garden: t1-t7 (t9 cancelled): 4
        repairs, 2 complaints, 1 inquiry; with the other estate, t8 too."""
        value = self._value("ticket_count")
        self.assertEqual(value["value"], 7)
        self.assertEqual(
            {part["key"]: part["value"] for part in value["parts"]},
            {"repair": 4, "complaint": 2, "inquiry": 1, "suggestion": 0},
        )
        self.assertEqual(self._value("ticket_count", self.estate | self.estate_other)["value"], 8)

    def test_on_time_rates(self):
        """Response: clocks stopped in November: t1, t3, t6, t7 on time; t2
        answered late, t4 never answered (breached on its deadline, the
        3rd): 4 ÷ 6. Resolution: t1, t3, t6 on time; t2 done late, t4
        breached open, t7 reopened and done late: 3 ÷ 6. A breached ticket
        is never on time, open or done."""
        self.assertAlmostEqual(self._value("response_on_time_rate"), 100 * 4 / 6)
        self.assertAlmostEqual(self._value("resolution_on_time_rate"), 100 * 3 / 6)
        # t8 of the other estate, on time both ways, only with its estate.
        self.assertAlmostEqual(
            self._value("resolution_on_time_rate", self.estate | self.estate_other), 100 * 4 / 7
        )

    def test_average_times_in_working_hours(self):
        """Response (rule tickets answered in November): t1 1, t2 3, t3 0.5,
        t6 1, t7 0.5 → 6 ÷ 5 = 1.2 h. Resolution (done in November): t1 3
        (lunch hour not worked), t2 11 (Mon 8 + Tue 3), t3 2 (24×7), t6 3
        (11 working hours, of which 8 waiting on the owner), t7 10 (from its
        report, across the reopening) → 29 ÷ 5 = 5.8 h."""
        self.assertAlmostEqual(self.t6.resolution_work_hours, 3.0)
        self.assertAlmostEqual(self.t6.resolution_time_hours, 27.0)  # wall clock
        self.assertAlmostEqual(self.t7.resolution_work_hours, 10.0)
        self.assertAlmostEqual(self._value("response_hours"), 1.2)
        self.assertAlmostEqual(self._value("resolution_hours"), 5.8)

    def test_reopen_rate(self):
        """Closed for the first time in November: t1, t2, t3, t6, t7; t7
        reopened since: 1 ÷ 5 = 20 %."""
        self.assertEqual(self.t7.first_closed_date, utc("2026-11-09 10:00"))
        self.assertEqual(self.t7.reopened_date, utc("2026-11-10 09:00"))
        self.assertEqual(self.t7.closed_date, utc("2026-11-10 11:00"))
        self.assertFalse(self.t1.reopened_date)
        self.assertAlmostEqual(self._value("reopen_rate"), 20.0)

    def test_reopening_by_a_move_of_stage_is_recorded(self):
        """A closed ticket dragged back to work in the kanban is reopened
        too; a ticket sent back before it was closed is not."""
        with freeze_time(utc("2026-11-20 10:00")):
            self.t1.stage_id = self.t1._get_property_stage("progress")
        self.assertEqual(self.t1.reopened_date, utc("2026-11-20 10:00"))
        self.assertEqual(self.t1.first_closed_date, utc("2026-11-02 13:00"))
        with freeze_time(utc("2026-11-20 11:00")):
            ticket = self.create_ticket(name="PHT KPI sent back", work_description="PHT done")
            ticket.action_work_done()
            ticket._reopen("PHT not done")
        self.assertEqual(ticket.reopen_count, 1)
        self.assertFalse(ticket.reopened_date)
        self.assertFalse(ticket.first_closed_date)
        # Now t1 and t7 of the five closed first in November are reopened.
        self.assertAlmostEqual(self._value("reopen_rate"), 40.0)

    def test_satisfaction_feedback_follow_up(self):
        """Closed in November: t1, t2, t3, t6, t7. Rated or visited: t1 (5),
        t2 (2), t3 (visit satisfied), t6 (4, but the visit unsatisfied):
        satisfied t1, t3 → 2 ÷ 4 = 50 %; feedback 4 ÷ 5 = 80 %. Need a
        visit: t3 (complaint), t6 and t7 (asked); done: t3, t6 → 2 ÷ 3."""
        self.assertAlmostEqual(self._value("satisfaction_rate"), 50.0)
        self.assertAlmostEqual(self._value("feedback_rate"), 80.0)
        self.assertAlmostEqual(self._value("follow_up_rate"), 100 * 2 / 3)
        # With t8 (rated 1): 2 ÷ 5.
        both = self.estate | self.estate_other
        self.assertAlmostEqual(self._value("satisfaction_rate", both), 40.0)

    def test_complaint_rate(self):
        """2 complaints on PHT Garden's 2 units: 100 per 100 units; with the
        other estate's unit: 2 ÷ 3 units. An estate without units: "—"."""
        self.assertAlmostEqual(self._value("complaint_rate"), 100.0)
        self.assertAlmostEqual(
            self._value("complaint_rate", self.estate | self.estate_other), 200 / 3
        )
        empty = self._create_estate("PHT KPI Empty", "PHT-E")
        self.assertIsNone(self._value("complaint_rate", empty))

    def test_period_without_tickets(self):
        """June 2026: no ticket: 0 tickets, no rate or average ("—"), 0
        complaints per 100 units."""
        for key in (
            "response_on_time_rate",
            "resolution_on_time_rate",
            "response_hours",
            "resolution_hours",
            "reopen_rate",
            "satisfaction_rate",
            "feedback_rate",
            "follow_up_rate",
        ):
            self.assertEqual(self._values(key, self.estate, JUNE), [None], key)
        self.assertEqual(self._values("ticket_count", self.estate, JUNE)[0]["value"], 0)
        self.assertEqual(self._values("complaint_rate", self.estate, JUNE), [0.0])

    def test_periods_in_one_call(self):
        """Several periods at once give each its own value: the quarter,
        June, and November."""
        values = self._values(
            "resolution_on_time_rate",
            self.estate,
            ("2026-10-01", "2026-12-31"),
            JUNE,
            NOVEMBER,
        )
        self.assertEqual(values[1], None)
        self.assertAlmostEqual(values[0], 50.0)
        self.assertAlmostEqual(values[2], 50.0)

    def test_dashboard_scope_and_lists(self):
        """PHT Garden's manager: the figures of PHT Garden only, each equal
        to the list it opens (counted as he sees it): the denominators of
        the rates, the tickets averaged, the complaints."""
        Kpi = self.env["property.kpi"].with_user(self.manager_garden)
        data = Kpi.get_dashboard(period_type="month", date="2026-11-15")
        figures = {f["key"]: f for s in data["sections"] for f in s["figures"]}
        self.assertEqual(figures["ticket_count"]["value"], 7)
        self.assertAlmostEqual(figures["satisfaction_rate"]["value"], 50.0)
        self.assertEqual(len(figures["response_on_time_rate"]["trend"]), 12)
        self.assertIsNone(figures["response_on_time_rate"]["last_year"])
        expected = {
            "ticket_count": (self.t1 | self.t2 | self.t3 | self.t4 | self.t5 | self.t6 | self.t7),
            "response_on_time_rate": self.t1 | self.t2 | self.t3 | self.t4 | self.t6 | self.t7,
            "resolution_on_time_rate": self.t1 | self.t2 | self.t3 | self.t4 | self.t6 | self.t7,
            "response_hours": self.t1 | self.t2 | self.t3 | self.t6 | self.t7,
            "resolution_hours": self.t1 | self.t2 | self.t3 | self.t6 | self.t7,
            "reopen_rate": self.t1 | self.t2 | self.t3 | self.t6 | self.t7,
            "satisfaction_rate": self.t1 | self.t2 | self.t3 | self.t6,
            "feedback_rate": self.t1 | self.t2 | self.t3 | self.t6 | self.t7,
            "follow_up_rate": self.t3 | self.t6 | self.t7,
            "complaint_rate": self.t3 | self.t4,
        }
        Ticket = self.env["helpdesk.ticket"].with_user(self.manager_garden)
        for key, tickets in expected.items():
            action = Kpi.get_figure_action(key, period_type="month", date="2026-11-15")
            self.assertEqual(action["res_model"], "helpdesk.ticket")
            self.assertEqual(Ticket.search(action["domain"]), tickets, key)
        self.assertEqual(
            Ticket.search_count(Kpi.get_figure_action("ticket_count", date="2026-11-15")["domain"]),
            figures["ticket_count"]["value"],
        )
        with self.assertRaises(AccessError):
            Kpi.get_dashboard(estate_ids=self.estate_other.ids, date="2026-11-15")
        with self.assertRaises(AccessError):
            Kpi.get_figure_action("ticket_count", estate_ids=self.estate_other.ids)

    def test_field_staff_see_no_service_figures(self):
        """A technician sees only the tickets dispatched to him: the
        figures of whole estates are not his."""
        technician = self._create_user(
            "pht_kpi_technician", "property_base.group_property_technician", estates=self.estate
        )
        data = self.env["property.kpi"].with_user(technician).get_dashboard(date="2026-11-15")
        self.assertNotIn("service", [section["key"] for section in data["sections"]])

    def test_dashboard_shares_one_query(self):
        """The ten service figures of a dashboard read the tickets once."""
        Kpi = self.env["property.kpi"].with_user(self.manager_garden)
        Kpi.get_dashboard(date="2026-11-15")
        queries = []
        original = type(self.env.cr).execute

        def counting(cr, query, *args, **kwargs):
            if "helpdesk_ticket t" in str(query):
                queries.append(query)
            return original(cr, query, *args, **kwargs)

        with patch.object(type(self.env.cr), "execute", counting):
            Kpi.get_dashboard(date="2026-11-15")
        self.assertEqual(len(queries), 1)

    def test_report_agrees_with_the_dashboard(self):
        """The service KPI report (服务指标) of PHT Garden for November, as
        the pivot groups it: the dashboard's figures. It used to average a
        "timeliness" of the work done on time only, and showed 100 % with
        tickets breached: here every breached ticket (t2, t4, t7) has a row
        at 0 %."""
        Report = self.env["property.helpdesk.ticket.report"].with_user(self.manager_garden)
        measures = {
            "response_on_time_rate": "response_on_time_rate",
            "resolution_on_time_rate": "resolution_on_time_rate",
            "response_work_hours": "response_hours",
            "resolution_work_hours": "resolution_hours",
            "reopen_rate": "reopen_rate",
            "satisfaction_rate": "satisfaction_rate",
            "feedback_rate": "feedback_rate",
            "follow_up_rate": "follow_up_rate",
        }
        [(month, count, *values)] = Report.with_context(tz=TZ)._read_group(
            [("estate_id", "=", self.estate.id)],
            ["date:month"],
            ["ticket_count:sum", *(f"{measure}:avg" for measure in measures)],
        )
        self.assertEqual(str(month.date()), "2026-11-01")
        self.assertEqual(count, 7)
        for (measure, key), value in zip(measures.items(), values, strict=True):
            self.assertAlmostEqual(value, self._value(key), msg=measure)
        for ticket in self.t2 | self.t4 | self.t7:
            rates = Report.search(
                [("ticket_id", "=", ticket.id), ("event", "=", "resolution")]
            ).mapped("resolution_on_time_rate")
            self.assertEqual(rates, [0.0], ticket.name)
        # The estate's manager reads none of the other estate's rows.
        self.assertFalse(Report.search_count([("ticket_id", "=", self.t8.id)]))
