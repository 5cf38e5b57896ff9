from dateutil.relativedelta import relativedelta

from odoo import Command, api, fields, models


class PropertyEnergyTarget(models.Model):
    """Demo data only: called from ``demo/property_energy_demo.xml``."""

    _inherit = "property.energy.target"

    @api.model
    def _demo_energy(self, estate_id, building_id):
        """Demo data: the energy targets of an estate for this year and the
        last, the monthly target of the lift and lighting meter of one of its
        buildings, and the power company's bills of the last three months
        shared by gross area, which make the energy cost."""
        env = self.env(context=dict(self.env.context, tracking_disable=True))
        estate = env["property.estate"].browse(estate_id)
        company = estate.company_id
        today = fields.Date.context_today(self)
        targets = []
        for year in (today.year - 1, today.year):
            targets += [
                {
                    "estate_id": estate.id,
                    "year": year,
                    "meter_type": "electricity",
                    "target_intensity": 0.18,
                    "budget_amount": 6000.0,
                    "note": "按上年公区用电量下降5%核定，夏季空调月份从严控制。",
                },
                {
                    "estate_id": estate.id,
                    "year": year,
                    "meter_type": "water",
                    "target_intensity": 0.03,
                    "budget_amount": 4500.0,
                },
            ]
        lift_meter = env["property.meter"].search(
            [
                ("building_id", "=", building_id),
                ("is_common", "=", True),
                ("meter_type", "=", "electricity"),
            ],
            limit=1,
        )
        if lift_meter:
            targets.append(
                {
                    "estate_id": estate.id,
                    "year": today.year,
                    "meter_type": "electricity",
                    "meter_id": lift_meter.id,
                    "target_quantity": 3400.0,
                    "note": "电梯更换永磁同步主机后的月用电目标。",
                }
            )
        self.with_env(env).create(targets)

        supplier = env["res.partner"].create(
            {"name": "国网供电公司", "is_company": True, "company_id": company.id}
        )
        rule = env["property.allocation.rule"].create(
            {
                "name": "公区电费（供电公司账单）",
                "estate_id": estate.id,
                "source": "bill",
                "meter_type": "electricity",
                "key": "gross_area",
                "note": "<p>供电公司开具的小区公共区域电费账单，按建筑面积分摊公示。</p>",
            }
        )
        Period = env["property.billing.period"]
        Reading = env["property.meter.reading"]
        for months in (3, 2, 1):
            start = today.replace(day=1) - relativedelta(months=months)
            end = start + relativedelta(months=1, days=-1)
            groups = Reading._read_group(
                [
                    ("estate_id", "=", estate.id),
                    ("is_common", "=", True),
                    ("meter_type", "=", "electricity"),
                    ("date", ">=", start),
                    ("date", "<=", end),
                ],
                [],
                ["consumption:sum"],
            )
            consumption = groups[0][0] or 0.0
            if not consumption:
                continue
            bill = env["account.move"].create(
                {
                    "move_type": "in_invoice",
                    "company_id": company.id,
                    "partner_id": supplier.id,
                    "invoice_date": end,
                    "ref": f"电费-{start:%Y%m}",
                    "invoice_line_ids": [
                        Command.create(
                            {
                                "name": f"{start:%Y年%m月}公区用电 {consumption:,.0f} kWh",
                                "quantity": consumption,
                                "price_unit": 0.65,
                                "tax_ids": [Command.clear()],
                            }
                        )
                    ],
                }
            )
            bill.action_post()
            allocation = env["property.allocation"].create(
                {
                    "rule_id": rule.id,
                    "period_id": Period._get_month_period(company, start).id,
                    "bill_id": bill.id,
                }
            )
            allocation.action_confirm()
        return True
