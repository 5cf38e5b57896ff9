from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError


class PropertyHelpdeskSlaStartWizard(models.TransientModel):
    _name = "property.helpdesk.sla.start.wizard"
    _description = "Move the SLA Start of a Ticket"

    ticket_id = fields.Many2one(comodel_name="helpdesk.ticket", required=True, ondelete="cascade")
    current_start = fields.Datetime(related="ticket_id.sla_start_date", string="Current SLA Start")
    sla_start_date = fields.Datetime(
        string="New SLA Start",
        required=True,
        compute="_compute_sla_start_date",
        store=True,
        readonly=False,
    )
    reason = fields.Text(
        required=True,
        help="Why the clock starts at another time: kept in the ticket's chatter.",
    )

    @api.depends("ticket_id")
    def _compute_sla_start_date(self):
        for wizard in self:
            wizard.sla_start_date = wizard.ticket_id.sla_start_date or fields.Datetime.now()

    def action_apply(self):
        self.ensure_one()
        if not self.env.user.has_group("property_base.group_property_manager"):
            raise AccessError(
                self.env._("Only an estate manager can move the SLA start of a ticket.")
            )
        # The manager's estates: a ticket of another estate is refused here.
        self.ticket_id.check_access("write")
        reason = (self.reason or "").strip()
        if not reason:
            raise UserError(self.env._("Say why the SLA start is moved."))
        self.ticket_id._sla_move_start(self.sla_start_date, reason)
        return {"type": "ir.actions.act_window_close"}
