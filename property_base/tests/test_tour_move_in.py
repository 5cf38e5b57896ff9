from odoo.fields import Command
from odoo.tests import HttpCase, tagged

from .common import PropertyTestCommon


@tagged("post_install", "-at_install")
class TestTourMoveIn(PropertyTestCommon, HttpCase):
    """A desk clerk runs a move-in in the browser, from the unit to Done."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.desk_user = cls._create_user("desk_tour", "property_base.group_property_user")
        documents = cls.env["property.move.in.document"].create(
            [
                {"name": "Tour: property service agreement", "sequence": 1},
                {"name": "Tour: fire safety letter", "sequence": 2},
            ]
        )
        cls.estate = cls._create_estate(
            "Tour Estate Osmanthus Court",
            "TOURMI",
            move_in_document_ids=[Command.set(documents.ids)],
        )
        cls.unit = cls.env["property.unit"].create(
            {
                "estate_id": cls.estate.id,
                "code": "TOURMI-1208",
                "gross_area": 98.5,
                "state": "delivered",
            }
        )
        cls.owner = cls.env["res.partner"].create({"name": "Tour Owner Lin Xiaoyu"})
        cls.env["property.ownership"].create(
            {
                "unit_id": cls.unit.id,
                "partner_id": cls.owner.id,
                "date_start": "2024-03-01",
                "share": 100.0,
            }
        )

    def test_move_in_tour(self):
        self.start_tour("/odoo", "property_base_move_in_tour", login="desk_tour")

        # The browser wrote through other environments: read the database afresh.
        self.env.invalidate_all()
        move_in = self.env["property.move.in"].search([("unit_id", "=", self.unit.id)])
        self.assertEqual(len(move_in), 1)
        self.assertEqual(move_in.state, "done")
        self.assertEqual(move_in.partner_id, self.owner)
        self.assertEqual(move_in.create_uid, self.desk_user)
        self.assertTrue(move_in.identity_checked)
        self.assertEqual(move_in.identity_number, "110101199003071233")
        # the number typed at the move-in is the owner's
        self.assertEqual(self.owner.property_id_number, "110101199003071233")
        self.assertEqual(self.owner.property_id_type, "id_card")
        self.assertEqual(move_in.key_count, 3)
        self.assertEqual(len(move_in.document_line_ids), 2)
        self.assertTrue(all(move_in.document_line_ids.mapped("is_signed")))

        occupancy = self.env["property.occupancy"].search(
            [("unit_id", "=", self.unit.id), ("partner_id", "=", self.owner.id)]
        )
        self.assertEqual(len(occupancy), 1)
        self.assertEqual(occupancy.role, "owner_occupier")
        self.assertEqual(occupancy.move_in_id, move_in)
        self.assertEqual(move_in.occupancy_id, occupancy)
        self.assertTrue(occupancy.is_current)
        self.assertEqual(self.unit.state, "occupied")
        self.assertEqual(self.unit.current_resident_ids, self.owner)
