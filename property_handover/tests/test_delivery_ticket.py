from odoo.tests import tagged

from .common import HandoverCase


@tagged("post_install", "-at_install")
class TestDeliveryRepairTicket(HandoverCase):
    """A defect found at a unit delivery becomes a repair ticket of
    property_helpdesk, linked back; takeover defects do not."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.owner = cls.env["res.partner"].create({"name": "PHT Owner Zhao"})
        cls.delivery = cls.env["property.handover.delivery"].create(
            {
                "unit_id": cls.unit_12.id,
                "partner_id": cls.owner.id,
                "checklist_id": cls.checklist.id,
                "user_id": cls.inspector.id,
            }
        )
        cls.delivery.action_start_inspection()

    def test_delivery_defect_becomes_ticket(self):
        drain = self.delivery.line_ids.filtered(lambda line: line.item_id == self.item_drain)
        drain.with_user(self.inspector).write({"result": "fail", "note": "PHT water stays"})
        defect = drain.defect_ids
        ticket = defect.ticket_id
        self.assertTrue(ticket, "the defect has its repair ticket")
        self.assertEqual(ticket.ticket_kind, "repair")
        self.assertEqual(ticket.unit_id, self.unit_12)
        self.assertEqual(ticket.estate_id, self.estate)
        self.assertEqual(ticket.partner_id, self.owner)
        self.assertIn(defect.name, ticket.name)
        self.assertIn("PHT water stays", ticket.description)
        self.assertEqual(ticket.handover_defect_ids, defect)
        self.assertEqual(defect.ticket_number, ticket.number)

        # Failing the check again does not open a second ticket.
        drain.write({"result": "fail", "note": "PHT still"})
        self.assertEqual(
            self.env["helpdesk.ticket"].search_count([("handover_defect_ids", "in", defect.ids)]), 1
        )

    def test_takeover_defect_has_no_ticket(self):
        self.project.action_start()
        line = self._line(self.item_facade, building=self.building_1)
        line.result = "fail"
        self.assertTrue(line.defect_ids)
        self.assertFalse(line.defect_ids.ticket_id)
