from odoo.tests import HttpCase, tagged

from .common import PropertyTestCommon


@tagged("post_install", "-at_install")
class TestTourDashboard(PropertyTestCommon, HttpCase):
    """An estate manager of two estates, in Chinese, lands on the dashboard,
    narrows it to one estate, switches to the quarter and opens the units
    behind the figure (tablet width)."""

    browser_size = "1024x768"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("zh_CN")
        cls.estate_a = cls._create_estate("PBD 丹桂苑", "PBD-A")
        cls.estate_b = cls._create_estate("PBD 银杏湾", "PBD-B")
        tower_a = cls._create_building(cls.estate_a, "PBD A1", "1")
        tower_b = cls._create_building(cls.estate_b, "PBD B1", "1")
        for code in ("101", "102", "201"):
            cls._create_unit(tower_a, code)
        for code in ("101", "102"):
            cls._create_unit(tower_b, code)
        cls.manager = cls._create_user(
            "pbd_dashboard_tour",
            "property_base.group_property_manager",
            estates=cls.estate_a | cls.estate_b,
            lang="zh_CN",
            action_id=cls.env.ref("property_base.action_property_home").id,
        )

    def test_dashboard(self):
        self.start_tour("/odoo", "property_base_dashboard_tour", login="pbd_dashboard_tour")
