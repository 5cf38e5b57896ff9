from datetime import timedelta

from odoo import fields
from odoo.tests import HttpCase, tagged

from odoo.addons.property_base.tests.common import OwnerPhoneMixin

from .common import VoteCommon


@tagged("post_install", "-at_install")
class TestTourPortalEvent(OwnerPhoneMixin, VoteCommon, HttpCase):
    """An owner signs her family up for an activity on a phone (390×844):
    three people for two seats left go on the waiting list."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.owner = cls._create_user(
            "pcttour_event_owner",
            "base.group_portal",
            name="周晓梅",
            lang="zh_CN",
            tz="Asia/Shanghai",
        )
        neighbour = cls._create_partner("吴国强")
        cls.flat = cls._owned_unit([cls.owner.partner_id], 98.5)
        neighbour_flat = cls._owned_unit([neighbour], 90.0)
        now = fields.Datetime.now()
        cls.event = cls.env["event.event"].create(
            {
                "name": "桂园中秋游园会（测试）",
                "property_estate_id": cls.estate.id,
                "property_published": True,
                "date_begin": now + timedelta(days=5),
                "date_end": now + timedelta(days=5, hours=3),
                "date_tz": "Asia/Shanghai",
                "seats_limited": True,
                "seats_max": 5,
            }
        )
        cls.env["property.event.signup"]._sign_up(cls.event, neighbour, neighbour_flat, 3)

    def test_owner_signs_up_on_a_phone(self):
        self.start_tour("/my", "property_community_portal_event_tour", login="pcttour_event_owner")
        signup = self.env["property.event.signup"].search(
            [("event_id", "=", self.event.id), ("partner_id", "=", self.owner.partner_id.id)]
        )
        self.assertEqual((signup.unit_id, signup.party_size), (self.flat, 3))
        self.assertEqual(signup.state, "waiting")
        self.assertFalse(signup.registration_ids)
        self.assertEqual(self.event.seats_taken, 3)
