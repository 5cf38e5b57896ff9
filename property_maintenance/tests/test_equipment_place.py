from odoo.exceptions import ValidationError
from odoo.tests import Form, tagged

from .common import PropertyMaintenanceCase


@tagged("post_install", "-at_install")
class TestEquipmentPlace(PropertyMaintenanceCase):
    """Equipment stands in a common area of its estate (and building)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Area = cls.env["property.common.area"]
        cls.pump_room = Area.create(
            {
                "name": "PMT B1 pump room",
                "area_type": "plant_room",
                "estate_id": cls.estate.id,
                "building_id": cls.building_1.id,
            }
        )
        cls.car_park = Area.create(
            {"name": "PMT Car park", "area_type": "car_park", "estate_id": cls.estate.id}
        )
        cls.riverside_room = Area.create(
            {"name": "PMT Riverside plant room", "estate_id": cls.estate_other.id}
        )

    def test_equipment_located_in_a_common_area(self):
        self.pump_1.write({"common_area_id": self.pump_room.id, "location": "north wall"})
        self.assertEqual(self.pump_1.common_area_id, self.pump_room)
        self.assertEqual(self.pump_1.location, "north wall")
        # an estate-wide area suits equipment of any building of the estate
        self.pump_2.common_area_id = self.car_park
        self.transformer.common_area_id = self.car_park
        Equipment = self.env["maintenance.equipment"]
        self.assertEqual(
            Equipment.search([("common_area_id", "=", self.car_park.id)]),
            self.pump_2 | self.transformer,
        )

    def test_area_must_be_in_the_estate_of_the_equipment(self):
        with self.assertRaisesMessage(ValidationError, "is not in the estate of"):
            self.pump_1.common_area_id = self.riverside_room
        self.assertFalse(self.pump_1.common_area_id)
        with self.assertRaisesMessage(ValidationError, "is not in the estate of"):
            self.env["maintenance.equipment"].create(
                {
                    "name": "PMT Misplaced pump",
                    "estate_id": self.estate.id,
                    "common_area_id": self.riverside_room.id,
                }
            )
        # an area of a building is not the place of equipment of the whole estate
        with self.assertRaisesMessage(ValidationError, "is not in the building of"):
            self.transformer.common_area_id = self.pump_room
        self.assertFalse(
            self.env["maintenance.equipment"].search([("name", "=", "PMT Misplaced pump")])
        )

    def test_form_takes_estate_and_building_from_the_area(self):
        with Form(self.env["maintenance.equipment"]) as form:
            form.name = "PMT Booster pump"
            form.common_area_id = self.pump_room
            self.assertEqual(form.estate_id, self.estate)
            self.assertEqual(form.building_id, self.building_1)
        equipment = form.record
        self.assertEqual(equipment.common_area_id, self.pump_room)
        self.assertEqual(equipment.company_id, self.estate.company_id)
