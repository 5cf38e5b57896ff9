from odoo.fields import Command
from odoo.tests import HttpCase, tagged

from .common import PropertyHelpdeskCommon


@tagged("post_install", "-at_install")
class TestTourFieldWork(PropertyHelpdeskCommon, HttpCase):
    """A technician opens the ticket dispatched to him from his menu and
    records the result of his work in the browser."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setup_property_helpdesk()
        cls.plumber = cls._create_user(
            "pht_plumber",
            "property_base.group_property_technician",
            estates=cls.estate,
            name="PHT Plumber Li",
        )
        cls.team.user_ids = [Command.link(cls.plumber.id)]
        cls.ticket = cls.create_ticket(name="PHT Tour: radiator leaks")
        cls.ticket._dispatch_to(cls.plumber)
        # Another technician's ticket of the same estate stays out of his list.
        cls.other = cls.create_ticket(name="PHT Tour: door squeaks")
        cls.other._dispatch_to(cls.tech_1)

    def test_field_work_tour(self):
        self.assertEqual(self.ticket.property_state, "progress")
        self.start_tour("/odoo", "property_helpdesk_field_work_tour", login="pht_plumber")
        self.env.invalidate_all()
        self.assertEqual(self.ticket.property_state, "done")
        self.assertEqual(
            self.ticket.work_description,
            "Replaced the radiator valve and bled the circuit; no leak after 30 minutes.",
        )
        self.assertEqual(len(self.ticket.material_ids), 1)
        material = self.ticket.material_ids
        self.assertEqual(
            (material.name, material.quantity, material.uom_name),
            ("Radiator valve DN15", 2.0, "pcs"),
        )
        self.assertTrue(self.ticket.work_done_date)
        self.assertEqual(self.ticket.user_id, self.plumber)
        self.assertEqual(self.ticket.write_uid, self.plumber)
        self.assertEqual(self.other.property_state, "progress")
        self.assertFalse(self.other.work_description)
