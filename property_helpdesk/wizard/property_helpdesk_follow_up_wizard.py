from odoo import fields, models


class PropertyHelpdeskFollowUpWizard(models.TransientModel):
    _name = "property.helpdesk.follow.up.wizard"
    _description = "Record a Follow-up Visit"

    ticket_id = fields.Many2one(comodel_name="helpdesk.ticket", required=True)
    result = fields.Selection(
        selection=[("satisfied", "Satisfied"), ("unsatisfied", "Not satisfied")],
        required=True,
    )
    note = fields.Text()

    def action_record(self):
        self.ensure_one()
        self.ticket_id._record_follow_up(self.result, self.note)
        return {"type": "ir.actions.act_window_close"}
