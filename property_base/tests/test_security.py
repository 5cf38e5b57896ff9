from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import freeze_time, new_test_user, tagged
from odoo.tools import mute_logger

from .common import PropertyCase


@tagged("post_install", "-at_install")
class TestStaffAccess(PropertyCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.ownership_a1 = cls._create_ownership(cls.unit_a1, cls.partner_li, "2020-01-01")
        cls.ownership_c1 = cls._create_ownership(cls.unit_c1, cls.partner_chen, "2020-01-01")
        cls.estates = cls.estate_a | cls.estate_b | cls.estate_c
        cls.units = cls.estates.unit_ids

    @mute_logger("odoo.addons.base.models.ir_model", "odoo.addons.base.models.ir_rule")
    def test_property_user_reads_units_but_cannot_create_estates(self):
        env = self.env(user=self.user_property)
        units = env["property.unit"].search([("estate_id", "=", self.estate_a.id)])
        self.assertEqual(units, self.estate_a.unit_ids)
        self.assertEqual(
            units.filtered(lambda u: u.current_owner_ids).mapped("owner_names"), ["PBT Li Wei"]
        )
        # the desk records owners and updates units
        env["property.ownership"].create(
            {"unit_id": self.unit_a2.id, "partner_id": self.partner_zhao.id, "share": 100}
        )
        units[0].note = "<p>Balcony faces south.</p>"
        # but configuring estates is the manager's job
        estate_count = self.env["property.estate"].search_count([])
        with self.assertRaises(AccessError):
            env["property.estate"].create({"name": "PBT Desk Estate"})
        with self.assertRaises(AccessError):
            env["property.unit"].create(
                {"estate_id": self.estate_a.id, "code": "PBT-X", "gross_area": 10.0}
            )
        with self.assertRaises(AccessError):
            env["property.ownership"].browse(self.ownership_a1.id).unlink()
        self.assertEqual(self.env["property.estate"].search_count([]), estate_count)
        self.assertTrue(self.ownership_a1.exists())

    def test_manager_configures_estates(self):
        env = self.env(user=self.user_manager)
        estate = env["property.estate"].create({"name": "PBT Manager Estate"})
        building = env["property.building"].create(
            {"name": "PBT Manager Tower", "code": "M1", "estate_id": estate.id}
        )
        unit = env["property.unit"].create(
            {
                "estate_id": estate.id,
                "building_id": building.id,
                "code": "101",
                "gross_area": 55.0,
            }
        )
        self.assertEqual(estate.company_id, self.company_a)
        self.assertEqual(unit.company_id, self.company_a)
        self.assertEqual(estate.unit_count, 1)
        unit.unlink()
        self.assertFalse(unit.exists())

    @mute_logger("odoo.addons.base.models.ir_rule")
    def test_companies_are_kept_apart(self):
        env_b = self.env(user=self.user_manager_b)
        for model, records, visible in (
            ("property.estate", self.estates, self.estate_c),
            ("property.building", self.estates.building_ids, self.building_c1),
            ("property.unit", self.units, self.unit_c1),
            ("property.ownership", self.ownership_a1 | self.ownership_c1, self.ownership_c1),
        ):
            found = env_b[model].search([("id", "in", records.ids)])
            self.assertEqual(found.ids, visible.ids, model)
            for record in records - visible:
                with self.assertRaises(AccessError, msg=f"{model} {record.display_name}"):
                    env_b[model].browse(record.id).read(["display_name"])
        # the search by owner does not reach across companies either
        self.assertFalse(
            env_b["property.unit"].search([("current_owner_ids", "=", self.partner_li.id)])
        )
        # and company A's staff do not see company B's estate
        env_a = self.env(user=self.user_manager)
        self.assertEqual(
            env_a["property.estate"].search([("id", "in", self.estates.ids)]),
            self.estate_a | self.estate_b,
        )
        with self.assertRaises(AccessError):
            env_a["property.unit"].browse(self.unit_c1.id).read(["display_name"])

    def test_user_of_both_companies_sees_the_selected_ones(self):
        user = new_test_user(
            self.env,
            login="pbt_two_companies",
            groups="property_base.group_property_user",
            company_id=self.company_a.id,
            company_ids=[Command.set((self.company_a | self.company_b).ids)],
        )
        Estate = self.env(user=user)["property.estate"]
        domain = [("id", "in", self.estates.ids)]
        # the company switcher decides which companies' estates are listed
        only_a = Estate.with_context(allowed_company_ids=self.company_a.ids)
        self.assertEqual(only_a.search(domain), self.estate_a | self.estate_b)
        only_b = Estate.with_context(allowed_company_ids=self.company_b.ids)
        self.assertEqual(only_b.search(domain), self.estate_c)
        both = (self.company_a | self.company_b).ids
        self.assertEqual(Estate.with_context(allowed_company_ids=both).search(domain), self.estates)


@tagged("post_install", "-at_install")
class TestPortalAccess(PropertyCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.portal_li = new_test_user(
            cls.env, login="pbt_portal_li", groups="base.group_portal", name="PBT Portal Li"
        )
        cls.portal_zhao = new_test_user(
            cls.env, login="pbt_portal_zhao", groups="base.group_portal", name="PBT Portal Zhao"
        )
        cls.portal_former = new_test_user(
            cls.env,
            login="pbt_portal_former",
            groups="base.group_portal",
            name="PBT Portal Former",
        )
        cls.portal_nobody = new_test_user(
            cls.env, login="pbt_portal_nobody", groups="base.group_portal", name="PBT Nobody"
        )
        li, zhao = cls.portal_li.partner_id, cls.portal_zhao.partner_id
        # Li owns unit_a1 (Tower 1) with Wang; Zhao rents unit_a4 (Tower 2)
        cls.li_a1 = cls._create_ownership(cls.unit_a1, li, "2020-01-01", share=50)
        cls.wang_a1 = cls._create_ownership(cls.unit_a1, cls.partner_wang, "2020-01-01", share=50)
        cls.wang_a4 = cls._create_ownership(cls.unit_a4, cls.partner_wang, "2020-01-01")
        cls.zhao_a4 = cls._create_occupancy(cls.unit_a4, zhao, "2021-01-01")
        cls.sun_a4 = cls._create_occupancy(cls.unit_a4, cls.partner_sun, "2021-01-01", "2022-12-31")
        # the former owner sold unit_a2 years ago
        cls.former_a2 = cls._create_ownership(
            cls.unit_a2, cls.portal_former.partner_id, "2010-01-01", "2019-12-31"
        )
        cls.chen_b1 = cls._create_ownership(cls.unit_b1, cls.partner_chen, "2020-01-01")

        Notice = cls.env["property.notice"]
        values = {"body": "<p>PBT</p>"}
        cls.notice_estate_a = Notice.create(
            dict(values, name="PBT Lotus Garden AGM", estate_ids=[Command.set(cls.estate_a.ids)])
        )
        cls.notice_tower_1 = Notice.create(
            dict(values, name="PBT Tower 1 lift", building_ids=[Command.set(cls.building_a1.ids)])
        )
        cls.notice_tower_2 = Notice.create(
            dict(values, name="PBT Tower 2 lift", building_ids=[Command.set(cls.building_a2.ids)])
        )
        cls.notice_estate_b = Notice.create(
            dict(values, name="PBT Riverside AGM", estate_ids=[Command.set(cls.estate_b.ids)])
        )
        cls.notice_archived = Notice.create(
            dict(values, name="PBT Old news", estate_ids=[Command.set(cls.estate_a.ids)])
        )
        cls.notice_draft = Notice.create(
            dict(values, name="PBT Draft", estate_ids=[Command.set(cls.estate_a.ids)])
        )
        (
            cls.notice_estate_a
            | cls.notice_tower_1
            | cls.notice_tower_2
            | cls.notice_estate_b
            | cls.notice_archived
        ).action_publish()
        cls.notice_archived.action_archive_notice()

    def _visible(self, user, model):
        return self.env[model].with_user(user).search([])

    def test_owner_sees_only_own_units(self):
        self.assertEqual(self._visible(self.portal_li, "property.unit"), self.unit_a1)
        self.assertEqual(self._visible(self.portal_li, "property.estate"), self.estate_a)
        self.assertEqual(self._visible(self.portal_li, "property.building"), self.building_a1)
        # the owners of the unit, co-owner included, but not Wang's other unit
        self.assertEqual(
            self._visible(self.portal_li, "property.ownership"), self.li_a1 | self.wang_a1
        )
        unit = self.unit_a1.with_user(self.portal_li)
        self.assertEqual(unit.display_name, "PBT Lotus Garden · 1-1-101")
        self.assertEqual(unit.gross_area, 89.5)
        # the unit's figures about its people read without access to their contacts
        values = unit.read(["owner_names", "resident_count", "current_payer_id"])[0]
        self.assertIn(self.partner_wang.name, values["owner_names"])
        self.assertEqual(values["resident_count"], 0)

    @mute_logger("odoo.addons.base.models.ir_rule")
    def test_owner_cannot_open_other_units(self):
        for record in (self.unit_a2, self.unit_a4, self.unit_b1, self.unit_c1):
            with self.assertRaises(AccessError):
                record.with_user(self.portal_li).read(["display_name"])
        with self.assertRaises(AccessError):
            self.chen_b1.with_user(self.portal_li).read(["share"])
        with self.assertRaises(AccessError):
            self.estate_b.with_user(self.portal_li).read(["name"])

    def test_resident_sees_the_unit_they_live_in(self):
        self.assertEqual(self._visible(self.portal_zhao, "property.unit"), self.unit_a4)
        self.assertEqual(self._visible(self.portal_zhao, "property.building"), self.building_a2)
        # today's residents only: Sun left at the end of 2022
        self.assertEqual(self._visible(self.portal_zhao, "property.occupancy"), self.zhao_a4)
        self.assertEqual(self._visible(self.portal_zhao, "property.ownership"), self.wang_a4)

    def test_past_owner_sees_nothing(self):
        for model in ("property.unit", "property.estate", "property.ownership", "property.notice"):
            self.assertFalse(self._visible(self.portal_former, model), model)
            self.assertFalse(self._visible(self.portal_nobody, model), model)

    def test_notices_of_own_estate_and_building_only(self):
        self.assertEqual(
            self._visible(self.portal_li, "property.notice"),
            self.notice_estate_a | self.notice_tower_1,
        )
        self.assertEqual(
            self._visible(self.portal_zhao, "property.notice"),
            self.notice_estate_a | self.notice_tower_2,
        )
        with self.assertRaises(AccessError):
            self.notice_draft.with_user(self.portal_li).read(["name"])
        with self.assertRaises(AccessError):
            self.notice_estate_b.with_user(self.portal_li).read(["name"])

    def test_seller_loses_and_buyer_gains_access_after_a_sale(self):
        buyer = self.portal_nobody
        with freeze_time("2031-03-01"):
            self.li_a1.date_end = "2031-03-31"
            self._create_ownership(self.unit_a1, buyer.partner_id, "2031-04-01", share=50)
        with freeze_time("2031-04-01"):
            self._run_cron("property_base.ir_cron_refresh_current_ownerships")
            self.assertFalse(self._visible(self.portal_li, "property.unit"))
            self.assertFalse(self._visible(self.portal_li, "property.notice"))
            self.assertEqual(self._visible(buyer, "property.unit"), self.unit_a1)
            self.assertEqual(
                self._visible(buyer, "property.notice"),
                self.notice_estate_a | self.notice_tower_1,
            )
