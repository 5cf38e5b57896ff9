from odoo import fields, models


class PropertyLateFeeWaive(models.TransientModel):
    _name = "property.late.fee.waive"
    _description = "Waive Late Fees"

    late_fee_ids = fields.Many2many(
        comodel_name="property.late.fee",
        string="Late Fees",
        default=lambda self: self.env.context.get("active_ids", []),
    )
    # Required in the form; checked by _waive with a clear message over RPC.
    reason = fields.Char()

    def action_waive(self):
        self.late_fee_ids._waive(self.reason)
        return {"type": "ir.actions.act_window_close"}
