from datetime import timedelta

from odoo import fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import TransactionCase, tagged

from .common import VoteCommon


class EventCommon(VoteCommon):
    """A community activity of ``estate`` with 5 seats; owners A (2 units),
    B, C; tenant T of A's first unit; D owns a unit of ``estate_other``."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.owner_a = cls._create_partner("PCT Event Owner A", "ea@example.com")
        cls.owner_b = cls._create_partner("PCT Event Owner B")
        cls.owner_c = cls._create_partner("PCT Event Owner C")
        cls.owner_d = cls._create_partner("PCT Event Owner D")
        cls.tenant = cls._create_partner("PCT Event Tenant")
        cls.unit_a = cls._owned_unit([cls.owner_a], 90.0)
        cls.unit_a2 = cls._owned_unit([cls.owner_a], 60.0)
        cls._create_occupancy(cls.unit_a, cls.tenant, "2024-01-01")
        cls.unit_b = cls._owned_unit([cls.owner_b], 90.0)
        cls.unit_c = cls._owned_unit([cls.owner_c], 90.0)
        cls.unit_d = cls._owned_unit([cls.owner_d], 90.0, building=cls.building_other)
        now = fields.Datetime.now()
        cls.event = cls.env["event.event"].create(
            {
                "name": "PCT Mid-Autumn fair",
                "property_estate_id": cls.estate.id,
                "property_published": True,
                "date_begin": now + timedelta(days=5),
                "date_end": now + timedelta(days=5, hours=3),
                "seats_limited": True,
                "seats_max": 5,
                "property_max_party": 4,
            }
        )

    def _sign_up(self, partner, unit, size, event=None, lang="en_US"):
        return (
            self.env["property.event.signup"]
            .with_context(lang=lang)
            ._sign_up(event or self.event, partner, unit, size)
        )


@tagged("post_install", "-at_install")
class TestEventSignup(EventCommon, TransactionCase):
    def test_signup_limit_and_waiting_list(self):
        """3 + 2 people fill the 5 seats; 2 more wait; when the first
        household cancels, the waiting one gets its seats."""
        first = self._sign_up(self.owner_a, self.unit_a, 3)
        second = self._sign_up(self.owner_b, self.unit_b, 2)
        self.assertEqual((first.state, second.state), ("confirmed", "confirmed"))
        self.assertEqual(len(first.registration_ids), 3)
        self.assertEqual(self.event.seats_taken, 5)
        self.assertEqual(self.event.seats_available, 0)
        waiting = self._sign_up(self.owner_c, self.unit_c, 2)
        self.assertEqual(waiting.state, "waiting")
        self.assertFalse(waiting.registration_ids)
        self.assertEqual(self.event.property_waiting_count, 2)
        first.action_cancel()
        self.assertEqual(first.state, "cancelled")
        self.assertEqual(set(first.registration_ids.mapped("state")), {"cancel"})
        self.assertEqual(waiting.state, "confirmed")
        self.assertEqual(len(waiting.registration_ids), 2)
        self.event.invalidate_recordset()
        self.assertEqual(self.event.seats_taken, 4)

    def test_signup_beyond_the_limit_without_waiting_list(self):
        self.event.property_waiting_list = False
        self._sign_up(self.owner_a, self.unit_a, 4)
        signups = self.env["property.event.signup"].search_count([])
        registrations = self.env["event.registration"].search_count([])
        with self.assertRaisesText(UserError, "名额已满"):
            self._sign_up(self.owner_b, self.unit_b, 2, lang="zh_CN")
        self.assertEqual(self.env["property.event.signup"].search_count([]), signups)
        self.assertEqual(self.env["event.registration"].search_count([]), registrations)
        # One seat is left for one person.
        self.assertEqual(self._sign_up(self.owner_b, self.unit_b, 1).state, "confirmed")

    def test_bad_signups(self):
        with self.assertRaisesText(ValidationError, "neither owns nor lives"):
            self._sign_up(self.owner_b, self.unit_a, 1)
        with self.assertRaisesText(ValidationError, "is not in PCT Estate Osmanthus"):
            self._sign_up(self.owner_d, self.unit_d, 1)
        with self.assertRaisesText(ValidationError, "from 1 to 4 people"):
            self._sign_up(self.owner_a, self.unit_a, 5)
        with self.assertRaisesText(ValidationError, "from 1 to 4 people"):
            self._sign_up(self.owner_a, self.unit_a, 0)
        # The tenant signs up for the unit he lives in; the owner cannot sign it up again.
        self._sign_up(self.tenant, self.unit_a, 1)
        with self.assertRaisesText(ValidationError, "has signed up"):
            self._sign_up(self.owner_a, self.unit_a, 2)
        # Another unit of the owner may.
        self._sign_up(self.owner_a, self.unit_a2, 2)
        self.event.write(
            {
                "date_begin": fields.Datetime.now() - timedelta(hours=4),
                "date_end": fields.Datetime.now() - timedelta(hours=1),
            }
        )
        with self.assertRaisesText(UserError, "takes no sign-up"):
            self._sign_up(self.owner_b, self.unit_b, 1)

    def test_check_in_and_notice_to_the_estate(self):
        signup = self._sign_up(self.owner_a, self.unit_a, 2)
        desk = self._create_user("pct_event_desk", "property_base.group_property_user")
        signup.with_user(desk).action_check_in()
        self.assertEqual(signup.attended_count, 2)
        self.assertEqual(set(signup.registration_ids.mapped("state")), {"done"})
        with self.assertRaisesText(UserError, "Checked-in"):
            signup.action_cancel()
        self.event.with_user(desk).action_property_notify_estate()
        notice = self.event.property_notice_id
        self.assertEqual(notice.state, "published")
        self.assertEqual(notice.estate_ids, self.estate)
        self.assertEqual(notice.category, "event")
        self.assertIn(f"/my/events/{self.event.id}", notice.body)
        with self.assertRaisesText(UserError, "already"):
            self.event.action_property_notify_estate()

    def test_staff_of_another_estate(self):
        desk_plum = self._create_user(
            "pct_event_desk_plum", "property_base.group_property_user", estates=self.estate_other
        )
        signup = self._sign_up(self.owner_a, self.unit_a, 1)
        with self.assertRaises(AccessError):
            self.event.with_user(desk_plum).read(["name"])
        with self.assertRaises(AccessError):
            signup.with_user(desk_plum).action_check_in()
