from odoo import api, fields, models


class PropertyOwnerMeetingAction(models.Model):
    """A follow-up action agreed at an owners' forum: what, who, by when; a
    to-do activity of the responsible on the forum once it is held."""

    _name = "property.owner.meeting.action"
    _description = "Owners' Forum Follow-up"
    _inherit = ["property.input.mixin"]
    _order = "meeting_id, date_deadline, id"

    meeting_id = fields.Many2one(
        comodel_name="property.owner.meeting", required=True, index=True, ondelete="cascade"
    )
    estate_id = fields.Many2one(related="meeting_id.estate_id", store=True, index=True)
    company_id = fields.Many2one(related="meeting_id.company_id", store=True, index=True)
    name = fields.Char(string="Action", required=True, size=300)
    user_id = fields.Many2one(
        comodel_name="res.users",
        string="Responsible",
        required=True,
        domain="[('share', '=', False)]",
    )
    date_deadline = fields.Date(string="Deadline", required=True)
    activity_id = fields.Many2one(comodel_name="mail.activity", readonly=True, copy=False)
    done = fields.Boolean(compute="_compute_done")

    @api.depends("activity_id.active", "meeting_id.state")
    def _compute_done(self):
        for action in self:
            # an activity marked done is archived (or deleted)
            action.done = action.meeting_id.state == "done" and not (
                action.activity_id and action.activity_id.active
            )

    def _schedule_activities(self):
        for action in self.filtered(lambda a: not a.activity_id):
            action.activity_id = action.meeting_id.activity_schedule(
                "mail.mail_activity_data_todo",
                date_deadline=action.date_deadline,
                summary=action.name,
                user_id=action.user_id.id,
            )

    @api.model_create_multi
    def create(self, vals_list):
        actions = super().create(vals_list)
        # An action added after the forum is scheduled at once.
        actions.filtered(lambda a: a.meeting_id.state == "done")._schedule_activities()
        return actions
