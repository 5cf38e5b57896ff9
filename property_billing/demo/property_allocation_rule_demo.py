from dateutil.relativedelta import relativedelta

from odoo import Command, api, fields, models


class PropertyAllocationRule(models.Model):
    """Demo data only: called from ``demo/property_billing_demo.xml``."""

    _inherit = "property.allocation.rule"

    @api.model
    def _demo_shared_costs(self, building_id, product_id):
        """Demo data: the common electricity of a building (lifts, corridor
        and stair lights) read monthly and shared by gross area, the last two
        months' allocations confirmed and published, and the fee item that
        bills them. Returns the rule."""
        env = self.env(context=dict(self.env.context, tracking_disable=True))
        building = env["property.building"].browse(building_id)
        today = fields.Date.context_today(self)
        first = today.replace(day=1) - relativedelta(months=3)
        meter = env["property.meter"].create(
            {
                "name": f"{building.name}电梯及公共照明电表",
                "meter_type": "electricity",
                "estate_id": building.estate_id.id,
                "building_id": building.id,
                "digit_count": 7,
            }
        )
        value = 152360.0
        readings = []
        for month, used in enumerate((0.0, 3412.6, 3288.4, 3561.2)):
            value += used
            readings.append(
                {
                    "meter_id": meter.id,
                    "date": first + relativedelta(months=month, days=-1),
                    "value": value,
                }
            )
        env["property.meter.reading"].create(readings)
        rule = self.with_env(env).create(
            {
                "name": "公摊电费",
                "estate_id": building.estate_id.id,
                "building_ids": [Command.set(building.ids)],
                "source": "meters",
                "meter_type": "electricity",
                "meter_ids": [Command.set(meter.ids)],
                "price_unit": 0.617,
                "key": "gross_area",
                "unit_type_ids": [Command.set(env.ref("property_billing.unit_type_apartment").ids)],
                "note": "<p>依据业主大会决议，楼栋电梯及公共照明用电按建筑面积分摊。</p>",
            }
        )
        Period = env["property.billing.period"]
        for month in (1, 2):
            period = Period._get_month_period(
                building.estate_id.company_id, first + relativedelta(months=month)
            )
            allocation = env["property.allocation"].create(
                {"rule_id": rule.id, "period_id": period.id}
            )
            allocation.action_confirm()
        env["property.fee.item"].create(
            {
                "name": "公摊电费",
                "code": "GTDF",
                "sequence": 6,
                "method": "shared",
                "allocation_rule_id": rule.id,
                "product_id": product_id,
                "tax_ids": [Command.clear()],
                "estate_ids": [Command.set(building.estate_id.ids)],
                "building_ids": [Command.set(building.ids)],
            }
        )
        return rule.id
