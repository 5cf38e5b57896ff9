from odoo.tests import HttpCase, tagged

from odoo.addons.property_base.tests.common import OwnerPhoneMixin

from .common import VoteCommon


@tagged("post_install", "-at_install")
class TestTourPortalVote(OwnerPhoneMixin, VoteCommon, HttpCase):
    """An owner votes on a phone (390×844, touch): from the home page's
    "votes waiting" item to the ballot, for her flat but not her parking space."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.owner = cls._create_user(
            "pcttour_owner", "base.group_portal", name="周晓梅", lang="zh_CN", tz="Asia/Shanghai"
        )
        neighbour = cls._create_partner("吴国强")
        cls.flat = cls._owned_unit([cls.owner.partner_id], 98.5)
        cls.parking = cls._owned_unit([cls.owner.partner_id], 12.0)
        cls._owned_unit([neighbour], 90.0)
        cls.vote = cls._open_vote(
            [("续聘本物业服务企业", "manager"), ("1号楼加装电梯", "common_use")],
            name="桂园业主大会书面表决（测试）",
        )

    def test_owner_votes_on_a_phone(self):
        self.start_tour("/my", "property_community_portal_vote_tour", login="pcttour_owner")
        ballots = self.env["property.vote.ballot"].search([("vote_id", "=", self.vote.id)])
        self.assertEqual(ballots.unit_id, self.flat, "the parking space was unticked")
        self.assertEqual(ballots.partner_id, self.owner.partner_id)
        self.assertEqual(ballots.channel, "portal")
        self.assertEqual(
            ballots.line_ids.sorted("motion_sequence").mapped("choice"), ["agree", "oppose"]
        )
