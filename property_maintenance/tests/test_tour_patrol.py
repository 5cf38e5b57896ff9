from odoo import Command
from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestTourPatrol(HttpCase):
    """A technician opens his patrol round from the Property menu and records
    it in the browser; he does not see the rounds of others."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        estate = cls.env["property.estate"].create({"name": "Tour Estate Camellia Court"})
        other_estate = cls.env["property.estate"].create({"name": "Tour Estate Birch Court"})
        cls.technician = new_test_user(
            cls.env,
            login="patrol_tour",
            groups="property_base.group_property_technician",
            property_estate_ids=[Command.set(estate.ids)],
        )
        colleague = new_test_user(
            cls.env,
            login="patrol_tour_colleague",
            groups="property_base.group_property_technician",
            property_estate_ids=[Command.set(estate.ids)],
        )
        pump = cls.env["maintenance.equipment"].create(
            {"name": "Tour pump", "estate_id": estate.id, "system": "water"}
        )
        checkpoint = cls.env["property.patrol.checkpoint"].create(
            {
                "name": "Tour pump room",
                "estate_id": estate.id,
                "equipment_id": pump.id,
                "item_ids": [
                    Command.create({"name": "Tour no leaks", "sequence": 1}),
                    Command.create(
                        {
                            "name": "Tour outlet pressure",
                            "item_type": "reading",
                            "min_value": 0.3,
                            "max_value": 0.6,
                            "sequence": 2,
                        }
                    ),
                ],
            }
        )
        route = cls.env["property.patrol.route"].create(
            {
                "name": "Tour plant-room round",
                "estate_id": estate.id,
                "checkpoint_ids": [Command.set(checkpoint.ids)],
            }
        )
        cls.round = cls.env["property.patrol.round"].create(
            {"route_id": route.id, "user_id": cls.technician.id}
        )
        # The colleague's round on the same route and a round of another
        # estate are not in the technician's list.
        cls.colleague_round = cls.env["property.patrol.round"].create(
            {"route_id": route.id, "user_id": colleague.id, "date": "2026-01-02"}
        )
        other_route = cls.env["property.patrol.route"].create(
            {"name": "Tour Birch round", "estate_id": other_estate.id}
        )
        cls.other_round = cls.env["property.patrol.round"].create(
            {"route_id": other_route.id, "user_id": cls.technician.id}
        )
        cls.pump = pump

    def test_patrol_round_tour(self):
        Round = self.env["property.patrol.round"].with_user(self.technician)
        self.assertEqual(Round.search([]), self.round)
        self.start_tour("/odoo", "property_maintenance_patrol_round_tour", login="patrol_tour")
        self.env.invalidate_all()
        self.assertEqual(self.round.state, "done")
        leak, pressure = self.round.result_ids
        self.assertEqual((leak.result, pressure.result), ("not_ok", "ok"))
        self.assertAlmostEqual(pressure.reading, 0.45)
        self.assertEqual(leak.note, "Water under the pump")
        self.assertEqual(leak.checked_at.date(), pressure.checked_at.date())
        self.assertEqual(self.round.request_ids, leak.request_id)
        self.assertEqual(leak.request_id.equipment_id, self.pump)
        self.assertEqual(leak.request_id.create_uid, self.technician)
        # The technician sees the request he raised, not the colleague's round.
        request = leak.request_id.with_user(self.technician)
        self.assertEqual(request.read(["name"])[0]["id"], request.id)
        self.assertEqual(self.colleague_round.state, "open")
