import re
import subprocess
import tempfile
import unicodedata
from contextlib import contextmanager

from lxml import html as lxml_html

from odoo import Command, fields
from odoo.exceptions import AccessError, ValidationError
from odoo.tests import TransactionCase, new_test_user

from odoo.addons.base.tests.common import DISABLED_MAIL_CONTEXT


def to_date(value):
    return fields.Date.to_date(value)


# English words that Odoo's, OCA's or our own portal templates leave on a
# page when a string is not translated; a Chinese owner must meet none of
# them. Whole words, case-sensitive, in the visible text of a page and in the
# attributes a person reads (placeholder, title, alt, aria-label).
ENGLISH_LEFTOVERS = (
    "Newest",
    "Oldest",
    "All",
    "None",
    "Search",
    "Search in",
    "Sort By",
    "Filter By",
    "Group By",
    "Invoice",
    "Invoices",
    "Pro-forma",
    "Proforma",
    "Salesperson",
    "No Subject",
    "Your logo",
    "YourCompany",
    "Powered by",
    "Subject",
    "Stage",
    "Status",
    "Reference",
    "Category",
    "Description",
    "Submit",
    "Send",
    "Close",
    "Download",
    "Print",
    "Pay Now",
    "Pay now",
    "Paid",
    "Due Date",
    "Due",
    "Amount",
    "Total",
    "Subtotal",
    "Untaxed",
    "Tax",
    "Ticket",
    "Tickets",
    "New",
    "Home",
    "Details",
    "Logout",
    "Log out",
    "My Account",
    "Addresses",
    "Connection",
    "Security",
    "Notices",
    "Units",
    "Bills",
    "Owner",
    "Tenant",
    "Unit",
    "Estate",
    "Building",
    "Floor",
    "Type",
    "Date",
    "Yes",
    "No",
    "Back",
    "Confirm",
    "Reopen",
    "Rate",
    "Comment",
    "Photos",
    "Title",
    "Kind",
    "Place",
    "Priority",
    "Assigned",
    "Communication history",
    "Pinned",
    "Published",
    "Delivery",
    "Defects",
    "Sign",
    "Save",
    "Cancel",
    "Previous",
    "Next",
    "Loading",
    "Hello",
    "Welcome",
)
_LEFTOVER_WORDS = "|".join(
    re.escape(word) for word in sorted(ENGLISH_LEFTOVERS, key=len, reverse=True)
)
_LEFTOVER_RE = re.compile(rf"(?<![A-Za-z])({_LEFTOVER_WORDS})(?![A-Za-z])")
_READ_ATTRIBUTES = ("placeholder", "title", "alt", "aria-label")


def visible_texts(page_html):
    """The texts of an HTML page a person reads: text nodes outside scripts,
    styles and templates, and the attributes in ``_READ_ATTRIBUTES``."""
    tree = lxml_html.fromstring(page_html)
    for bad in tree.xpath("//script|//style|//template|//noscript|//head"):
        bad.drop_tree()
    texts = [t.strip() for t in tree.xpath("//body//text()") if t.strip()]
    for attribute in _READ_ATTRIBUTES:
        texts += [v.strip() for v in tree.xpath(f"//body//@{attribute}") if v.strip()]
    return texts


def pdf_text(pdf_content):
    """The text of a PDF as ``pdftotext -layout`` reads it (poppler-utils),
    NFKC-normalised: the CJK fonts map some characters to their Kangxi
    radical look-alikes (⽇ for 日), which a reader does not tell apart."""
    with tempfile.NamedTemporaryFile(suffix=".pdf") as pdf:
        pdf.write(pdf_content)
        pdf.flush()
        text = subprocess.run(
            ["pdftotext", "-layout", "-enc", "UTF-8", pdf.name, "-"],
            check=True,
            capture_output=True,
        ).stdout.decode()
        return unicodedata.normalize("NFKC", text)


class OwnerPhoneMixin:
    """An owner-portal case driven on a phone (a mixin before the case's
    ``PropertyTestCommon``/``HttpCase`` bases): the tours run at 390×844 with
    touch, on a Chinese site."""

    site_lang = "zh_CN"
    browser_size = "390x844"
    touch_enabled = True


class PropertyAssertions:
    """Assertions shared by the tests of the property modules (a mixin of a
    test case class)."""

    def assertNoEnglishLeftovers(self, page_html, allowed=(), where=""):
        """No word of ``ENGLISH_LEFTOVERS`` in what a person reads on the page
        (``allowed``: words that are data here, a unit code for instance)."""
        found = []
        for text in visible_texts(page_html):
            for match in _LEFTOVER_RE.finditer(text):
                if match.group(1) not in allowed:
                    found.append(f"{match.group(1)!r} in {text[:80]!r}")
        if found:
            self.fail(f"English left on the page {where}:\n" + "\n".join(sorted(set(found))))

    @contextmanager
    def assertRaisesMessage(self, exception, regex):
        """``assertRaises`` (which rolls back what the failed call wrote, as
        the transaction of a real request is) that also checks the message
        the user reads. Odoo's ``assertRaisesRegex`` opens no savepoint: a
        record that failed its Python constraints would stay written."""
        with self.assertRaises(exception) as caught:
            yield caught
        self.assertRegex(str(caught.exception), regex)

    def assertRaisesText(self, exception, text):
        """``assertRaisesMessage`` where the message contains ``text``."""
        return self.assertRaisesMessage(exception, re.escape(text))

    def assertInputRefused(self, model, domain, call, *texts):
        """``call()`` is refused with a ``ValidationError`` whose message holds
        each of ``texts`` (for bad input: the field's name, in quotes) and
        nothing is written: the count of ``model`` records matching ``domain``
        does not change. Returns the error."""
        before = self.env[model].search_count(domain)
        with self.assertRaises(ValidationError) as caught:
            call()
        for text in texts:
            self.assertIn(text, str(caught.exception))
        self.assertEqual(self.env[model].search_count(domain), before)
        return caught.exception

    def _render_report_action(self, action, user=None):
        """The file that the download of an export's report action brings (what
        report_xlsx's download route renders), as ``user`` when given."""
        Report = self.env["ir.actions.report"]
        if user:
            Report = Report.with_user(user).with_context(lang=user.lang)
        content, _format = Report._render_xlsx(
            action["report_name"], action["context"].get("active_ids"), action["data"]
        )
        return content


class PropertyTestCommon(PropertyAssertions):
    """The base of every property test case (a mixin of ``TransactionCase`` or
    ``HttpCase``): the environment of the class sends no mail, and class-level
    builders of the records the modules' fixtures are made of. Each module's
    ``tests/common.py`` builds its own records with them (names carry the
    module's prefix, as demo data is installed in the test database too)."""

    # The language of the site, when the case needs one other than the test
    # database's default (English): "zh_CN" for the owner-portal cases, as in a
    # Chinese property company's database. Partners and users created by the
    # case speak it, and the portal serves it without a language prefix.
    site_lang = None

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, **DISABLED_MAIL_CONTEXT))
        cls._fixture_estates = cls.env["property.estate"]
        cls._fixture_staff = cls.env["res.users"]
        if cls.site_lang:
            cls.env["res.lang"]._activate_lang(cls.site_lang)
            cls.env["ir.default"].set("res.partner", "lang", cls.site_lang)
            # Visitors who are not signed in read the site's language too.
            cls.env.ref("base.public_user").lang = cls.site_lang

    def setUp(self):
        super().setUp()
        if self.site_lang and hasattr(self, "opener"):
            # The browser of an owner's phone asks for the site's language.
            self.opener.headers["Accept-Language"] = self.site_lang.replace("_", "-")

    def assertSeesOnly(self, user, model, expected, records):
        """Of ``records``, ``user`` finds ``expected`` and nothing else: by
        search, by count, in grouped totals, and reading the others by id is
        refused."""
        Model = self.env[model].with_user(user)
        domain = [("id", "in", records.ids)]
        self.assertEqual(Model.search(domain), expected, f"{user.login} on {model}")
        self.assertEqual(Model.search_count(domain), len(expected), f"{user.login} on {model}")
        [(count,)] = Model._read_group(domain, aggregates=["__count"])
        self.assertEqual(count, len(expected), f"{user.login} totals on {model}")
        for record in records - expected:
            with self.assertRaises(AccessError, msg=f"{user.login} reads {record}"):
                record.with_user(user).read(["display_name"])

    def _run_cron(self, xmlid):
        """Run a scheduled action the way the scheduler does, on the test's
        cursor (without the registry's test mode it would open a cursor of
        its own, outside the test transaction)."""
        with self.enter_registry_test_mode():
            self.env.ref(xmlid).method_direct_trigger()

    @classmethod
    def _create_company(cls, name, **values):
        return cls.env["res.company"].create({"name": name, **values})

    @classmethod
    def _create_user(cls, login, groups, company=None, estates=None, **values):
        """A user of ``groups`` (xml ids, comma-separated), working in
        ``company`` only when given (else in the current company).

        Property staff carry the estates they work on: ``estates`` pins them;
        without it the user is the fixture's staff and works on every estate
        the fixture creates with ``_create_estate`` (before or after him)."""
        if company:
            values.update(company_id=company.id, company_ids=[Command.set(company.ids)])
        if estates is not None:
            values["property_estate_ids"] = [Command.set(estates.ids)]
        user = new_test_user(cls.env, login=login, groups=groups, **values)
        if estates is None:
            user.property_estate_ids = [Command.link(estate.id) for estate in cls._fixture_estates]
            cls._fixture_staff |= user
        return user

    @classmethod
    def _create_partner(cls, name, email=None, **values):
        return cls.env["res.partner"].create({"name": name, "email": email or False, **values})

    @classmethod
    def _create_estate(cls, name, code, company=None, **values):
        if company:
            values["company_id"] = company.id
        estate = cls.env["property.estate"].create({"name": name, "code": code, **values})
        cls._fixture_estates |= estate
        if cls._fixture_staff:
            estate.user_ids = [Command.link(user.id) for user in cls._fixture_staff]
        return estate

    @classmethod
    def _create_building(cls, estate, name, code, **values):
        return cls.env["property.building"].create(
            {"name": name, "code": code, "estate_id": estate.id, **values}
        )

    @classmethod
    def _create_unit(cls, building, code, gross_area=88.0, entrance="1", **values):
        """A unit of ``building``, or of an estate outside any building when
        ``building`` is an estate (a parking space)."""
        if building._name == "property.estate":
            values.update(estate_id=building.id, entrance=False)
        else:
            values.update(estate_id=building.estate_id.id, building_id=building.id)
        return cls.env["property.unit"].create(
            {"entrance": entrance, "code": code, "gross_area": gross_area, **values}
        )

    @classmethod
    def _create_ownership(cls, unit, partner, date_start, date_end=False, share=100.0, **values):
        return cls.env["property.ownership"].create(
            {
                "unit_id": unit.id,
                "partner_id": partner.id,
                "date_start": date_start,
                "date_end": date_end,
                "share": share,
                **values,
            }
        )

    @classmethod
    def _create_occupancy(cls, unit, partner, date_start, date_end=False, role="tenant", **values):
        return cls.env["property.occupancy"].create(
            {
                "unit_id": unit.id,
                "partner_id": partner.id,
                "date_start": date_start,
                "date_end": date_end,
                "role": role,
                **values,
            }
        )


class PropertyCase(PropertyTestCommon, TransactionCase):
    """Shared data of the property_base tests.

    Demo data is installed in the test database too: every name here starts
    with "PBT" and tests never count records they did not create.

    Company A (the main company):
        estate_a "PBT Lotus Garden", with two move-in documents
            building_a1 (code 1): unit_a1 1-1-101, unit_a2 1-1-102, unit_a3 1-2-101
            building_a2 (code 2): unit_a4 2-1-201
        estate_b "PBT Riverside", no move-in documents
            building_b1 (code 1): unit_b1 1-1-101
    Company B:
        estate_c "PBT Harbour Plaza"
            building_c1 (code 1): unit_c1 1-1-101

    No ownership or occupancy is created here: each test class sets up its own.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company_a = cls.env.company
        cls.company_b = cls._create_company("PBT Company B")

        cls.document_agreement = cls.env["property.move.in.document"].create(
            {"name": "PBT Service agreement", "sequence": 1}
        )
        cls.document_fire_safety = cls.env["property.move.in.document"].create(
            {"name": "PBT Fire safety letter", "sequence": 2}
        )

        cls.estate_a = cls._create_estate(
            "PBT Lotus Garden",
            "PBT-A",
            company=cls.company_a,
            move_in_document_ids=[
                Command.set((cls.document_agreement | cls.document_fire_safety).ids)
            ],
        )
        cls.estate_b = cls._create_estate("PBT Riverside", "PBT-B", company=cls.company_a)
        cls.estate_c = cls._create_estate("PBT Harbour Plaza", "PBT-C", company=cls.company_b)

        cls.building_a1 = cls._create_building(cls.estate_a, "PBT Tower 1", "1", entrance_count=2)
        cls.building_a2 = cls._create_building(cls.estate_a, "PBT Tower 2", "2")
        cls.building_b1 = cls._create_building(cls.estate_b, "PBT River House", "1")
        cls.building_c1 = cls._create_building(cls.estate_c, "PBT Harbour Block", "1")

        cls.unit_a1 = cls._create_unit(cls.building_a1, "101", 89.5, net_area=72.3)
        cls.unit_a2 = cls._create_unit(cls.building_a1, "102", 120.0, net_area=98.0)
        cls.unit_a3 = cls._create_unit(cls.building_a1, "101", 89.5, entrance="2")
        cls.unit_a4 = cls._create_unit(cls.building_a2, "201", 64.0)
        cls.unit_b1 = cls._create_unit(cls.building_b1, "101", 75.0)
        cls.unit_c1 = cls._create_unit(cls.building_c1, "101", 150.0)

        cls.partner_li = cls._create_partner("PBT Li Wei", "li.wei@example.com")
        cls.partner_wang = cls._create_partner("PBT Wang Fang", "wang.fang@example.com")
        cls.partner_zhao = cls._create_partner("PBT Zhao Lei", "zhao.lei@example.com")
        cls.partner_chen = cls._create_partner("PBT Chen Jing", "chen.jing@example.com")
        cls.partner_sun = cls._create_partner("PBT Sun Mei")  # no email

        cls.user_property = cls._create_user(
            "pbt_property_user", "property_base.group_property_user"
        )
        cls.user_manager = cls._create_user(
            "pbt_property_manager", "property_base.group_property_manager"
        )
        cls.user_manager_b = cls._create_user(
            "pbt_property_manager_b",
            "property_base.group_property_manager",
            company=cls.company_b,
        )
