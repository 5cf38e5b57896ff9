import re

from odoo.tests import HttpCase, tagged

from odoo.addons.property_base.tests.common import PropertyTestCommon


@tagged("post_install", "-at_install")
class TestHandoverPortal(PropertyTestCommon, HttpCase):
    """Owners on the portal: their own deliveries only, checks and signature
    over HTTP; another owner's delivery redirects away and writes nothing.
    The owners read Chinese, the language of the site (site_lang)."""

    site_lang = "zh_CN"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.owner_a = cls._create_user("phpt_owner_a", "base.group_portal", name="PHPT Owner Amber")
        cls.owner_b = cls._create_user("phpt_owner_b", "base.group_portal", name="PHPT Owner Basil")
        estate = cls._create_estate("PHPT Estate Jade", "PHPT")
        building = cls._create_building(estate, "PHPT Jade Tower", "J1")
        cls.unit_a = cls._create_unit(building, "6601", 90, entrance=False)
        cls.unit_b = cls._create_unit(building, "6602", 95, entrance=False)
        checklist = cls.env["property.handover.checklist"].create(
            {
                "name": "PHPT Checklist",
                "item_ids": [
                    (0, 0, {"name": "PHPT Walls straight", "scope": "unit", "sequence": 1}),
                    (0, 0, {"name": "PHPT Door locks", "scope": "unit", "sequence": 2}),
                    (0, 0, {"name": "PHPT Roof", "scope": "common", "sequence": 3}),
                ],
            }
        )
        Delivery = cls.env["property.handover.delivery"]
        cls.delivery_a = Delivery.create(
            {"unit_id": cls.unit_a.id, "partner_id": cls.owner_a.partner_id.id,
             "checklist_id": checklist.id, "key_note": "PHPT amber keys"}
        )  # fmt: skip
        cls.delivery_b = Delivery.create(
            {"unit_id": cls.unit_b.id, "partner_id": cls.owner_b.partner_id.id,
             "checklist_id": checklist.id, "key_note": "PHPT basil keys"}
        )  # fmt: skip
        (cls.delivery_a | cls.delivery_b).action_start_inspection()
        cls.line_walls_b = cls.delivery_b.line_ids[0]
        cls.line_walls_b.write({"result": "fail", "note": "PHPT basil crack"})

    def _get(self, url):
        self.env.flush_all()
        response = self.url_open(url)
        response.raise_for_status()
        return response

    def _csrf(self, url):
        page = self._get(url).text
        match = re.search(r'name="csrf_token" value="([^"]+)"', page)
        self.assertTrue(match, f"no form on {url}")
        return match.group(1)

    def assertRedirectsAway(self, url, forbidden=(), data=None):
        if data is None:
            response = self.url_open(url, allow_redirects=False)
        else:
            response = self.url_open(url, data=data, allow_redirects=False)
        self.assertIn(response.status_code, (302, 303), url)
        self.assertTrue(response.headers["Location"].split("?")[0].endswith("/my"), url)
        for text in forbidden:
            self.assertNotIn(text, response.text)

    def test_list_shows_own_deliveries_only(self):
        self.authenticate("phpt_owner_a", "phpt_owner_a")
        page = self._get("/my/handover").text
        self.assertIn(f'href="/my/handover/{self.delivery_a.id}"', page)
        self.assertIn(self.delivery_a.name, page)
        self.assertNotIn(f'href="/my/handover/{self.delivery_b.id}"', page)
        self.assertNotIn(self.delivery_b.name, page)
        self.assertEqual(
            self.make_jsonrpc_request("/my/counters", {"counters": ["property_handover_count"]}),
            {"property_handover_count": 1},
        )

    def test_detail_and_isolation(self):
        self.authenticate("phpt_owner_a", "phpt_owner_a")
        page = self._get(f"/my/handover/{self.delivery_a.id}").text
        for text in ("PHPT Walls straight", "PHPT Door locks", "PHPT Estate Jade", "6601"):
            self.assertIn(text, page)
        self.assertNotIn("PHPT Roof", page, "building items are not checked at delivery")
        self.assertNotIn("PHPT basil", page)
        self.assertRedirectsAway(
            f"/my/handover/{self.delivery_b.id}", forbidden=("PHPT basil", "6602")
        )
        missing = self.delivery_b.id + 10000
        self.assertRedirectsAway(f"/my/handover/{missing}")

        # The defects of another owner cannot be read through the ORM either.
        defects = (
            self.env["property.handover.defect"]
            .with_user(self.owner_a)
            .search([("unit_id", "=", self.unit_b.id)])
        )
        self.assertFalse(defects)

    def test_record_checks_and_sign(self):
        self.authenticate("phpt_owner_a", "phpt_owner_a")
        url = f"/my/handover/{self.delivery_a.id}"
        walls, locks = self.delivery_a.line_ids
        token = self._csrf(url)
        response = self.url_open(
            f"{url}/check",
            data={
                "csrf_token": token,
                f"result_{walls.id}": "pass",
                f"result_{locks.id}": "fail",
                f"note_{locks.id}": "PHPT lock jams",
                # a check of someone else's delivery is ignored
                f"result_{self.line_walls_b.id}": "pass",
            },
        )
        self.assertEqual(response.status_code, 200)
        self.assertIn("您的检查结果已保存。", response.text)
        self.assertIn("PHPT lock jams", response.text)
        self.env.invalidate_all()
        self.assertEqual(walls.result, "pass")
        self.assertEqual(locks.result, "fail")
        self.assertEqual(self.line_walls_b.result, "fail")
        defect = locks.defect_ids
        self.assertEqual(len(defect), 1)
        self.assertIn(defect.name, self._get(url).text)

        response = self.url_open(
            f"{url}/sign", data={"csrf_token": self._csrf(url), "signed_by": "PHPT Amber Li"}
        )
        self.assertIn("房屋已交付", response.text)
        self.env.invalidate_all()
        self.assertEqual(self.delivery_a.state, "signed")
        self.assertEqual(self.delivery_a.signed_by, "PHPT Amber Li")
        self.assertEqual(self.unit_a.state, "delivered")

    def test_other_owner_cannot_post(self):
        self.authenticate("phpt_owner_a", "phpt_owner_a")
        token = self._csrf(f"/my/handover/{self.delivery_a.id}")
        walls_b = self.line_walls_b
        self.assertRedirectsAway(
            f"/my/handover/{self.delivery_b.id}/check",
            data={"csrf_token": token, f"result_{walls_b.id}": "pass"},
        )
        self.assertRedirectsAway(
            f"/my/handover/{self.delivery_b.id}/sign",
            data={"csrf_token": token, "signed_by": "PHPT Intruder"},
        )
        self.env.invalidate_all()
        self.assertEqual(walls_b.result, "fail")
        self.assertEqual(self.delivery_b.state, "inspection")
        self.assertFalse(self.delivery_b.signed_by)

    def test_sign_with_checks_left_shows_error(self):
        self.authenticate("phpt_owner_a", "phpt_owner_a")
        url = f"/my/handover/{self.delivery_a.id}"
        page = self._get(url).text
        self.assertNotIn("o_handover_sign_form", page, "no signature before the checks")
        response = self.url_open(
            f"{url}/sign", data={"csrf_token": self._csrf(url), "signed_by": "PHPT Amber"}
        )
        self.assertIn("还有 2 个检查项尚未完成", response.text)
        self.env.invalidate_all()
        self.assertEqual(self.delivery_a.state, "inspection")

    def test_anonymous_redirected_to_login(self):
        response = self.url_open(f"/my/handover/{self.delivery_a.id}", allow_redirects=False)
        self.assertIn(response.status_code, (302, 303))
        self.assertIn("/web/login", response.headers["Location"])
