from freezegun import freeze_time

from odoo.tests import HttpCase, tagged

from .common import EnergyTestCommon


@tagged("post_install", "-at_install")
class TestTourEnergy(EnergyTestCommon, HttpCase):
    """The estate manager, in Chinese, sets the electricity target of his
    estate in the browser and finds March over it in the energy saving
    report."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.manager = cls._create_user(
            "pen_energy_tour",
            "property_base.group_property_manager",
            estates=cls.estate,
            lang="zh_CN",
        )
        cls.env["res.lang"]._activate_lang("zh_CN")
        cls._supplier_bill(390.0)

    def test_set_target_and_read_report(self):
        with freeze_time("2026-04-15"):
            self.start_tour(
                "/odoo/action-property_energy.property_energy_target_action",
                "property_energy_target_tour",
                login="pen_energy_tour",
            )
        target = self.env["property.energy.target"].search([("estate_id", "=", self.estate.id)])
        self.assertEqual(len(target), 1)
        self.assertEqual(
            (target.year, target.meter_type, target.target_intensity, target.budget_amount),
            (2026, "electricity", 0.45, 350.0),
        )
        self.assertEqual(target.target_quantity, 450.0)
        self.assertEqual(target.create_uid, self.manager)
