from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

MEETING_STATES = [
    ("planned", "Planned"),
    ("done", "Held"),
    ("cancelled", "Cancelled"),
]


class PropertyOwnerMeeting(models.Model):
    """An owners' forum (业主座谈会) of an estate: who is invited, who came,
    the minutes, and the follow-up actions, each an activity of its
    responsible once the meeting is held."""

    _name = "property.owner.meeting"
    _description = "Owners' Forum"
    _inherit = [
        "property.estate.mixin",
        "mail.thread",
        "mail.activity.mixin",
        "property.input.mixin",
    ]
    _order = "date desc, id desc"

    name = fields.Char(string="Subject", required=True, size=200, tracking=True)
    date = fields.Datetime(required=True, tracking=True)
    location = fields.Char(size=200)
    state = fields.Selection(
        selection=MEETING_STATES,
        string="Status",
        required=True,
        default="planned",
        tracking=True,
        copy=False,
    )
    user_id = fields.Many2one(
        comodel_name="res.users",
        string="Host",
        default=lambda self: self.env.user,
        domain="[('share', '=', False)]",
        tracking=True,
    )
    invitee_ids = fields.Many2many(
        comodel_name="res.partner",
        relation="property_owner_meeting_invitee_rel",
        string="Invitees",
    )
    attendee_ids = fields.Many2many(
        comodel_name="res.partner",
        relation="property_owner_meeting_attendee_rel",
        string="Attendees",
        help="The invitees who came.",
    )
    minutes = fields.Html()
    action_ids = fields.One2many(
        comodel_name="property.owner.meeting.action",
        inverse_name="meeting_id",
        string="Follow-up Actions",
        copy=False,
    )

    @api.constrains("invitee_ids", "attendee_ids")
    def _check_attendees_invited(self):
        for meeting in self:
            if meeting.attendee_ids - meeting.invitee_ids:
                raise ValidationError(
                    self.env._(
                        "Only invitees can attend: %s was not invited.",
                        ", ".join((meeting.attendee_ids - meeting.invitee_ids).mapped("name")),
                    )
                )

    def action_invite_owners(self):
        """Invite the owners of the estate today (added to the invitees)."""
        today = fields.Date.context_today(self)
        for meeting in self:
            ownerships = self.env["property.ownership"].search(
                [("estate_id", "=", meeting.estate_id.id)]
                + list(self.env["property.ownership"]._domain_at(today))
            )
            meeting.invitee_ids |= ownerships.partner_id
        return True

    def action_send_invitations(self):
        """Post the invitation to the invitees (by mail to those with an address)."""
        for meeting in self:
            if meeting.state != "planned":
                raise UserError(self.env._("Only a planned forum sends invitations."))
            if not meeting.invitee_ids:
                raise UserError(self.env._("Add the invitees of “%s” first.", meeting.name))
            local = fields.Datetime.context_timestamp(meeting, meeting.date)
            meeting.message_post(
                body=self.env._(
                    "You are invited to the owners' forum “%(name)s” on %(date)s at %(place)s.",
                    name=meeting.name,
                    date=local.strftime("%Y-%m-%d %H:%M"),
                    place=meeting.location or meeting.estate_id.name,
                ),
                partner_ids=meeting.invitee_ids.ids,
                message_type="comment",
                subtype_xmlid="mail.mt_comment",
            )
        return True

    def action_done(self):
        """The forum was held: its minutes are kept and every follow-up
        action becomes an activity of its responsible."""
        for meeting in self:
            if meeting.state != "planned":
                raise UserError(self.env._("Only a planned forum can be marked held."))
            if not meeting.minutes:
                raise UserError(self.env._("Write the minutes of “%s” first.", meeting.name))
        self.write({"state": "done"})
        self.action_ids._schedule_activities()
        return True

    def action_cancel(self):
        self.filtered(lambda meeting: meeting.state == "planned").write({"state": "cancelled"})
        return True
