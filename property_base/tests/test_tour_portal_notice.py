from odoo import Command
from odoo.tests import HttpCase, tagged

from .common import OwnerPhoneMixin, PropertyTestCommon


@tagged("post_install", "-at_install")
class TestTourPortalNotice(OwnerPhoneMixin, PropertyTestCommon, HttpCase):
    """An owner reads a notice on a phone (390×844, touch), from the home
    page's unread counter to the notice and back."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.owner = cls._create_user(
            "pbtour_owner",
            "base.group_portal",
            name="周晓梅",
            lang="zh_CN",
            tz="Asia/Shanghai",
        )
        cls.neighbour = cls._create_user(
            "pbtour_neighbour", "base.group_portal", name="吴国强", lang="zh_CN"
        )
        estate = cls._create_estate("桂园小区（测试）", "PBTOUR")
        building = cls._create_building(estate, "3号楼", "PBTOUR3")
        unit = cls._create_unit(building, "9901", 98.5)
        cls._create_ownership(unit, cls.owner.partner_id, "2022-01-01")
        cls._create_ownership(
            cls._create_unit(building, "9902"), cls.neighbour.partner_id, "2022-01-01"
        )

        def notice(name, body, date_published):
            record = cls.env["property.notice"].create(
                {
                    "name": name,
                    "body": body,
                    "category": "maintenance",
                    "estate_ids": [Command.set(estate.ids)],
                }
            )
            record.action_publish()
            record.date_published = date_published
            return record

        cls.notice_water = notice(
            "停水通知：3号楼周五9点至12点",
            "<p>因管道检修，3号楼周五9点至12点停水，请提前储水。</p>",
            "2026-11-20 01:00:00",
        )
        cls.notice_garden = notice(
            "绿化修剪安排", "<p>本周六上午修剪小区绿化。</p>", "2026-11-10 01:00:00"
        )
        cls.notice_lift = notice(
            "电梯年检完成", "<p>3号楼电梯已通过年检。</p>", "2026-11-01 01:00:00"
        )
        # The owner read the lift notice before: two notices are unread.
        cls.notice_lift.with_user(cls.owner)._mark_read()

    def test_owner_reads_a_notice_on_a_phone(self):
        Notice = self.env["property.notice"]
        unread = Notice.with_user(self.owner).search(
            [
                ("is_read", "=", False),
                ("id", "in", (self.notice_water | self.notice_garden | self.notice_lift).ids),
            ]
        )
        self.assertEqual(unread, self.notice_water | self.notice_garden)

        self.start_tour("/my", "property_base_portal_notice_tour", login="pbtour_owner")

        self.env.invalidate_all()
        partner = self.owner.partner_id
        self.assertIn(partner, self.notice_water.read_partner_ids)
        self.assertIn(partner, self.notice_lift.read_partner_ids)
        self.assertNotIn(partner, self.notice_garden.read_partner_ids)
        # Only the owner read it: nobody else counts as a reader.
        self.assertEqual(self.notice_water.read_partner_ids, partner)
        self.assertFalse(self.notice_garden.read_partner_ids)
        self.assertTrue(self.notice_water.with_user(self.owner).is_read)
        self.assertFalse(self.notice_water.with_user(self.neighbour).is_read)
