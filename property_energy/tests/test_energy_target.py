from psycopg2 import IntegrityError

from odoo.exceptions import AccessError, ValidationError
from odoo.tests import TransactionCase, tagged
from odoo.tools import mute_logger

from .common import EnergyTestCommon


@tagged("post_install", "-at_install")
class TestEnergyTarget(EnergyTestCommon, TransactionCase):
    """Energy targets (能耗目标): bad input refused in Chinese, one target per
    estate, energy, meter and year, set by the estate manager of the estate."""

    def _target(self, **values):
        vals = {
            "estate_id": self.estate.id,
            "year": 2026,
            "meter_type": "electricity",
            "target_intensity": 0.45,
        }
        vals.update(values)
        return self.Target.create(vals)

    def test_name_and_quantity(self):
        target = self._target()
        self.assertEqual(target.name, "2026 PEN Garden 用电")
        self.assertEqual(target.target_quantity, 450.0)
        lift = self._target(target_intensity=0.0, meter_id=self.lift.id, target_quantity=350.0)
        self.assertEqual(lift.name, "2026 PEN Garden PEN lifts")
        self.assertEqual(lift.target_quantity, 350.0)

    def test_bad_input(self):
        cases = [
            ({"target_intensity": -0.1}, "不能为负"),
            ({"budget_amount": -1.0}, "不能为负"),
            ({"year": 26}, "2000"),
            ({"meter_id": self.other_meter.id, "target_intensity": 0.0}, "不是"),
            ({"meter_id": self.pump.id, "target_intensity": 0.0}, "PEN pump room"),
            ({"meter_id": self.lift.id}, "单位面积"),
        ]
        for values, message in cases:
            with self.subTest(values=values), self.assertRaises(ValidationError) as caught:
                self._target(**values)
            self.assertIn(message, str(caught.exception))
        self.assertFalse(self.Target.search([("estate_id", "=", self.estate.id)]))

    def test_one_target_per_year(self):
        self._target()
        self._target(meter_id=self.lift.id, target_intensity=0.0, target_quantity=300.0)
        self._target(year=2025)
        with mute_logger("odoo.sql_db"), self.assertRaises(IntegrityError), self.cr.savepoint():
            self._target(target_intensity=0.5)

    def test_rights(self):
        """The estate manager sets his estate's targets; the desk and the
        technicians read them; nobody sees another estate's."""
        mine = self._target()
        theirs = self._target(estate_id=self.other_estate.id)
        manager = self._create_user(
            "pen_target_manager", "property_base.group_property_manager", estates=self.estate
        )
        desk = self._create_user(
            "pen_target_desk", "property_base.group_property_user", estates=self.estate
        )
        technician = self._create_user(
            "pen_target_tech", "property_base.group_property_technician", estates=self.estate
        )
        for user in (manager, desk, technician):
            self.assertSeesOnly(user, "property.energy.target", mine, mine | theirs)
        mine.with_user(manager).budget_amount = 400.0
        self.assertEqual(mine.budget_amount, 400.0)
        for user in (desk, technician):
            with self.assertRaises(AccessError):
                mine.with_user(user).budget_amount = 1.0
        with self.assertRaises(AccessError):
            theirs.with_user(manager).budget_amount = 1.0
