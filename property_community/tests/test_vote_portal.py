import re

from odoo.tests import HttpCase, tagged

from .common import VoteCommon


@tagged("post_install", "-at_install")
class TestVotePortal(VoteCommon, HttpCase):
    """The owners' vote pages over HTTP, in Chinese: what an owner sees,
    casts and cannot reach."""

    site_lang = "zh_CN"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.owner_user = cls._create_user(
            "pct_http_owner", "base.group_portal", name="PCT 业主 李", lang="zh_CN"
        )
        cls.neighbour_user = cls._create_user(
            "pct_http_neighbour", "base.group_portal", name="PCT 业主 周", lang="zh_CN"
        )
        cls.plum_user = cls._create_user(
            "pct_http_plum", "base.group_portal", name="PCT 业主 梅", lang="zh_CN"
        )
        cls.flat = cls._owned_unit([cls.owner_user.partner_id], 98.5)
        cls.parking = cls._owned_unit([cls.owner_user.partner_id], 12.0)
        cls.unit_neighbour = cls._owned_unit([cls.neighbour_user.partner_id], 90.0)
        cls._owned_unit([cls.plum_user.partner_id], 80.0, building=cls.building_other)
        cls.vote = cls._open_vote(
            [("PCT 续聘物业公司", "manager"), ("PCT 加装电梯", "common_use")],
            name="PCT 桂园业主表决",
        )
        cls.vote_plum = cls._open_vote(
            [("PCT 梅园事项", "other")], estate=cls.estate_other, name="PCT 梅园业主表决"
        )

    def _page(self, url):
        response = self.url_open(url)
        self.assertEqual(response.status_code, 200)
        return response

    def _post_ballot(self, vote, data):
        page = self._page(f"/my/votes/{vote.id}").text
        token = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
        return self.url_open(
            f"/my/votes/{vote.id}/ballot", data=dict(data, csrf_token=token), allow_redirects=True
        )

    def _choices(self, vote, choices):
        return {
            f"motion_{motion.id}": choice
            for motion, choice in zip(vote.motion_ids, choices, strict=True)
        }

    def test_owner_sees_the_votes_of_his_estate_only(self):
        self.authenticate("pct_http_owner", "pct_http_owner")
        home = self._page("/my").text
        self.assertIn("等待您投票的表决", home)
        page = self._page("/my/votes").text
        self.assertIn("PCT 桂园业主表决", page)
        self.assertNotIn("PCT 梅园业主表决", page)
        self.assertNoEnglishLeftovers(page, allowed=("Estate",), where="/my/votes")
        vote_page = self._page(f"/my/votes/{self.vote.id}").text
        self.assertIn("PCT 加装电梯", vote_page)
        self.assertIn("同意", vote_page)
        self.assertNoEnglishLeftovers(vote_page, allowed=("Estate",), where="/my/votes/<id>")
        # Another estate's vote: back to /my.
        response = self.url_open(f"/my/votes/{self.vote_plum.id}")
        self.assertTrue(response.url.endswith("/my"), response.url)
        self.assertNotIn("PCT 梅园事项", response.text)

    def test_owner_votes_for_his_units(self):
        self.authenticate("pct_http_owner", "pct_http_owner")
        data = self._choices(self.vote, ["agree", "oppose"])
        data["unit_ids"] = [self.flat.id, self.parking.id]
        response = self._post_ballot(self.vote, data)
        self.assertIn("您的投票已记录", response.text)
        ballots = self.env["property.vote.ballot"].search([("vote_id", "=", self.vote.id)])
        self.assertEqual(ballots.unit_id, self.flat | self.parking)
        self.assertEqual(set(ballots.mapped("channel")), {"portal"})
        self.assertEqual(ballots.partner_id, self.owner_user.partner_id)
        for ballot in ballots:
            self.assertEqual(
                ballot.line_ids.sorted("motion_sequence").mapped("choice"), ["agree", "oppose"]
            )
        # A change before the close is written and tracked.
        data = self._choices(self.vote, ["agree", "agree"])
        data["unit_ids"] = [self.flat.id]
        self._post_ballot(self.vote, data)
        flat_ballot = ballots.filtered(lambda b: b.unit_id == self.flat)
        self.assertEqual(flat_ballot.line_ids.sorted("motion_sequence")[1].choice, "agree")
        self.assertIn("PCT 加装电梯: 反对 → 同意", " ".join(flat_ballot.message_ids.mapped("body")))
        parking_ballot = ballots - flat_ballot
        self.assertEqual(parking_ballot.line_ids.sorted("motion_sequence")[1].choice, "oppose")

    def test_owner_cannot_vote_for_a_neighbours_unit(self):
        self.authenticate("pct_http_owner", "pct_http_owner")
        data = self._choices(self.vote, ["agree", "agree"])
        data["unit_ids"] = [self.unit_neighbour.id]
        response = self._post_ballot(self.vote, data)
        self.assertIn("您只能为自己的房屋投票", response.text)
        self.assertFalse(
            self.env["property.vote.ballot"].search_count([("vote_id", "=", self.vote.id)])
        )

    def test_missing_choice_is_refused(self):
        self.authenticate("pct_http_owner", "pct_http_owner")
        data = {f"motion_{self.vote.motion_ids[0].id}": "agree", "unit_ids": [self.flat.id]}
        response = self._post_ballot(self.vote, data)
        self.assertIn("PCT 加装电梯", response.text)
        self.assertIn("o_property_vote_error", response.text)
        self.assertFalse(
            self.env["property.vote.ballot"].search_count([("vote_id", "=", self.vote.id)])
        )

    def test_result_after_close(self):
        self.authenticate("pct_http_owner", "pct_http_owner")
        data = self._choices(self.vote, ["agree", "oppose"])
        data["unit_ids"] = [self.flat.id, self.parking.id]
        self._post_ballot(self.vote, data)
        self.vote.action_close()
        page = self._page(f"/my/votes/{self.vote.id}").text
        self.assertNotIn("o_property_vote_form", page)
        # One owner of two took part: participation not met.
        self.assertIn("未达到参与表决要求", page)
        self.assertIn("110.50", page)
        self.assertNoEnglishLeftovers(page, allowed=("Estate",), where="closed vote")
