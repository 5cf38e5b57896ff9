from odoo import Command
from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestTourPatrol(HttpCase):
    """A technician records a patrol round in the browser."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.technician = new_test_user(
            cls.env, login="patrol_tour", groups="property_base.group_property_user"
        )
        estate = cls.env["property.estate"].create({"name": "Tour Estate Camellia Court"})
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
        cls.pump = pump

    def test_patrol_round_tour(self):
        self.start_tour(
            "/odoo/action-property_maintenance.property_patrol_round_action",
            "property_maintenance_patrol_round_tour",
            login="patrol_tour",
        )
        self.env.invalidate_all()
        self.assertEqual(self.round.state, "done")
        leak, pressure = self.round.result_ids
        self.assertEqual((leak.result, pressure.result), ("not_ok", "ok"))
        self.assertAlmostEqual(pressure.reading, 0.45)
        self.assertEqual(self.round.request_ids, leak.request_id)
        self.assertEqual(leak.request_id.equipment_id, self.pump)
        self.assertEqual(leak.request_id.create_uid, self.technician)
