from lxml import html

from odoo import Command
from odoo.tests import HttpCase, tagged

from odoo.addons.property_base.tests.common import OwnerPhoneMixin, PropertyTestCommon


@tagged("post_install", "-at_install")
class TestPortalSharedCost(OwnerPhoneMixin, PropertyTestCommon, HttpCase):
    """The shared costs of a building published to its owners (公摊公示):
    an owner of tower 1 reads tower 1's allocation with every share of his
    building; an owner of tower 2 sees nothing of it."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        estate = cls._create_estate("PSC Garden", "PSC")
        tower_1 = cls._create_building(estate, "PSC T1", "1")
        tower_2 = cls._create_building(estate, "PSC T2", "2")
        cls.units = [cls._create_unit(tower_1, code, 100.0) for code in ("101", "102", "103")]
        cls.units.append(cls._create_unit(tower_1, "S1", 60.0, unit_type="shop"))
        cls.unit_201 = cls._create_unit(tower_2, "201", 120.0)
        cls.owner_101 = cls._create_partner("PSC 王芳", "psc.101@example.com", lang="zh_CN")
        cls.owner_201 = cls._create_partner("PSC 李强", "psc.201@example.com", lang="zh_CN")
        cls._create_ownership(cls.units[0], cls.owner_101, "2025-01-01")
        cls._create_ownership(cls.unit_201, cls.owner_201, "2025-01-01")
        for login, partner in (("psc_101", cls.owner_101), ("psc_201", cls.owner_201)):
            cls._create_user(
                login,
                "base.group_portal",
                estates=cls.env["property.estate"],
                partner_id=partner.id,
            )
        meter = cls.env["property.meter"].create(
            {
                "name": "PSC T1 common",
                "meter_type": "electricity",
                "estate_id": estate.id,
                "building_id": tower_1.id,
            }
        )
        cls.env["property.meter.reading"].create(
            [
                {"meter_id": meter.id, "date": "2026-02-28", "value": 1000.0},
                {"meter_id": meter.id, "date": "2026-03-31", "value": 2234.5},
            ]
        )
        rule = cls.env["property.allocation.rule"].create(
            {
                "name": "PSC 公摊电费",
                "estate_id": estate.id,
                "building_ids": [Command.set(tower_1.ids)],
                "source": "meters",
                "meter_type": "electricity",
                "meter_ids": [Command.set(meter.ids)],
                "price_unit": 0.617,
                "key": "gross_area",
            }
        )
        period = cls.env["property.billing.period"].create(
            {"name": "PSC 2026-03", "date_start": "2026-03-01", "date_end": "2026-03-31"}
        )
        cls.allocation = cls.env["property.allocation"].create(
            {"rule_id": rule.id, "period_id": period.id}
        )
        cls.allocation.action_confirm()

    def test_published_to_the_building(self):
        self.authenticate("psc_101", "psc_101")
        listing = self.url_open("/my/shared-costs")
        self.assertEqual(listing.status_code, 200)
        self.assertIn("PSC 公摊电费 PSC 2026-03", listing.text)
        page = self.url_open(f"/my/shared-costs/{self.allocation.id}")
        tree = html.fromstring(page.text)
        rows = tree.xpath("//table[contains(@class, 'o_property_allocation_lines')]/tbody/tr")
        self.assertEqual(len(rows), 4)
        (mine,) = tree.xpath("//tr[contains(@class, 'o_property_my_share')]")
        self.assertIn(self.units[0].full_code, mine.text_content())
        self.assertIn("211.58", mine.text_content())
        self.assertIn(
            "761.69",
            tree.xpath("//*[contains(@class, 'o_property_allocation_total')]")[0].text_content(),
        )
        # No name of a neighbour: units and amounts only.
        self.assertNotIn("PSC 李强", page.text)

    def test_not_published_elsewhere(self):
        self.authenticate("psc_201", "psc_201")
        listing = self.url_open("/my/shared-costs")
        self.assertNotIn("PSC 公摊电费", listing.text)
        response = self.url_open(f"/my/shared-costs/{self.allocation.id}", allow_redirects=False)
        self.assertEqual(response.status_code, 303)
        self.assertTrue(response.headers["Location"].endswith("/my/shared-costs"))
        # A draft allocation is not published, even in the owner's building.
        self.allocation.action_draft()
        self.authenticate("psc_101", "psc_101")
        response = self.url_open(f"/my/shared-costs/{self.allocation.id}", allow_redirects=False)
        self.assertEqual(response.status_code, 303)

    def test_owner_reads_it_on_the_phone(self):
        self.start_tour("/my", "property_billing_portal_shared_costs_tour", login="psc_101")
