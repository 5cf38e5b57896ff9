import base64
from datetime import timedelta

from odoo import Command, fields
from odoo.tests import HttpCase, tagged

from odoo.addons.property_base.tests.common import pdf_text

from .common import VoteCommon


class StaffTourCommon(VoteCommon):
    """Staff in Chinese on a tablet (1024×768) in 桂园 (``estate``)."""

    browser_size = "1024x768"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("zh_CN")
        cls.estate.name = "PCT 桂园"

    @classmethod
    def _unit_of(cls, code, area, owner):
        unit = cls._create_unit(cls.building, code, area)
        cls._create_ownership(unit, owner, "2020-01-01")
        return unit

    @classmethod
    def _cast(cls, vote, unit, owner, choices):
        return cls.env["property.vote.ballot"].create(
            {
                "vote_id": vote.id,
                "unit_id": unit.id,
                "partner_id": owner.id,
                "channel": "portal",
                "line_ids": [
                    Command.create({"motion_id": motion.id, "choice": choice})
                    for motion, choice in zip(vote.motion_ids, choices, strict=True)
                ],
            }
        )


@tagged("post_install", "-at_install")
class TestTourDeskPaperBallot(StaffTourCommon, HttpCase):
    """The desk (前台) records the paper ballot of 王秀英 for unit 0802 with its
    scan, through the ballot form, and the vote's tallies move: two ballots,
    186.50 m² and two owners took part."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        li = cls._create_partner("李建国")
        cls.wang = cls._create_partner("王秀英")
        wu = cls._create_partner("吴国强")
        cls.unit_li = cls._unit_of("0801", 98.5, li)
        cls.unit_wang = cls._unit_of("0802", 88.0, cls.wang)
        cls._unit_of("0803", 120.0, wu)
        cls.vote = cls._open_vote(
            [("续聘本物业服务企业", "manager"), ("1号楼加装电梯", "common_use")],
            name="桂园业主大会书面表决（前台测试）",
        )
        cls._cast(cls.vote, cls.unit_li, li, ["agree", "agree"])
        cls.desk = cls._create_user(
            "pcttour_desk",
            "property_base.group_property_user",
            estates=cls.estate,
            name="前台 陈静",
            lang="zh_CN",
            tz="Asia/Shanghai",
        )

    def test_desk_records_a_paper_ballot(self):
        self.assertEqual(self.vote.ballot_count, 1)
        self.start_tour(
            "/odoo/owner-votes", "property_community_desk_ballot_tour", login="pcttour_desk"
        )
        ballot = self.env["property.vote.ballot"].search(
            [("vote_id", "=", self.vote.id), ("unit_id", "=", self.unit_wang.id)]
        )
        self.assertEqual(len(ballot), 1)
        self.assertEqual(ballot.partner_id, self.wang)
        self.assertEqual(ballot.channel, "paper")
        self.assertEqual(ballot.create_uid, self.desk)
        self.assertEqual(
            ballot.line_ids.sorted("motion_sequence").mapped("choice"), ["agree", "oppose"]
        )
        self.assertEqual(ballot.scan_ids.mapped("name"), ["0802号表决票.pdf"])
        self.assertTrue(base64.b64decode(ballot.scan_ids.datas).startswith(b"%PDF-1.4"))
        self.assertEqual(self.vote.ballot_count, 2)
        self.assertEqual((self.vote.voted_area, self.vote.voted_owner_count), (186.5, 2))


@tagged("post_install", "-at_install")
class TestTourManagerClosesVote(StaffTourCommon, HttpCase):
    """The estate manager closes the vote on its form and reads the result of
    each motion by area and by owners; the printed result has both tallies."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        owners = [cls._create_partner(name) for name in ("李建国", "王秀英", "吴国强", "赵丽")]
        units = [cls._unit_of(f"090{index}", 80.5, owner) for index, owner in enumerate(owners, 1)]
        cls.vote = cls._open_vote(
            [("续聘本物业服务企业", "manager"), ("1号楼加装电梯", "common_use")],
            name="桂园业主大会书面表决（结束测试）",
        )
        choices = [
            ("agree", "agree"),
            ("agree", "agree"),
            ("agree", "oppose"),
            ("abstain", "abstain"),
        ]
        for unit, owner, pair in zip(units, owners, choices, strict=True):
            cls._cast(cls.vote, unit, owner, list(pair))
        cls.manager = cls._create_user(
            "pcttour_manager",
            "property_base.group_property_manager",
            estates=cls.estate,
            name="经理 孙伟",
            lang="zh_CN",
            tz="Asia/Shanghai",
        )

    def test_manager_closes_and_prints(self):
        self.start_tour(
            "/odoo/owner-votes", "property_community_manager_close_tour", login="pcttour_manager"
        )
        self.assertEqual(self.vote.state, "closed")
        first, second = self.vote.motion_ids.sorted("sequence")
        # 同意: 3 owners, 241.50 m² of 322 (3/4 > 1/2): passed.
        self.assertEqual((first.agree_area, first.agree_owner_count), (241.5, 3))
        self.assertEqual(first.result, "passed")
        # A major motion, 2 owners and 161.00 m² agree (1/2 < 3/4): rejected.
        self.assertEqual((second.agree_area, second.agree_owner_count), (161.0, 2))
        self.assertEqual(second.result, "rejected")
        pdf, _type = (
            self.env["ir.actions.report"]
            .with_user(self.manager)
            .with_context(lang="zh_CN", force_report_rendering=True)
            ._render_qweb_pdf("property_community.action_report_property_vote", self.vote.ids)
        )
        text = pdf_text(pdf)
        self.assertIn("结束测试", text)
        self.assertIn("已达到参与表决要求", text)
        # Both tallies of each motion (agree, oppose, abstain): by area, by owners.
        first_part = text[text.index("续聘本物业服务企业") : text.index("1号楼加装电梯")]
        second_part = text[text.index("1号楼加装电梯") :]
        self.assertRegex(first_part, r"241\.50\s+0\.00\s+80\.50")
        self.assertRegex(first_part, r"\b3\s+0\s+1\b")
        self.assertRegex(second_part, r"161\.00\s+80\.50\s+80\.50")
        self.assertRegex(second_part, r"\b2\s+1\s+1\b")
        self.assertIn("通过", first_part)
        self.assertNotIn("未通过", first_part)
        self.assertIn("未通过", second_part)


@tagged("post_install", "-at_install")
class TestTourStaffCheckIn(StaffTourCommon, HttpCase):
    """Staff check in 周晓梅's family (three people) at the activity from its
    Sign-ups tab; her sign-up shows three attended, 吴国强's none."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.zhou = cls._create_partner("周晓梅")
        wu = cls._create_partner("吴国强")
        zhou_flat = cls._unit_of("1001", 98.5, cls.zhou)
        wu_flat = cls._unit_of("1002", 90.0, wu)
        now = fields.Datetime.now()
        cls.event = cls.env["event.event"].create(
            {
                "name": "桂园中秋游园会（签到测试）",
                "property_estate_id": cls.estate.id,
                "property_published": True,
                "date_begin": now - timedelta(hours=1),
                "date_end": now + timedelta(hours=2),
                "date_tz": "Asia/Shanghai",
                "seats_limited": True,
                "seats_max": 20,
            }
        )
        Signup = cls.env["property.event.signup"]
        cls.signup_zhou = Signup._sign_up(cls.event, cls.zhou, zhou_flat, 3)
        cls.signup_wu = Signup._sign_up(cls.event, wu, wu_flat, 2)
        cls._create_user(
            "pcttour_event_staff",
            "property_base.group_property_user",
            estates=cls.estate,
            name="客服 刘洋",
            lang="zh_CN",
            tz="Asia/Shanghai",
        )

    def test_staff_check_in(self):
        self.assertEqual(self.signup_zhou.attended_count, 0)
        self.start_tour(
            "/odoo/community-activities",
            "property_community_staff_check_in_tour",
            login="pcttour_event_staff",
        )
        self.assertEqual(self.signup_zhou.attended_count, 3)
        self.assertEqual(set(self.signup_zhou.registration_ids.mapped("state")), {"done"})
        self.assertEqual(self.signup_wu.attended_count, 0)
        self.assertEqual(self.event.seats_taken, 5)
