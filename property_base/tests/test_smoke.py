from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestSmoke(TransactionCase):
    def test_estate(self):
        estate = self.env["property.estate"].create({"name": "E"})
        self.assertEqual(estate.unit_count, 0)
