from odoo.fields import Command
from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestTourComplaint(HttpCase):
    """A desk clerk logs a complaint in the browser and dispatches it."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env.company.helpdesk_mgmt_ticket_auto_assign = False
        cls.clerk = new_test_user(
            cls.env,
            login="desk_tour_helpdesk",
            groups="helpdesk_mgmt.group_helpdesk_user,property_base.group_property_user",
        )
        cls.guard = new_test_user(
            cls.env,
            login="guard_tour",
            name="Tour Guard Qian",
            groups="helpdesk_mgmt.group_helpdesk_user_team",
        )
        cls.estate = cls.env["property.estate"].create({"name": "Tour Estate Pine"})
        cls.clerk.property_estate_ids = [Command.link(cls.estate.id)]
        cls.unit = cls.env["property.unit"].create(
            {"estate_id": cls.estate.id, "code": "TOURHD-0801", "gross_area": 88.0}
        )
        cls.owner = cls.env["res.partner"].create({"name": "Tour Owner Gao Min"})
        cls.env["property.ownership"].create(
            {"unit_id": cls.unit.id, "partner_id": cls.owner.id, "date_start": "2022-01-01"}
        )
        cls.team = cls.env["helpdesk.ticket.team"].create(
            {
                "name": "Tour Security",
                "user_ids": [Command.set((cls.guard | cls.clerk).ids)],
                "dispatch_rule": "manual",
            }
        )
        cls.category = cls.env["helpdesk.ticket.category"].create(
            {"name": "Tour Noise", "ticket_kind": "complaint", "property_team_id": cls.team.id}
        )
        cls.rule = cls.env["property.helpdesk.sla.rule"].create(
            {
                "name": "Tour Complaint",
                "ticket_kind": "complaint",
                "category_ids": [Command.set(cls.category.ids)],
                "response_hours": 24,
                "resolution_hours": 72,
                "calendar_mode": "always",
                "sequence": 1,
            }
        )

    def test_complaint_tour(self):
        action = self.env.ref("property_helpdesk.helpdesk_ticket_action_property")
        self.start_tour(
            f"/odoo/action-{action.id}",
            "property_helpdesk_complaint_tour",
            login="desk_tour_helpdesk",
        )
        self.env.invalidate_all()
        ticket = self.env["helpdesk.ticket"].search([("unit_id", "=", self.unit.id)])
        self.assertEqual(len(ticket), 1)
        self.assertEqual(ticket.ticket_kind, "complaint")
        self.assertEqual(ticket.partner_id, self.owner)
        self.assertEqual(ticket.team_id, self.team)
        self.assertEqual(ticket.user_id, self.guard)
        self.assertEqual(ticket.property_state, "progress")
        self.assertEqual(ticket.sla_rule_id, self.rule)
        self.assertTrue(ticket.first_response_date)
        self.assertEqual(ticket.create_uid, self.clerk)
