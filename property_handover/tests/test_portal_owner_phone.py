import base64
import re
from datetime import datetime
from unittest.mock import patch

from odoo import Command
from odoo.tests import HttpCase, tagged

from odoo.addons.http_routing.tests.common import MockRequest
from odoo.addons.property_base.tests.common import PropertyTestCommon
from odoo.addons.property_handover.controllers import portal as handover_portal

# A 1×1 PNG.
PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=="
)

# Words that are data on the pages: the records' prefix and the company name.
ALLOWED = ("PHPO", "YourCompany")


@tagged("post_install", "-at_install")
class TestHandoverPortalOwner(PropertyTestCommon, HttpCase):
    """Chinese owners on the portal: photos of failed checks, bad input kept
    on the page with a Chinese message, the signature in local time, and
    owner B reaching nothing of owner A's delivery."""

    site_lang = "zh_CN"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.owner_a = cls._create_user(
            "phpo_owner_a", "base.group_portal", name="PHPO 陈静", lang="zh_CN", tz="Asia/Shanghai"
        )
        cls.owner_b = cls._create_user(
            "phpo_owner_b", "base.group_portal", name="PHPO 刘洋", lang="zh_CN", tz="Asia/Shanghai"
        )
        estate = cls._create_estate("PHPO 锦华苑", "PHPO")
        building = cls._create_building(estate, "PHPO 2 号楼", "P2")
        cls.unit_a = cls._create_unit(building, "1201", 90, entrance=False)
        cls.unit_b = cls._create_unit(building, "1202", 95, entrance=False)
        checklist = cls.env["property.handover.checklist"].create(
            {
                "name": "PHPO 验收表",
                "item_ids": [
                    Command.create({"name": "PHPO 门窗开关顺畅", "scope": "unit", "sequence": 1}),
                    Command.create({"name": "PHPO 卫生间防水", "scope": "unit", "sequence": 2}),
                ],
            }
        )
        Delivery = cls.env["property.handover.delivery"]
        cls.delivery_a = Delivery.create(
            {"unit_id": cls.unit_a.id, "partner_id": cls.owner_a.partner_id.id,
             "checklist_id": checklist.id}
        )  # fmt: skip
        cls.delivery_b = Delivery.create(
            {"unit_id": cls.unit_b.id, "partner_id": cls.owner_b.partner_id.id,
             "checklist_id": checklist.id}
        )  # fmt: skip
        (cls.delivery_a | cls.delivery_b).action_start_inspection()
        cls.door_a, cls.water_a = cls.delivery_a.line_ids
        cls.door_b, cls.water_b = cls.delivery_b.line_ids

    # ------------------------------------------------------------
    # Helpers
    # ------------------------------------------------------------

    def _csrf(self, url):
        self.env.flush_all()
        response = self.url_open(url)
        response.raise_for_status()
        match = re.search(r'name="csrf_token" value="([^"]+)"', response.text)
        self.assertTrue(match, f"no form on {url}")
        return match.group(1)

    def _post_checks(self, delivery, data, files=None, allow_redirects=True):
        url = f"/my/handover/{delivery.id}"
        data = {"csrf_token": self._csrf(url), **data}
        return self.url_open(
            f"{url}/check", data=data, files=files, allow_redirects=allow_redirects
        )

    def _photos_of(self, line):
        return self.env["ir.attachment"].search(
            [("res_model", "=", line._name), ("res_id", "=", line.id)]
        )

    def _set_photo_limit_mb(self, value):
        self.env["ir.config_parameter"].sudo().set_param("property_helpdesk.photo_max_mb", value)

    def assertNothingWritten(self, line):
        self.env.invalidate_all()
        self.assertEqual(line.result, "todo")
        self.assertFalse(line.note)
        self.assertFalse(line.defect_ids)
        self.assertFalse(self._photos_of(line))

    # ------------------------------------------------------------
    # Photos of a failed check
    # ------------------------------------------------------------

    def test_failed_check_photos_go_to_defect(self):
        self.authenticate("phpo_owner_a", "phpo_owner_a")
        response = self._post_checks(
            self.delivery_a,
            {
                f"result_{self.door_a.id}": "pass",
                f"result_{self.water_a.id}": "fail",
                f"note_{self.water_a.id}": "淋浴区墙角渗水",
            },
            files=[
                (f"photos_{self.water_a.id}", ("seep-1.png", PNG, "image/png")),
                (f"photos_{self.water_a.id}", ("seep-2.png", PNG, "image/png")),
            ],
        )
        self.assertEqual(response.status_code, 200)
        self.assertIn("您的检查结果已保存", response.text)
        self.env.invalidate_all()
        defect = self.water_a.defect_ids
        self.assertEqual(len(defect), 1)
        self.assertEqual(sorted(defect.photo_ids.mapped("name")), ["seep-1.png", "seep-2.png"])
        self.assertEqual(self.water_a.photo_ids, defect.photo_ids)
        self.assertEqual(defect.ticket_id.photo_ids, defect.photo_ids)
        self.assertIn("淋浴区墙角渗水", defect.description)
        # The defect is listed with its photos on the page.
        photo_url = f"/my/handover/{self.delivery_a.id}/photo"
        for photo in defect.photo_ids:
            self.assertIn(f"{photo_url}/{photo.id}/128", response.text)
        photo = defect.photo_ids[0]
        self.assertEqual(self.url_open(f"{photo_url}/{photo.id}").content, PNG)

        # A photo added later, to the check that already failed, joins its defect.
        self._post_checks(
            self.delivery_a,
            {},
            files=[(f"photos_{self.water_a.id}", ("seep-3.png", PNG, "image/png"))],
        )
        self.env.invalidate_all()
        self.assertEqual(len(self.water_a.defect_ids), 1)
        self.assertEqual(len(defect.photo_ids), 3)
        self.assertEqual(len(defect.ticket_id.photo_ids), 3)

        # Owner B sees neither the photos nor anything of the defect.
        self.authenticate("phpo_owner_b", "phpo_owner_b")
        photo_url_b = f"/my/handover/{self.delivery_b.id}/photo"
        for url in (f"{photo_url}/{photo.id}", f"{photo_url_b}/{photo.id}"):
            self.assertEqual(self.url_open(url).status_code, 404, url)
        # Odoo's own image route gives a placeholder, not the photo.
        self.assertNotEqual(self.url_open(f"/web/image/{photo.id}").content, PNG)

    def test_not_an_image_is_refused(self):
        self.authenticate("phpo_owner_a", "phpo_owner_a")
        response = self._post_checks(
            self.delivery_a,
            {f"result_{self.water_a.id}": "fail", f"note_{self.water_a.id}": "墙角渗水严重"},
            files=[(f"photos_{self.water_a.id}", ("report.png", b"%PDF-1.4", "image/png"))],
        )
        self.assertEqual(response.status_code, 400)
        self.assertIn("report.png 不是照片", response.text)
        # What was typed is kept: the note and the chosen result.
        self.assertIn("墙角渗水严重</textarea>", response.text)
        self.assertRegex(response.text, rf'id="result_{self.water_a.id}_fail" checked')
        self.assertNothingWritten(self.water_a)

    def test_photo_too_large_is_refused(self):
        self._set_photo_limit_mb("0.0001")  # about 100 bytes
        self.authenticate("phpo_owner_a", "phpo_owner_a")
        big = PNG + b"\0" * 500
        response = self._post_checks(
            self.delivery_a,
            {f"result_{self.water_a.id}": "fail", f"note_{self.water_a.id}": "地砖空鼓"},
            files=[(f"photos_{self.water_a.id}", ("big.png", big, "image/png"))],
        )
        self.assertEqual(response.status_code, 400)
        self.assertIn("照片 big.png 大小为", response.text)
        self.assertIn("地砖空鼓</textarea>", response.text)
        self.assertNothingWritten(self.water_a)

    def test_photo_count_and_result_limits(self):
        self.authenticate("phpo_owner_a", "phpo_owner_a")
        many = [
            (f"photos_{self.water_a.id}", (f"p{i}.png", PNG, "image/png"))
            for i in range(handover_portal.MAX_PHOTOS_PER_CHECK + 1)
        ]
        response = self._post_checks(
            self.delivery_a, {f"result_{self.water_a.id}": "fail"}, files=many
        )
        self.assertEqual(response.status_code, 400)
        self.assertIn("每项检查最多", response.text)
        self.assertNothingWritten(self.water_a)

        # Photos belong to a failed check only.
        response = self._post_checks(
            self.delivery_a,
            {f"result_{self.door_a.id}": "pass"},
            files=[(f"photos_{self.door_a.id}", ("door.png", PNG, "image/png"))],
        )
        self.assertEqual(response.status_code, 400)
        self.assertIn("标记为不合格", response.text)
        self.assertNothingWritten(self.door_a)

    # ------------------------------------------------------------
    # Signature
    # ------------------------------------------------------------

    def _fill_in(self, delivery):
        delivery.line_ids.write({"result": "pass"})

    def test_sign_needs_a_name(self):
        self._fill_in(self.delivery_a)
        self.authenticate("phpo_owner_a", "phpo_owner_a")
        url = f"/my/handover/{self.delivery_a.id}"
        response = self.url_open(
            f"{url}/sign", data={"csrf_token": self._csrf(url), "signed_by": "   "}
        )
        self.assertEqual(response.status_code, 400)
        self.assertIn("请输入您的姓名进行签署", response.text)
        self.env.invalidate_all()
        self.assertEqual(self.delivery_a.state, "inspection")
        self.assertFalse(self.delivery_a.signed_by)

    def test_signed_in_local_time(self):
        self._fill_in(self.delivery_a)
        self.authenticate("phpo_owner_a", "phpo_owner_a")
        url = f"/my/handover/{self.delivery_a.id}"
        token = self._csrf(url)
        signed_at = datetime(2026, 3, 1, 10, 30, 15)  # UTC
        with patch("odoo.fields.Datetime.now", return_value=signed_at):
            response = self.url_open(f"{url}/sign", data={"csrf_token": token, "signed_by": "陈静"})
        self.assertIn("谢谢！房屋已交付", response.text)
        # 10:30 UTC is 18:30 in Shanghai; a Chinese date, no seconds.
        self.assertIn("2026年3月1日 18:30", response.text)
        self.assertNotIn("10:30", response.text)
        self.assertNotIn("18:30:15", response.text)
        self.assertIn("陈静", response.text)
        self.env.invalidate_all()
        self.assertEqual(self.delivery_a.state, "signed")
        self.assertEqual(self.delivery_a.signed_by, "陈静")

        # Signing again says when it was signed, in local time too.
        response = self.url_open(f"{url}/sign", data={"csrf_token": token, "signed_by": "陈静"})
        self.assertEqual(response.status_code, 400)
        self.assertIn("已于 2026年3月1日 18:30 签署", response.text)

    # ------------------------------------------------------------
    # Isolation
    # ------------------------------------------------------------

    def test_other_owner_reaches_nothing(self):
        self.authenticate("phpo_owner_b", "phpo_owner_b")
        token = self._csrf(f"/my/handover/{self.delivery_b.id}")
        url_a = f"/my/handover/{self.delivery_a.id}"
        response = self.url_open(url_a, allow_redirects=False)
        self.assertIn(response.status_code, (302, 303))
        self.assertTrue(response.headers["Location"].split("?")[0].endswith("/my"))
        for action, data in (
            ("check", {f"result_{self.water_a.id}": "fail", f"note_{self.water_a.id}": "入侵"}),
            ("sign", {"signed_by": "PHPO 入侵者"}),
        ):
            response = self.url_open(
                f"{url_a}/{action}",
                data={"csrf_token": token, **data},
                files=[(f"photos_{self.water_a.id}", ("x.png", PNG, "image/png"))],
                allow_redirects=False,
            )
            self.assertIn(response.status_code, (302, 303), action)
            self.assertTrue(response.headers["Location"].split("?")[0].endswith("/my"))
        # Photos for A's check sent with B's own delivery are ignored too.
        self.url_open(
            f"/my/handover/{self.delivery_b.id}/check",
            data={"csrf_token": token, f"result_{self.water_b.id}": "fail"},
            files=[(f"photos_{self.water_a.id}", ("x.png", PNG, "image/png"))],
        )
        self.assertNothingWritten(self.water_a)
        self.assertEqual(self.delivery_a.state, "inspection")
        self.assertFalse(self.delivery_a.signed_by)
        self.assertEqual(self.water_b.result, "fail")
        self.assertFalse(self.water_b.photo_ids)

    # ------------------------------------------------------------
    # Chinese pages and the home page
    # ------------------------------------------------------------

    def test_pages_are_chinese(self):
        self.water_a.write({"result": "fail", "note": "PHPO 渗水"})
        self.authenticate("phpo_owner_a", "phpo_owner_a")
        self.env.flush_all()
        for url in ("/my/handover", f"/my/handover/{self.delivery_a.id}"):
            response = self.url_open(url)
            self.assertEqual(response.status_code, 200)
            # The company's name is data (the test database's "YourCompany").
            self.assertNoEnglishLeftovers(response.text, allowed=ALLOWED, where=url)
        page = response.text
        for text in ("交房", "检查表", "合格", "不合格", "不适用", "问题", "PHPO 渗水"):
            self.assertIn(text, page)

        self.door_a.result = "pass"
        self.delivery_a.action_sign(signed_by="陈静")
        self.env.flush_all()
        response = self.url_open(f"/my/handover/{self.delivery_a.id}")
        self.assertNoEnglishLeftovers(response.text, allowed=ALLOWED, where="signed")
        self.assertIn("陈静", response.text)

    def test_attention_item(self):
        def items(user):
            with MockRequest(self.env(user=user, context={"lang": "zh_CN"})):
                return handover_portal.PropertyHandoverPortal()._get_property_attention_items(
                    user.partner_id
                )

        (item,) = [i for i in items(self.owner_a) if i["key"] == "handover_to_sign"]
        self.assertEqual(item["value"], 1)
        self.assertEqual(item["url"], "/my/handover")
        self.assertEqual(item["title"], "待验收签字的交房")
        self.assertEqual(item["button"], "去验收签字")
        self._fill_in(self.delivery_a)
        self.delivery_a.action_sign(signed_by="陈静")
        self.assertFalse([i for i in items(self.owner_a) if i["key"] == "handover_to_sign"])
