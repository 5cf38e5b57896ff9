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

    @mute_logger("odoo.addons.base.models.ir_model")
    def test_manager_configures_estates(self):
        # opening an estate is the company's decision, not the estate manager's
        with self.assertRaises(AccessError):
            self.env(user=self.user_manager)["property.estate"].create({"name": "PBT No"})
        director = self._create_user(
            "pbt_director",
            "property_base.group_property_company_manager",
            estates=self.env["property.estate"],
        )
        estate = self.env(user=director)["property.estate"].create(
            {"name": "PBT Manager Estate", "manager_id": self.user_manager.id}
        )
        # the manager of an estate works on it
        self.assertIn(estate, self.user_manager.property_estate_ids)
        env = self.env(user=self.user_manager)
        estate = env["property.estate"].browse(estate.id)
        estate.phone = "021 5555 0000"
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
        user = self._create_user(
            "pbt_two_companies",
            "property_base.group_property_user",
            estates=self.estates,
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


@tagged("post_install", "-at_install")
class TestEstateBoundary(PropertyCase):
    """Staff work on the estates they carry; company managers on all of them."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Estate = cls.env["property.estate"]
        cls.desk_a = cls._create_user(
            "pbt_desk_a", "property_base.group_property_user", estates=cls.estate_a
        )
        cls.manager_b = cls._create_user(
            "pbt_manager_b", "property_base.group_property_manager", estates=cls.estate_b
        )
        cls.reader_a = cls._create_user(
            "pbt_reader_a", "property_base.group_property_meter_reader", estates=cls.estate_a
        )
        cls.technician_b = cls._create_user(
            "pbt_technician_b", "property_base.group_property_technician", estates=cls.estate_b
        )
        cls.director = cls._create_user(
            "pbt_director", "property_base.group_property_company_manager", estates=Estate
        )
        cls.nobody = cls._create_user(
            "pbt_staff_nowhere", "property_base.group_property_manager", estates=Estate
        )
        cls.owner_a = cls._create_ownership(cls.unit_a1, cls.partner_li, "2020-01-01")
        cls.owner_b = cls._create_ownership(cls.unit_b1, cls.partner_chen, "2020-01-01")
        cls.tenant_a = cls._create_occupancy(cls.unit_a4, cls.partner_zhao, "2021-01-01")
        cls.tenant_b = cls._create_occupancy(cls.unit_b1, cls.partner_sun, "2021-01-01")
        Meter = cls.env["property.meter"]
        cls.meter_a = Meter.create(
            {"name": "PBT-EA", "unit_id": cls.unit_a1.id, "meter_type": "electricity"}
        )
        cls.meter_b = Meter.create(
            {"name": "PBT-EB", "unit_id": cls.unit_b1.id, "meter_type": "electricity"}
        )
        Reading = cls.env["property.meter.reading"]
        cls.reading_a = Reading.create(
            {"meter_id": cls.meter_a.id, "date": "2026-01-31", "value": 10}
        )
        cls.reading_b = Reading.create(
            {"meter_id": cls.meter_b.id, "date": "2026-01-31", "value": 20}
        )
        Notice = cls.env["property.notice"]
        cls.notice_a = Notice.create(
            {
                "name": "PBT A water",
                "body": "<p>A</p>",
                "estate_ids": [Command.set(cls.estate_a.ids)],
            }
        )
        cls.notice_b = Notice.create(
            {
                "name": "PBT B lift",
                "body": "<p>B</p>",
                "building_ids": [Command.set(cls.building_b1.ids)],
            }
        )
        MoveIn = cls.env["property.move.in"]
        cls.move_ins = MoveIn.create(
            {"unit_id": cls.unit_a4.id, "partner_id": cls.partner_zhao.id}
        ) | MoveIn.create({"unit_id": cls.unit_b1.id, "partner_id": cls.partner_sun.id})
        cls.ours = {
            "property.estate": cls.estate_a | cls.estate_b | cls.estate_c,
            "property.building": (cls.estate_a | cls.estate_b | cls.estate_c).building_ids,
            "property.unit": (cls.estate_a | cls.estate_b | cls.estate_c).unit_ids,
            "property.ownership": cls.owner_a | cls.owner_b,
            "property.occupancy": cls.tenant_a | cls.tenant_b,
            "property.move.in": cls.move_ins,
            "property.meter": cls.meter_a | cls.meter_b,
            "property.meter.reading": cls.reading_a | cls.reading_b,
            "property.notice": cls.notice_a | cls.notice_b,
        }

    def _search(self, user, model):
        return self.env[model].with_user(user).search([("id", "in", self.ours[model].ids)])

    def _of_estates(self, model, estates):
        records = self.ours[model]
        if model == "property.estate":
            return records & estates
        if model == "property.notice":
            return records.filtered(lambda n: (n.estate_ids | n.building_ids.estate_id) & estates)
        return records.filtered(lambda r: r.estate_id in estates)

    @mute_logger("odoo.addons.base.models.ir_rule")
    def test_each_role_sees_its_estates_only(self):
        for user, models in (
            (self.desk_a, list(self.ours)),
            (self.manager_b, list(self.ours)),
            (self.reader_a, ["property.estate", "property.building", "property.unit",
                             "property.meter", "property.meter.reading"]),
            (self.technician_b, ["property.estate", "property.building", "property.unit",
                                 "property.meter"]),
        ):  # fmt: skip
            for model in models:
                mine = self._of_estates(model, user.property_estate_ids)
                self.assertTrue(mine, f"{user.login} {model}")
                self.assertEqual(self._search(user, model), mine, f"{user.login} {model}")
                domain = [("id", "in", self.ours[model].ids)]
                self.assertEqual(
                    self.env[model].with_user(user).search_count(domain), len(mine), model
                )
                for other in self.ours[model] - mine:
                    with self.assertRaises(AccessError, msg=f"{user.login} {model} {other.id}"):
                        other.with_user(user).read(["display_name"])

    def test_totals_add_up_the_own_estates_only(self):
        domain = [("id", "in", self.ours["property.unit"].ids)]
        for user, expected in (
            (self.desk_a, {self.estate_a: sum(self.estate_a.unit_ids.mapped("gross_area"))}),
            (self.manager_b, {self.estate_b: 75.0}),
            (self.director, {self.estate_a: 363.0, self.estate_b: 75.0}),
            (self.nobody, {}),
        ):
            groups = (
                self.env["property.unit"]
                .with_user(user)
                ._read_group(domain, ["estate_id"], ["gross_area:sum", "__count"])
            )
            self.assertEqual(
                {estate: total for estate, total, _count in groups}, expected, user.login
            )

    def test_company_manager_sees_every_estate_of_his_companies(self):
        self.assertEqual(
            self._search(self.director, "property.estate"), self.estate_a | self.estate_b
        )
        self.assertEqual(
            self._search(self.director, "property.ownership"), self.owner_a | self.owner_b
        )
        self.assertEqual(self.director._property_estates() & self.ours["property.estate"],
                         self.estate_a | self.estate_b)  # fmt: skip
        self.assertEqual(self.desk_a._property_estates(), self.estate_a)

    @mute_logger("odoo.addons.base.models.ir_rule")
    def test_nobody_writes_into_another_estate(self):
        with self.assertRaises(AccessError):
            self.unit_a1.with_user(self.manager_b).write({"note": "<p>hacked</p>"})
        with self.assertRaises(AccessError):
            self.estate_a.with_user(self.manager_b).write({"phone": "110"})
        with self.assertRaises(AccessError):
            self.env["property.occupancy"].with_user(self.desk_a).create(
                {"unit_id": self.unit_b1.id, "partner_id": self.partner_zhao.id, "role": "tenant"}
            )
        with self.assertRaises(AccessError):
            self.env["property.meter.reading"].with_user(self.reader_a).create(
                {"meter_id": self.meter_b.id, "date": "2026-02-28", "value": 30}
            )
        self.assertEqual(self.unit_a1.note, False)
        self.assertFalse(
            self.unit_b1.ownership_ids.filtered(lambda o: o.partner_id == self.partner_zhao)
        )
        self.assertEqual(self.meter_b.reading_ids, self.reading_b)
        # within his estates the work goes on
        self.env["property.meter.reading"].with_user(self.reader_a).create(
            {"meter_id": self.meter_a.id, "date": "2026-02-28", "value": 15}
        )
        self.assertEqual(len(self.meter_a.reading_ids), 2)

    @mute_logger("odoo.addons.base.models.ir_model")
    def test_meter_readers_and_technicians_keep_to_their_work(self):
        for user, model in (
            (self.reader_a, "property.ownership"),
            (self.reader_a, "property.move.in"),
            (self.technician_b, "property.ownership"),
            (self.technician_b, "property.meter.reading"),
        ):
            with self.assertRaises(AccessError, msg=f"{user.login} {model}"):
                self.env[model].with_user(user).search([])
        with self.assertRaises(AccessError):
            self.unit_b1.with_user(self.technician_b).write({"note": "<p>x</p>"})

    def test_owners_of_another_estate_are_hidden_from_the_desk(self):
        Partner = self.env["res.partner"].with_user(self.desk_a)
        people = self.partner_li | self.partner_chen | self.partner_sun | self.partner_zhao
        newcomer = self._create_partner("PBT Newcomer Qian")
        people |= newcomer
        # Li owns and Zhao lives in A; Chen owns and Sun lives in B; Qian has no unit yet
        self.assertEqual(
            Partner.search([("id", "in", people.ids)]),
            self.partner_li | self.partner_zhao | newcomer,
        )
        self.assertEqual(
            self.env["res.partner"].with_user(self.director).search([("id", "in", people.ids)]),
            people,
        )
        # colleagues and the company stay visible
        self.assertTrue(Partner.search([("id", "=", self.manager_b.partner_id.id)]))

    def test_estates_follow_the_user_at_once(self):
        Unit = self.env["property.unit"].with_user(self.desk_a)
        self.assertFalse(Unit.search([("id", "=", self.unit_b1.id)]))
        self.estate_b.user_ids = [Command.link(self.desk_a.id)]
        self.assertEqual(Unit.search([("id", "=", self.unit_b1.id)]), self.unit_b1)
        self.desk_a.property_estate_ids = [Command.unlink(self.estate_b.id)]
        self.assertFalse(Unit.search([("id", "=", self.unit_b1.id)]))
