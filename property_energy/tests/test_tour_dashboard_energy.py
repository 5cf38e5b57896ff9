from odoo import fields
from odoo.tests import HttpCase, tagged

from .common import EnergyTestCommon


@tagged("post_install", "-at_install")
class TestTourDashboardEnergy(EnergyTestCommon, HttpCase):
    """The manager of PEN Garden and PEO Garden, in Chinese, reads the
    electricity per m² (单位面积用电) of the month on the dashboard, narrows
    it to PEN Garden and opens the energy saving rows behind it (tablet
    width).

    The common meters of ``EnergyTestCommon`` (last read on 31 March 2026)
    read again today (the browser's day: Odoo runs it in UTC, as the
    manager's time zone here):
        PEN Garden (1,000 m²)  lifts 4,980 → 5,360 (380 kWh), lights 1,840 →
                               1,985 (145 kWh), the tower-1 master meter
                               37,000 → 46,000 (left out of the totals)
        PEO Garden (500 m²)    lights 300 → 600 (300 kWh)

    Both estates: (525 + 300) ÷ (1,000 + 500) = 0.550 kWh/m²; PEN Garden:
    525 ÷ 1,000 = 0.525 kWh/m², consumption 525; its list: one row, PEN
    Garden's electricity of the month, 525 kWh."""

    browser_size = "1024x768"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("zh_CN")
        today = fields.Date.today()
        cls.env["property.meter.reading"].create(
            [
                {"meter_id": meter.id, "date": today, "value": value}
                for meter, value in (
                    (cls.lift, 5360.0),
                    (cls.lights, 1985.0),
                    (cls.master, 46000.0),
                    (cls.other_meter, 600.0),
                )
            ]
        )
        cls._create_user(
            "pen_dashboard_tour",
            "property_base.group_property_manager",
            estates=cls.estate | cls.other_estate,
            lang="zh_CN",
            tz="UTC",
            action_id=cls.env.ref("property_base.action_property_home").id,
        )

    def test_electricity_per_m2(self):
        self.start_tour(
            "/odoo",
            "property_energy_dashboard_energy_tour",
            login="pen_dashboard_tour",
        )
