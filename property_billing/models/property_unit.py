from odoo import api, fields, models


class PropertyUnit(models.Model):
    _inherit = "property.unit"

    exemption_ids = fields.One2many(
        comodel_name="property.fee.exemption", inverse_name="unit_id", string="Exemptions"
    )
    bill_ids = fields.One2many(
        comodel_name="account.move", inverse_name="property_unit_id", string="Bills"
    )
    posted_bill_ids = fields.One2many(
        comodel_name="account.move",
        inverse_name="property_unit_id",
        string="Posted Bills",
        domain=[("move_type", "=", "out_invoice"), ("state", "=", "posted")],
    )
    payment_ids = fields.One2many(
        comodel_name="account.payment", inverse_name="property_unit_id", string="Payments"
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    bill_count = fields.Integer(compute="_compute_bill_stats")
    amount_due = fields.Monetary(
        string="Balance Due", compute="_compute_bill_stats", currency_field="currency_id"
    )
    payment_count = fields.Integer(compute="_compute_payment_count")
    allocation_weight = fields.Float(
        string="Allocation Share",
        digits=(16, 4),
        default=1.0,
        help="The unit's weight in shared-cost rules shared by share (分摊系数).",
    )

    @api.depends("bill_ids.amount_residual", "bill_ids.state")
    def _compute_bill_stats(self):
        stats = {
            unit.id: (count, residual)
            for unit, count, residual in self.env["account.move"]._read_group(
                [
                    ("property_unit_id", "in", self.ids),
                    ("state", "=", "posted"),
                    ("move_type", "=", "out_invoice"),
                ],
                ["property_unit_id"],
                ["__count", "amount_residual:sum"],
            )
        }
        for unit in self:
            unit.bill_count, unit.amount_due = stats.get(unit.id, (0, 0.0))

    @api.depends("payment_ids")
    def _compute_payment_count(self):
        counts = dict(
            self.env["account.payment"]._read_group(
                [("property_unit_id", "in", self.ids), ("state", "!=", "draft")],
                ["property_unit_id"],
                ["__count"],
            )
        )
        for unit in self:
            unit.payment_count = counts.get(unit, 0)

    def action_view_bills(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "property_billing.property_bill_action"
        )
        action["domain"] = [("property_unit_id", "=", self.id), ("move_type", "=", "out_invoice")]
        action["context"] = {"create": False, "default_move_type": "out_invoice"}
        return action

    def action_view_payments(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "property_billing.property_payment_action"
        )
        action["domain"] = [("property_unit_id", "=", self.id)]
        action["context"] = {"create": False}
        return action

    def action_open_counter_payment(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Counter Payment"),
            "res_model": "property.counter.payment",
            "view_mode": "form",
            "target": "new",
            "context": {"default_unit_id": self.id},
        }

    def action_open_statement(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Statement of Account"),
            "res_model": "property.unit.statement",
            "view_mode": "form",
            "target": "new",
            "context": {"default_unit_id": self.id},
        }

    def action_send_reminder(self):
        bills = self.env["account.move"].search(
            [
                ("property_unit_id", "in", self.ids),
                ("move_type", "=", "out_invoice"),
                ("state", "=", "posted"),
                ("payment_state", "in", ("not_paid", "partial")),
                ("invoice_date_due", "<", fields.Date.context_today(self)),
            ]
        )
        return bills.action_property_send_reminder()
