from odoo import Command
from odoo.tests import HttpCase, new_test_user, tagged

from .common import PropertyTestCommon


@tagged("post_install", "-at_install")
class TestOwnerPortal(PropertyTestCommon, HttpCase):
    """The owner portal over HTTP, as owners, residents and anonymous visitors.

    Demo data is installed in the test database too: every name here starts
    with "PPT" and carries a unit number no demo unit uses, and no assertion
    counts records this class did not create (except the home counters, which
    only count what the test users hold).

    Estate A "PPT Estate Alder" (building A1):
        unit_a_own   A1-1-7101  owner_a 60% (primary payer) + partner_coowner 40%,
                                tenant resident_a
        unit_a_other A1-1-7102  partner_neighbour 100%
        unit_a_past  A1-1-7103  owner_a until 2019, partner_neighbour since 2020
    Estate B "PPT Estate Birch" (building B1):
        unit_b       B1-1-8201  owner_b 100%
    Notices: A published (pinned), A published (newer, not pinned), A published
    (older), building A1 published, A draft, A archived, B published,
    building B1 published.
    """

    site_lang = "zh_CN"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()

        # The owners read Chinese, the language of the site (site_lang).
        cls.owner_a = cls._create_user(
            "ppt_owner_a", "base.group_portal", name="PPT Owner Alder", lang="zh_CN"
        )
        cls.owner_b = cls._create_user(
            "ppt_owner_b", "base.group_portal", name="PPT Owner Birch", lang="zh_CN"
        )
        cls.resident_a = cls._create_user(
            "ppt_resident_a", "base.group_portal", name="PPT Resident Alder", lang="zh_CN"
        )
        cls.partner_coowner = cls._create_partner("PPT Co-owner Qian")
        cls.partner_neighbour = cls._create_partner("PPT Neighbour Zhou")

        cls.estate_a = cls._create_estate("PPT Estate Alder", "PPT-A")
        cls.estate_b = cls._create_estate("PPT Estate Birch", "PPT-B")
        cls.building_a = cls._create_building(cls.estate_a, "PPT Alder Tower", "A1")
        cls.building_b = cls._create_building(cls.estate_b, "PPT Birch Tower", "B1")

        cls.unit_a_own = cls._create_unit(
            cls.building_a, "7101", 89.5, net_area=72.25, floor=7, layout="PPT 3 bedrooms"
        )
        cls.unit_a_other = cls._create_unit(cls.building_a, "7102", 120.0)
        cls.unit_a_past = cls._create_unit(cls.building_a, "7103", 64.0)
        cls.unit_b = cls._create_unit(cls.building_b, "8201", 75.0)

        Ownership = cls.env["property.ownership"]
        Ownership.create(
            [
                {
                    "unit_id": cls.unit_a_own.id,
                    "partner_id": cls.owner_a.partner_id.id,
                    "date_start": "2020-01-01",
                    "share": 60.0,
                    "is_primary_payer": True,
                },
                {
                    "unit_id": cls.unit_a_own.id,
                    "partner_id": cls.partner_coowner.id,
                    "date_start": "2020-01-01",
                    "share": 40.0,
                },
                {
                    "unit_id": cls.unit_a_other.id,
                    "partner_id": cls.partner_neighbour.id,
                    "date_start": "2020-01-01",
                },
                {
                    "unit_id": cls.unit_a_past.id,
                    "partner_id": cls.owner_a.partner_id.id,
                    "date_start": "2015-01-01",
                    "date_end": "2019-12-31",
                },
                {
                    "unit_id": cls.unit_a_past.id,
                    "partner_id": cls.partner_neighbour.id,
                    "date_start": "2020-01-01",
                },
                {
                    "unit_id": cls.unit_b.id,
                    "partner_id": cls.owner_b.partner_id.id,
                    "date_start": "2020-01-01",
                },
            ]
        )
        cls.env["property.occupancy"].create(
            {
                "unit_id": cls.unit_a_own.id,
                "partner_id": cls.resident_a.partner_id.id,
                "date_start": "2023-05-01",
                "role": "tenant",
            }
        )

        cls.notice_a_pinned = cls._create_notice(
            "PPT Fire drill in Alder", "2024-01-10 08:00:00", estates=cls.estate_a, pinned=True
        )
        cls.notice_a_new = cls._create_notice(
            "PPT Water cut in Alder", "2024-03-01 08:00:00", estates=cls.estate_a
        )
        cls.notice_a_old = cls._create_notice(
            "PPT Lift check in Alder", "2024-02-01 08:00:00", estates=cls.estate_a
        )
        cls.notice_building_a = cls._create_notice(
            "PPT Alder Tower roof repair", "2024-02-15 08:00:00", buildings=cls.building_a
        )
        cls.notice_b = cls._create_notice(
            "PPT Birch garden party", "2024-03-02 08:00:00", estates=cls.estate_b
        )
        cls.notice_building_b = cls._create_notice(
            "PPT Birch Tower painting", "2024-03-03 08:00:00", buildings=cls.building_b
        )
        cls.notice_a_archived = cls._create_notice(
            "PPT Old news of Alder", "2023-01-01 08:00:00", estates=cls.estate_a
        )
        cls.notice_a_archived.action_archive_notice()
        cls.notice_a_draft = cls.env["property.notice"].create(
            {
                "name": "PPT Draft of Alder",
                "body": "<p>PPT draft body, not for owners yet</p>",
                "estate_ids": [Command.set(cls.estate_a.ids)],
            }
        )

    @classmethod
    def _create_notice(cls, name, date_published, estates=None, buildings=None, pinned=False):
        notice = cls.env["property.notice"].create(
            {
                "name": name,
                "body": f"<p>{name}: body text</p>",
                "category": "maintenance",
                "is_pinned": pinned,
                "estate_ids": [Command.set(estates.ids if estates else [])],
                "building_ids": [Command.set(buildings.ids if buildings else [])],
            }
        )
        notice.action_publish()
        notice.date_published = date_published
        return notice

    def _get(self, url, **kwargs):
        self.env.flush_all()
        response = self.url_open(url, **kwargs)
        response.raise_for_status()
        return response

    def assertRedirectsAway(self, url, forbidden_texts=(), location="/my"):
        """``url`` answers with a redirection to ``location`` (no data), and
        neither the redirection nor the page it leads to shows ``forbidden_texts``."""
        response = self.url_open(url, allow_redirects=False)
        self.assertIn(response.status_code, (302, 303))
        self.assertTrue(
            response.headers["Location"].split("?")[0].endswith(location),
            f"{url} redirects to {response.headers['Location']}, not to {location}",
        )
        followed = self.url_open(url)
        for text in forbidden_texts:
            self.assertNotIn(text, response.text)
            self.assertNotIn(text, followed.text)

    # ------------------------------------------------------------
    # Home
    # ------------------------------------------------------------

    def test_home_counters(self):
        counters = ["property_unit_count", "property_notice_count"]
        self.authenticate("ppt_owner_a", "ppt_owner_a")
        home = self._get("/my/home")
        self.assertIn('href="/my/units"', home.text)
        self.assertIn('href="/my/notices"', home.text)
        self.assertIn('data-placeholder_count="property_unit_count"', home.text)
        self.assertIn('data-placeholder_count="property_notice_count"', home.text)
        # unit_a_own only: unit_a_past was owned until 2019; pinned, new, old
        # and building notices of estate A, not the draft nor the archived one.
        self.assertEqual(
            self.make_jsonrpc_request("/my/counters", {"counters": counters}),
            {"property_unit_count": 1, "property_notice_count": 4},
        )

        self.authenticate("ppt_owner_b", "ppt_owner_b")
        self.assertEqual(
            self.make_jsonrpc_request("/my/counters", {"counters": counters}),
            {"property_unit_count": 1, "property_notice_count": 2},
        )

        self.authenticate("ppt_resident_a", "ppt_resident_a")
        self.assertEqual(
            self.make_jsonrpc_request("/my/counters", {"counters": counters}),
            {"property_unit_count": 1, "property_notice_count": 4},
        )

    def test_home_counters_without_units(self):
        new_test_user(self.env, login="ppt_nobody", groups="base.group_portal", lang="zh_CN")
        self.authenticate("ppt_nobody", "ppt_nobody")
        self.assertEqual(
            self.make_jsonrpc_request(
                "/my/counters", {"counters": ["property_unit_count", "property_notice_count"]}
            ),
            {"property_unit_count": 0, "property_notice_count": 0},
        )
        page = self._get("/my/units")
        self.assertIn("您名下尚未登记任何房屋", page.text)
        self.assertNotIn("PPT Estate Alder", page.text)

    # ------------------------------------------------------------
    # Units
    # ------------------------------------------------------------

    def test_units_list(self):
        self.authenticate("ppt_owner_a", "ppt_owner_a")
        page = self._get("/my/units")
        self.assertIn(f'href="/my/units/{self.unit_a_own.id}"', page.text)
        self.assertIn("A1-1-7101", page.text)
        self.assertIn("PPT Estate Alder", page.text)
        self.assertIn("业主 · 60%", page.text)
        # Breadcrumbs: home, then the current page.
        self.assertIn('href="/my/home"', page.text)
        # Not the neighbour's unit, not the unit sold in 2019, not estate B's.
        for unit in (self.unit_a_other, self.unit_a_past, self.unit_b):
            self.assertNotIn(f'href="/my/units/{unit.id}"', page.text)
            self.assertNotIn(unit.full_code, page.text)
        self.assertNotIn("PPT Estate Birch", page.text)

    def test_units_list_resident(self):
        self.authenticate("ppt_resident_a", "ppt_resident_a")
        page = self._get("/my/units")
        self.assertIn(f'href="/my/units/{self.unit_a_own.id}"', page.text)
        self.assertIn('<span class="o_property_unit_relation">租户</span>', page.text)
        self.assertNotIn(self.unit_a_other.full_code, page.text)

    def test_units_list_sorting_and_paging(self):
        self.authenticate("ppt_owner_a", "ppt_owner_a")
        for url in ("/my/units?sortby=type", "/my/units?sortby=unknown", "/my/units/page/2"):
            page = self._get(url)
            self.assertIn(f'href="/my/units/{self.unit_a_own.id}"', page.text, url)

    def test_unit_detail(self):
        self.authenticate("ppt_owner_a", "ppt_owner_a")
        page = self._get(f"/my/units/{self.unit_a_own.id}")
        for text in (
            "PPT Estate Alder",
            "PPT Alder Tower",
            "A1-1-7101",
            "PPT 3 bedrooms",
            "89.50",
            "72.25",
            "住宅",
            # today's co-owners with their shares, and today's residents
            "PPT Owner Alder",
            "60.00",
            "PPT Co-owner Qian",
            "40.00",
            "主缴费人",
            "PPT Resident Alder",
            ">租户<",
            # the latest notices of the unit's estate and building
            "PPT Water cut in Alder",
            "PPT Alder Tower roof repair",
            # breadcrumbs back to the list
            'href="/my/units"',
        ):
            self.assertIn(text, page.text)
        for text in (
            "PPT Neighbour Zhou",
            "PPT Draft of Alder",
            "PPT Birch garden party",
            "/odoo/property.unit/",  # the back-office link is for staff only
        ):
            self.assertNotIn(text, page.text)

    def test_unit_detail_as_resident(self):
        self.authenticate("ppt_resident_a", "ppt_resident_a")
        page = self._get(f"/my/units/{self.unit_a_own.id}")
        self.assertIn("PPT Owner Alder", page.text)
        self.assertIn("PPT Resident Alder", page.text)

    def test_unit_detail_of_someone_else(self):
        self.authenticate("ppt_owner_a", "ppt_owner_a")
        self.assertRedirectsAway(
            f"/my/units/{self.unit_b.id}",
            forbidden_texts=("B1-1-8201", "PPT Birch Tower", "PPT Owner Birch"),
        )
        # A neighbour in the same estate, and a unit owner_a sold in 2019.
        self.assertRedirectsAway(
            f"/my/units/{self.unit_a_other.id}",
            forbidden_texts=("A1-1-7102", "PPT Neighbour Zhou"),
        )
        self.assertRedirectsAway(
            f"/my/units/{self.unit_a_past.id}",
            forbidden_texts=("A1-1-7103", "PPT Neighbour Zhou"),
        )
        missing_id = (
            self.env["property.unit"]
            .with_context(active_test=False)
            .search([], order="id desc", limit=1)
            .id
            + 1000
        )
        self.assertRedirectsAway(f"/my/units/{missing_id}")

        self.authenticate("ppt_owner_b", "ppt_owner_b")
        self.assertRedirectsAway(
            f"/my/units/{self.unit_a_own.id}",
            forbidden_texts=("A1-1-7101", "PPT Co-owner Qian", "PPT Resident Alder"),
        )
        self.assertIn("B1-1-8201", self._get(f"/my/units/{self.unit_b.id}").text)

    def test_staff_portal(self):
        """Staff may read every unit, but their portal lists only their own
        units and notices; a unit page they open links back to the form."""
        self._create_user("ppt_staff_user", "base.group_user,property_base.group_property_user")
        self.authenticate("ppt_staff_user", "ppt_staff_user")
        self.assertEqual(
            self.make_jsonrpc_request(
                "/my/counters", {"counters": ["property_unit_count", "property_notice_count"]}
            ),
            {"property_unit_count": 0, "property_notice_count": 0},
        )
        self.assertNotIn("PPT Estate Alder", self._get("/my/units").text)
        self.assertNotIn("PPT Water cut in Alder", self._get("/my/notices").text)
        page = self._get(f"/my/units/{self.unit_a_own.id}").text
        self.assertIn("PPT Co-owner Qian", page)
        self.assertIn(f"/odoo/property.unit/{self.unit_a_own.id}", page)

    # ------------------------------------------------------------
    # Notices
    # ------------------------------------------------------------

    def test_notices_list(self):
        self.authenticate("ppt_owner_a", "ppt_owner_a")
        page = self._get("/my/notices").text
        visible = (
            self.notice_a_pinned,
            self.notice_a_new,
            self.notice_building_a,
            self.notice_a_old,
        )
        for notice in visible:
            self.assertIn(f'href="/my/notices/{notice.id}"', page)
        for notice in (
            self.notice_a_draft,
            self.notice_a_archived,
            self.notice_b,
            self.notice_building_b,
        ):
            self.assertNotIn(f'href="/my/notices/{notice.id}"', page)
            self.assertNotIn(notice.name, page)
        # Pinned first, then the newest first.
        positions = [page.index(notice.name) for notice in visible]
        self.assertEqual(positions, sorted(positions))

    def test_notices_list_filter(self):
        self.notice_a_new.category = "fees"
        self.authenticate("ppt_owner_a", "ppt_owner_a")
        page = self._get("/my/notices?filterby=fees").text
        self.assertIn(self.notice_a_new.name, page)
        self.assertNotIn(self.notice_a_old.name, page)
        page = self._get("/my/notices?filterby=maintenance").text
        self.assertNotIn(self.notice_a_new.name, page)
        self.assertIn(self.notice_a_old.name, page)

    def test_notice_detail(self):
        self.authenticate("ppt_owner_a", "ppt_owner_a")
        page = self._get(f"/my/notices/{self.notice_a_new.id}").text
        self.assertIn("PPT Water cut in Alder: body text", page)
        self.assertIn("维修与停水停电", page)
        self.assertIn("2024/03/01", page)
        self.assertIn('href="/my/notices"', page)
        page = self._get(f"/my/notices/{self.notice_building_a.id}").text
        self.assertIn("PPT Alder Tower roof repair: body text", page)

    def test_notice_detail_not_for_me(self):
        self.authenticate("ppt_owner_a", "ppt_owner_a")
        self.assertRedirectsAway(
            f"/my/notices/{self.notice_a_draft.id}",
            forbidden_texts=("PPT Draft of Alder", "PPT draft body"),
        )
        for notice in (self.notice_a_archived, self.notice_b, self.notice_building_b):
            self.assertRedirectsAway(
                f"/my/notices/{notice.id}", forbidden_texts=(notice.name, "body text")
            )

    def test_notice_shared_link(self):
        """A link with the notice's access token opens a published notice
        without logging in; it never opens a draft."""
        token = self.notice_b._portal_ensure_token()
        page = self._get(f"/my/notices/{self.notice_b.id}?access_token={token}").text
        self.assertIn("PPT Birch garden party: body text", page)

        draft_token = self.notice_a_draft._portal_ensure_token()
        self.assertRedirectsAway(
            f"/my/notices/{self.notice_a_draft.id}?access_token={draft_token}",
            forbidden_texts=("PPT draft body",),
        )
        self.assertRedirectsAway(
            f"/my/notices/{self.notice_b.id}?access_token=not-the-token",
            forbidden_texts=("PPT Birch garden party",),
        )

    # ------------------------------------------------------------
    # Anonymous visitors and performance
    # ------------------------------------------------------------

    def test_anonymous_redirected_to_login(self):
        for url in (
            "/my/units",
            f"/my/units/{self.unit_a_own.id}",
            "/my/notices",
        ):
            response = self.url_open(url, allow_redirects=False)
            self.assertIn(response.status_code, (302, 303), url)
            self.assertIn("/web/login", response.headers["Location"], url)
        # A notice without its token: to /my, which asks to log in.
        response = self.url_open(f"/my/notices/{self.notice_a_new.id}")
        self.assertIn("/web/login", response.url)
        self.assertNotIn("body text", response.text)

    def _count_queries(self, url):
        self.env.flush_all()
        count = self.cr.sql_log_count
        self._get(url)
        return self.cr.sql_log_count - count

    def test_units_list_query_count(self):
        self.authenticate("ppt_owner_a", "ppt_owner_a")
        for _i in range(2):  # warm up the caches of templates and routes
            self._get("/my/units")
        # 12 queries with property_base alone: user, partner and defaults; the
        # pager's count and the page's units; the user's ownerships and
        # occupancies among them; units, estates, buildings and company read
        # for the table. A little room for the modules that extend the portal.
        with self.assertQueryCount(15):
            self._get("/my/units")
        one_unit = self._count_queries("/my/units")

        # More units on the page do not mean more queries.
        for code in ("7201", "7202", "7203"):
            unit = self._create_unit(self.building_a, code, 50.0)
            self.env["property.ownership"].create(
                {
                    "unit_id": unit.id,
                    "partner_id": self.owner_a.partner_id.id,
                    "date_start": "2021-01-01",
                }
            )
        self._get("/my/units")
        self.assertEqual(self._count_queries("/my/units"), one_unit)
