from odoo.exceptions import UserError
from odoo.tests import tagged

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
