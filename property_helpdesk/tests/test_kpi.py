from odoo.tests import freeze_time, tagged

from .common import PropertyHelpdeskCase, utc


@tagged("post_install", "-at_install")
class TestKpi(PropertyHelpdeskCase):
    """Service KPIs on a known set of tickets of estate "PHT Garden" (SLA
    rules: repair 8 working hours, complaint 72 h round the clock).

    ====  =========  ========  ==========  ======  ==========  ==========
    #     kind       response  work done   rule    on time     rating
    ====  =========  ========  ==========  ======  ==========  ==========
    t1    repair     1 h       4 h         repair  yes         5
    t2    repair     3 h       27 h        repair  no          2
    t3    complaint  0.5 h     2 h         compl.  yes         follow-up ok
    t4    complaint  -         -           compl.  (open)      -
    t5    inquiry    1 h       1 h         none    -           -
    ====  =========  ========  ==========  ======  ==========  ==========
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        with freeze_time(utc("2026-09-21 09:00")):
            cls.t1 = cls.create_ticket(name="PHT t1")
            cls.t2 = cls.create_ticket(name="PHT t2")
            cls.t3 = cls.create_ticket(
                name="PHT t3", ticket_kind="complaint", category_id=cls.cat_service.id
            )
            cls.t4 = cls.create_ticket(
                name="PHT t4", ticket_kind="complaint", category_id=cls.cat_service.id
            )
            cls.t5 = cls.create_ticket(name="PHT t5", ticket_kind="inquiry", category_id=False)
        for ticket in cls.t1 | cls.t2 | cls.t3:
            ticket.work_description = "PHT done"
        with freeze_time(utc("2026-09-21 09:30")):
            cls.t3._dispatch_to(cls.clerk)
        with freeze_time(utc("2026-09-21 10:00")):
            cls.t1._dispatch_to(cls.tech_1)
            cls.t5.stage_id = cls.env.ref("helpdesk_mgmt.helpdesk_ticket_stage_done")
        with freeze_time(utc("2026-09-21 11:00")):
            cls.t3.action_work_done()
            cls.t3.action_owner_confirm()
            cls.t3._record_follow_up("satisfied")
        with freeze_time(utc("2026-09-21 12:00")):
            cls.t2._dispatch_to(cls.tech_2)
        with freeze_time(utc("2026-09-21 13:00")):
            cls.t1.action_work_done()
            cls.t1.action_owner_confirm()
            cls.t1._rate(5)
        with freeze_time(utc("2026-09-22 12:00")):
            cls.t2.action_work_done()
            cls.t2.action_owner_confirm()
            cls.t2._rate(2)
        cls.env.flush_all()

    def _kpis(self, groupby, aggregates):
        Report = self.env["property.helpdesk.ticket.report"]
        return Report._read_group(
            [("estate_id", "=", self.estate.id)], groupby, [f"{a}:avg" for a in aggregates]
        )

    def test_ticket_figures(self):
        self.assertAlmostEqual(self.t2.response_time_hours, 3.0)
        self.assertAlmostEqual(self.t2.resolution_time_hours, 27.0)
        self.assertFalse(self.t2.resolved_on_time)
        self.assertTrue(self.t2.resolution_breached)
        self.assertTrue(self.t1.resolved_on_time)
        self.assertEqual(self.t5.closing_mode, "desk")

    def test_estate_kpis(self):
        """Rows of the SLA tickets only in the times and on-time rates (t5 has
        no rule); the times in working hours (t1: 9:00-13:00 is 3 hours, the
        lunch hour is not worked; t2: 8 on Monday + 3 on Tuesday); t4's
        clocks still run. Satisfaction: t1 (5) and t3 (visit) of t1, t2, t3."""
        [
            (
                estate,
                count,
                response,
                resolution,
                response_on_time,
                resolution_on_time,
                rating,
                satisfaction,
                closure,
                follow_up,
            )
        ] = self.env["property.helpdesk.ticket.report"]._read_group(
            [("estate_id", "=", self.estate.id)],
            ["estate_id"],
            [
                "ticket_count:sum",
                "response_work_hours:avg",
                "resolution_work_hours:avg",
                "response_on_time_rate:avg",
                "resolution_on_time_rate:avg",
                "rating:avg",
                "satisfaction_rate:avg",
                "complaint_closure_rate:avg",
                "follow_up_satisfaction_rate:avg",
            ],
        )
        self.assertEqual(estate, self.estate)
        self.assertEqual(count, 5)
        self.assertAlmostEqual(response, (1 + 3 + 0.5) / 3)
        self.assertAlmostEqual(resolution, (3 + 11 + 2) / 3)
        self.assertAlmostEqual(response_on_time, 200 / 3)
        self.assertAlmostEqual(resolution_on_time, 200 / 3)
        self.assertAlmostEqual(rating, 3.5)
        self.assertAlmostEqual(satisfaction, 200 / 3)
        self.assertAlmostEqual(closure, 50.0)
        self.assertAlmostEqual(follow_up, 100.0)

    def test_kpis_by_team_and_month(self):
        by_team = dict(
            (team, rate) for team, rate in self._kpis(["team_id"], ["resolution_on_time_rate"])
        )
        self.assertAlmostEqual(by_team[self.team], 50.0)
        self.assertAlmostEqual(by_team[self.team_service], 100.0)
        by_month = self._kpis(["date:month"], ["resolution_on_time_rate"])
        self.assertEqual(len(by_month), 1)
        by_kind = dict(self._kpis(["ticket_kind"], ["complaint_closure_rate"]))
        self.assertAlmostEqual(by_kind["complaint"], 50.0)
        self.assertFalse(by_kind["repair"])
