from freezegun import freeze_time

from odoo.exceptions import AccessError
from odoo.tests import TransactionCase, tagged

from .common import EnergyTestCommon


@tagged("post_install", "-at_install")
class TestEnergyReport(EnergyTestCommon, TransactionCase):
    """The energy saving report (节能降耗): one row per estate, energy and
    month, its figures computed by hand from the readings of common/PEN."""

    def _row(self, month, meter_type="electricity", estate=None):
        rows = self.env["property.energy.report"].search(
            [
                ("estate_id", "=", (estate or self.estate).id),
                ("meter_type", "=", meter_type),
                ("date", "=", month),
            ]
        )
        self.assertLessEqual(len(rows), 1)
        return rows

    @freeze_time("2026-04-15")
    def test_consumption_target_last_year_and_cost(self):
        """March 2026: lifts 380 + lights 140 = 520 kWh (the master meter is
        left out), 0.52 kWh/m² over 1,000 m²; target 0.45 kWh/m² = 450 kWh,
        70 kWh (15.6 %) over; March 2025: 400 kWh, +30 %. The power bill of
        390.00 shared in March against a budget of 350.00: 40.00 over,
        0.75 per kWh."""
        target = self.Target.create(
            {
                "estate_id": self.estate.id,
                "year": 2026,
                "meter_type": "electricity",
                "target_intensity": 0.45,
                "budget_amount": 350.0,
            }
        )
        self.assertEqual(target.area, 1000.0)
        self.assertEqual(target.target_quantity, 450.0)
        self.assertEqual(target.uom, "kWh")
        self._supplier_bill(390.0)
        row = self._row("2026-03-01")
        self.assertEqual(row.consumption, 520.0)
        self.assertEqual(row.uom, "kWh")
        self.assertEqual(row.area, 1000.0)
        self.assertAlmostEqual(row.intensity, 0.52)
        self.assertAlmostEqual(row.target_intensity, 0.45)
        self.assertEqual(row.target_quantity, 450.0)
        self.assertAlmostEqual(row.variance, 70.0)
        self.assertAlmostEqual(row.variance_pct, 100 * 70 / 450)
        self.assertEqual(row.last_year_consumption, 400.0)
        self.assertAlmostEqual(row.yoy_pct, 30.0)
        self.assertEqual(row.cost, 390.0)
        self.assertEqual(row.budget_amount, 350.0)
        self.assertEqual(row.cost_variance, 40.0)
        self.assertAlmostEqual(row.unit_cost, 0.75)
        self.assertEqual(row.status, "over")
        # The energies are never added up: water has its own row, in m³,
        # without a target.
        water = self._row("2026-03-01", "water")
        self.assertEqual((water.consumption, water.uom), (36.0, "m³"))
        self.assertEqual(water.last_year_consumption, 40.0)
        self.assertAlmostEqual(water.yoy_pct, -10.0)
        self.assertEqual(water.status, "no_target")
        self.assertFalse(water.variance)
        # Within the target once it is raised to 0.55 kWh/m² (550 kWh).
        target.target_intensity = 0.55
        self.env.invalidate_all()
        self.assertEqual(self._row("2026-03-01").status, "within")
        self.assertAlmostEqual(self._row("2026-03-01").variance, -30.0)

    @freeze_time("2026-04-15")
    def test_rows_of_a_month(self):
        """A meter's first reading starts its count: February 2025 has no row.
        Target months come from the first month read up to the current one:
        April is there (not read yet), May is not. The other estate's
        consumption stays in its own row."""
        self.Target.create(
            {
                "estate_id": self.estate.id,
                "year": 2026,
                "meter_type": "electricity",
                "target_quantity": 500.0,
            }
        )
        rows = self.env["property.energy.report"].search(
            [("estate_id", "=", self.estate.id), ("meter_type", "=", "electricity")]
        )
        self.assertEqual(
            sorted(str(row.date) for row in rows),
            ["2025-03-01", "2026-01-01", "2026-02-01", "2026-03-01", "2026-04-01"],
        )
        january = self._row("2026-01-01")
        self.assertEqual(january.status, "not_read")
        self.assertFalse(january.variance)
        self.assertEqual(self._row("2026-04-01").status, "not_read")
        self.assertEqual(self._row("2025-03-01").status, "no_target")
        self.assertEqual(self._row("2026-03-01", estate=self.other_estate).consumption, 200.0)
        # Group totals add what adds up: the consumption and the targets.
        [(consumption, target)] = self.env["property.energy.report"]._read_group(
            [("estate_id", "=", self.estate.id), ("meter_type", "=", "electricity")],
            aggregates=["consumption:sum", "target_quantity:sum"],
        )
        self.assertEqual((consumption, target), (400.0 + 4400.0 + 520.0, 2000.0))

    @freeze_time("2026-04-15")
    def test_meter_target_on_readings(self):
        """The lifts' monthly target of 2026 (350 kWh) against their March
        readings (3,300 kWh since March 2025, then 380 kWh: 30 over); the
        first reading compares nothing, nor does 2025 (no target)."""
        self.Target.create(
            {
                "estate_id": self.estate.id,
                "year": 2026,
                "meter_type": "electricity",
                "meter_id": self.lift.id,
                "target_quantity": 350.0,
            }
        )
        readings = self.lift.reading_ids.sorted("date")
        self.assertEqual(
            [(r.energy_target, r.energy_variance) for r in readings],
            [(0.0, 0.0), (0.0, 0.0), (350.0, 2950.0), (350.0, 30.0)],
        )
        # A meter target does not count in the estate's row.
        self.assertFalse(self._row("2026-03-01").target_quantity)

    def test_estate_scoping(self):
        """An estate's staff see its rows only, a meter reader none."""
        self._supplier_bill(120.0, estate=self.other_estate)
        manager = self._create_user(
            "pen_energy_manager", "property_base.group_property_manager", estates=self.estate
        )
        technician = self._create_user(
            "pen_energy_tech", "property_base.group_property_technician", estates=self.estate
        )
        reader = self._create_user(
            "pen_energy_reader", "property_base.group_property_meter_reader", estates=self.estate
        )
        Report = self.env["property.energy.report"]
        rows = Report.search([("estate_id", "in", (self.estate | self.other_estate).ids)])
        own = rows.filtered(lambda row: row.estate_id == self.estate)
        self.assertTrue(own and rows - own)
        for user in (manager, technician):
            found = Report.with_user(user).search([("id", "in", rows.ids)])
            self.assertEqual(found.estate_id, self.estate, user.login)
            [(cost,)] = Report.with_user(user)._read_group(
                [("id", "in", rows.ids)], aggregates=["cost:sum"]
            )
            self.assertEqual(cost, 0.0, "the other estate's bill is not in the totals")
        with self.assertRaises(AccessError):
            Report.with_user(reader).search([])
