from datetime import timedelta

from odoo import Command, fields
from odoo.exceptions import UserError, ValidationError
from odoo.tests import TransactionCase, tagged

from .common import VoteCommon


@tagged("post_install", "-at_install")
class TestVoteBadInput(VoteCommon, TransactionCase):
    """Bad input to a vote (a late or early ballot, a second one, a tenant,
    another estate, a missing choice or scan) is refused with a clear message in
    the user's language, and nothing is written."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("zh_CN")
        cls.owner = cls._create_partner("PCT Owner Zhang")
        cls.co_owner = cls._create_partner("PCT Co-owner Wang")
        cls.tenant = cls._create_partner("PCT Tenant Liu")
        cls.unit = cls._owned_unit([cls.owner, cls.co_owner], 100.0)
        cls._create_occupancy(cls.unit, cls.tenant, "2023-01-01")
        cls.owner_other = cls._create_partner("PCT Owner Plum")
        cls.unit_other = cls._owned_unit([cls.owner_other], 80.0, building=cls.building_other)
        cls.vote = cls._open_vote(
            [("PCT Renew the manager", "manager"), ("PCT Lift", "common_use")]
        )

    def _ballots(self):
        return [("vote_id", "in", self.env["property.vote"].search([]).ids)]

    def _refused(self, exception, text, values, lang="en_US"):
        """Creating a ballot of ``values`` raises ``exception`` with ``text``
        in its message, and no ballot nor choice is written."""
        Ballot = self.env["property.vote.ballot"].with_context(lang=lang)
        ballots = self.env["property.vote.ballot"].search_count([])
        lines = self.env["property.vote.ballot.line"].search_count([])
        with self.assertRaisesText(exception, text):
            Ballot.create(values)
        self.assertEqual(self.env["property.vote.ballot"].search_count([]), ballots)
        self.assertEqual(self.env["property.vote.ballot.line"].search_count([]), lines)

    def test_vote_before_opening(self):
        now = fields.Datetime.now()
        later = self.env["property.vote"].create(
            {
                "name": "PCT Next week",
                "estate_id": self.estate.id,
                "date_open": now + timedelta(days=7),
                "date_close": now + timedelta(days=14),
                "motion_ids": [Command.create({"name": "PCT Later", "matter": "other"})],
            }
        )
        later.action_open()
        self._refused(
            UserError,
            "takes ballots from",
            self._ballot_values(later, self.unit, self.owner, "agree"),
        )

    def test_vote_after_the_closing_time(self):
        self.vote.date_close = fields.Datetime.now() - timedelta(minutes=1)
        self._refused(
            UserError,
            "takes ballots from",
            self._ballot_values(self.vote, self.unit, self.owner, "agree"),
        )

    def test_vote_after_closing_and_changes_locked(self):
        ballot = self._vote(self.vote, self.unit, self.owner, "agree")
        self.vote.action_close()
        self._refused(
            UserError,
            "投票“PCT Vote”已结束",
            self._ballot_values(self.vote, self.unit, self.co_owner, "agree"),
            lang="zh_CN",
        )
        with self.assertRaisesText(UserError, "is closed"):
            ballot.line_ids[0].choice = "oppose"
        with self.assertRaisesText(UserError, "is closed"):
            ballot.partner_id = self.co_owner
        with self.assertRaisesText(UserError, "only while the vote is open"):
            ballot.unlink()
        with self.assertRaisesText(UserError, "is closed"):
            ballot.line_ids.unlink()
        with self.assertRaisesText(UserError, "cannot change once the vote is open"):
            self.vote.motion_ids[0].name = "PCT Changed"
        self.assertEqual(ballot.line_ids.mapped("choice"), ["agree", "agree"])

    def test_second_ballot_of_a_unit(self):
        """A co-owner cannot vote again for the unit the other co-owner voted for."""
        self._vote(self.vote, self.unit, self.owner, "agree")
        self._refused(
            ValidationError,
            "已经投过票",
            self._ballot_values(self.vote, self.unit, self.co_owner, "oppose"),
            lang="zh_CN",
        )

    def test_tenant_cannot_vote(self):
        self._refused(
            ValidationError,
            "不是",
            self._ballot_values(self.vote, self.unit, self.tenant, "agree"),
            lang="zh_CN",
        )
        self._refused(
            ValidationError,
            "only owners vote",
            self._ballot_values(self.vote, self.unit, self.tenant, "agree"),
        )

    def test_unit_of_another_estate(self):
        self._refused(
            ValidationError,
            "is not in PCT Estate Osmanthus",
            self._ballot_values(self.vote, self.unit_other, self.owner_other, "agree"),
        )

    def test_choice_missing_on_a_motion(self):
        values = self._ballot_values(self.vote, self.unit, self.owner, "agree")
        values["line_ids"] = values["line_ids"][:1]
        self._refused(ValidationError, "PCT Lift", values)

    def test_motion_of_another_vote(self):
        other = self._open_vote([("PCT Other motion", "other")], name="PCT Other vote")
        values = self._ballot_values(self.vote, self.unit, self.owner, "agree")
        values["line_ids"][1] = Command.create(
            {"motion_id": other.motion_ids.id, "choice": "agree"}
        )
        self._refused(ValidationError, "its own vote", values)

    def test_paper_ballot_without_scan(self):
        values = self._ballot_values(self.vote, self.unit, self.owner, "agree", channel="paper")
        values.pop("scan_ids")
        self._refused(ValidationError, "scanned paper ballot", values)

    def test_unowned_unit_without_developer(self):
        unit = self._owned_unit([], 50.0, building=self.building_other)
        vote = self._open_vote([("PCT Plum motion", "other")], estate=self.estate_other)
        self._refused(
            ValidationError,
            "no developer",
            self._ballot_values(vote, unit, self.owner_other, "agree"),
        )

    def test_vote_dates_and_states(self):
        now = fields.Datetime.now()
        Vote = self.env["property.vote"]
        with self.assertRaisesText(ValidationError, "close after it opens"):
            Vote.create(
                {
                    "name": "PCT Backwards",
                    "estate_id": self.estate.id,
                    "date_open": now,
                    "date_close": now - timedelta(hours=1),
                }
            )
        draft = Vote.create(
            {
                "name": "PCT No motion",
                "estate_id": self.estate.id,
                "date_open": now,
                "date_close": now + timedelta(days=1),
            }
        )
        with self.assertRaisesText(UserError, "at least one motion"):
            draft.action_open()
        with self.assertRaisesText(UserError, "Only an open vote"):
            draft.action_close()
        with self.assertRaisesText(UserError, "cannot change once it is open"):
            self.vote.estate_id = self.estate_other
        with self.assertRaisesText(UserError, "Only a draft vote can be deleted"):
            self.vote.unlink()
        with self.assertRaisesText(UserError, "cannot change once the vote is open"):
            self.env["property.vote.motion"].create(
                {"vote_id": self.vote.id, "name": "PCT Late motion"}
            )

    def test_no_quorum_result_in_chinese(self):
        """A vote closed without the participation is "未达到参与表决要求", not passed."""
        self.vote.action_close()
        motion = self.vote.motion_ids[0]
        self.assertEqual(motion.result, "no_quorum")
        labels = dict(
            motion._fields["result"]._description_selection(self.env(context={"lang": "zh_CN"}))
        )
        self.assertEqual(labels["no_quorum"], "未达到参与表决要求")

    def test_changes_are_tracked(self):
        ballot = self._vote(self.vote, self.unit, self.owner, ["agree", "oppose"])
        # The ballot was cast in an earlier request: its tracking starts afresh.
        self.env.flush_all()
        self.env.cr.precommit.run()
        ballot.with_context(lang="zh_CN").line_ids.sorted("motion_sequence")[1].choice = "agree"
        ballot.with_context(tracking_disable=False, mail_notrack=False).partner_id = self.co_owner
        bodies = " ".join(ballot.message_ids.mapped("body"))
        self.assertIn("PCT Lift: 反对 → 同意", bodies)
        self.env.flush_all()
        self.env.cr.precommit.run()
        tracked = ballot.message_ids.tracking_value_ids.filtered(
            lambda value: value.field_id.name == "partner_id"
        )
        self.assertEqual(tracked.old_value_integer, self.owner.id)
        self.assertEqual(tracked.new_value_integer, self.co_owner.id)
