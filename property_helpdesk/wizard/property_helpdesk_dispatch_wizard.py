from markupsafe import Markup, escape

from odoo import api, fields, models


class PropertyHelpdeskDispatchWizard(models.TransientModel):
    _name = "property.helpdesk.dispatch.wizard"
    _description = "Dispatch a Ticket"

    ticket_id = fields.Many2one(comodel_name="helpdesk.ticket", required=True)
    team_id = fields.Many2one(
        comodel_name="helpdesk.ticket.team",
        string="Service Team",
        compute="_compute_team_id",
        store=True,
        precompute=True,
        readonly=False,
        required=True,
    )
    dispatch_rule = fields.Selection(related="team_id.dispatch_rule")
    member_ids = fields.Many2many(related="team_id.user_ids")
    user_id = fields.Many2one(
        comodel_name="res.users",
        string="Technician",
        compute="_compute_user_id",
        store=True,
        precompute=True,
        readonly=False,
        required=True,
        domain="[('id', 'in', member_ids)]",
    )
    workload_html = fields.Html(
        string="Open Tickets per Member", compute="_compute_workload_html", sanitize=False
    )

    @api.depends("ticket_id")
    def _compute_team_id(self):
        for wizard in self:
            wizard.team_id = (
                wizard.ticket_id.team_id or wizard.ticket_id.category_id.property_team_id
            )

    @api.depends("team_id")
    def _compute_user_id(self):
        for wizard in self:
            proposed = wizard.team_id._select_technician() if wizard.team_id else False
            wizard.user_id = proposed or (
                wizard.ticket_id.user_id
                if wizard.ticket_id.user_id in wizard.team_id.user_ids
                else False
            )

    @api.depends("team_id")
    def _compute_workload_html(self):
        for wizard in self:
            counts = wizard.team_id._get_open_ticket_counts() if wizard.team_id else {}
            rows = Markup("").join(
                Markup("<tr><td>%s</td><td class='text-end'>%s</td></tr>")
                % (escape(user.name), counts.get(user.id, 0))
                for user in wizard.team_id.user_ids.sorted("name")
            )
            wizard.workload_html = Markup(
                "<table class='table table-sm'><thead><tr><th>%s</th>"
                "<th class='text-end'>%s</th></tr></thead><tbody>%s</tbody></table>"
            ) % (self.env._("Technician"), self.env._("Open tickets"), rows)

    def action_dispatch(self):
        self.ensure_one()
        ticket = self.ticket_id
        if ticket.team_id != self.team_id:
            ticket.team_id = self.team_id
        ticket._dispatch_to(self.user_id)
        return {"type": "ir.actions.act_window_close"}
