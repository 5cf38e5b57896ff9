from dateutil.relativedelta import relativedelta

from odoo import Command, fields
from odoo.tests import HttpCase, tagged

from .common import BillingCase


@tagged("post_install", "-at_install")
class TestTourDashboardFees(BillingCase, HttpCase):
    """The manager of PBB Garden and PBB Plaza, in Chinese, reads the
    collection rate (收缴率) of the month on the dashboard, narrows it to PBB
    Garden and opens the bills behind it (tablet width).

    The current month (the browser's: data dated from its first day, which
    is never after today), bills of its billing period:
        PBB Garden  1-1-101 Li    100  paid 100
                    1-1-102 Wang  200  paid 50
                    P-001   Zhao  300  unpaid
        PBB Plaza   1-1-301 Zhao   64  paid 64
    and last month's bill of 1-1-101 (100, unpaid), not of the month.

    Both estates: (100 + 50 + 64) ÷ (600 + 64) = 214 ÷ 664 = 32.2 %;
    PBB Garden: 150 ÷ 600 = 25.0 %, its list: the 3 bills of the month."""

    browser_size = "1024x768"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("zh_CN")
        # Odoo runs the browser in UTC: its today is the server's.
        first = fields.Date.start_of(fields.Date.today(), "month")
        Period = cls.env["property.billing.period"]
        this_month = Period.create(
            {
                "name": "PBB tour this month",
                "date_start": first,
                "date_end": fields.Date.end_of(first, "month"),
            }
        )
        last_month = Period.create(
            {
                "name": "PBB tour last month",
                "date_start": first - relativedelta(months=1),
                "date_end": first - relativedelta(days=1),
            }
        )
        cls.bills = cls._bill(cls.unit_1, cls.li, this_month, 100.0)
        cls.bills |= cls._bill(cls.unit_2, cls.wang, this_month, 200.0)
        cls.bills |= cls._bill(cls.parking, cls.zhao, this_month, 300.0)
        cls.plaza_bill = cls._bill(cls.unit_3, cls.zhao, this_month, 64.0)
        cls.last_month_bill = cls._bill(cls.unit_1, cls.li, last_month, 100.0)
        cls._pay(cls.bills[0], 100.0, first)
        cls._pay(cls.bills[1], 50.0, first)
        cls._pay(cls.plaza_bill, 64.0, first)
        cls._create_user(
            "pbb_dashboard_tour",
            "property_base.group_property_manager",
            estates=cls.estate | cls.estate_2,
            lang="zh_CN",
            tz="UTC",
            action_id=cls.env.ref("property_base.action_property_home").id,
        )

    @classmethod
    def _bill(cls, unit, partner, period, amount):
        """A posted bill of ``period``, dated on its first day."""
        bill = cls.env["account.move"].create(
            {
                "move_type": "out_invoice",
                "partner_id": partner.id,
                "invoice_date": period.date_start,
                "invoice_date_due": period.date_start + relativedelta(days=15),
                "property_unit_id": unit.id,
                "property_period_id": period.id,
                "invoice_line_ids": [
                    Command.create(
                        {
                            "product_id": cls.product.id,
                            "quantity": 1.0,
                            "price_unit": amount,
                            "account_id": cls.income_account.id,
                            "tax_ids": [Command.clear()],
                        }
                    )
                ],
            }
        )
        bill.action_post()
        return bill

    @classmethod
    def _pay(cls, bill, amount, date):
        cls.env["account.payment.register"].with_context(
            active_model="account.move", active_ids=bill.ids
        ).create({"amount": amount, "payment_date": date})._create_payments()

    def test_collection_rate(self):
        self.assertEqual(self.bills.mapped("payment_state"), ["paid", "partial", "not_paid"])
        self.start_tour(
            "/odoo",
            "property_billing_dashboard_fees_tour",
            login="pbb_dashboard_tour",
        )
