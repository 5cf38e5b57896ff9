from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import HandoverCase


@tagged("post_install", "-at_install")
class TestUnitDelivery(HandoverCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.owner = cls.env["res.partner"].create({"name": "PHT Owner Wu"})
        cls.env["property.ownership"].create(
            {"unit_id": cls.unit_21.id, "partner_id": cls.owner.id, "date_start": "2025-01-01"}
        )
        cls.delivery = cls.env["property.handover.delivery"].create(
            {
                "unit_id": cls.unit_21.id,
                "partner_id": cls.owner.id,
                "checklist_id": cls.checklist.id,
                "user_id": cls.inspector.id,
            }
        )

    def test_delivery_end_to_end(self):
        delivery = self.delivery.with_user(self.inspector)
        self.assertEqual(delivery.responsible_partner_id, self.developer, "from the takeover")
        self.assertEqual(self.unit_21.handover_delivery_count, 1)
        delivery.action_start_inspection()
        self.assertEqual(delivery.state, "inspection")
        self.assertEqual(delivery.line_ids.item_id, self.unit_items, "unit-interior items only")
        self.assertEqual(delivery.todo_count, 3)

        with self.assertRaisesText(UserError, "3 checks of delivery"):
            delivery.action_sign()

        drain = delivery.line_ids.filtered(lambda line: line.item_id == self.item_drain)
        drain.write({"result": "fail", "note": "PHT bathroom drain slow"})
        defect = drain.defect_ids
        self.assertEqual(len(defect), 1)
        self.assertEqual(defect.delivery_id, self.delivery)
        self.assertEqual(defect.unit_id, self.unit_21)
        self.assertEqual(defect.responsible_partner_id, self.developer)
        self.assertEqual(defect.user_id, self.inspector)
        self.assertIn("PHT bathroom drain slow", defect.description)
        (delivery.line_ids - drain).write({"result": "pass"})

        delivery.write(
            {
                "key_count": 3,
                "key_note": "PHT 2 keys, 1 card",
                "water_reading": 11.5,
                "electricity_reading": 80.25,
            }
        )
        delivery.action_sign(signed_by="PHT Owner Wu")
        self.assertEqual(delivery.state, "signed")
        self.assertEqual(delivery.signed_by, "PHT Owner Wu")
        self.assertTrue(delivery.date_signed)
        self.assertEqual(self.unit_21.state, "delivered")
        self.assertEqual(delivery.open_defect_count, 1)

        # The defect goes on after the signature; closing it passes the check again.
        defect.action_start_rectification()
        defect.action_request_reinspection()
        defect.action_accept()
        self.assertEqual(drain.result, "pass")
        self.assertEqual(delivery.open_defect_count, 0)

    def test_signed_twice_refused(self):
        self.delivery.action_start_inspection()
        self.delivery.line_ids.result = "pass"
        self.delivery.action_sign()
        signed_on = self.delivery.date_signed
        with self.assertRaisesText(UserError, "already signed"):
            self.delivery.action_sign(signed_by="PHT Someone Else")
        self.assertEqual(self.delivery.signed_by, "PHT Owner Wu")
        self.assertEqual(self.delivery.date_signed, signed_on)
        with self.assertRaisesText(UserError, "not under owner inspection"):
            self.delivery.line_ids[0].result = "fail"
        self.assertFalse(self.delivery.defect_ids)
        with self.assertRaisesText(UserError, "cannot be cancelled"):
            self.delivery.action_cancel()

    def test_second_delivery_of_a_delivered_unit_refused(self):
        self.delivery.action_start_inspection()
        self.delivery.line_ids.result = "pass"
        self.delivery.action_sign()
        other = self.env["property.handover.delivery"].create(
            {
                "unit_id": self.unit_21.id,
                "partner_id": self.owner.id,
                "checklist_id": self.checklist.id,
            }
        )
        other.action_start_inspection()
        other.line_ids.result = "na"
        with self.assertRaisesText(UserError, "already been delivered"):
            other.action_sign()
        self.assertEqual(other.state, "inspection")

    def test_sign_draft_refused(self):
        with self.assertRaisesText(UserError, "not under owner inspection"):
            self.delivery.action_sign()
        self.assertEqual(self.unit_21.state, "vacant")

    def test_negative_readings_refused(self):
        from psycopg2 import IntegrityError

        from odoo.tools import mute_logger

        with self.assertRaises(IntegrityError), mute_logger("odoo.sql_db"):
            with self.env.cr.savepoint():
                self.delivery.water_reading = -1
                self.env.flush_all()
