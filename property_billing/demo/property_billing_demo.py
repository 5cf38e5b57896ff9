from dateutil.relativedelta import relativedelta

from odoo import Command, api, fields, models


class PropertyBillingRun(models.Model):
    """Demo data only: called from ``demo/property_billing_demo.xml``."""

    _inherit = "property.billing.run"

    @api.model
    def _demo_billing(self, building_ids, fee_ids):
        """Demo data: water meters with readings for the units of
        ``building_ids``, then the last three months billed and partly paid."""
        env = self.env(context=dict(self.env.context, tracking_disable=True))
        buildings = env["property.building"].browse(building_ids)
        fees = env["property.fee.item"].browse(fee_ids)
        company = buildings.estate_id.company_id[:1]
        units = env["property.unit"].search([("building_id", "in", buildings.ids)])
        today = fields.Date.context_today(self)
        first = today.replace(day=1) - relativedelta(months=3)
        meters = env["property.meter"].create(
            [
                {"name": f"W-{unit.full_code}", "unit_id": unit.id, "meter_type": "water"}
                for unit in units
            ]
        )
        readings = []
        for index, meter in enumerate(meters):
            value = 100.0 + 7 * index
            for month in range(4):
                day = first + relativedelta(months=month, days=-1)
                readings.append({"meter_id": meter.id, "date": day, "value": value})
                value += 12 + (index * 5 + month * 3) % 25
        env["property.meter.reading"].create(readings)
        Period = env["property.billing.period"]
        bills = env["account.move"]
        for month in range(3):
            period = Period._get_month_period(company, first + relativedelta(months=month))
            run = self.with_env(env).create(
                {
                    "period_id": period.id,
                    "company_id": company.id,
                    "estate_ids": [Command.set(buildings.estate_id.ids)],
                    "building_ids": [Command.set(buildings.ids)],
                    "fee_ids": [Command.set(fees.ids)],
                    "post_invoices": True,
                    # The history of the demo: as if billed on each period's day.
                    "date_bill": period.invoice_date,
                }
            )
            run._execute()
            bills |= run.invoice_ids
        # Oldest month mostly paid, the next half paid, the last one unpaid: arrears.
        oldest = bills.filtered(lambda b: b.property_period_id.date_start == first)
        middle = bills.filtered(
            lambda b: b.property_period_id.date_start == first + relativedelta(months=1)
        )
        to_pay = oldest.sorted("id")[: int(len(oldest) * 0.85)] | middle.sorted("id")[::2]
        methods = ["wechat", "cash", "alipay", "card", "transfer"]
        for index, bill in enumerate(to_pay):
            payment = (
                env["account.payment.register"]
                .with_context(active_model="account.move", active_ids=bill.ids)
                .create({"payment_date": bill.invoice_date_due})
                ._create_payments()
            )
            # As taken at the estate's counter.
            payment.property_counter_method = methods[index % len(methods)]
        return bills
