from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged

from .common import HandoverCase


@tagged("post_install", "-at_install")
class TestHandoverSecurity(HandoverCase):
    def test_multi_company(self):
        company_b = self.env["res.company"].create({"name": "PHT Company B"})
        estate_b = self.env["property.estate"].create(
            {"name": "PHT Estate of B", "company_id": company_b.id}
        )
        project_b = self.env["property.handover.project"].create(
            {
                "name": "PHT Takeover of B",
                "estate_id": estate_b.id,
                "checklist_ids": [Command.set(self.checklist.ids)],
            }
        )
        self.assertEqual(project_b.company_id, company_b)
        Project = self.env["property.handover.project"].with_user(self.inspector)
        self.assertIn(self.project, Project.search([]))
        self.assertNotIn(project_b, Project.search([]))
        with self.assertRaises(AccessError):
            project_b.with_user(self.inspector).check_access("read")

    def test_portal_has_no_write_access(self):
        self.project.action_start()
        portal = new_test_user(self.env, login="pht_portal_sec", groups="base.group_portal")
        line = self._line(self.item_wall, unit=self.unit_11)
        with self.assertRaises(AccessError):
            line.with_user(portal).write({"result": "pass"})
        with self.assertRaises(AccessError):
            self.env["property.handover.project"].with_user(portal).search([])
        self.assertEqual(line.result, "todo")

    def test_user_cannot_edit_templates(self):
        with self.assertRaises(AccessError):
            self.item_wall.with_user(self.inspector).write({"tolerance": 10})
        self.item_wall.with_user(self.manager).write({"is_critical": True})
        self.assertTrue(self.item_wall.is_critical)
