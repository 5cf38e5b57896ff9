from odoo import fields
from odoo.exceptions import AccessError
from odoo.tests import freeze_time, tagged

from odoo.addons.property_base.models.property_kpi import KpiPeriod

from .common import HandoverCase

JANUARY = ("2026-01-01", "2026-01-31")
FEBRUARY = ("2026-02-01", "2026-02-28")
MARCH = ("2026-03-01", "2026-03-31")
APRIL = ("2026-04-01", "2026-04-30")
MAY = ("2026-05-01", "2026-05-31")


@tagged("post_install", "-at_install")
@freeze_time("2026-06-15")
class TestKpiHandover(HandoverCase):
    """The handover figures of the dashboard (承接查验与交付) on defects and
    documents of "PHT Estate Camellia", with those of another estate that
    must not count; values worked out in each docstring."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.estate_other = cls._create_estate("PHT Estate Other", "PHTO")
        cls.manager_a = cls._create_user(
            "pht_kpi_manager_a", "property_base.group_property_manager", estates=cls.estate
        )
        cls.Kpi = cls.env["property.kpi"]

    def _values(self, key, estates, *periods):
        return self.Kpi._kpi_compute(
            key, estates, [KpiPeriod(*map(fields.Date.to_date, period)) for period in periods]
        )

    def _figure(self, key, day):
        """The figure of the month of ``day`` on the dashboard of the
        estate's manager, and the count of the list it opens, as he sees
        it."""
        Kpi = self.Kpi.with_user(self.manager_a)
        data = Kpi.get_dashboard(period_type="month", date=day)
        figures = {f["key"]: f for s in data["sections"] for f in s["figures"]}
        action = Kpi.get_figure_action(key, period_type="month", date=day)
        count = (
            self.env[action["res_model"]].with_user(self.manager_a).search_count(action["domain"])
        )
        return figures[key], count

    def _defect(self, reported, partner=None, estate=None):
        return self.env["property.handover.defect"].create(
            {
                "estate_id": (estate or self.estate).id,
                "description": f"PHT defect of {reported}",
                "date_reported": reported,
                "deadline": reported,
                "responsible_partner_id": partner.id if partner else False,
            }
        )

    def _defects(self):
        """D1 reported 1 March (developer), open; D2 reported 25 March
        (contractor), closed on 10 April; D3 reported 20 March (developer),
        re-inspected and sent back to rectification; D4 reported 1 February
        without party, open. Another estate: a defect of 1 March, open."""
        self._defect("2026-03-01", self.developer)
        d2 = self._defect("2026-03-25", self.contractor)
        d3 = self._defect("2026-03-20", self.developer)
        self._defect("2026-02-01")
        self._defect("2026-03-01", self.developer, estate=self.estate_other)
        (d2 | d3).action_start_rectification()
        (d2 | d3).action_request_reinspection()
        d3.action_reject()
        with freeze_time("2026-04-10"):
            d2.action_accept()
        self.assertEqual(str(d2.date_closed), "2026-04-10")

    def test_open_defects_by_age(self):
        """End of March: D2 (6 days), D3 (11), D1 (30), D4 (58) → 4: 0-15: 2,
        16-30: 1, 31-90: 1. End of April: D1 (60), D3 (41), D4 (88) → 3, all
        31-90 (D2 closed). End of May: D3 (72) 31-90, D1 (91) and D4 (119)
        over 90 → 3. January: none → 0. Both estates
        at the end of March: 5."""
        self._defects()
        values = self._values("open_defect_count", self.estate, JANUARY, MARCH, APRIL, MAY)
        self.assertEqual(
            [(value["value"], [part["value"] for part in value["parts"]]) for value in values],
            [(0, [0, 0, 0, 0]), (4, [2, 1, 1, 0]), (3, [0, 0, 3, 0]), (3, [0, 0, 1, 2])],
        )
        [both] = self._values("open_defect_count", self.estate | self.estate_other, MARCH)
        self.assertEqual(both["value"], 5)
        figure, count = self._figure("open_defect_count", "2026-03-10")
        self.assertEqual((figure["value"], count), (4, 4))

    def test_open_defects_by_party(self):
        """End of March: developer 2 (D1, D3), contractor 1 (D2), no party 1
        (D4); end of April: developer 2, no party 1."""
        self._defects()
        march, april = self._values("open_defect_party", self.estate, MARCH, APRIL)
        self.assertEqual(
            [(part["label"], part["value"]) for part in march["parts"]],
            [("PHT Developer", 2), ("PHT Contractor", 1), ("No responsible party", 1)],
        )
        self.assertEqual(march["value"], 4)
        self.assertEqual(
            [(part["key"], part["value"]) for part in april["parts"]],
            [(str(self.developer.id), 2), ("none", 1)],
        )
        figure, count = self._figure("open_defect_party", "2026-04-10")
        self.assertEqual((figure["value"], count), (3, 3))

    def test_document_completeness(self):
        """The takeover, started on 5 March: required documents R1 (received
        10 March), R2 (received 20 April), R3 (missing), and N1 (not
        required, received). A second takeover in draft, planned from 1 May:
        R4 required, missing. Another estate's takeover, started: one
        required document, missing.
        February: no takeover started → None; March: 1 of 3 → 33.3 %;
        April: 2 of 3 → 66.7 %; May: 2 of 4 → 50 %."""
        self.project.write({"state": "in_progress", "date_start": "2026-03-05"})
        Document = self.env["property.handover.document"]
        r1, r2, _r3, n1 = Document.create(
            [
                {"project_id": self.project.id, "name": "PHT R1 drawings"},
                {"project_id": self.project.id, "name": "PHT R2 manuals"},
                {"project_id": self.project.id, "name": "PHT R3 warranties"},
                {"project_id": self.project.id, "name": "PHT N1 photos", "is_required": False},
            ]
        )
        r1.write({"is_received": True, "date_received": "2026-03-10"})
        r2.write({"is_received": True, "date_received": "2026-04-20"})
        n1.write({"is_received": True, "date_received": "2026-03-06"})
        later = self.env["property.handover.project"].create(
            {
                "name": "PHT Phase II",
                "estate_id": self.estate.id,
                "date_planned_start": "2026-05-01",
            }
        )
        other = self.env["property.handover.project"].create(
            {"name": "PHT Other takeover", "estate_id": self.estate_other.id}
        )
        other.write({"state": "in_progress", "date_start": "2026-03-01"})
        Document.create(
            [
                {"project_id": later.id, "name": "PHT R4 certificates"},
                {"project_id": other.id, "name": "PHT other drawings"},
            ]
        )
        values = self._values("document_completeness", self.estate, FEBRUARY, MARCH, APRIL, MAY)
        self.assertIsNone(values[0])
        self.assertEqual([round(value, 1) for value in values[1:]], [33.3, 66.7, 50.0])
        [both] = self._values("document_completeness", self.estate | self.estate_other, MARCH)
        self.assertEqual(both, 25.0)
        figure, count = self._figure("document_completeness", "2026-03-10")
        self.assertAlmostEqual(figure["value"], 100 / 3)
        self.assertEqual(count, 3)  # the required documents: the denominator

    def test_scope(self):
        """The estate's manager gets his estate's figures; the other estate
        asked for by id is refused."""
        self._defects()
        Kpi = self.Kpi.with_user(self.manager_a)
        data = Kpi.get_dashboard(period_type="month", date="2026-03-10")
        figures = {f["key"]: f for s in data["sections"] for f in s["figures"]}
        self.assertEqual(figures["open_defect_count"]["value"], 4)
        self.assertEqual(
            [s["label"] for s in data["sections"] if s["key"] == "handover"],
            ["Takeover and Delivery"],
        )
        with self.assertRaises(AccessError):
            Kpi.get_dashboard(estate_ids=self.estate_other.ids)
        with self.assertRaises(AccessError):
            Kpi.get_figure_action("open_defect_count", estate_ids=self.estate_other.ids)
