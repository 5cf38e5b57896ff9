from odoo.fields import Command
from odoo.tests import HttpCase, tagged

from .common import PropertyTestCommon


@tagged("post_install", "-at_install")
class TestTourDeskRegister(PropertyTestCommon, HttpCase):
    """The desk registers a new owner in the browser, typing his name, mobile
    and ID number, and runs his move-in."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.desk = cls._create_user(
            "desk_register_tour",
            "property_base.group_property_user",
            action_id=cls.env.ref("property_base.action_property_home").id,
        )
        document = cls.env["property.move.in.document"].create({"name": "Tour: service agreement"})
        cls.estate = cls._create_estate(
            "Tour Estate Magnolia Court",
            "TOURREG",
            move_in_document_ids=[Command.set(document.ids)],
        )
        cls.unit = cls._create_unit(cls.estate, "TOURREG-0802", 96.0, state="delivered")

    def test_desk_registers_an_owner_and_moves_him_in(self):
        self.start_tour("/odoo", "property_base_desk_register_tour", login="desk_register_tour")

        self.env.invalidate_all()
        owner = self.env["res.partner"].search([("name", "=", "Tour Owner Zhou Yun")])
        self.assertEqual(len(owner), 1)
        self.assertEqual(owner.create_uid, self.desk)
        self.assertEqual(owner.phone, "139 2468 1357")
        self.assertFalse(owner.is_company)
        self.assertEqual(owner.property_id_type, "id_card")
        self.assertEqual(owner.property_id_number, "11010519491231002X")

        ownership = owner.property_ownership_ids
        self.assertEqual(len(ownership), 1)
        self.assertEqual(ownership.unit_id, self.unit)
        self.assertEqual(ownership.share, 100.0)
        self.assertTrue(ownership.is_primary_payer)
        self.assertEqual(self.unit.current_payer_id, owner)

        move_in = self.env["property.move.in"].search([("unit_id", "=", self.unit.id)])
        self.assertEqual(len(move_in), 1)
        self.assertEqual(move_in.state, "done")
        self.assertEqual(move_in.partner_id, owner)
        self.assertEqual(move_in.role, "owner_occupier")
        self.assertEqual(move_in.key_count, 2)
        self.assertTrue(move_in.identity_checked)
        self.assertEqual(move_in.identity_number, "11010519491231002X")
        self.assertEqual(move_in.occupancy_id.partner_id, owner)
        self.assertEqual(self.unit.state, "occupied")
        self.assertEqual(self.unit.current_resident_ids, owner)
