from odoo import Command
from odoo.exceptions import UserError, ValidationError
from odoo.tests import freeze_time, tagged

from .common import PropertyMaintenanceCase

# A 1×1 PNG
PIXEL = (
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk"
    "+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="
)


@tagged("post_install", "-at_install")
class TestPatrol(PropertyMaintenanceCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Area = cls.env["property.common.area"]
        cls.area_exit = Area.create(
            {
                "name": "PMT Fire exit 1F",
                "area_type": "fire_exit",
                "estate_id": cls.estate.id,
                "building_id": cls.building_1.id,
            }
        )
        cls.area_roof = Area.create(
            {"name": "PMT Roof", "area_type": "roof", "estate_id": cls.estate.id}
        )
        Checkpoint = cls.env["property.patrol.checkpoint"]
        cls.cp_pump = Checkpoint.create(
            {
                "name": "PMT B1 pump room",
                "estate_id": cls.estate.id,
                "building_id": cls.building_1.id,
                "equipment_id": cls.pump_1.id,
                "sequence": 1,
                "item_ids": [
                    Command.create({"name": "No leaks", "item_type": "check", "sequence": 1}),
                    Command.create(
                        {
                            "name": "Outlet pressure",
                            "item_type": "reading",
                            "uom": "MPa",
                            "min_value": 0.3,
                            "max_value": 0.6,
                            "sequence": 2,
                        }
                    ),
                ],
            }
        )
        cls.cp_exit = Checkpoint.create(
            {
                "name": "PMT Fire exit 1F",
                "estate_id": cls.estate.id,
                "building_id": cls.building_1.id,
                "common_area_id": cls.area_exit.id,
                "sequence": 2,
                "item_ids": [
                    Command.create({"name": "Exit clear", "item_type": "check"}),
                    Command.create({"name": "Photo of the exit", "item_type": "photo"}),
                ],
            }
        )
        cls.cp_roof = Checkpoint.create(
            {
                "name": "PMT Roof",
                "estate_id": cls.estate.id,
                "common_area_id": cls.area_roof.id,
                "item_ids": [Command.create({"name": "No cracks"})],
            }
        )
        cls.route = cls.env["property.patrol.route"].create(
            {
                "name": "PMT Daily plant round",
                "estate_id": cls.estate.id,
                "user_id": cls.user_technician.id,
                "team_id": cls.team.id,
                "checkpoint_ids": [Command.set((cls.cp_pump | cls.cp_exit).ids)],
                "next_date": "2026-04-01",
            }
        )

    def test_round_with_abnormal_result_raises_linked_request(self):
        patrol_round = self.route.action_create_round()
        patrol_round = self.env["property.patrol.round"].browse(patrol_round["res_id"])
        results = patrol_round.result_ids
        self.assertEqual(
            [(r.checkpoint_id.name, r.item_id.name) for r in results],
            [
                ("PMT B1 pump room", "No leaks"),
                ("PMT B1 pump room", "Outlet pressure"),
                ("PMT Fire exit 1F", "Exit clear"),
                ("PMT Fire exit 1F", "Photo of the exit"),
            ],
        )
        self.assertEqual(patrol_round.pending_count, 4)

        # The technician records the round from the phone.
        results = results.with_user(self.user_technician)
        results[0].result = "ok"
        results[1].reading = 0.12  # below the normal range
        results[2].result = "ok"
        results[3].photo = PIXEL
        self.assertEqual(results.mapped("result"), ["ok", "not_ok", "ok", "ok"])
        request = results[1].request_id
        self.assertTrue(request, "the abnormal reading raised a request at once")
        self.assertEqual(request.patrol_round_id, patrol_round)
        self.assertEqual(request.patrol_result_id, results[1])
        self.assertEqual(request.equipment_id, self.pump_1)
        self.assertEqual(request.estate_id, self.estate)
        self.assertEqual(request.source, "patrol")
        self.assertEqual(request.maintenance_type, "corrective")
        self.assertEqual(request.maintenance_team_id, self.team)
        self.assertIn("Outlet pressure", request.name)
        self.assertEqual(patrol_round.request_ids, request)
        self.assertEqual(patrol_round.abnormal_count, 1)
        self.assertEqual(self.pump_1.patrol_result_count, 2)
        self.assertFalse(results[0].request_id | results[2].request_id)

        # A second change of the abnormal result does not raise a second request
        results[1].note = "Valve half closed"
        results[1].reading = 0.1
        self.assertEqual(patrol_round.request_ids, request)

        patrol_round.with_user(self.user_technician).action_done()
        self.assertEqual(patrol_round.state, "done")
        with self.assertRaisesMessage(UserError, "finished round"):
            results[0].result = "not_ok"

    def test_result_for_checkpoint_not_on_route_refused(self):
        patrol_round = self.env["property.patrol.round"].create({"route_id": self.route.id})
        count = len(patrol_round.result_ids)
        with self.assertRaisesMessage(ValidationError, "is not on the route"):
            self.env["property.patrol.result"].with_user(self.user_technician).create(
                {
                    "round_id": patrol_round.id,
                    "checkpoint_id": self.cp_roof.id,
                    "item_id": self.cp_roof.item_ids.id,
                    "result": "not_ok",
                }
            )
        patrol_round.invalidate_recordset()
        self.assertEqual(len(patrol_round.result_ids), count)
        self.assertFalse(patrol_round.request_ids)

    def test_cannot_finish_with_pending_checks(self):
        patrol_round = self.env["property.patrol.round"].create({"route_id": self.route.id})
        patrol_round.result_ids[:3].write({"result": "ok"})
        with self.assertRaisesMessage(UserError, "1 checks without a result"):
            patrol_round.action_done()
        self.assertEqual(patrol_round.state, "open")

    def test_cron_opens_rounds_once(self):
        Round = self.env["property.patrol.round"]
        with freeze_time("2026-04-01"):
            self._run_cron("property_maintenance.ir_cron_create_patrol_rounds")
            self._run_cron("property_maintenance.ir_cron_create_patrol_rounds")
        rounds = Round.search([("route_id", "=", self.route.id)])
        self.assertEqual(len(rounds), 1)
        self.assertEqual(str(rounds.date), "2026-04-01")
        self.assertEqual(rounds.user_id, self.user_technician)
        self.assertEqual(len(rounds.result_ids), 4)
        self.assertEqual(str(self.route.next_date), "2026-04-02")

    def test_reading_range_and_route_estate_checked(self):
        with self.assertRaisesMessage(ValidationError, "ends before it starts"):
            self.cp_roof.item_ids.write({"item_type": "reading", "min_value": 5, "max_value": 1})
        with self.assertRaisesMessage(ValidationError, "must be in its estate"):
            self.env["property.patrol.route"].create(
                {
                    "name": "PMT wrong",
                    "estate_id": self.estate_other.id,
                    "checkpoint_ids": [Command.set(self.cp_roof.ids)],
                }
            )

    def test_checkpoint_is_an_equipment_or_a_common_area_of_its_estate(self):
        Checkpoint = self.env["property.patrol.checkpoint"]
        self.assertEqual(self.cp_exit.area_type, "fire_exit")
        self.assertEqual(self.cp_exit.building_id, self.building_1)
        with self.assertRaisesMessage(ValidationError, "Choose the equipment or the common area"):
            Checkpoint.create({"name": "PMT Nowhere", "estate_id": self.estate.id})
        with self.assertRaisesMessage(ValidationError, "Choose the equipment or the common area"):
            self.cp_exit.common_area_id = False
        far_area = self.env["property.common.area"].create(
            {"name": "PMT Riverside gate", "area_type": "gate", "estate_id": self.estate_other.id}
        )
        with self.assertRaisesMessage(ValidationError, "common area of the checkpoint .* not in"):
            Checkpoint.create(
                {
                    "name": "PMT Far gate",
                    "estate_id": self.estate.id,
                    "common_area_id": far_area.id,
                }
            )
        with self.assertRaisesMessage(ValidationError, "equipment of the checkpoint .* not in"):
            self.cp_pump.equipment_id = self.pump_other
        self.assertEqual(self.cp_pump.equipment_id, self.pump_1)
        self.assertFalse(Checkpoint.search([("name", "in", ("PMT Nowhere", "PMT Far gate"))]))

    def test_checkpoint_equipment_stands_in_its_area(self):
        pump_room = self.env["property.common.area"].create(
            {
                "name": "PMT B1 pump room",
                "area_type": "plant_room",
                "estate_id": self.estate.id,
                "building_id": self.building_1.id,
            }
        )
        self.pump_1.common_area_id = pump_room
        # an equipment in its area: both on one checkpoint
        self.cp_pump.common_area_id = pump_room
        self.assertEqual(self.cp_pump.area_type, "plant_room")
        # but not an equipment standing in another area
        with self.assertRaisesMessage(ValidationError, "is in .*PMT B1 pump room, not in"):
            self.cp_pump.common_area_id = self.area_exit
        self.assertEqual(self.cp_pump.common_area_id, pump_room)
        # a new checkpoint on the area alone takes its building
        checkpoint = self.env["property.patrol.checkpoint"].create(
            {
                "name": "PMT Pump room walls",
                "estate_id": self.estate.id,
                "common_area_id": pump_room.id,
            }
        )
        self.assertEqual(checkpoint.building_id, self.building_1)
