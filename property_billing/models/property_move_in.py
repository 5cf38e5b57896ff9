from odoo import fields, models


class PropertyMoveIn(models.Model):
    _inherit = "property.move.in"

    meter_reading_ids = fields.One2many(
        comodel_name="property.meter.reading",
        inverse_name="move_in_id",
        string="First Meter Readings",
    )
    first_bill_id = fields.Many2one(
        comodel_name="account.move", string="First Bill", readonly=True, copy=False
    )

    def _on_move_in_done(self):
        """Date the first readings on the move-in day and bill the unit for
        the rest of the month (prorated), when the company wants it."""
        result = super()._on_move_in_done()
        self.meter_reading_ids.filtered(lambda r: r.date != self.date).write({"date": self.date})
        company = self.company_id
        if company.property_bill_at_move_in:
            self.first_bill_id = self._create_first_bill()[:1]
        return result

    def _create_first_bill(self):
        """Bill the unit for the month of the move-in. The desk clerk who
        completes the move-in needs no billing rights: the bill is made by
        the system, as the monthly run would make it."""
        self.ensure_one()
        unit = self.unit_id.sudo()
        fees = (
            self.env["property.fee.item"]
            .sudo()
            .search([("company_id", "=", self.company_id.id)])
            .filtered(lambda fee: fee._applies_to(unit))
        )
        if not fees:
            return self.env["account.move"]
        period = (
            self.env["property.billing.period"].sudo()._get_month_period(self.company_id, self.date)
        )
        if period.state != "open":
            return self.env["account.move"]
        run = (
            self.env["property.billing.run"]
            .sudo()
            .with_company(self.company_id)
            .create(
                {
                    "period_id": period.id,
                    "company_id": self.company_id.id,
                    "estate_ids": [fields.Command.set(unit.estate_id.ids)],
                    "unit_ids": [fields.Command.set(unit.ids)],
                    "post_invoices": self.company_id.property_billing_post,
                }
            )
        )
        run._check_can_run()
        run.unit_total = 1
        moves = run._bill_chunk_units(unit, fees, run._get_journal())
        run.state = "done"
        return moves.with_env(self.env)
