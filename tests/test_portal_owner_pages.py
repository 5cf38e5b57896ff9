import re
from urllib.parse import urljoin, urlsplit

from lxml import html as lxml_html

from odoo.tests import HttpCase, tagged

from odoo.addons.property_base.tests.common import PropertyTestCommon

# Links an owner follows from the portal home: the portal pages and the new
# request form; not the web client, logout, downloads or mail links.
FOLLOWED = re.compile(r"^/(my|new/ticket)(/|$|\?)")
SKIPPED = re.compile(r"(/logout|report_type=|download=|/web/|/mail/|/unsubscribe|#)")
# Pages of one owner that another owner of the same estate must not open.
PRIVATE = re.compile(r"^/my/(units|bills|ticket|tickets|handover|invoices|payments)/\d+")
# Pages of a shape (ids replaced) visited at most this many times.
PER_SHAPE = 2
MAX_PAGES = 80


@tagged("post_install", "-at_install")
class TestOwnerPortalPages(PropertyTestCommon, HttpCase):
    """Every page an owner reaches from the portal home, followed link by link
    as the demo owner 张伟 (owner1, zh_CN): it opens, reads Chinese only,
    and none of its private pages opens for another owner of the estate."""

    site_lang = "zh_CN"

    def _crawl(self, start="/my"):
        seen_shapes = {}
        queue, visited, pages = [start], set(), {}
        while queue and len(pages) < MAX_PAGES:
            url = queue.pop(0)
            if url in visited:
                continue
            visited.add(url)
            shape = re.sub(r"\d+", "N", urlsplit(url).path)
            if seen_shapes.get(shape, 0) >= PER_SHAPE:
                continue
            seen_shapes[shape] = seen_shapes.get(shape, 0) + 1
            response = self.url_open(url)
            self.assertEqual(response.status_code, 200, f"{url} answered {response.status_code}")
            final = urlsplit(response.url)
            if "text/html" not in response.headers.get("Content-Type", ""):
                continue
            pages[url] = (final.path, response.text)
            tree = lxml_html.fromstring(response.content)
            for href in tree.xpath("//body//a/@href"):
                link = urljoin(url, href)
                parts = urlsplit(link)
                if parts.netloc and parts.netloc != urlsplit(self.base_url()).netloc:
                    continue
                relative = parts.path + (f"?{parts.query}" if parts.query else "")
                if FOLLOWED.match(relative) and not SKIPPED.search(relative):
                    queue.append(relative)
        return pages

    def test_owner_pages_read_chinese(self):
        self.authenticate("owner1", "owner1")
        pages = self._crawl()
        paths = {final for final, _html in pages.values()}
        # The crawl reached the owner's day: units, bills, tickets, notices.
        for expected in ("/my/units", "/my/notices", "/my/tickets", "/new/ticket"):
            self.assertIn(expected, paths, f"{expected} is not reachable from the home page")
        errors = []
        for url, (_final, page) in pages.items():
            try:
                self.assertNoEnglishLeftovers(page, where=url)
            except AssertionError as e:
                errors.append(str(e))
        if errors:
            self.fail("\n".join(errors))

    def test_private_pages_of_an_owner_stay_closed_to_another(self):
        self.authenticate("owner1", "owner1")
        # Without the access tokens of shared links: a token is a share by design.
        private = {urlsplit(url).path for url in self._crawl() if PRIVATE.match(url)}
        self.assertTrue(private, "the demo owner has no private page to check")
        self.authenticate("owner2", "owner2")
        for url in sorted(private):
            response = self.url_open(url, allow_redirects=False)
            self.assertIn(
                response.status_code,
                (302, 303, 403, 404),
                f"owner2 opened owner1's page {url} ({response.status_code})",
            )
