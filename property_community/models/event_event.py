from markupsafe import Markup, escape

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.fields import Domain


class EventEvent(models.Model):
    """A community activity (社区文化活动) of an estate: published on the
    owners' portal, where owners and residents sign up with the number of
    people (``property.event.signup``), up to the seats of the event and then
    on a waiting list; staff check the attendees in (Odoo's registrations),
    photos are added afterwards, and a notice tells the estate."""

    _inherit = "event.event"

    property_estate_id = fields.Many2one(
        comodel_name="property.estate",
        string="Estate",
        index=True,
        ondelete="restrict",
        help="The estate whose owners and residents the activity is for.",
    )
    property_published = fields.Boolean(
        string="On the Owners' Portal",
        copy=False,
        help="Owners and residents of the estate see the activity on the portal and sign up.",
    )
    property_waiting_list = fields.Boolean(
        string="Waiting List",
        default=True,
        help="When the seats are taken, further sign-ups wait for a seat to free up.",
    )
    property_max_party = fields.Integer(
        string="People per Sign-up",
        default=4,
        help="The most people one household signs up at once.",
    )
    property_signup_ids = fields.One2many(
        comodel_name="property.event.signup", inverse_name="event_id", string="Sign-ups"
    )
    property_photo_ids = fields.Many2many(
        comodel_name="ir.attachment",
        relation="event_event_property_photo_rel",
        string="Photos",
        help="Photos of the activity, shown on the portal once it is over.",
    )
    property_notice_id = fields.Many2one(
        comodel_name="property.notice", string="Notice", readonly=True, copy=False
    )
    # The place's name, readable by the owners who may not read the partner.
    property_place = fields.Char(string="Place", related="address_id.name")
    property_waiting_count = fields.Integer(
        string="People Waiting", compute="_compute_property_waiting_count"
    )

    def _compute_property_waiting_count(self):
        groups = dict(
            self.env["property.event.signup"]._read_group(
                [("event_id", "in", self.ids), ("state", "=", "waiting")],
                ["event_id"],
                ["party_size:sum"],
            )
        )
        for event in self:
            event.property_waiting_count = groups.get(event, 0)

    def _property_free_seats(self):
        """Seats free for a new sign-up, or None without a limit."""
        self.ensure_one()
        if not (self.seats_limited and self.seats_max):
            return None
        return max(self.seats_available, 0)

    def _property_is_open_for_signup(self):
        self.ensure_one()
        return (
            self.property_published
            and self.property_estate_id
            and self.date_end > fields.Datetime.now()
            and self.event_registrations_started
        )

    def _property_promote_waiting(self):
        """Seats freed: the waiting sign-ups that fit, in their order."""
        for event in self:
            for signup in event.property_signup_ids.filtered(lambda s: s.state == "waiting"):
                event.invalidate_recordset(["seats_available", "seats_reserved", "seats_taken"])
                free = event._property_free_seats()
                if free is not None and free < signup.party_size:
                    break
                signup.state = "confirmed"
                signup._create_registrations()
                signup.message_post(
                    body=self.env._("A seat freed up: %s are signed up now.", signup.party_size),
                    partner_ids=signup.partner_id.ids,
                )

    def action_property_notify_estate(self):
        """Publish a notice of the activity to its estate (with a link to
        sign up on the portal)."""
        for event in self:
            if not event.property_estate_id:
                raise UserError(self.env._("Choose the estate of “%s” first.", event.name))
            if event.property_notice_id:
                raise UserError(self.env._("The estate was told of “%s” already.", event.name))
            event.property_published = True
            # The owners read it in the company's language, whoever publishes it.
            lang = event.property_estate_id.company_id._property_lang()
            notice = self.env["property.notice"].create(
                event.with_context(lang=lang)._prepare_property_notice_values()
            )
            notice.action_publish()
            event.property_notice_id = notice
        return True

    def _prepare_property_notice_values(self):
        self.ensure_one()
        begin = fields.Datetime.context_timestamp(
            self.with_context(tz=self.date_tz), self.date_begin
        ).strftime("%Y-%m-%d %H:%M")
        body = Markup("<p>%s</p><p>%s</p>%s<p><a href='/my/events/%s'>%s</a></p>") % (
            self.env._("Activity: %s", self.name),
            self.env._(
                "When: %(begin)s · Where: %(where)s",
                begin=begin,
                where=self.address_id.name or self.property_estate_id.name,
            ),
            self.description or Markup(""),
            self.id,
            escape(self.env._("Sign up on the owners' portal")),
        )
        return {
            "name": self.name,
            "category": "event",
            "body": body,
            "estate_ids": [fields.Command.set(self.property_estate_id.ids)],
        }

    @api.model
    def _property_events_domain(self, partner):
        """Published activities of the estates where ``partner`` owns or lives today."""
        owner_ids = (partner | partner.commercial_partner_id).ids
        my_units = Domain(
            "ownership_ids",
            "any",
            Domain("is_current", "=", True) & Domain("partner_id", "in", owner_ids),
        ) | Domain(
            "occupancy_ids",
            "any",
            Domain("is_current", "=", True) & Domain("partner_id", "=", partner.id),
        )
        return Domain("property_published", "=", True) & Domain(
            "property_estate_id", "any", Domain("unit_ids", "any", my_units)
        )
