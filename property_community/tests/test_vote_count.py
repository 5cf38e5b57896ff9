from datetime import timedelta

from odoo import fields
from odoo.exceptions import ValidationError
from odoo.tests import TransactionCase, tagged

from .common import VoteCommon


@tagged("post_install", "-at_install")
class TestVoteCount(VoteCommon, TransactionCase):
    """The count of art. 278 of the Civil Code on hand-made estates, at the
    thresholds. Each test builds its own units in ``estate`` (which has none
    before), so the totals are the test's own."""

    def _partners(self, count, prefix="PCT Owner"):
        return [self._create_partner(f"{prefix} {index}") for index in range(count)]

    def _motion(self, vote, index=0):
        return vote.motion_ids.sorted("sequence")[index]

    def test_participation_exactly_two_thirds(self):
        """Two owners of three, holding exactly 2/3 of the area: participation is met."""
        a, b, c = self._partners(3)
        unit_a, unit_b, _unit_c = (self._owned_unit([p], 90.0) for p in (a, b, c))
        vote = self._open_vote([("PCT Renew the manager", "manager")])
        self._vote(vote, unit_a, a, "agree")
        self._vote(vote, unit_b, b, "agree")
        vote.action_close()
        self.assertEqual(vote.state, "closed")
        self.assertEqual((vote.total_area, vote.total_owner_count), (270.0, 3))
        self.assertEqual((vote.voted_area, vote.voted_owner_count), (180.0, 2))
        self.assertTrue(vote.participation_reached)
        motion = self._motion(vote)
        self.assertEqual((motion.agree_area, motion.agree_owner_count), (180.0, 2))
        self.assertEqual(motion.result, "passed")

    def test_participation_just_under_two_thirds_of_the_area(self):
        """Two owners of three (2/3 of the owners) but one hundredth of a m²
        short of 2/3 of the area: not met, and no motion passes, not even a
        unanimous one."""
        a, b, c = self._partners(3)
        unit_a = self._owned_unit([a], 100.0)
        unit_b = self._owned_unit([b], 100.0)
        self._owned_unit([c], 100.01)
        vote = self._open_vote([("PCT Renew the manager", "manager")])
        self._vote(vote, unit_a, a, "agree")
        self._vote(vote, unit_b, b, "agree")
        vote.action_close()
        self.assertFalse(vote.participation_reached)
        self.assertEqual(self._motion(vote).result, "no_quorum")
        self.assertEqual(self._motion(vote).agree_owner_count, 2)

    def test_participation_under_two_thirds_of_the_owners(self):
        """The owners of 4/5 of the area vote, but 3 owners of 5: not met."""
        partners = self._partners(5)
        big = [self._owned_unit([p], 200.0) for p in partners[:2]]
        self._owned_unit([partners[2]], 20.0)
        self._owned_unit([partners[3]], 40.0)
        other = self._owned_unit([partners[4]], 60.0)
        vote = self._open_vote([("PCT Renew the manager", "manager")])
        for unit, partner in zip(big + [other], partners[:2] + [partners[4]], strict=True):
            self._vote(vote, unit, partner, "agree")
        vote.action_close()
        self.assertEqual(vote.voted_area, 460.0)  # of 520: 88 %
        self.assertEqual((vote.voted_owner_count, vote.total_owner_count), (3, 5))
        self.assertFalse(vote.participation_reached)
        self.assertEqual(self._motion(vote).result, "no_quorum")

    def test_major_motion_exactly_three_quarters(self):
        """Four owners, all voting: three agree (3/4 of area and owners) on a
        major motion, which passes; an ordinary motion at exactly 1/2 fails."""
        partners = self._partners(4)
        units = [self._owned_unit([p], 80.0) for p in partners]
        vote = self._open_vote(
            [("PCT Lift in front of block 1", "common_use"), ("PCT New parking rules", "rules")]
        )
        major, ordinary = self._motion(vote, 0), self._motion(vote, 1)
        self.assertEqual((major.kind, ordinary.kind), ("major", "ordinary"))
        choices = [
            ("agree", "agree"),
            ("agree", "agree"),
            ("agree", "oppose"),
            ("oppose", "oppose"),
        ]
        for unit, partner, pair in zip(units, partners, choices, strict=True):
            self._vote(vote, unit, partner, list(pair))
        vote.action_close()
        self.assertTrue(vote.participation_reached)
        self.assertEqual((major.agree_area, major.agree_owner_count), (240.0, 3))
        self.assertEqual((major.oppose_area, major.oppose_owner_count), (80.0, 1))
        self.assertEqual(major.result, "passed")
        self.assertEqual((ordinary.agree_area, ordinary.agree_owner_count), (160.0, 2))
        self.assertEqual(ordinary.result, "rejected", "exactly 1/2 is not more than half")

    def test_major_motion_just_under_three_quarters_of_the_area(self):
        """3 owners of 4 agree, but their area is a hundredth of a m² under 3/4."""
        partners = self._partners(4)
        units = [self._owned_unit([p], 100.0) for p in partners[:3]]
        units.append(self._owned_unit([partners[3]], 100.01))
        vote = self._open_vote([("PCT Raise the maintenance fund", "fund_raise")])
        for unit, partner, choice in zip(
            units, partners, ["agree", "agree", "agree", "oppose"], strict=True
        ):
            self._vote(vote, unit, partner, choice)
        vote.action_close()
        motion = self._motion(vote)
        self.assertEqual(motion.agree_owner_count, 3)
        self.assertEqual(motion.result, "rejected")

    def test_one_owner_of_three_units_counts_once(self):
        """Owner A holds three units, B and C one each: three owners. A and B
        vote; A's three units agree, B opposes. Participation: 4/5 of the area
        and 2/3 of the owners. The ordinary motion has 3/4 of the area but 1
        owner of 2: rejected."""
        a, b, c = self._partners(3)
        units_a = [self._owned_unit([a], 100.0) for _index in range(3)]
        unit_b = self._owned_unit([b], 100.0)
        self._owned_unit([c], 100.0)
        vote = self._open_vote([("PCT Renew the manager", "manager")])
        for unit in units_a:
            self._vote(vote, unit, a, "agree")
        self._vote(vote, unit_b, b, "oppose")
        vote.action_close()
        self.assertEqual((vote.total_area, vote.total_owner_count), (500.0, 3))
        self.assertEqual((vote.voted_area, vote.voted_owner_count), (400.0, 2))
        self.assertTrue(vote.participation_reached)
        motion = self._motion(vote)
        self.assertEqual((motion.agree_area, motion.agree_owner_count), (300.0, 1))
        self.assertEqual((motion.oppose_area, motion.oppose_owner_count), (100.0, 1))
        self.assertEqual(motion.result, "rejected")

    def test_owner_of_several_units_with_different_choices(self):
        """An owner who gives his units different choices counts once, for
        the choice that carries most of his area."""
        a, b = self._partners(2)
        big = self._owned_unit([a], 150.0)
        small = self._owned_unit([a], 50.0)
        unit_b = self._owned_unit([b], 100.0)
        vote = self._open_vote([("PCT Renew the manager", "manager")])
        self._vote(vote, big, a, "oppose")
        self._vote(vote, small, a, "agree")
        self._vote(vote, unit_b, b, "agree")
        vote.action_close()
        motion = self._motion(vote)
        self.assertEqual((motion.agree_area, motion.agree_owner_count), (150.0, 1))
        self.assertEqual((motion.oppose_area, motion.oppose_owner_count), (150.0, 1))
        self.assertEqual(motion.result, "rejected")

    def test_developer_unsold_units_count_as_one_owner(self):
        """Three units sold to three buyers; three unsold units (two with no
        owner, one still registered to the developer): four owners. The
        developer votes its three units on paper and one buyer agrees:
        participation 5/6 of the area and 2/4 of the owners is not met; with
        a second buyer it is, and the developer counts once."""
        a, b, c = self._partners(3)
        unit_a, unit_b, _unit_c = (self._owned_unit([p], 100.0) for p in (a, b, c))
        unsold = [self._owned_unit([], 100.0), self._owned_unit([], 100.0)]
        unsold.append(self._owned_unit([self.developer], 100.0))
        vote = self._open_vote([("PCT Renew the manager", "manager")])
        for unit in unsold:
            self._vote(vote, unit, self.developer, "agree", channel="paper")
        self._vote(vote, unit_a, a, "agree")
        vote.action_count()
        self.assertEqual((vote.total_area, vote.total_owner_count), (600.0, 4))
        self.assertEqual((vote.voted_area, vote.voted_owner_count), (400.0, 2))
        self.assertFalse(vote.participation_reached)
        self._vote(vote, unit_b, b, "oppose")
        vote.action_close()
        self.assertEqual((vote.voted_area, vote.voted_owner_count), (500.0, 3))
        self.assertTrue(vote.participation_reached)
        motion = self._motion(vote)
        self.assertEqual((motion.agree_area, motion.agree_owner_count), (400.0, 2))
        self.assertEqual((motion.oppose_area, motion.oppose_owner_count), (100.0, 1))
        self.assertEqual(motion.result, "passed")

    def test_co_owners_cast_one_vote(self):
        """The co-owners of a unit cast one ballot, which counts as one owner."""
        x, y, z = self._partners(3)
        shared = self._owned_unit([x, y], 120.0)
        unit_z = self._owned_unit([z], 60.0)
        vote = self._open_vote([("PCT Renew the manager", "manager")])
        self._vote(vote, shared, y, "agree")
        self._vote(vote, unit_z, z, "oppose")
        vote.action_close()
        self.assertEqual((vote.total_area, vote.total_owner_count), (180.0, 2))
        self.assertEqual((vote.voted_area, vote.voted_owner_count), (180.0, 2))
        motion = self._motion(vote)
        self.assertEqual((motion.agree_area, motion.agree_owner_count), (120.0, 1))
        self.assertEqual(motion.result, "rejected", "one owner of two is not more than half")

    def test_register_date_decides_the_owners(self):
        """A unit sold after the register date counts for its owner of that
        day: the seller votes, the buyer of a later date cannot."""
        seller, buyer, other = self._partners(3)
        unit = self._create_unit(self.building, "9901", 100.0)
        self._create_ownership(unit, seller, "2020-01-01", "2020-12-31")
        self._create_ownership(unit, buyer, "2021-01-01")
        self._owned_unit([other], 100.0)
        vote = self._open_vote([("PCT Renew the manager", "manager")], register_date="2020-06-01")
        self.assertEqual(str(vote.register_date), "2020-06-01")
        self.assertEqual(vote._get_unit_voters(unit), seller)
        with self.assertRaisesText(ValidationError, "PCT Owner 1"):
            self._vote(vote, unit, buyer, "agree")
        self._vote(vote, unit, seller, "agree")
        count = vote._count_votes(participation_only=True)
        self.assertEqual((count["voted_owners"], count["total_owners"]), (1, 2))

    def test_the_count_is_exact_in_hundredths(self):
        """Areas with decimals that floating point would add up wrong: 0.1 +
        0.2 of 0.45 is exactly 2/3."""
        a, b, c = self._partners(3)
        unit_a = self._owned_unit([a], 0.1)
        unit_b = self._owned_unit([b], 0.2)
        self._owned_unit([c], 0.15)
        vote = self._open_vote([("PCT Renew the manager", "manager")])
        self._vote(vote, unit_a, a, "agree")
        self._vote(vote, unit_b, b, "agree")
        count = vote._count_votes()
        self.assertEqual((count["voted_area"], count["total_area"]), (30, 45))
        self.assertTrue(count["participation_reached"])

    def test_cron_closes_the_votes_past_their_closing_time(self):
        a, b = self._partners(2)
        unit_a = self._owned_unit([a], 100.0)
        self._owned_unit([b], 100.0)
        vote = self._open_vote([("PCT Renew the manager", "manager")])
        still_open = self._open_vote([("PCT Other", "other")], name="PCT Still open")
        self._vote(vote, unit_a, a, "agree")
        vote.date_close = fields.Datetime.now() - timedelta(minutes=1)
        self._run_cron("property_community.ir_cron_close_due_votes")
        self.assertEqual(vote.state, "closed")
        self.assertEqual(self._motion(vote).result, "no_quorum")
        self.assertEqual(vote.voted_owner_count, 1)
        self.assertEqual(still_open.state, "open")
