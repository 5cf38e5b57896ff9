from freezegun import freeze_time

from odoo import fields
from odoo.exceptions import AccessError
from odoo.tests import TransactionCase, tagged

from odoo.addons.property_base.models.property_kpi import KpiPeriod

from .common import EnergyTestCommon

JANUARY_2026 = ("2026-01-01", "2026-01-31")
MARCH_2026 = ("2026-03-01", "2026-03-31")
MARCH_2025 = ("2025-03-01", "2025-03-31")
Q1_2026 = ("2026-01-01", "2026-03-31")


@tagged("post_install", "-at_install")
class TestKpiEnergy(EnergyTestCommon, TransactionCase):
    """The energy figures of the dashboard (能耗): per m² of gross area, one
    figure per energy, worked out by hand from the readings of
    ``EnergyTestCommon`` (PEN: 1,000 m²; PEO: 500 m²)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Target.create(
            {
                "estate_id": cls.estate.id,
                "year": 2026,
                "meter_type": "electricity",
                "target_intensity": 0.5,
            }
        )
        cls.manager_pen = cls._create_user(
            "pen_kpi_manager", "property_base.group_property_manager", estates=cls.estate
        )
        cls.Kpi = cls.env["property.kpi"]

    def _values(self, key, estates, *periods):
        return self.Kpi._kpi_compute(
            key, estates, [KpiPeriod(*map(fields.Date.to_date, period)) for period in periods]
        )

    @freeze_time("2026-04-15")
    def test_electricity_per_m2(self):
        """March 2026: 520 kWh ÷ 1,000 m² = 0.52 kWh/m², target 500 kWh ÷
        1,000 = 0.5; March 2025: 400 ÷ 1,000 = 0.4 (no target that year);
        Q1 2026: February 4,400 + March 520 = 4,920 kWh → 4.92, target of
        the two months read 1,000 → 1.0; January 2026: nothing read → None.
        Water is its own figure: 36 m³ ÷ 1,000 m² = 0.036 m³/m²."""
        march, last_year, quarter, january = self._values(
            "energy_intensity_electricity",
            self.estate,
            MARCH_2026,
            MARCH_2025,
            Q1_2026,
            JANUARY_2026,
        )
        self.assertAlmostEqual(march["value"], 0.52)
        parts = {part["key"]: part["value"] for part in march["parts"]}
        self.assertAlmostEqual(parts["target"], 0.5)
        self.assertAlmostEqual(parts["consumption"], 520.0)
        self.assertAlmostEqual(last_year["value"], 0.4)
        self.assertIsNone(last_year["parts"][0]["value"])
        self.assertAlmostEqual(quarter["value"], 4.92)
        self.assertAlmostEqual(quarter["parts"][0]["value"], 1.0)
        self.assertIsNone(january)
        [water] = self._values("energy_intensity_water", self.estate, MARCH_2026)
        self.assertAlmostEqual(water["value"], 0.036)

    @freeze_time("2026-04-15")
    def test_estates_together_and_scope(self):
        """PEN and PEO in March 2026: (520 + 200) kWh ÷ (1,000 + 500) m² =
        0.48. PEN's manager sees 0.52 (PEO's readings left out), PEO asked
        for by id is refused; the report rows behind the figure are PEN's
        March row, whose consumption ÷ area is the figure."""
        [both] = self._values(
            "energy_intensity_electricity", self.estate | self.other_estate, MARCH_2026
        )
        self.assertAlmostEqual(both["value"], 0.48)
        Kpi = self.Kpi.with_user(self.manager_pen)
        data = Kpi.get_dashboard(period_type="month", date="2026-03-10")
        figures = {f["key"]: f for s in data["sections"] for f in s["figures"]}
        self.assertAlmostEqual(figures["energy_intensity_electricity"]["value"], 0.52)
        self.assertAlmostEqual(figures["energy_intensity_electricity"]["last_year"], 0.4)
        self.assertAlmostEqual(figures["energy_intensity_water"]["value"], 0.036)
        self.assertEqual(
            [f["section"] for f in figures.values() if f["key"].startswith("energy_")],
            ["energy", "energy"],
        )
        action = Kpi.get_figure_action("energy_intensity_electricity", date="2026-03-10")
        rows = self.env[action["res_model"]].with_user(self.manager_pen).search(action["domain"])
        self.assertEqual(len(rows), 1)
        self.assertAlmostEqual(rows.consumption / rows.area, 0.52)
        with self.assertRaises(AccessError):
            Kpi.get_dashboard(estate_ids=self.other_estate.ids)

    @freeze_time("2026-04-15")
    def test_estate_without_area(self):
        """An estate without any area (a unit's gross area is positive in the
        database, so: an estate without units yet) with a common meter read
        in February and March (30 kWh): no figure per m² (None), and it is
        left out of the figure of several estates: PEN and it together,
        520 kWh ÷ 1,000 m² = 0.52 (not 550 ÷ 1,000)."""
        bare = self._create_estate("PEZ Bare", "PEZ")
        meter = self._meter("PEZ lights", "electricity", estate=bare)
        self.env["property.meter.reading"].create(
            [
                {"meter_id": meter.id, "date": "2026-02-28", "value": 10.0},
                {"meter_id": meter.id, "date": "2026-03-31", "value": 40.0},
            ]
        )
        self.assertEqual(self._values("energy_intensity_electricity", bare, MARCH_2026), [None])
        [both] = self._values("energy_intensity_electricity", self.estate | bare, MARCH_2026)
        self.assertAlmostEqual(both["value"], 0.52)
