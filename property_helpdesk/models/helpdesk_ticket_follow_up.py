from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import UserError

from .ticket_constants import DEFAULT_FOLLOW_UP_DAYS


class HelpdeskTicket(models.Model):
    """Follow-up visits (回访) after a ticket closes: scheduled as an activity,
    their outcome recorded on the ticket."""

    _inherit = "helpdesk.ticket"

    follow_up_required = fields.Boolean(
        string="Follow-up Visit",
        compute="_compute_follow_up_required",
        store=True,
        readonly=False,
        help="A follow-up visit (回访) is scheduled when the ticket closes.",
    )
    follow_up_state = fields.Selection(
        selection=[("planned", "Planned"), ("done", "Done")],
        string="Follow-up Status",
        readonly=True,
        copy=False,
        tracking=True,
    )
    follow_up_result = fields.Selection(
        selection=[("satisfied", "Satisfied"), ("unsatisfied", "Not satisfied")],
        string="Follow-up Result",
        readonly=True,
        copy=False,
        tracking=True,
    )
    follow_up_note = fields.Text(string="Follow-up Notes", readonly=True, copy=False)
    follow_up_date = fields.Datetime(string="Follow-up Date", readonly=True, copy=False)
    follow_up_user_id = fields.Many2one(
        comodel_name="res.users", string="Visited By", readonly=True, copy=False
    )

    @api.depends("ticket_kind")
    def _compute_follow_up_required(self):
        for ticket in self:
            ticket.follow_up_required = ticket.ticket_kind == "complaint"

    @api.model
    def _get_follow_up_days(self):
        value = (
            self.env["ir.config_parameter"]
            .sudo()
            .get_param("property_helpdesk.follow_up_days", DEFAULT_FOLLOW_UP_DAYS)
        )
        return int(value)

    def _get_follow_up_user(self):
        self.ensure_one()
        return self.team_id.user_id or self.estate_id.manager_id or self.env.user

    def _schedule_follow_up(self):
        self.ensure_one()
        self.sudo().activity_schedule(
            "property_helpdesk.mail_activity_type_follow_up",
            date_deadline=fields.Date.context_today(self)
            + timedelta(days=self._get_follow_up_days()),
            summary=self.env._("Follow-up visit"),
            user_id=self._get_follow_up_user().id,
        )
        self.sudo().follow_up_state = "planned"

    def action_request_follow_up(self):
        for ticket in self:
            ticket.follow_up_required = True
            if ticket.property_state == "closed" and not ticket.follow_up_state:
                ticket._schedule_follow_up()

    def action_record_follow_up(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "property_helpdesk.property_helpdesk_follow_up_wizard_action"
        )
        action["context"] = {"default_ticket_id": self.id}
        return action

    def _record_follow_up(self, result, note=None):
        self.ensure_one()
        if result not in ("satisfied", "unsatisfied"):
            raise UserError(self.env._("Choose whether the owner was satisfied or not."))
        if self.property_state != "closed":
            raise UserError(
                self.env._("A follow-up visit can only be recorded on a closed ticket.")
            )
        self.sudo().write(
            {
                "follow_up_state": "done",
                "follow_up_result": result,
                "follow_up_note": note or False,
                "follow_up_date": fields.Datetime.now(),
                "follow_up_user_id": self.env.user.id,
            }
        )
        activities = self.activity_ids.filtered(
            lambda a: a.activity_type_id
            == self.env.ref("property_helpdesk.mail_activity_type_follow_up")
        )
        label = dict(self._fields["follow_up_result"]._description_selection(self.env))[result]
        activities.action_feedback(feedback=f"{label}. {note or ''}".strip())
        if not activities:
            self.message_post(
                body=self.env._(
                    "Follow-up visit: %(result)s. %(note)s", result=label, note=note or ""
                ),
                subtype_xmlid="mail.mt_note",
            )
