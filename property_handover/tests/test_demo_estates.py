from odoo.exceptions import AccessError
from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestDemoEstates(TransactionCase):
    """On the demo: the takeover of 锦绣花园 is its manager's, whom the manager
    of 金融中心 can neither read nor sign off."""

    def setUp(self):
        super().setUp()
        self.manager = self.env.ref("property_base.demo_user_manager", raise_if_not_found=False)
        if not self.manager:
            self.skipTest("no demo data")
        self.manager_jr = self.env.ref("property_base.demo_user_manager_jr")
        self.desk = self.env.ref("property_base.demo_user_desk")
        self.project = self.env.ref("property_handover.demo_takeover_jx")

    def test_takeover_of_jx(self):
        Project = self.env["property.handover.project"]
        self.assertIn(self.project, Project.with_user(self.manager).search([]))
        self.assertIn(self.project, Project.with_user(self.desk).search([]))
        self.assertNotIn(self.project, Project.with_user(self.manager_jr).search([]))
        for model in ("property.handover.line", "property.handover.defect"):
            self.assertFalse(
                self.env[model]
                .with_user(self.manager_jr)
                .search_count([("project_id", "=", self.project.id)]),
                model,
            )
        with self.assertRaises(AccessError):
            self.project.with_user(self.manager_jr).action_sign_off()
        self.assertEqual(self.project.state, "in_progress")
