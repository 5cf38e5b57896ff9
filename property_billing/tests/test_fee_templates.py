from datetime import date

from odoo.tests import TransactionCase, tagged

from .common import create_company_in_china


@tagged("post_install", "-at_install")
class TestFeeTemplates(TransactionCase):
    """A company given a chart of accounts finds the fee items of a property
    company ready (物业服务费 per m², 公摊水电, 垃圾处理费, 停车管理费), rates
    to fill in; a fee without a rate charges nothing until it has one."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company = create_company_in_china(cls.env, "PFT 华庭物业服务有限公司")
        cls.fees = (
            cls.env["property.fee.item"]
            .with_context(lang="zh_CN")
            .search([("company_id", "=", cls.company.id)])
        )

    def test_fee_items_ready(self):
        by_code = {fee.code: fee for fee in self.fees}
        self.assertEqual(set(by_code), {"WYF", "GTSD", "LJF", "TCF"})
        self.assertEqual(by_code["WYF"].name, "物业服务费")
        self.assertEqual(by_code["GTSD"].name, "公摊水电费")
        self.assertEqual(by_code["LJF"].name, "垃圾处理费")
        self.assertEqual(by_code["TCF"].name, "停车管理费")
        self.assertEqual(by_code["WYF"].with_context(lang="en_US").name, "Property Service Fee")
        self.assertEqual(by_code["WYF"].method, "gross_area")
        self.assertEqual(by_code["LJF"].method, "fixed")
        self.assertFalse(by_code["LJF"].charge_vacant)
        self.assertEqual(by_code["TCF"].method, "parking")
        self.assertEqual(
            by_code["WYF"].unit_type_ids.mapped("code"), ["apartment", "shop", "office"]
        )
        for fee in self.fees:
            self.assertEqual(fee.rate, 0.0, "rates are the company's to fill in")
            self.assertEqual(fee.cycle, "monthly")
            self.assertEqual(fee.account_id, self.company.income_account_id, "主营业务收入")
        # A general taxpayer's 6 % on property services, quoted price-included.
        for code in ("WYF", "TCF"):
            tax = by_code[code].tax_ids
            self.assertEqual(len(tax), 1)
            self.assertEqual(tax.amount, 6.0)
            self.assertTrue(tax.price_include)
            self.assertEqual(tax.company_id, self.company)
            self.assertEqual(tax.with_context(lang="zh_CN").name, "6% 含税")
        self.assertEqual(by_code["WYF"].tax_ids, by_code["TCF"].tax_ids, "one tax, not two")
        # Utilities and waste are collected on behalf of the utility and the city.
        self.assertFalse(by_code["GTSD"].tax_ids | by_code["LJF"].tax_ids)

    def test_created_once(self):
        self.assertFalse(self.company._property_create_fee_items())
        self.fees[0].action_archive()
        self.assertFalse(self.company._property_create_fee_items(), "an archived one counts")
        self.assertEqual(
            self.env["property.fee.item"].search_count([("company_id", "=", self.company.id)]), 3
        )

    def test_rate_to_fill_in(self):
        env = self.env(context=dict(self.env.context, allowed_company_ids=self.company.ids))
        estate = env["property.estate"].create({"name": "PFT 华庭", "code": "PFT"})
        building = env["property.building"].create(
            {"name": "1栋", "code": "1", "estate_id": estate.id}
        )
        unit = env["property.unit"].create(
            {
                "estate_id": estate.id,
                "building_id": building.id,
                "code": "101",
                "gross_area": 100.0,
            }
        )
        owner = env["res.partner"].create({"name": "PFT 李明"})
        env["property.ownership"].create(
            {"unit_id": unit.id, "partner_id": owner.id, "date_start": date(2025, 1, 1)}
        )
        period = env["property.billing.period"].create(
            {"name": "PFT 2026-03", "date_start": "2026-03-01", "date_end": "2026-03-31"}
        )
        fees = self.fees.with_env(env)
        charges, skips = period._compute_unit_charges(unit, fees)
        self.assertFalse(charges, "no rate, nothing charged")
        self.assertEqual(len(skips), 1)
        fees.filtered(lambda fee: fee.code == "WYF").rate = 2.8
        charges, _skips = period._compute_unit_charges(unit, fees)
        self.assertEqual([(c["fee"].code, c["amount"]) for c in charges], [("WYF", 280.0)])

    def test_monthly_billing_waits_for_rates(self):
        """The monthly billing leaves alone a company that has not filled in
        its rates yet, and bills it once it has."""
        Run = self.env["property.billing.run"]
        Run._cron_monthly_billing()
        self.assertFalse(Run.search_count([("company_id", "=", self.company.id)]))
        self.fees.filtered(lambda fee: fee.code == "WYF").rate = 2.8
        Run._cron_monthly_billing()
        self.assertEqual(Run.search_count([("company_id", "=", self.company.id)]), 1)
