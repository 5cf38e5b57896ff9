from odoo.exceptions import UserError, ValidationError
from odoo.tests import freeze_time, tagged

from .common import PropertyHelpdeskCase, utc


@tagged("post_install", "-at_install")
class TestSlaDeadlines(PropertyHelpdeskCase):
    """Deadlines in the estate's working hours (Mon-Fri 9-12, 13-18 China
    time, National Day week off) or round the clock."""

    def test_deadline_over_weekend(self):
        with freeze_time(utc("2026-09-25 17:00")):  # a Friday, one hour before closing
            ticket = self.create_ticket()
        self.assertEqual(ticket.sla_rule_id, self.rule_repair)
        self.assertEqual(ticket.sla_start_date, utc("2026-09-25 17:00"))
        # 1 h on Friday, 1 h on Monday morning.
        self.assertEqual(ticket.response_deadline, utc("2026-09-28 10:00"))
        # 1 h on Friday, 3 h Monday morning, 4 h Monday afternoon.
        self.assertEqual(ticket.resolution_deadline, utc("2026-09-28 17:00"))

    def test_deadline_over_night(self):
        with freeze_time(utc("2026-09-21 20:00")):  # Monday evening
            ticket = self.create_ticket()
        self.assertEqual(ticket.response_deadline, utc("2026-09-22 11:00"))
        # Tuesday 9-12 and 13-18 is 8 hours.
        self.assertEqual(ticket.resolution_deadline, utc("2026-09-22 18:00"))

    def test_deadline_over_public_holiday(self):
        with freeze_time(utc("2026-09-30 16:00")):  # Wednesday before National Day
            ticket = self.create_ticket()
        self.assertEqual(ticket.response_deadline, utc("2026-09-30 18:00"))
        # 2 h on Wednesday; October 1-7 are holidays; 6 h on Thursday the 8th.
        self.assertEqual(ticket.resolution_deadline, utc("2026-10-08 16:00"))

    def test_deadline_round_the_clock(self):
        with freeze_time(utc("2026-09-26 23:00")):  # Saturday night
            ticket = self.create_ticket(priority="3")
        self.assertEqual(ticket.sla_rule_id, self.rule_urgent)
        self.assertEqual(ticket.response_deadline, utc("2026-09-26 23:30"))
        self.assertEqual(ticket.resolution_deadline, utc("2026-09-27 03:00"))

    def test_most_specific_rule_and_no_rule(self):
        ticket = self.create_ticket(priority="3")
        self.assertEqual(ticket.sla_rule_id, self.rule_urgent)
        inquiry = self.create_ticket(ticket_kind="inquiry", category_id=False)
        self.assertFalse(inquiry.sla_rule_id)
        self.assertFalse(inquiry.resolution_deadline)
        self.assertEqual(inquiry.sla_status, "none")

    def test_status_on_track_at_risk_breached(self):
        with freeze_time(utc("2026-09-21 09:00")):
            ticket = self.create_ticket()
            ticket.action_start_work()  # responded at once
        # Resolution 8 h: at risk after 80% (6.4 h → 16:24), breached after 18:00.
        with freeze_time(utc("2026-09-21 16:00")):
            ticket.invalidate_recordset(["sla_status"])
            self.assertEqual(ticket.sla_status, "on_track")
            self.assertIn(
                ticket,
                self.env["helpdesk.ticket"].search(
                    [("sla_status", "=", "on_track"), ("id", "=", ticket.id)]
                ),
            )
        with freeze_time(utc("2026-09-21 17:00")):
            ticket.invalidate_recordset(["sla_status"])
            self.assertEqual(ticket.sla_status, "at_risk")
            self.assertIn(
                ticket,
                self.env["helpdesk.ticket"].search(
                    [("sla_status", "=", "at_risk"), ("id", "=", ticket.id)]
                ),
            )
        with freeze_time(utc("2026-09-21 18:30")):
            ticket.invalidate_recordset(["sla_status"])
            self.assertEqual(ticket.sla_status, "breached")
            self.assertIn(
                ticket,
                self.env["helpdesk.ticket"].search(
                    [("sla_status", "=", "breached"), ("id", "=", ticket.id)]
                ),
            )

    def test_pause_and_resume(self):
        with freeze_time(utc("2026-09-21 09:00")):  # Monday opening
            ticket = self.create_ticket()
            ticket.action_start_work()
        self.assertEqual(ticket.resolution_deadline, utc("2026-09-21 18:00"))
        with freeze_time(utc("2026-09-21 10:00")):
            ticket.action_wait_owner()
        self.assertEqual(ticket.property_state, "waiting")
        self.assertEqual(ticket.sla_status, "paused")
        with freeze_time(utc("2026-09-21 20:00")):
            # Past the deadline while paused: the cron leaves it alone.
            self.env["helpdesk.ticket"]._cron_escalate_breached_tickets()
            self.assertFalse(ticket.resolution_breached)
        with freeze_time(utc("2026-09-22 10:00")):
            ticket.action_resume()
            ticket.invalidate_recordset(["sla_status"])
            self.assertEqual(ticket.sla_status, "on_track")
        # Paused 10-12, 13-18 on Monday and 9-10 on Tuesday: 8 working hours.
        self.assertEqual(ticket.sla_pause_ids.mapped("date_start"), [utc("2026-09-21 10:00")])
        self.assertEqual(ticket.resolution_deadline, utc("2026-09-22 18:00"))
        # A second pause adds up with the first.
        with freeze_time(utc("2026-09-22 14:00")):
            ticket.action_wait_owner()
        with freeze_time(utc("2026-09-22 15:00")):
            ticket.action_resume()
        self.assertEqual(ticket.resolution_deadline, utc("2026-09-23 10:00"))

    def test_editing_never_restarts_the_clock(self):
        with freeze_time(utc("2026-09-21 09:00")):
            ticket = self.create_ticket()
        deadline = ticket.resolution_deadline
        with freeze_time(utc("2026-09-21 15:00")):
            ticket.write(
                {
                    "name": "PHT Leaking pipe, worse",
                    "description": "<p>Flooding</p>",
                    "location_note": "bathroom",
                }
            )
            self.assertEqual(ticket.resolution_deadline, deadline)
            self.assertEqual(ticket.sla_start_date, utc("2026-09-21 09:00"))
            # A new urgency changes the rule, counted from the same start.
            ticket.priority = "3"
        self.assertEqual(ticket.sla_rule_id, self.rule_urgent)
        self.assertEqual(ticket.resolution_deadline, utc("2026-09-21 13:00"))

    def test_rule_change_replans_open_tickets(self):
        with freeze_time(utc("2026-09-21 09:00")):
            open_ticket = self.create_ticket()
            done_ticket = self.create_ticket()
            done_ticket.write({"work_description": "PHT replaced the seal"})
            done_ticket.action_work_done()
        old_done_deadline = done_ticket.resolution_deadline
        self.rule_repair.resolution_hours = 16.0
        self.assertEqual(open_ticket.resolution_deadline, utc("2026-09-22 18:00"))
        self.assertEqual(done_ticket.resolution_deadline, old_done_deadline)
        # A more specific new rule takes over the open tickets it fits.
        rule_electric = self.env["property.helpdesk.sla.rule"].create(
            {
                "name": "PHT Electrical",
                "ticket_kind": "repair",
                "category_ids": [self.cat_electric.id],
                "response_hours": 1.0,
                "resolution_hours": 4.0,
                "calendar_mode": "always",
            }
        )
        self.assertEqual(open_ticket.sla_rule_id, rule_electric)
        self.assertEqual(open_ticket.resolution_deadline, utc("2026-09-21 13:00"))
        self.assertEqual(done_ticket.sla_rule_id, self.rule_repair)
        # Archiving it gives the ticket back to the general rule.
        rule_electric.active = False
        self.assertEqual(open_ticket.sla_rule_id, self.rule_repair)
        self.assertEqual(open_ticket.resolution_deadline, utc("2026-09-22 18:00"))

    def test_rule_targets_must_be_positive(self):
        Rule = self.env["property.helpdesk.sla.rule"]
        count = Rule.with_context(active_test=False).search_count([])
        for response, resolution in ((0.0, 8.0), (2.0, -1.0), (-2.0, 0.0)):
            with self.assertRaisesMessage(ValidationError, "must be more than zero hours"):
                Rule.create(
                    {
                        "name": "PHT Bad",
                        "ticket_kind": "repair",
                        "response_hours": response,
                        "resolution_hours": resolution,
                    }
                )
        self.assertEqual(Rule.with_context(active_test=False).search_count([]), count)
        with self.assertRaisesMessage(ValidationError, "must be more than zero hours"):
            self.rule_repair.response_hours = 0
        self.assertEqual(self.rule_repair.response_hours, 2.0)


@tagged("post_install", "-at_install")
class TestSlaEscalation(PropertyHelpdeskCase):
    def _escalations(self, ticket):
        return ticket.activity_ids.filtered(
            lambda a: a.activity_type_id
            == self.env.ref("property_helpdesk.mail_activity_type_sla_escalation")
        )

    def test_breach_and_two_level_escalation(self):
        # The scheduled action writes in the language of the company.
        self.env.company.property_lang = "zh_CN"
        with freeze_time(utc("2026-09-21 09:00")):
            ticket = self.create_ticket(
                ticket_kind="complaint", category_id=self.cat_service.id, unit_id=self.unit.id
            )
            on_time = self.create_ticket(ticket_kind="complaint", category_id=self.cat_service.id)
        self.assertEqual(ticket.team_id, self.team_service)
        self.assertEqual(ticket.response_deadline, utc("2026-09-22 09:00"))
        with freeze_time(utc("2026-09-21 12:00")):
            on_time.action_start_work()
            self.env["helpdesk.ticket"]._cron_escalate_breached_tickets()
        self.assertFalse(ticket.response_breached)
        self.assertFalse(self._escalations(ticket))

        with freeze_time(utc("2026-09-22 09:30")):
            self.env["helpdesk.ticket"]._cron_escalate_breached_tickets()
        self.assertTrue(ticket.response_breached)
        self.assertFalse(ticket.resolution_breached)
        self.assertEqual(ticket.sla_status, "breached")
        self.assertEqual(ticket.escalation_level, 1)
        self.assertEqual(self._escalations(ticket).user_id, self.leader)
        self.assertIn("已升级至班组长 PHT Leader", ticket.message_ids.mapped("body")[0])
        self.assertFalse(on_time.response_breached)
        self.assertEqual(on_time.escalation_level, 0)

        # Still open an hour later: not yet for the manager (after 2 h).
        with freeze_time(utc("2026-09-22 10:30")):
            self.env["helpdesk.ticket"]._cron_escalate_breached_tickets()
        self.assertEqual(ticket.escalation_level, 1)
        self.assertEqual(len(self._escalations(ticket)), 1)

        with freeze_time(utc("2026-09-22 11:45")):
            self.env["helpdesk.ticket"]._cron_escalate_breached_tickets()
        self.assertEqual(ticket.escalation_level, 2)
        self.assertEqual(self._escalations(ticket).user_id, self.leader | self.manager)
        self.assertIn("已升级至项目经理 PHT Manager", ticket.message_ids.mapped("body")[0])

        # Running again changes nothing.
        with freeze_time(utc("2026-09-22 13:00")):
            self.env["helpdesk.ticket"]._cron_escalate_breached_tickets()
        self.assertEqual(len(self._escalations(ticket)), 2)

        # The resolution target (72 h) breaches later: flagged, no third activity.
        with freeze_time(utc("2026-09-24 10:00")):
            self.env["helpdesk.ticket"]._cron_escalate_breached_tickets()
        self.assertTrue(ticket.resolution_breached)
        self.assertEqual(len(self._escalations(ticket)), 2)

    def test_ticket_done_before_the_manager_level_is_not_escalated_again(self):
        with freeze_time(utc("2026-09-21 09:00")):
            ticket = self.create_ticket(priority="3")  # respond in 30 min, 24x7
        with freeze_time(utc("2026-09-21 10:00")):
            self.env["helpdesk.ticket"]._cron_escalate_breached_tickets()
        self.assertEqual(ticket.escalation_level, 1)
        with freeze_time(utc("2026-09-21 10:30")):
            ticket.write({"work_description": "PHT fixed"})
            ticket.action_work_done()
        with freeze_time(utc("2026-09-21 13:00")):
            self.env["helpdesk.ticket"]._cron_escalate_breached_tickets()
        self.assertEqual(ticket.escalation_level, 1)
        self.assertTrue(ticket.response_breached)
        # Done within the 4 h resolution target.
        self.assertTrue(ticket.resolved_on_time)
        self.assertFalse(ticket.resolution_breached)


@tagged("post_install", "-at_install")
class TestSlaFieldsStayComputed(PropertyHelpdeskCase):
    """The deadlines, breaches, rule and clock times are the system's: a user
    cannot write them, over RPC neither, and the desk's own work still sets
    them."""

    def test_desk_cannot_fake_the_clock(self):
        ticket = self.create_ticket()
        deadline, rule = ticket.resolution_deadline, ticket.sla_rule_id
        self.assertTrue(deadline and rule)
        as_clerk = ticket.with_user(self.clerk).with_context(lang="zh_CN")
        for values in (
            {"resolution_deadline": "2030-01-01 00:00:00"},
            {"resolution_breached": False},
            {"sla_rule_id": False},
            {"first_response_date": "2020-01-01 00:00:00", "name": "PHT renamed"},
            {"escalation_level": 0},
        ):
            with self.assertRaisesText(UserError, "不能手工修改"):
                as_clerk.write(values)
        self.assertEqual(ticket.resolution_deadline, deadline)
        self.assertEqual(ticket.sla_rule_id, rule)
        self.assertEqual(ticket.name, "PHT Leaking pipe")

    def test_desk_cannot_backdate_a_new_ticket(self):
        Ticket = self.env["helpdesk.ticket"].with_user(self.clerk)
        count = Ticket.search_count([])
        with self.assertRaisesText(UserError, "SLA Start"):
            Ticket.create(
                {
                    "name": "PHT backdated",
                    "ticket_kind": "repair",
                    "unit_id": self.unit.id,
                    "partner_id": self.owner.partner_id.id,
                    "sla_start_date": "2020-01-01 08:00:00",
                }
            )
        self.assertEqual(Ticket.search_count([]), count)

    def test_desk_work_still_stamps_the_clock(self):
        ticket = self.create_ticket()
        ticket.with_user(self.clerk).user_id = self.techs[0]
        self.assertTrue(ticket.first_response_date)
        self.assertGreaterEqual(ticket.response_time_hours, 0.0)
