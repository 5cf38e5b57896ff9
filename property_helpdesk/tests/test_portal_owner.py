from datetime import timedelta

from odoo import fields
from odoo.http import Request
from odoo.tests import HttpCase, freeze_time, tagged

from odoo.addons.http_routing.tests.common import MockRequest
from odoo.addons.property_helpdesk.controllers.portal import PropertyHelpdeskHomePortal

from .common import PropertyHelpdeskCommon
from .test_workflow import PNG


@tagged("post_install", "-at_install")
class TestPortalOwner(PropertyHelpdeskCommon, HttpCase):
    """The owner's request pages over HTTP: what is typed and the photos
    survive a refused submission, bad input on the ticket page, isolation of
    pending photos and tickets, and every word in Chinese (the language of
    the test database, which the portal pages use)."""

    site_lang = "zh_CN"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setup_property_helpdesk()
        cls.tech_1.partner_id.phone = "13911112222"
        cls.storeroom = cls._create_unit(cls.unit.building_id, "B01", 6.0, unit_type="storeroom")
        cls._create_ownership(cls.storeroom, cls.owner.partner_id, "2020-01-01")
        cls.cat_demo = cls.env["helpdesk.ticket.category"].create({"name": "PHT Generic Wifi"})

    def _post(self, url, data=None, files=None):
        data = dict(data or {}, csrf_token=Request.csrf_token(self))
        return self.url_open(url, data=data, files=files, allow_redirects=False)

    def _data(self, **values):
        data = {
            "ticket_kind": "repair",
            "location": f"unit-{self.unit.id}",
            "category": str(self.cat_electric.id),
            "subject": "PHT 卧室灯不亮",
            "description": "PHT 开关按下没有反应",
            "contact_phone": "13800000000",
        }
        data.update(values)
        return data

    def _my_tickets(self):
        return self.env["helpdesk.ticket"].search([("partner_id", "=", self.owner.partner_id.id)])

    def _hold_photo(self, name):
        """A refused submission (no title) with one photo: the photo held
        aside for the next try, returned."""
        self._post(
            "/submitted/ticket",
            self._data(subject=""),
            files=[("attachment", (name, PNG, "image/png"))],
        )
        pending = self._pending()
        self.assertEqual(len(pending), 1)
        return pending

    def _pending(self):
        return self.env["ir.attachment"].search(
            [("res_model", "=", "helpdesk.ticket"), ("res_id", "=", 0)]
        )

    def _done_ticket(self, partner=None, unit=None):
        ticket = self.create_ticket(
            name="PHT Done leak",
            unit_id=(unit or self.unit).id,
            partner_id=(partner or self.owner.partner_id).id,
        )
        ticket._dispatch_to(self.tech_1)
        ticket.work_description = "PHT fixed"
        ticket.action_work_done()
        return ticket

    # ------------------------------------------------------------------
    # New request form
    # ------------------------------------------------------------------
    def test_form_renders_description_and_defaults(self):
        self.owner.partner_id.phone = "13700001111"
        self.authenticate("pht_owner", "pht_owner")
        page = self.url_open("/new/ticket").text
        # The description box is there even when empty.
        self.assertRegex(page, r'<textarea name="description" id="description"[^>]*></textarea>')
        # The home is chosen, not the storeroom.
        self.assertRegex(page, rf'<option value="unit-{self.unit.id}" selected=')
        self.assertNotRegex(page, rf'<option value="unit-{self.storeroom.id}" selected')
        # The estate's categories, not the helpdesk's generic ones.
        self.assertIn(f'value="{self.cat_plumbing.id}"', page)
        self.assertNotIn(f'value="{self.cat_demo.id}"', page)
        self.assertIn('value="13700001111"', page)

    def test_refused_submission_keeps_typed_values_and_photos(self):
        self.authenticate("pht_owner", "pht_owner")
        before = self._my_tickets()
        response = self._post(
            "/submitted/ticket",
            self._data(description="  "),
            files=[("attachment", ("lamp.png", PNG, "image/png"))],
        )
        self.assertEqual(response.status_code, 400)
        self.assertIn("请填写标题和描述。", response.text)
        self.assertIn('value="PHT 卧室灯不亮"', response.text)
        self.assertIn('value="13800000000"', response.text)
        self.assertRegex(response.text, rf'<option value="{self.cat_electric.id}"[^>]*selected')
        self.assertEqual(self._my_tickets(), before)
        pending = self._pending()
        self.assertEqual(pending.mapped("name"), ["lamp.png"])
        self.assertTrue(pending.access_token)
        self.assertIn(f'name="pending_photo_id" value="{pending.id}"', response.text)
        self.assertIn(f'value="{pending.access_token}"', response.text)
        self.assertIn(
            f"/web/image/{pending.id}/192x192?access_token={pending.access_token}", response.text
        )

        # A photo that is not an image is refused; the kept one stays.
        response = self._post(
            "/submitted/ticket",
            dict(
                self._data(),
                pending_photo_id=str(pending.id),
                pending_photo_token=pending.access_token,
            ),
            files=[("attachment", ("notes.pdf", b"%PDF-1.4 fake", "image/png"))],
        )
        self.assertEqual(response.status_code, 400)
        self.assertIn("notes.pdf 不是照片", response.text)
        self.assertIn(f'name="pending_photo_id" value="{pending.id}"', response.text)
        self.assertIn("PHT 开关按下没有反应", response.text)
        self.assertEqual(self._my_tickets(), before)
        self.assertEqual(self._pending(), pending)

        # The next good submission links the kept photo to the new ticket.
        response = self._post(
            "/submitted/ticket",
            dict(
                self._data(),
                pending_photo_id=str(pending.id),
                pending_photo_token=pending.access_token,
            ),
            files=[("attachment", ("switch.png", PNG, "image/png"))],
        )
        self.assertEqual(response.status_code, 303, response.text)
        ticket = self._my_tickets() - before
        self.assertEqual(len(ticket), 1)
        self.assertEqual(sorted(ticket.photo_ids.mapped("name")), ["lamp.png", "switch.png"])
        self.assertEqual(pending.res_id, ticket.id)
        self.assertFalse(self._pending())
        # A linked photo cannot be claimed again for another ticket.
        response = self._post(
            "/submitted/ticket",
            dict(
                self._data(),
                pending_photo_id=str(pending.id),
                pending_photo_token=pending.access_token,
            ),
        )
        self.assertEqual(response.status_code, 400)
        self.assertEqual(self._my_tickets() - before, ticket)

    def test_forgotten_pending_photos_are_deleted(self):
        self.authenticate("pht_owner", "pht_owner")
        pending = self._hold_photo("lamp.png")
        linked = self.create_ticket()._attach_photos([("kept.png", PNG)])
        Ticket = self.env["helpdesk.ticket"]
        Ticket._gc_pending_photos()
        self.assertTrue(pending.exists())
        with freeze_time(fields.Datetime.now() + timedelta(days=2)):
            Ticket._gc_pending_photos()
        self.assertFalse(pending.exists())
        self.assertTrue(linked.exists())

    def test_too_many_photos(self):
        self.env["ir.config_parameter"].sudo().set_param("property_helpdesk.photo_max_count", 2)
        self.authenticate("pht_owner", "pht_owner")
        before = self._my_tickets()
        response = self._post(
            "/submitted/ticket",
            self._data(),
            files=[("attachment", (f"p{index}.png", PNG, "image/png")) for index in range(3)],
        )
        self.assertEqual(response.status_code, 400)
        self.assertIn("每次报事最多上传 2 张照片。", response.text)
        self.assertEqual(self._my_tickets(), before)
        self.assertEqual(len(self._pending()), 2)

    def test_other_owner_cannot_use_my_pending_photo(self):
        self.authenticate("pht_owner", "pht_owner")
        pending = self._hold_photo("mine.png")
        self.authenticate("pht_owner_other", "pht_owner_other")
        theirs = self.env["helpdesk.ticket"].search(
            [("partner_id", "=", self.owner_other.partner_id.id)]
        )
        data = self._data(location=f"unit-{self.unit_other.id}")
        for token in ("wrong-token", pending.access_token):
            response = self._post(
                "/submitted/ticket",
                dict(data, pending_photo_id=str(pending.id), pending_photo_token=token),
            )
            self.assertEqual(response.status_code, 400)
            self.assertIn("之前添加的照片已失效", response.text)
            self.assertNotIn(f"/web/image/{pending.id}/", response.text)
        self.assertEqual(
            self.env["helpdesk.ticket"].search(
                [("partner_id", "=", self.owner_other.partner_id.id)]
            ),
            theirs,
        )
        self.assertFalse(pending.res_id)
        # Nor see it without the token (Odoo answers with a placeholder).
        response = self.url_open(f"/web/content/{pending.id}")
        self.assertNotEqual(response.content, PNG)
        self.authenticate("pht_owner", "pht_owner")
        response = self.url_open(f"/web/content/{pending.id}?access_token={pending.access_token}")
        self.assertEqual(response.content, PNG)

    # ------------------------------------------------------------------
    # Ticket page
    # ------------------------------------------------------------------
    def test_page_timeline_technician_photos(self):
        ticket = self._done_ticket()
        ticket._attach_photos([("before.png", PNG)])
        self.env["ir.attachment"].with_user(self.tech_1).sudo().create(
            {"name": "after.png", "raw": PNG, "res_model": "helpdesk.ticket", "res_id": ticket.id}
        )
        self.authenticate("pht_owner", "pht_owner")
        page = self.url_open(f"/my/ticket/{ticket.id}").text
        self.assertIn('id="property_ticket_timeline"', page)
        for step in (
            "已报事",
            "已派单给 PHT Tech 1",
            "已完工，待您确认",
        ):
            self.assertIn(step, page)
        self.assertIn("tel:13911112222", page)
        self.assertIn('id="property_photos_before"', page)
        self.assertIn('alt="before.png"', page)
        self.assertIn('id="property_photos_after"', page)
        self.assertIn('alt="after.png"', page)
        self.assertNotRegex(page, r"\d\d:\d\d:\d\d")

    def test_rating_twice_refused(self):
        ticket = self._done_ticket()
        self.authenticate("pht_owner", "pht_owner")
        self._post(f"/my/ticket/{ticket.id}/confirm")
        self.assertEqual(ticket.property_state, "closed")
        # No score chosen: refused, the comment typed stays in the box.
        response = self._post(f"/my/ticket/{ticket.id}/rate", {"comment": "PHT 很及时"})
        self.assertEqual(response.status_code, 400)
        self.assertIn("PHT 很及时</textarea>", response.text)
        self.assertFalse(ticket.owner_rating)
        response = self._post(f"/my/ticket/{ticket.id}/rate", {"rating": "4", "comment": "PHT ok"})
        self.assertEqual(response.status_code, 303)
        response = self._post(
            f"/my/ticket/{ticket.id}/rate", {"rating": "1", "comment": "PHT changed my mind"}
        )
        self.assertEqual(response.status_code, 400)
        self.assertIn("已评价过", response.text)
        self.assertEqual(ticket.owner_rating, "4")
        self.assertEqual(ticket.owner_rating_comment, "PHT ok")

    def test_reopen_without_reason_or_too_late(self):
        ticket = self._done_ticket()
        self.authenticate("pht_owner", "pht_owner")
        response = self._post(f"/my/ticket/{ticket.id}/reopen", {"reason": "  "})
        self.assertEqual(response.status_code, 400)
        self.assertIn("请说明重新打开工单的原因。", response.text)
        self.assertIn('id="property_ticket_error"', response.text)
        self.assertEqual(ticket.property_state, "done")
        self.assertFalse(ticket.reopen_count)

        ticket.action_owner_confirm()
        ticket.closed_date = fields.Datetime.now() - timedelta(days=8)
        page = self.url_open(f"/my/ticket/{ticket.id}").text
        self.assertNotIn('id="property_reopen_reason"', page)
        response = self._post(f"/my/ticket/{ticket.id}/reopen", {"reason": "PHT drips again"})
        self.assertEqual(response.status_code, 400)
        self.assertIn("已办结超过 7 天", response.text)
        self.assertNotIn('id="property_reopen_reason"', response.text)
        self.assertEqual(ticket.property_state, "closed")
        self.assertFalse(ticket.reopen_count)

        self.env.company.property_helpdesk_reopen_days = 10
        page = self.url_open(f"/my/ticket/{ticket.id}").text
        self.assertIn('id="property_reopen_reason"', page)
        response = self._post(f"/my/ticket/{ticket.id}/reopen", {"reason": "PHT drips again"})
        self.assertEqual(response.status_code, 303)
        self.assertEqual(ticket.property_state, "progress")
        page = self.url_open(f"/my/ticket/{ticket.id}").text
        self.assertIn("已重新打开", page)
        self.assertIn("PHT drips again", page)

    def test_other_owner_cannot_reach_my_ticket(self):
        ticket = self._done_ticket()
        self.authenticate("pht_owner_other", "pht_owner_other")
        response = self.url_open(f"/my/ticket/{ticket.id}", allow_redirects=False)
        self.assertEqual(response.status_code, 303)
        self.assertNotIn("PHT Done leak", self.url_open("/my/tickets").text)
        for action, data in (
            ("confirm", {}),
            ("reopen", {"reason": "PHT not mine"}),
            ("rate", {"rating": "1"}),
        ):
            response = self._post(f"/my/ticket/{ticket.id}/{action}", data)
            self.assertEqual(response.status_code, 303)
            self.assertTrue(response.headers["Location"].endswith("/my"))
        self.assertEqual(ticket.property_state, "done")
        self.assertFalse(ticket.reopen_count)
        self.assertFalse(ticket.owner_rating)

    # ------------------------------------------------------------------
    # Home and list
    # ------------------------------------------------------------------
    def _attention_items(self, user):
        env = self.env(user=user)
        with MockRequest(env):
            items = PropertyHelpdeskHomePortal()._get_property_attention_items(user.partner_id)
        return {item["key"]: item for item in items}

    def test_home_attention_items(self):
        self.assertFalse(self._attention_items(self.owner))
        self.create_ticket(name="PHT Open one")
        self.create_ticket(name="PHT Open two")
        done = self._done_ticket()
        items = self._attention_items(self.owner)
        self.assertEqual(items["open_tickets"]["value"], 2)
        self.assertEqual(items["tickets_to_confirm"]["value"], 1)
        self.assertEqual(items["tickets_to_confirm"]["url"], f"/my/ticket/{done.id}")
        self.assertFalse(self._attention_items(self.owner_other))
        self.authenticate("pht_owner", "pht_owner")
        page = self.url_open("/my").text
        self.assertIn("/property_helpdesk/static/src/img/ticket_icon.svg", page)
        self.assertNotIn("/helpdesk_mgmt/static/src/img/helpdesk_icon.svg", page)

    def test_request_pages_in_company_colours(self):
        """The request form and pages (helpdesk_mgmt's controllers) carry the
        company's colours like the other portal pages."""
        self.env.company.primary_color = "#1A7A5A"
        ticket = self.create_ticket(name="PHT Colours")
        self.authenticate("pht_owner", "pht_owner")
        for url in ("/new/ticket", "/my/tickets", f"/my/ticket/{ticket.id}"):
            self.assertIn("--primary: #1A7A5A;", self.url_open(url).text, url)

    def test_pages_in_chinese(self):
        self.owner.lang = "zh_CN"
        self.env["res.lang"]._activate_lang("zh_CN")
        ticket = self._done_ticket()
        ticket._attach_photos([("before.png", PNG)])
        self.authenticate("pht_owner", "pht_owner")
        # The company's name and logo are property_base's part of the layout.
        # "Owner" is in the owner's name.
        layout = ("YourCompany", "Your logo", "Powered by", "Owner")
        for url in ("/new/ticket", "/my/tickets", f"/my/ticket/{ticket.id}", "/my"):
            response = self.url_open(url)
            self.assertEqual(response.status_code, 200, url)
            self.assertNoEnglishLeftovers(response.text, allowed=layout, where=url)
        response = self._post("/submitted/ticket", self._data(subject=""))
        self.assertNoEnglishLeftovers(response.text, allowed=layout, where="refused request")
        self.assertIn("请填写标题和描述", response.text)
        response = self._post(f"/my/ticket/{ticket.id}/reopen", {"reason": ""})
        self.assertNoEnglishLeftovers(response.text, allowed=layout, where="refused reopening")
