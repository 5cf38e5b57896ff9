from odoo import api, fields, models


class PropertyUnit(models.Model):
    _inherit = "property.unit"

    exemption_ids = fields.One2many(
        comodel_name="property.fee.exemption", inverse_name="unit_id", string="Exemptions"
    )
    bill_ids = fields.One2many(
        comodel_name="account.move", inverse_name="property_unit_id", string="Bills"
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    bill_count = fields.Integer(compute="_compute_bill_stats")
    amount_due = fields.Monetary(
        string="Balance Due", compute="_compute_bill_stats", currency_field="currency_id"
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

    def action_view_bills(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "account.action_move_out_invoice_type"
        )
        action["domain"] = [("property_unit_id", "=", self.id)]
        action["context"] = {"default_move_type": "out_invoice", "create": False}
        return action
