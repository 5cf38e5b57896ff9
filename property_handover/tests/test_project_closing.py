from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import HandoverCase


@tagged("post_install", "-at_install")
class TestProjectClosing(HandoverCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.project.action_start()
        cls.critical_line = cls._line(cls, cls.item_drain, unit=cls.unit_12)
        cls.critical_line.write({"result": "fail", "note": "PHT leaking drain"})
        cls.minor_line = cls._line(cls, cls.item_lobby, building=cls.building_1)
        cls.minor_line.result = "fail"

    def test_open_critical_defect_blocks_closing(self):
        self.assertEqual(self.project.open_critical_defect_count, 1)
        project = self.project.with_user(self.manager)
        with self.assertRaisesText(UserError, "1 open critical defects"):
            project.action_sign_off()
        self.assertEqual(self.project.state, "in_progress")
        self.assertFalse(self.project.date_closed)
        self.assertFalse(self.project.signed_by_id)

        # An override without a reason is not enough.
        project.override_critical = True
        with self.assertRaisesText(UserError, "override with a reason"):
            project.action_sign_off()
        self.assertEqual(self.project.state, "in_progress")

        project.override_reason = "PHT drain fixed on site, paperwork follows"
        project.action_sign_off()
        self.assertEqual(self.project.state, "closed")
        self.assertEqual(self.project.signed_by_id, self.manager)
        self.assertEqual(self.project.override_user_id, self.manager)
        self.assertTrue(self.project.date_closed)

    def test_only_managers_override_and_sign(self):
        project = self.project.with_user(self.inspector)
        with self.assertRaisesText(UserError, "Only a property manager"):
            project.write({"override_critical": True, "override_reason": "PHT me"})
        self.assertFalse(self.project.override_critical)
        with self.assertRaisesText(UserError, "Only a property manager"):
            project.action_sign_off()
        self.assertEqual(self.project.state, "in_progress")

    def test_closing_without_critical_defects(self):
        defect = self.critical_line.defect_ids
        defect.action_request_reinspection()
        defect.action_accept()
        self.assertEqual(self.project.open_critical_defect_count, 0)
        self.assertEqual(self.project.open_defect_count, 1, "the minor defect stays open")
        self.project.with_user(self.manager).action_sign_off()
        self.assertEqual(self.project.state, "closed")
        self.assertFalse(self.project.override_critical)
        with self.assertRaisesText(UserError, "Only a takeover in progress"):
            self.project.with_user(self.manager).action_sign_off()
