from odoo.exceptions import ValidationError
from odoo.tests import Form, freeze_time, tagged

from .common import PropertyHelpdeskCase, utc


@tagged("post_install", "-at_install")
class TestTicketPlace(PropertyHelpdeskCase):
    """An estate is required only on a ticket about a unit or a common area;
    an internal ticket (about no place) needs none, and the SLA clock and the
    escalation still work for it."""

    def _internal_ticket(self, **values):
        return self.create_ticket(unit_id=False, partner_id=False, **values)

    def test_internal_ticket_needs_no_estate(self):
        ticket = self._internal_ticket(name="PHT Office printer jammed")
        self.assertEqual(ticket.location_type, "none")
        self.assertFalse(ticket.estate_id)
        self.assertFalse(ticket._is_about_place())
        place_ticket = self.create_ticket()
        self.assertEqual(place_ticket.location_type, "unit")
        self.assertTrue(place_ticket._is_about_place())

    def test_ticket_about_a_place_needs_its_estate(self):
        with self.assertRaisesMessage(ValidationError, "about a unit or a common area"):
            self._internal_ticket(location_type="unit")
        ticket = self._internal_ticket(common_area_id=self.lobby.id)
        self.assertEqual(ticket.location_type, "common")
        self.assertEqual(ticket.estate_id, self.estate)
        with self.assertRaisesMessage(ValidationError, "choose its estate"):
            ticket.write({"common_area_id": False, "estate_id": False})
        self.assertEqual(ticket.estate_id, self.estate)

    def test_form_requires_the_estate_of_a_place(self):
        # The desk's menu opens new tickets about a unit: the estate is required.
        form = Form(self.env["helpdesk.ticket"].with_context(default_location_type="unit"))
        form.name = "PHT Leak"
        form.description = "Water on the floor"
        with self.assertRaisesRegex(AssertionError, "estate_id is a required field"):
            form.save()
        # helpdesk_mgmt's own form opens an internal ticket: no estate needed.
        form = Form(self.env["helpdesk.ticket"])
        self.assertEqual(form.location_type, "none")
        form.name = "PHT Access badge"
        form.description = "A new badge for the night guard"
        ticket = form.save()
        self.assertFalse(ticket.estate_id)

    def test_sla_of_an_internal_ticket_counts_in_company_hours(self):
        self.env.company.resource_calendar_id = self.calendar
        rule_estate = self.env["property.helpdesk.sla.rule"].create(
            {
                "name": "PHT Garden repair",
                "ticket_kind": "repair",
                "estate_ids": [self.estate.id],
                "response_hours": 1.0,
                "resolution_hours": 4.0,
            }
        )
        with freeze_time(utc("2026-09-25 17:00")):  # a Friday, one hour before closing
            ticket = self._internal_ticket()
            place_ticket = self.create_ticket()
        self.assertEqual(place_ticket.sla_rule_id, rule_estate)
        # The estate-specific rule does not fit a ticket about no estate.
        self.assertEqual(ticket.sla_rule_id, self.rule_repair)
        self.assertEqual(ticket.response_deadline, utc("2026-09-28 10:00"))
        self.assertEqual(ticket.resolution_deadline, utc("2026-09-28 17:00"))
        with freeze_time(utc("2026-09-28 09:40")):  # past 80% of the response time
            ticket.invalidate_recordset(["sla_status"])
            self.assertEqual(ticket.sla_status, "at_risk")

    def test_escalation_of_an_internal_ticket_goes_to_the_team_leader(self):
        self.env.company.property_lang = "zh_CN"
        with freeze_time(utc("2026-09-21 09:00")):
            ticket = self._internal_ticket(ticket_kind="complaint", category_id=self.cat_service.id)
        self.assertEqual(ticket.sla_rule_id, self.rule_complaint)
        Ticket = self.env["helpdesk.ticket"]
        with freeze_time(utc("2026-09-22 09:30")):
            Ticket._cron_escalate_breached_tickets()
        self.assertEqual(ticket.escalation_level, 1)
        with freeze_time(utc("2026-09-22 11:45")):
            Ticket._cron_escalate_breached_tickets()
        self.assertEqual(ticket.escalation_level, 2)
        escalations = ticket.activity_ids.filtered(
            lambda a: a.activity_type_id
            == self.env.ref("property_helpdesk.mail_activity_type_sla_escalation")
        )
        self.assertEqual(escalations.user_id, self.leader)
        self.assertEqual(len(escalations), 2)
        self.assertIn(
            "无项目经理：再次升级至班组长 PHT Leader",
            ticket.message_ids.mapped("body")[0],
        )
