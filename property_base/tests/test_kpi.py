from odoo import fields
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from odoo.addons.property_base.models.property_kpi import KpiPeriod

from .common import PropertyCase


@tagged("post_install", "-at_install")
class TestKpi(PropertyCase):
    """The dashboard's figures (property.kpi): periods, estate scope, the
    figures of property_base, and the list behind each equal to it."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # Estate A: four units; at the end of March 2026, 1-1-101 and
        # 1-2-101 are lived in; 1-1-102's tenant left on 15 March.
        cls._create_occupancy(cls.unit_a1, cls.partner_li, "2025-01-01")
        cls._create_occupancy(cls.unit_a2, cls.partner_wang, "2025-06-01", "2026-03-15")
        cls._create_occupancy(cls.unit_a3, cls.partner_zhao, "2026-03-31")
        cls._create_occupancy(cls.unit_b1, cls.partner_chen, "2024-01-01")
        cls.manager_a = cls._create_user(
            "pbt_kpi_manager_a", "property_base.group_property_manager", estates=cls.estate_a
        )
        cls.Kpi = cls.env["property.kpi"]

    def _values(self, key, estates, *periods):
        return self.Kpi._kpi_compute(
            key, estates, [KpiPeriod(*map(self._date, period)) for period in periods]
        )

    def _date(self, value):
        return fields.Date.to_date(value)

    def test_periods(self):
        Kpi = self.Kpi.with_context(lang="zh_CN")
        self.env["res.lang"]._activate_lang("zh_CN")
        month = Kpi._kpi_period("month", "2026-03-18")
        self.assertEqual(tuple(map(str, month)), ("2026-03-01", "2026-03-31"))
        quarter = Kpi._kpi_period("quarter", "2026-11-30")
        self.assertEqual(tuple(map(str, quarter)), ("2026-10-01", "2026-12-31"))
        year = Kpi._kpi_period("year", "2026-02-01")
        self.assertEqual(tuple(map(str, year)), ("2026-01-01", "2026-12-31"))
        self.assertEqual(Kpi._kpi_period_label(month, "month"), "2026年3月")
        self.assertEqual(Kpi._kpi_period_label(quarter, "quarter"), "2026年第4季度")
        self.assertEqual(Kpi._kpi_period_label(year, "year"), "2026年")
        trend = Kpi._kpi_trend_periods(quarter)
        self.assertEqual(len(trend), 12)
        self.assertEqual(
            (str(trend[0].date_from), str(trend[-1].date_to)), ("2026-01-01", "2026-12-31")
        )
        self.assertEqual(tuple(map(str, Kpi._kpi_last_year(month))), ("2025-03-01", "2025-03-31"))
        # February of a leap year a year before
        feb = Kpi._kpi_period("month", "2025-02-10")
        self.assertEqual(str(Kpi._kpi_last_year(feb).date_to), "2024-02-29")
        with self.assertRaises(UserError):
            Kpi._kpi_period("week", "2026-03-18")

    def test_occupancy_rate(self):
        """End of March 2026: 2 of estate A's 4 units lived in (50 %); end of
        February: 1-1-101 and 1-1-102 (50 %); end of 2024: none (0 %).
        Estates A and B together in March: 3 of 5 (60 %)."""
        values = self._values(
            "occupancy_rate",
            self.estate_a,
            ("2026-03-01", "2026-03-31"),
            ("2026-02-01", "2026-02-28"),
            ("2024-12-01", "2024-12-31"),
        )
        self.assertEqual(values, [50.0, 50.0, 0.0])
        both = self._values(
            "occupancy_rate", self.estate_a | self.estate_b, ("2026-03-01", "2026-03-31")
        )
        self.assertEqual(both, [60.0])
        self.assertEqual(
            self._values("unit_count", self.estate_a, ("2026-03-01", "2026-03-31")), [4]
        )

    def test_occupancy_counts_units(self):
        """A family of two living in 1-1-101 makes it one unit lived in, not
        two; a unit lived in by two residents one after the other is lived in
        on the day between them only if an occupancy covers it."""
        self._create_occupancy(self.unit_a1, self.partner_wang, "2025-03-01")
        self._create_occupancy(self.unit_a2, self.partner_chen, "2026-03-20")
        values = self._values(
            "occupancy_rate",
            self.estate_a,
            ("2026-03-01", "2026-03-31"),
            ("2026-03-16", "2026-03-16"),
            ("2026-03-20", "2026-03-20"),
        )
        # 31 March: 1-1-101, 1-1-102 (Chen), 1-1-103 of 4; 16 March: 1-1-101 only
        # (Wang left 1-1-102 on the 15th); 20 March: 1-1-101 and 1-1-102.
        self.assertEqual(values, [75.0, 25.0, 50.0])

    def test_no_units_no_rate(self):
        """An estate without units has no occupancy rate: "—", not 0 %."""
        empty = self._create_estate("PBT Empty", "PBT-E")
        self.assertEqual(
            self._values("occupancy_rate", empty, ("2026-03-01", "2026-03-31")), [None]
        )
        self.assertEqual(
            self._values(
                "occupancy_rate", self.env["property.estate"], ("2026-03-01", "2026-03-31")
            ),
            [None],
        )

    def test_dashboard_scope(self):
        """Estate A's manager: the figures of estate A only; estate B asked
        for by id is refused."""
        Kpi = self.Kpi.with_user(self.manager_a)
        data = Kpi.get_dashboard(period_type="month", date="2026-03-18")
        self.assertEqual([estate["id"] for estate in data["estates"]], self.estate_a.ids)
        figures = {f["key"]: f for s in data["sections"] for f in s["figures"]}
        self.assertEqual(figures["unit_count"]["value"], 4)
        self.assertEqual(figures["occupancy_rate"]["value"], 50.0)
        self.assertEqual(len(figures["occupancy_rate"]["trend"]), 12)
        self.assertEqual(data["date_from"], "2026-03-01")
        for estate_ids in (
            self.estate_b.ids,
            (self.estate_a | self.estate_b).ids,
            self.estate_c.ids,
        ):
            with self.assertRaises(AccessError):
                Kpi.get_dashboard(estate_ids=estate_ids)
            with self.assertRaises(AccessError):
                Kpi.get_figure_action("unit_count", estate_ids=estate_ids)
        portal = self._create_user("pbt_kpi_portal", "base.group_portal", estates=self.estate_a)
        with self.assertRaises(AccessError):
            self.Kpi.with_user(portal).get_dashboard()

    def test_figure_equals_its_list(self):
        """The units figure is the count of the list it opens."""
        Kpi = self.Kpi.with_user(self.manager_a)
        data = Kpi.get_dashboard(estate_ids=self.estate_a.ids, date="2026-03-18")
        figures = {f["key"]: f for s in data["sections"] for f in s["figures"]}
        action = Kpi.get_figure_action(
            "unit_count", estate_ids=self.estate_a.ids, date="2026-03-18"
        )
        count = (
            self.env[action["res_model"]].with_user(self.manager_a).search_count(action["domain"])
        )
        self.assertEqual(count, figures["unit_count"]["value"])
        with self.assertRaises(UserError):
            Kpi.get_figure_action("occupancy_rate; drop", estate_ids=self.estate_a.ids)
