from odoo import Command
from odoo.tests import HttpCase, new_test_user, tagged

from .common import create_company_in_china


@tagged("post_install", "-at_install")
class TestTourFeeRate(HttpCase):
    """A company set up for a production start fills in its fee rates in the
    browser: its accountant finds the fee items ready and types the rate."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company = create_company_in_china(cls.env, "PFR 嘉禾物业服务有限公司")
        cls.accountant = new_test_user(
            cls.env,
            login="fee_rate_tour",
            groups="account.group_account_manager,property_base.group_property_manager",
            lang="zh_CN",
            company_id=cls.company.id,
            company_ids=[Command.set(cls.company.ids)],
        )
        cls.fees = cls.env["property.fee.item"].search([("company_id", "=", cls.company.id)])

    def test_fill_in_the_rate(self):
        self.assertEqual(set(self.fees.mapped("rate")), {0.0})
        self.start_tour(
            "/odoo/action-property_billing.property_fee_item_action",
            "property_billing_fee_rate_tour",
            login="fee_rate_tour",
        )
        service = self.fees.filtered(lambda fee: fee.code == "WYF")
        self.assertEqual(service.rate, 2.8)
        self.assertEqual(service.write_uid, self.accountant)
        self.assertEqual(set((self.fees - service).mapped("rate")), {0.0})
