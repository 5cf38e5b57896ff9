from datetime import timedelta

from odoo import Command, fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import TransactionCase, tagged

from .common import VoteCommon


@tagged("post_install", "-at_install")
class TestOwnerMeeting(VoteCommon, TransactionCase):
    """An owners' forum: invitees, minutes, follow-up actions as activities."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.owner_a = cls._create_partner("PCT Forum Owner A", "fa@example.com")
        cls.owner_b = cls._create_partner("PCT Forum Owner B")
        cls.owner_past = cls._create_partner("PCT Forum Former Owner")
        cls._owned_unit([cls.owner_a])
        cls._owned_unit([cls.owner_b])
        unit = cls._create_unit(cls.building, "9801", 80.0)
        cls._create_ownership(unit, cls.owner_past, "2015-01-01", "2019-12-31")
        cls.engineer = cls._create_user("pct_forum_engineer", "property_base.group_property_user")
        cls.meeting = cls.env["property.owner.meeting"].create(
            {
                "name": "PCT Forum on parking",
                "estate_id": cls.estate.id,
                "date": fields.Datetime.now() + timedelta(days=3),
                "location": "PCT Clubhouse",
            }
        )

    def test_invite_hold_and_follow_up(self):
        self.meeting.action_invite_owners()
        self.assertIn(self.owner_a, self.meeting.invitee_ids)
        self.assertIn(self.owner_b, self.meeting.invitee_ids)
        self.assertNotIn(self.owner_past, self.meeting.invitee_ids, "not an owner today")
        self.meeting.with_context(mail_notrack=False).action_send_invitations()
        message = self.meeting.message_ids.filtered(lambda m: m.message_type == "comment")[:1]
        self.assertIn("PCT Clubhouse", message.body)
        self.assertEqual(message.partner_ids, self.meeting.invitee_ids)
        with self.assertRaisesText(ValidationError, "Only invitees can attend"):
            self.meeting.attendee_ids = [Command.link(self.owner_past.id)]
        self.meeting.attendee_ids = [Command.set(self.owner_a.ids)]
        self.meeting.action_ids = [
            Command.create(
                {
                    "name": "PCT Repaint the parking lines",
                    "user_id": self.engineer.id,
                    "date_deadline": fields.Date.today() + timedelta(days=14),
                }
            )
        ]
        with self.assertRaisesText(UserError, "Write the minutes"):
            self.meeting.action_done()
        self.meeting.minutes = "<p>PCT The owners ask for more parking lines.</p>"
        self.meeting.action_done()
        self.assertEqual(self.meeting.state, "done")
        activity = self.meeting.action_ids.activity_id
        self.assertEqual(activity.user_id, self.engineer)
        self.assertEqual(activity.summary, "PCT Repaint the parking lines")
        self.assertEqual(activity.res_id, self.meeting.id)
        self.assertFalse(self.meeting.action_ids.done)
        # An action added after the forum is scheduled at once.
        self.meeting.action_ids = [
            Command.create(
                {
                    "name": "PCT Report back to the owners",
                    "user_id": self.engineer.id,
                    "date_deadline": fields.Date.today() + timedelta(days=30),
                }
            )
        ]
        self.assertEqual(len(self.meeting.activity_ids), 2)
        activity.with_user(self.engineer).action_done()
        self.meeting.action_ids.invalidate_recordset()
        self.assertEqual(self.meeting.action_ids.mapped("done"), [True, False])

    def test_staff_of_another_estate(self):
        desk_plum = self._create_user(
            "pct_forum_desk_plum", "property_base.group_property_user", estates=self.estate_other
        )
        with self.assertRaises(AccessError):
            self.meeting.with_user(desk_plum).read(["name"])
        self.assertFalse(
            self.env["property.owner.meeting"]
            .with_user(desk_plum)
            .search_count([("id", "=", self.meeting.id)])
        )
