from odoo.exceptions import AccessError
from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestDemoEstates(TransactionCase):
    """On the demo: the manager of 锦绣花园 works on its equipment and patrols,
    the manager of 金融中心 sees none of them."""

    def setUp(self):
        super().setUp()
        self.manager = self.env.ref("property_base.demo_user_manager", raise_if_not_found=False)
        if not self.manager:
            self.skipTest("no demo data")
        self.manager_jr = self.env.ref("property_base.demo_user_manager_jr")
        self.estate_jx = self.env.ref("property_base.demo_estate_jx")
        self.estate_jr = self.env.ref("property_base.demo_estate_jr")
        self.round = self.env.ref("property_maintenance.demo_round_jx_plant_today")

    def test_managers_see_their_estate(self):
        for model in (
            "maintenance.equipment",
            "property.patrol.route",
            "property.patrol.round",
            "property.maintenance.plan",
        ):
            jx = self.env[model].with_user(self.manager)
            self.assertTrue(jx.search_count([("estate_id", "=", self.estate_jx.id)]), model)
            self.assertFalse(jx.search_count([("estate_id", "!=", self.estate_jx.id)]), model)
            jr = self.env[model].with_user(self.manager_jr)
            self.assertFalse(jr.search_count([("estate_id", "=", self.estate_jx.id)]), model)
        with self.assertRaises(AccessError):
            self.round.with_user(self.manager_jr).read(["name"])

    def test_round_of_the_engineer(self):
        self.assertEqual(self.round.estate_id, self.estate_jx)
        self.assertEqual(self.round.state, "open")
        self.assertTrue(self.round.result_ids)
