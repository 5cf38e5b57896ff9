from odoo.exceptions import AccessError, ValidationError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import PropertyCase


@tagged("post_install", "-at_install")
class TestCommonArea(PropertyCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Area = cls.env["property.common.area"]
        cls.garden = Area.create(
            {"name": "PBT Central garden", "area_type": "garden", "estate_id": cls.estate_a.id}
        )
        cls.lobby = Area.create(
            {
                "name": "PBT Lobby",
                "area_type": "lobby",
                "estate_id": cls.estate_a.id,
                "building_id": cls.building_a1.id,
            }
        )
        cls.harbour_gate = Area.create(
            {"name": "PBT Harbour gate", "area_type": "gate", "estate_id": cls.estate_c.id}
        )

    def test_area_of_estate_and_building(self):
        self.assertEqual(self.lobby.display_name, "PBT Lotus Garden · PBT Tower 1 · PBT Lobby")
        self.assertEqual(self.garden.display_name, "PBT Lotus Garden · PBT Central garden")
        self.assertEqual(self.lobby.company_id, self.company_a)
        self.assertEqual(self.harbour_gate.company_id, self.company_b)
        self.assertEqual(self.estate_a.common_area_ids, self.garden | self.lobby)
        self.assertEqual(self.estate_a.common_area_count, 2)
        self.assertEqual(self.building_a1.common_area_ids, self.lobby)
        self.assertEqual(self.building_a1.common_area_count, 1)
        self.assertEqual(self.building_a2.common_area_count, 0)
        # the smart buttons open the areas of the estate, of the building
        Area = self.env["property.common.area"]
        action = self.estate_a.action_view_common_areas()
        self.assertEqual(Area.search(action["domain"]), self.garden | self.lobby)
        self.assertEqual(action["context"]["default_estate_id"], self.estate_a.id)
        action = self.building_a1.action_view_common_areas()
        self.assertEqual(Area.search(action["domain"]), self.lobby)
        self.assertEqual(action["context"]["default_building_id"], self.building_a1.id)
        # found by the name of its building or estate too
        self.assertIn(self.lobby, Area.search([("display_name", "ilike", "PBT Tower 1")]))

    def test_building_of_another_estate_refused(self):
        with self.assertRaisesMessage(ValidationError, "does not belong to estate"):
            self.env["property.common.area"].create(
                {
                    "name": "PBT Wrong lobby",
                    "estate_id": self.estate_a.id,
                    "building_id": self.building_b1.id,
                }
            )
        with self.assertRaisesMessage(ValidationError, "does not belong to estate"):
            self.lobby.building_id = self.building_b1
        self.assertEqual(self.lobby.building_id, self.building_a1)
        self.assertFalse(
            self.env["property.common.area"].search([("name", "=", "PBT Wrong lobby")])
        )

    @mute_logger("odoo.addons.base.models.ir_model")
    def test_user_reads_manager_configures(self):
        env = self.env(user=self.user_property)
        self.assertEqual(
            env["property.common.area"].search([("estate_id", "=", self.estate_a.id)]),
            self.garden | self.lobby,
        )
        with self.assertRaises(AccessError):
            env["property.common.area"].create(
                {"name": "PBT Desk gate", "estate_id": self.estate_a.id}
            )
        with self.assertRaises(AccessError):
            env["property.common.area"].browse(self.garden.id).write({"name": "PBT Park"})
        self.assertEqual(self.garden.name, "PBT Central garden")

        area = self.env(user=self.user_manager)["property.common.area"].create(
            {
                "name": "PBT Roof",
                "area_type": "roof",
                "estate_id": self.estate_a.id,
                "building_id": self.building_a2.id,
            }
        )
        self.assertEqual(self.building_a2.common_area_ids, area)
        area.unlink()
        self.assertFalse(area.exists())

    @mute_logger("odoo.addons.base.models.ir_rule")
    def test_user_of_another_company_cannot_read_the_area(self):
        user_b = self._create_user(
            "pbt_property_user_b",
            "property_base.group_property_user",
            company=self.company_b,
            estates=self.estate_c,
        )
        Area = self.env(user=user_b)["property.common.area"]
        areas = self.garden | self.lobby | self.harbour_gate
        self.assertEqual(Area.search([("id", "in", areas.ids)]), self.harbour_gate)
        self.assertEqual(Area.search_count([("id", "in", areas.ids)]), 1)
        with self.assertRaises(AccessError):
            Area.browse(self.lobby.id).read(["name"])
        # and company A's staff do not see company B's area
        with self.assertRaises(AccessError):
            self.env(user=self.user_property)["property.common.area"].browse(
                self.harbour_gate.id
            ).read(["name"])
