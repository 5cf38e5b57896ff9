from odoo import fields, models


class PropertyHelpdeskReasonWizard(models.TransientModel):
    _name = "property.helpdesk.reason.wizard"
    _description = "Reopen a Ticket or Fail its Quality Check"

    ticket_ids = fields.Many2many(comodel_name="helpdesk.ticket", required=True)
    action = fields.Selection(
        selection=[("reopen", "Reopen"), ("quality_fail", "Fail the quality check")],
        required=True,
        default="reopen",
    )
    reason = fields.Text(required=True)

    def action_confirm(self):
        self.ensure_one()
        if self.action == "reopen":
            self.ticket_ids._reopen(self.reason)
        else:
            self.ticket_ids._quality_fail(self.reason)
        return {"type": "ir.actions.act_window_close"}
