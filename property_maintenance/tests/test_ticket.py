from odoo.exceptions import AccessError, UserError
from odoo.tests import Form, new_test_user, tagged

from .common import PropertyMaintenanceCase


@tagged("post_install", "-at_install")
class TestTicketToRequest(PropertyMaintenanceCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env.company.helpdesk_mgmt_ticket_auto_assign = False
        cls.ticket = cls.env["helpdesk.ticket"].create(
            {
                "name": "PMT Elevator stuck between floors",
                "description": "<p>Lift 1 stops between the 5th and 6th floors</p>",
                "ticket_kind": "repair",
                "estate_id": cls.estate.id,
                "location_type": "common",
                "location_note": "Tower 1, lift 1",
                "equipment_id": cls.elevator.id,
                "priority": "3",
            }
        )

    def test_ticket_becomes_request_and_closes_back(self):
        self.assertEqual(self.ticket.property_state, "new")
        action = self.ticket.action_create_maintenance_request()
        request = self.env["maintenance.request"].browse(action["res_id"])
        self.assertEqual(self.ticket.maintenance_request_ids, request)
        self.assertEqual(request.ticket_id, self.ticket)
        self.assertEqual(request.source, "ticket")
        self.assertEqual(request.maintenance_type, "corrective")
        self.assertEqual(request.equipment_id, self.elevator)
        self.assertEqual(request.estate_id, self.estate)
        self.assertEqual(request.priority, "3")
        self.assertEqual(request.target_hours, 4.0)
        self.assertEqual(request.user_id, self.user_technician)
        self.assertEqual(self.ticket.property_state, "progress")
        with self.assertRaisesMessage(UserError, "already has an open maintenance request"):
            self.ticket.action_create_maintenance_request()

        # The engineers repair it: the ticket is reported done with the diagnosis.
        request.diagnosis = "Door lock contact worn, replaced"
        request.stage_id = self.stage_done
        self.assertEqual(self.ticket.property_state, "done")
        self.assertEqual(self.ticket.work_description, "Door lock contact worn, replaced")
        self.assertTrue(self.ticket.work_done_date)

    def test_only_repair_tickets_about_equipment(self):
        self.ticket.equipment_id = False
        with self.assertRaisesMessage(UserError, "about a piece of equipment"):
            self.ticket.action_create_maintenance_request()
        self.assertFalse(self.ticket.maintenance_request_ids)


@tagged("post_install", "-at_install")
class TestTicketRequestAccess(PropertyMaintenanceCase):
    """A user with the rights of one side of the ticket ↔ request link only
    still does his work on his side, and reads nothing of the other."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env.company.helpdesk_mgmt_ticket_auto_assign = False
        # An engineer of the estate (field staff) without helpdesk rights: the
        # technician of the pumps.
        cls.engineer = cls._create_user(
            "pmt_field_engineer", "property_base.group_property_technician", name="PMT Engineer"
        )
        (cls.pump_1 | cls.pump_2).technician_user_id = cls.engineer
        cls.assertFalse(cls, cls.engineer.has_group("helpdesk_mgmt.group_helpdesk_user"))
        # A helpdesk agent who is no property user nor maintenance manager.
        cls.agent = new_test_user(
            cls.env,
            login="pmt_agent",
            name="PMT Agent",
            groups="helpdesk_mgmt.group_helpdesk_user",
        )
        cls.ticket = cls.env["helpdesk.ticket"].create(
            {
                "name": "PMT Pump 1 leaking",
                "description": "<p>Water under pump 1</p>",
                "ticket_kind": "repair",
                "estate_id": cls.estate.id,
                "location_type": "common",
                "location_note": "Tower 1, basement",
                "equipment_id": cls.pump_1.id,
                "user_id": cls.agent.id,
            }
        )
        action = cls.ticket.action_create_maintenance_request()
        cls.request = cls.env["maintenance.request"].browse(action["res_id"])

    def test_engineer_without_helpdesk_rights_creates_and_closes_requests(self):
        # His own request, made and closed in the form as he does it.
        form = Form(self.env["maintenance.request"].with_user(self.engineer))
        form.name = "PMT Pump 2 noisy bearing"
        form.equipment_id = self.pump_2
        form.maintenance_type = "corrective"
        own = form.save()
        self.assertEqual(own.estate_id, self.estate)
        own.stage_id = self.stage_done
        self.assertTrue(own.done_at)
        self.assertTrue(own.close_date)

        # The request made from a ticket: he repairs it, the ticket is reported done.
        request = self.request.with_user(self.engineer)
        self.assertEqual(request.user_id, self.engineer)
        with Form(request) as form:
            form.diagnosis = "Seal replaced"
            form.stage_id = self.stage_done
        self.assertTrue(self.request.done_at)
        self.assertEqual(self.ticket.property_state, "done")
        self.assertEqual(self.ticket.work_description, "Seal replaced")
        self.assertIn(self.request.name, self.ticket.message_ids[0].body)
        # ... without reading the ticket himself.
        with self.assertRaises(AccessError):
            request.read(["ticket_id"])
        with self.assertRaises(AccessError):
            self.ticket.with_user(self.engineer).read(["name"])

    def test_estate_manager_opens_the_ticket_of_a_request(self):
        """The desk and the estate managers work at helpdesk_mgmt's "own
        tickets" level: a ticket with its maintenance request opens in the
        form, with the count of its requests."""
        for login, group in (
            ("pmt_estate_manager", "property_base.group_property_manager"),
            ("pmt_desk", "property_base.group_property_user"),
        ):
            user = self._create_user(login, group, name=login)
            self.assertFalse(user.has_group("helpdesk_mgmt.group_helpdesk_user"))
            ticket = self.ticket.with_user(user)
            form = Form(ticket)
            self.assertEqual(form.equipment_id, self.pump_1)
            self.assertEqual(ticket.maintenance_request_count, 1)

    def test_agent_without_maintenance_rights_works_the_ticket(self):
        ticket = self.ticket.with_user(self.agent)
        self.assertFalse(self.request.with_user(self.agent).has_access("read"))
        # His ticket opens in the form (the request's side is left out) and he edits it.
        form = Form(ticket)
        self.assertEqual(form.equipment_id, self.pump_1)
        ticket.write({"priority": "3", "description": "<p>Water under pump 1, worse</p>"})
        self.assertEqual(ticket.priority, "3")
        self.assertEqual(ticket.property_state, "progress")
        # The request's figures are not his to see.
        self.assertEqual(ticket.maintenance_request_count, 0)
        ticket.message_post(body="Owner called again", message_type="comment")
        ticket.action_wait_owner()
        self.assertEqual(ticket.property_state, "waiting")
        ticket.action_resume()
        ticket.work_description = "Engineers replaced the seal"
        ticket.action_work_done()
        self.assertEqual(ticket.property_state, "done")
