import base64
import re
from datetime import timedelta

from odoo import fields
from odoo.tests import HttpCase, tagged

from .test_event import EventCommon


@tagged("post_install", "-at_install")
class TestEventPortal(EventCommon, HttpCase):
    """Owners sign up on the portal; the activity of another estate stays closed."""

    site_lang = "zh_CN"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        for login, partner in (("pct_ev_a", cls.owner_a), ("pct_ev_d", cls.owner_d)):
            partner.lang = "zh_CN"
            cls._create_user(login, "base.group_portal", partner_id=partner.id)

    def _post(self, url, page_url, data):
        page = self.url_open(page_url).text
        found = re.search(r'name="csrf_token" value="([^"]+)"', page)
        self.assertTrue(found, re.sub(r"\s+", " ", page)[-2500:])
        token = found.group(1)
        return self.url_open(url, data=dict(data, csrf_token=token))

    def test_owner_signs_up_and_is_refused_beyond_the_limit(self):
        self.event.property_waiting_list = False
        self.authenticate("pct_ev_a", "pct_ev_a")
        page = self.url_open("/my/events").text
        self.assertIn("PCT Mid-Autumn fair", page, re.sub(r"\s+", " ", page)[-3000:])
        url = f"/my/events/{self.event.id}"
        page = self.url_open(url).text
        self.assertNoEnglishLeftovers(page, allowed=("Estate",), where=url)
        response = self._post(f"{url}/signup", url, {"unit_id": self.unit_a.id, "party_size": 4})
        self.assertIn("已报名", response.text)
        signup = self.env["property.event.signup"].search([("event_id", "=", self.event.id)])
        self.assertEqual(
            (signup.unit_id, signup.party_size, signup.state), (self.unit_a, 4, "confirmed")
        )
        response = self._post(f"{url}/signup", url, {"unit_id": self.unit_a2.id, "party_size": 2})
        self.assertIn("名额已满", response.text)
        self.assertEqual(
            self.env["property.event.signup"].search_count([("event_id", "=", self.event.id)]), 1
        )
        # Not for the unit of another owner.
        response = self._post(f"{url}/signup", url, {"unit_id": self.unit_b.id, "party_size": 1})
        self.assertIn("o_property_event_error", response.text)
        # Cancel: the seats are free again.
        self._post(f"/my/events/signup/{signup.id}/cancel", url, {})
        signup.invalidate_recordset()
        self.assertEqual(signup.state, "cancelled")
        self.assertEqual(set(signup.registration_ids.mapped("state")), {"cancel"})

    def test_activity_of_another_estate_is_closed(self):
        self.authenticate("pct_ev_d", "pct_ev_d")
        self.assertNotIn("PCT Mid-Autumn fair", self.url_open("/my/events").text)
        response = self.url_open(f"/my/events/{self.event.id}")
        self.assertTrue(response.url.endswith("/my"), response.url)
        user_d = self.env["res.users"].search([("login", "=", "pct_ev_d")])
        self.assertFalse(
            self.env["event.event"].with_user(user_d).search_count([("id", "=", self.event.id)])
        )

    def test_photos_after_the_activity(self):
        png = base64.b64decode(
            "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="
        )
        photo = self.env["ir.attachment"].create(
            {
                "name": "PCT fair.png",
                "raw": png,
                "res_model": "event.event",
                "res_id": self.event.id,
            }
        )
        self.event.property_photo_ids = photo
        self.authenticate("pct_ev_a", "pct_ev_a")
        url = f"/my/events/{self.event.id}"
        self.assertNotIn(f"/web/image/{photo.id}", self.url_open(url).text, "not before")
        now = fields.Datetime.now()
        self.event.write(
            {"date_begin": now - timedelta(hours=5), "date_end": now - timedelta(hours=2)}
        )
        page = self.url_open(url).text
        src = re.search(rf'src="(/web/image/{photo.id}\?access_token=[^"]+)"', page)
        self.assertTrue(src, "the photo is shown once the activity is over")
        self.assertNotIn("o_property_event_form", page, "no sign-up after the activity")
        image = self.url_open(src.group(1).replace("&amp;", "&"))
        self.assertEqual(image.status_code, 200)
        self.assertEqual(image.content, png)
