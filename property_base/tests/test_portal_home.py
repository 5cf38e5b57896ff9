import re

from lxml import html

from odoo import Command
from odoo.tests import HttpCase, tagged
from odoo.tests.common import JsonRpcException

from .common import PropertyTestCommon


@tagged("post_install", "-at_install")
class TestOwnerPortalHome(PropertyTestCommon, HttpCase):
    """/my and the notices as a Chinese owner: what needs attention, unread
    notices, isolation between owners, and no English on the pages.

    Estate 枫林苑 (PPH-A, building 1号楼): unit 1-1-6601 of owner_a (zh_CN).
    Estate 松涛园 (PPH-B, building 2号楼): unit 2-1-6602 of owner_b (zh_CN).
    Notices: three published of estate A, one published of estate B.
    """

    site_lang = "zh_CN"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.owner_a = cls._create_user(
            "pph_owner_a", "base.group_portal", name="郑雨桐", lang="zh_CN", tz="Asia/Shanghai"
        )
        cls.owner_b = cls._create_user(
            "pph_owner_b", "base.group_portal", name="冯志远", lang="zh_CN", tz="Asia/Shanghai"
        )
        cls.estate_a = cls._create_estate("枫林苑", "PPH-A")
        cls.estate_b = cls._create_estate("松涛园", "PPH-B")
        building_a = cls._create_building(cls.estate_a, "1号楼", "1")
        building_b = cls._create_building(cls.estate_b, "2号楼", "2")
        cls.unit_a = cls._create_unit(
            building_a, "6601", 89.5, net_area=72.0, floor=6, layout="三室两厅"
        )
        cls.unit_b = cls._create_unit(building_b, "6602", 101.0)
        cls._create_ownership(cls.unit_a, cls.owner_a.partner_id, "2021-01-01")
        cls._create_ownership(cls.unit_b, cls.owner_b.partner_id, "2021-01-01")
        cls._create_occupancy(
            cls.unit_a, cls.owner_a.partner_id, "2021-02-01", role="owner_occupier"
        )

        cls.notice_a1 = cls._create_notice("枫林苑停水通知", "2026-10-01 02:00:00", cls.estate_a)
        cls.notice_a2 = cls._create_notice("枫林苑消防演习", "2026-10-05 02:00:00", cls.estate_a)
        cls.notice_a3 = cls._create_notice("枫林苑物业费调整", "2026-10-09 02:00:00", cls.estate_a)
        cls.notice_b = cls._create_notice("松涛园游园会", "2026-10-03 02:00:00", cls.estate_b)

    @classmethod
    def _create_notice(cls, name, date_published, estate):
        notice = cls.env["property.notice"].create(
            {
                "name": name,
                "body": f"<p>{name}：详情见物业服务中心。</p>",
                "category": "general",
                "estate_ids": [Command.set(estate.ids)],
            }
        )
        notice.action_publish()
        notice.date_published = date_published
        return notice

    def _get(self, url):
        self.env.flush_all()
        response = self.url_open(url)
        response.raise_for_status()
        return response

    def _attention_value(self, page, key):
        """The value of the attention item ``key`` on /my, or None."""
        match = re.search(
            rf'data-key="{key}".*?o_property_attention_value[^>]*>\s*([^<]*?)\s*<', page, re.S
        )
        return match and match.group(1)

    # ------------------------------------------------------------
    # Home
    # ------------------------------------------------------------

    def test_home_unread_notices_attention(self):
        self.authenticate("pph_owner_a", "pph_owner_a")
        page = self._get("/my").text
        self.assertIn("需要您处理", page)
        self.assertIn("未读公告", page)
        self.assertEqual(self._attention_value(page, "unread_notices"), "3")
        self.assertIn('href="/my/notices?filterby=unread"', page)

        self._get(f"/my/notices/{self.notice_a1.id}")
        self._get(f"/my/notices/{self.notice_a1.id}")  # twice: still one notice read
        page = self._get("/my/home").text
        self.assertEqual(self._attention_value(page, "unread_notices"), "2")

        for notice in (self.notice_a2, self.notice_a3):
            self._get(f"/my/notices/{notice.id}")
        page = self._get("/my").text
        # Nothing to attend to: no attention block at all.
        self.assertIsNone(self._attention_value(page, "unread_notices"))
        self.assertNotIn("o_property_attention", page)
        self.assertNotIn("需要您处理", page)

    def test_home_entries_order_and_company(self):
        self.env.company.name = "锦绣物业服务有限公司"
        self.authenticate("pph_owner_a", "pph_owner_a")
        page = self._get("/my").text
        units = page.index('href="/my/units"')
        notices = page.index('href="/my/notices"')
        addresses = page.index('href="/my/addresses"')
        security = page.index('href="/my/security"')
        attention = page.index("o_property_attention")
        self.assertLess(attention, units)
        self.assertLess(units, notices)
        self.assertLess(notices, addresses)
        self.assertLess(notices, security)
        self.assertIn("/property_base/static/src/img/portal_units.svg", page)
        self.assertIn("/property_base/static/src/img/portal_notices.svg", page)
        self.assertNotIn("/web/static/img/quotation.svg", page)
        # The company's own name in the header and the footer, and the title.
        self.assertIn('alt="锦绣物业服务有限公司"', page)
        self.assertRegex(page, r"Copyright &copy;\s*<span[^>]*>锦绣物业服务有限公司</span>")
        self.assertRegex(page, r"<title>[^<]*锦绣物业服务有限公司</title>")

    def test_company_colours_on_every_portal_page(self):
        """The company's colours on its own pages and on Odoo's alike (the
        account page here): the layout reads them, not a controller."""
        self.env.company.write({"primary_color": "#1A7A5A", "secondary_color": "#C9962E"})
        self.authenticate("pph_owner_a", "pph_owner_a")
        for url in ("/my", "/my/account", "/my/security"):
            page = self._get(url).text
            self.assertIn("--primary: #1A7A5A;", page, url)
            self.assertIn("--primary-rgb: 26, 122, 90;", page, url)
            self.assertIn("3px solid #C9962E", page, url)
        self.env.company.primary_color = "not a colour"
        self.assertNotIn("--primary:", self._get("/my").text)

    # ------------------------------------------------------------
    # Unread notices
    # ------------------------------------------------------------

    def test_notices_unread_filter(self):
        self.authenticate("pph_owner_a", "pph_owner_a")
        page = self._get("/my/notices?filterby=unread").text
        for notice in (self.notice_a1, self.notice_a2, self.notice_a3):
            self.assertIn(notice.name, page)
        self.assertNotIn(self.notice_b.name, page)
        # Unread notices are bold, with a dot; the unread filter counts them.
        self.assertEqual(page.count("o_property_unread_dot"), 3)
        self.assertRegex(page, r'o_property_unread_count[^"]*">3</span>')

        self._get(f"/my/notices/{self.notice_a2.id}")
        page = self._get("/my/notices?filterby=unread").text
        self.assertNotIn(self.notice_a2.name, page)
        self.assertIn(self.notice_a1.name, page)
        self.assertIn(self.notice_a3.name, page)
        self.assertEqual(page.count("o_property_unread_dot"), 2)
        # The filter's labels, in Chinese.
        self.assertIn("未读", page)
        self.assertIn("全部", page)

        # All notices: the read one is listed, not bold.
        page = self._get("/my/notices").text
        self.assertRegex(
            page,
            rf'<a href="/my/notices/{self.notice_a2.id}" class="o_property_notice_link ">',
        )
        self.assertRegex(
            page,
            rf'<a href="/my/notices/{self.notice_a1.id}" class="o_property_notice_link fw-bold">',
        )

        for notice in (self.notice_a1, self.notice_a3):
            self._get(f"/my/notices/{notice.id}")
        page = self._get("/my/notices?filterby=unread").text
        self.assertIn("您已阅读", page)
        self.assertNotIn("o_property_unread_dot", page)
        self.assertNotIn("o_property_unread_count", page)

        # Another owner's reading is his own.
        self.env.invalidate_all()
        self.assertEqual(
            self.notice_a2.read_partner_ids, self.owner_a.partner_id, "read by owner A only"
        )
        self.assertFalse(self.notice_b.read_partner_ids)
        self.authenticate("pph_owner_b", "pph_owner_b")
        page = self._get("/my/notices?filterby=unread").text
        self.assertIn(self.notice_b.name, page)

    def test_read_is_recorded_only_for_published_notices(self):
        self.notice_a3.action_archive_notice()
        self.authenticate("pph_owner_a", "pph_owner_a")
        response = self.url_open(f"/my/notices/{self.notice_a3.id}", allow_redirects=False)
        self.assertIn(response.status_code, (302, 303))
        self.env.invalidate_all()
        self.assertFalse(self.notice_a3.read_partner_ids)

    # ------------------------------------------------------------
    # Isolation
    # ------------------------------------------------------------

    def test_owner_cannot_open_another_owners_unit(self):
        self.authenticate("pph_owner_b", "pph_owner_b")
        response = self.url_open(f"/my/units/{self.unit_a.id}", allow_redirects=False)
        self.assertIn(response.status_code, (302, 303))
        self.assertTrue(response.headers["Location"].endswith("/my"))
        # What the page shows (not its scripts, whose session hash may hold any digits).
        page = html.fromstring(self._get(f"/my/units/{self.unit_a.id}").text)
        self.assertNotIn("6601", page.xpath("string(//main)"))

    def test_owner_cannot_mark_another_estates_notice_read(self):
        self.authenticate("pph_owner_b", "pph_owner_b")
        response = self.url_open(f"/my/notices/{self.notice_a1.id}", allow_redirects=False)
        self.assertIn(response.status_code, (302, 303))
        # With a shared link the notice shows, but it is not the owner's to read.
        token = self.notice_a1._portal_ensure_token()
        page = self._get(f"/my/notices/{self.notice_a1.id}?access_token={token}").text
        self.assertIn("枫林苑停水通知：详情见物业服务中心。", page)
        self.env.invalidate_all()
        self.assertFalse(self.notice_a1.read_partner_ids)
        # Anonymous visitors with the link record nothing either.
        self.logout()
        page = self._get(f"/my/notices/{self.notice_a1.id}?access_token={token}").text
        self.assertIn("枫林苑停水通知：详情见物业服务中心。", page)
        self.env.invalidate_all()
        self.assertFalse(self.notice_a1.read_partner_ids)

    def test_owner_cannot_write_or_read_readers_over_rpc(self):
        self.authenticate("pph_owner_a", "pph_owner_a")
        partner = self.owner_a.partner_id
        calls = [
            ("write", [[self.notice_a1.id], {"read_partner_ids": [Command.link(partner.id)]}]),
            ("write", [[self.notice_b.id], {"read_partner_ids": [Command.link(partner.id)]}]),
            ("read", [[self.notice_a1.id], ["read_partner_ids"]]),
            ("_mark_read", [[self.notice_b.id]]),
        ]
        for method, args in calls:
            with self.subTest(method=method, args=args):
                with self.assertRaises(JsonRpcException) as caught:
                    self.make_jsonrpc_request(
                        f"/web/dataset/call_kw/property.notice/{method}",
                        {"model": "property.notice", "method": method, "args": args, "kwargs": {}},
                    )
                self.assertIn("AccessError", str(caught.exception))
        self.env.invalidate_all()
        self.assertFalse(self.notice_a1.read_partner_ids)
        self.assertFalse(self.notice_b.read_partner_ids)
        # What the owner may read: whether he read a notice of his estate.
        result = self.make_jsonrpc_request(
            "/web/dataset/call_kw/property.notice/read",
            {
                "model": "property.notice",
                "method": "read",
                "args": [[self.notice_a1.id], ["is_read"]],
                "kwargs": {},
            },
        )
        self.assertEqual(result, [{"id": self.notice_a1.id, "is_read": False}])

    # ------------------------------------------------------------
    # Chinese
    # ------------------------------------------------------------

    def test_pages_have_no_english_leftovers(self):
        self.authenticate("pph_owner_a", "pph_owner_a")
        urls = [
            "/my",
            "/my/home",
            "/my/units",
            f"/my/units/{self.unit_a.id}",
            "/my/notices",
            "/my/notices?filterby=unread",
            f"/my/notices/{self.notice_a1.id}",
            "/my/account",
        ]
        for url in urls:
            with self.subTest(url=url):
                page = self._get(url).text
                self.assertNoEnglishLeftovers(page, where=url)
        page = self._get("/my/units").text
        for text in ("我的房屋", "枫林苑", "1-1-6601", "业主 · 100%"):
            self.assertIn(text, page)
        page = self._get(f"/my/notices/{self.notice_a1.id}").text
        # The date and time of publication, without seconds (Asia/Shanghai).
        self.assertIn("2026/10/01 10:00", page)
        self.assertNotIn("2026/10/01 10:00:00", page)

    def test_portal_chatter_texts_in_chinese(self):
        """The browser-side texts of the pages (the chatter of a bill, a
        request or a delivery is mail's) come in the owner's language."""
        self.authenticate("pph_owner_a", "pph_owner_a")
        response = self.url_open("/website/translations?lang=zh_CN")
        self.assertEqual(response.status_code, 200)
        modules = response.json()["modules"]
        self.assertIn("mail", modules)
        messages = {message["id"]: message["string"] for message in modules["mail"]["messages"]}
        self.assertEqual(messages.get("The conversation is empty."), "对话内容为空")
