from odoo import Command
from odoo.exceptions import UserError
from odoo.tests import freeze_time, tagged

from .common import PropertyCase


@tagged("post_install", "-at_install")
class TestNotice(PropertyCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # estate_a, building_a1: Li owns unit_a1, Zhao rents it
        cls._create_ownership(cls.unit_a1, cls.partner_li, "2020-01-01")
        cls._create_occupancy(cls.unit_a1, cls.partner_zhao, "2021-01-01")
        # a former owner of unit_a2 is nobody's concern any more
        cls.partner_former = cls.env["res.partner"].create(
            {"name": "PBT Former Owner", "email": "former@example.com"}
        )
        cls._create_ownership(cls.unit_a2, cls.partner_former, "2010-01-01", "2019-12-31")
        # estate_a, building_a2: Wang owns unit_a4, Sun (no email) lives there
        cls._create_ownership(cls.unit_a4, cls.partner_wang, "2020-01-01")
        cls._create_occupancy(cls.unit_a4, cls.partner_sun, "2020-01-01", role="family")
        # estate_b: Chen owns unit_b1
        cls._create_ownership(cls.unit_b1, cls.partner_chen, "2020-01-01")

        cls.Notice = cls.env["property.notice"].with_user(cls.user_property)

    def _new_notice(self, estates=None, buildings=None, **values):
        return self.Notice.create(
            {
                "name": "PBT Water outage on Friday",
                "body": "<p>Water is cut from 9:00 to 12:00.</p>",
                "category": "maintenance",
                "estate_ids": [Command.set(estates.ids if estates else [])],
                "building_ids": [Command.set(buildings.ids if buildings else [])],
                **values,
            }
        )

    def _notifications(self, notice):
        return self.env["mail.message"].search(
            [
                ("model", "=", "property.notice"),
                ("res_id", "=", notice.id),
                ("message_type", "=", "user_notification"),
            ]
        )

    def test_estate_notice_reaches_owners_and_residents_of_the_estate(self):
        notice = self._new_notice(estates=self.estate_a)
        self.assertEqual(
            notice._get_recipients(),
            self.partner_li | self.partner_zhao | self.partner_wang | self.partner_sun,
        )
        self.assertEqual(notice.recipient_count, 4)
        notice = self._new_notice(estates=self.estate_b)
        self.assertEqual(notice._get_recipients(), self.partner_chen)

    def test_building_notice_reaches_only_that_building(self):
        notice = self._new_notice(buildings=self.building_a1)
        self.assertEqual(notice._get_recipients(), self.partner_li | self.partner_zhao)
        notice = self._new_notice(buildings=self.building_a2)
        self.assertEqual(notice._get_recipients(), self.partner_wang | self.partner_sun)
        notice = self._new_notice(buildings=self.building_b1)
        self.assertEqual(notice._get_recipients(), self.partner_chen)
        # several targets add up
        notice = self._new_notice(estates=self.estate_b, buildings=self.building_a1)
        self.assertEqual(
            notice._get_recipients(), self.partner_li | self.partner_zhao | self.partner_chen
        )

    def test_recipients_follow_the_clock(self):
        notice = self._new_notice(buildings=self.building_a1)
        with freeze_time("2015-06-01"):
            # before Li bought unit_a1, its former owner was the one to tell
            self.assertEqual(notice._get_recipients(), self.partner_former)

    def test_publish_without_target_refused(self):
        notice = self._new_notice()
        self.assertEqual(notice.recipient_count, 0)
        with self.assertRaisesMessage(UserError, "Choose the estates or buildings"):
            notice.action_publish()
        self.assertEqual(notice.state, "draft")
        self.assertFalse(notice.date_published)
        self.assertFalse(self._notifications(notice))

    def test_publish_notifies_recipients_by_email(self):
        notice = self._new_notice(estates=self.estate_a)
        with freeze_time("2025-05-06 08:30:00"):
            notice.with_context(mail_notify_force_send=False).action_publish()
        self.assertEqual(notice.state, "published")
        self.assertEqual(str(notice.date_published), "2025-05-06 08:30:00")

        message = self._notifications(notice)
        self.assertEqual(len(message), 1)
        self.assertEqual(message.subject, "PBT Water outage on Friday")
        self.assertIn("Water is cut from 9:00 to 12:00.", message.body)
        # Sun has no email address: she reads the notice on the portal
        with_email = self.partner_li | self.partner_zhao | self.partner_wang
        self.assertEqual(message.partner_ids, with_email)
        self.assertEqual(message.notification_ids.res_partner_id, with_email)
        self.assertEqual(set(message.notification_ids.mapped("notification_type")), {"email"})
        mails = self.env["mail.mail"].search([("mail_message_id", "=", message.id)])
        self.assertEqual(mails.recipient_ids, with_email)
        self.assertEqual(set(mails.mapped("state")), {"outgoing"})

    def test_state_transitions(self):
        notice = self._new_notice(buildings=self.building_b1)
        self.assertEqual(notice.state, "draft")
        notice.action_publish()
        self.assertEqual(notice.state, "published")
        self.assertTrue(notice.date_published)
        self.assertEqual(len(self._notifications(notice)), 1)
        # publishing twice would mail everyone twice
        with self.assertRaisesMessage(UserError, "Only draft notices can be published"):
            notice.action_publish()
        self.assertEqual(len(self._notifications(notice)), 1)
        notice.action_archive_notice()
        self.assertEqual(notice.state, "archived")
        notice.action_reset_to_draft()
        self.assertEqual(notice.state, "draft")
        self.assertFalse(notice.date_published)
        self.assertEqual(notice.access_url, f"/my/notices/{notice.id}")

    def test_cron_archives_expired_notices(self):
        expired = self._new_notice(estates=self.estate_a, date_expiry="2031-01-31")
        last_day = self._new_notice(estates=self.estate_a, date_expiry="2031-02-01")
        lasting = self._new_notice(estates=self.estate_a)
        draft = self._new_notice(estates=self.estate_a, date_expiry="2031-01-15")
        (expired | last_day | lasting).action_publish()
        with freeze_time("2031-02-01 06:00:00"):
            self._run_cron("property_base.ir_cron_archive_expired_notices")
        self.assertEqual(expired.state, "archived")
        self.assertEqual(last_day.state, "published")
        self.assertEqual(lasting.state, "published")
        self.assertEqual(draft.state, "draft")
