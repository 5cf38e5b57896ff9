from odoo.exceptions import AccessError
from odoo.tests import TransactionCase, tagged

from .common import VoteCommon


@tagged("post_install", "-at_install")
class TestVoteSecurity(VoteCommon, TransactionCase):
    """Votes, motions and ballots are kept apart between estates for staff
    and between owners on the portal, over the ORM as RPC reaches it."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.owner_user = cls._create_user("pct_owner", "base.group_portal", name="PCT Owner Li")
        cls.neighbour_user = cls._create_user(
            "pct_neighbour", "base.group_portal", name="PCT Neighbour Zhou"
        )
        cls.plum_user = cls._create_user("pct_plum", "base.group_portal", name="PCT Owner Plum")
        cls.tenant_user = cls._create_user("pct_tenant", "base.group_portal", name="PCT Tenant")
        cls.unit = cls._owned_unit([cls.owner_user.partner_id], 90.0)
        cls._create_occupancy(cls.unit, cls.tenant_user.partner_id, "2023-01-01")
        cls.unit_neighbour = cls._owned_unit([cls.neighbour_user.partner_id], 90.0)
        cls.unit_plum = cls._owned_unit(
            [cls.plum_user.partner_id], 90.0, building=cls.building_other
        )
        cls.desk_osmanthus = cls._create_user(
            "pct_desk_o", "property_base.group_property_user", estates=cls.estate
        )
        cls.manager_plum = cls._create_user(
            "pct_manager_p", "property_base.group_property_manager", estates=cls.estate_other
        )
        cls.vote = cls._open_vote([("PCT Osmanthus motion", "manager")])
        cls.vote_plum = cls._open_vote(
            [("PCT Plum motion", "manager")], estate=cls.estate_other, name="PCT Plum vote"
        )
        cls.draft = cls.env["property.vote"].create(
            {
                "name": "PCT Draft",
                "estate_id": cls.estate.id,
                "date_open": cls.vote.date_open,
                "date_close": cls.vote.date_close,
            }
        )
        cls.ballot_neighbour = cls.env["property.vote.ballot"].create(
            {
                "vote_id": cls.vote.id,
                "unit_id": cls.unit_neighbour.id,
                "partner_id": cls.neighbour_user.partner_id.id,
                "channel": "portal",
                "line_ids": [(0, 0, {"motion_id": cls.vote.motion_ids.id, "choice": "oppose"})],
            }
        )
        cls.ballot_plum = cls.env["property.vote.ballot"].create(
            {
                "vote_id": cls.vote_plum.id,
                "unit_id": cls.unit_plum.id,
                "partner_id": cls.plum_user.partner_id.id,
                "channel": "portal",
                "line_ids": [(0, 0, {"motion_id": cls.vote_plum.motion_ids.id, "choice": "agree"})],
            }
        )
        cls.votes = cls.vote | cls.vote_plum | cls.draft
        cls.ballots = cls.ballot_neighbour | cls.ballot_plum

    def test_owners_see_the_open_votes_of_their_estates(self):
        self.assertSeesOnly(self.owner_user, "property.vote", self.vote, self.votes)
        self.assertSeesOnly(self.plum_user, "property.vote", self.vote_plum, self.votes)
        self.assertSeesOnly(
            self.owner_user,
            "property.vote.motion",
            self.vote.motion_ids,
            self.votes.motion_ids,
        )
        # A tenant is no owner: no vote.
        self.assertSeesOnly(
            self.tenant_user, "property.vote", self.env["property.vote"], self.votes
        )

    def test_owners_see_only_the_ballots_of_their_units(self):
        self.assertSeesOnly(
            self.owner_user, "property.vote.ballot", self.env["property.vote.ballot"], self.ballots
        )
        self.assertSeesOnly(
            self.neighbour_user, "property.vote.ballot", self.ballot_neighbour, self.ballots
        )
        self.assertSeesOnly(
            self.neighbour_user,
            "property.vote.ballot.line",
            self.ballot_neighbour.line_ids,
            self.ballots.line_ids,
        )

    def test_owner_cannot_vote_for_a_neighbour(self):
        """Over RPC an owner cannot change the neighbour's ballot nor cast one for his unit."""
        with self.assertRaises(AccessError):
            self.ballot_neighbour.line_ids.with_user(self.owner_user).write({"choice": "agree"})
        with self.assertRaises(AccessError):
            self.ballot_neighbour.with_user(self.owner_user).unlink()
        other_unit = self._owned_unit([self.neighbour_user.partner_id], 70.0)
        with self.assertRaises(AccessError):
            self._vote(
                self.vote, other_unit, self.neighbour_user.partner_id, "agree", user=self.owner_user
            )
        self.assertEqual(self.ballot_neighbour.line_ids.choice, "oppose")

    def test_owner_votes_over_rpc_for_his_unit(self):
        ballot = self._vote(
            self.vote, self.unit, self.owner_user.partner_id, "agree", user=self.owner_user
        )
        self.assertEqual(ballot.line_ids.choice, "agree")
        self.assertEqual(ballot.channel, "portal")
        with self.assertRaises(AccessError):
            self.vote.with_user(self.owner_user).action_close()

    def test_staff_see_their_estates_only(self):
        self.assertSeesOnly(
            self.desk_osmanthus, "property.vote", self.vote | self.draft, self.votes
        )
        self.assertSeesOnly(
            self.desk_osmanthus, "property.vote.ballot", self.ballot_neighbour, self.ballots
        )
        self.assertSeesOnly(self.manager_plum, "property.vote", self.vote_plum, self.votes)
        self.assertSeesOnly(
            self.manager_plum,
            "property.vote.ballot.line",
            self.ballot_plum.line_ids,
            self.ballots.line_ids,
        )
        with self.assertRaises(AccessError):
            self.vote.with_user(self.manager_plum).action_close()
        with self.assertRaises(AccessError):
            self.vote.with_user(self.desk_osmanthus).write({"name": "PCT Renamed"})

    def test_desk_records_a_paper_ballot_of_its_estate(self):
        ballot = self._vote(
            self.vote,
            self.unit,
            self.owner_user.partner_id,
            "abstain",
            channel="paper",
            user=self.desk_osmanthus,
        )
        self.assertTrue(ballot.scan_ids)
        with self.assertRaises(AccessError):
            self._vote(
                self.vote_plum,
                self._owned_unit([self.plum_user.partner_id], 50.0, building=self.building_other),
                self.plum_user.partner_id,
                "agree",
                channel="paper",
                user=self.desk_osmanthus,
            )
