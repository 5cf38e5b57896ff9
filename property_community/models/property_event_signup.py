from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

SIGNUP_STATES = [
    ("confirmed", "Signed Up"),
    ("waiting", "Waiting List"),
    ("cancelled", "Cancelled"),
]


class PropertyEventSignup(models.Model):
    """The sign-up of a household to a community activity: who, for which
    unit, how many people. A confirmed sign-up holds one Odoo registration
    per person (the seats of the event, the check-in); one on the waiting
    list holds none until seats free up, in the order of the sign-ups."""

    _name = "property.event.signup"
    _description = "Activity Sign-up"
    _inherit = ["mail.thread"]
    _order = "event_id, create_date, id"
    _rec_name = "partner_id"

    event_id = fields.Many2one(
        comodel_name="event.event", required=True, index=True, ondelete="cascade"
    )
    estate_id = fields.Many2one(related="event_id.property_estate_id", store=True, index=True)
    company_id = fields.Many2one(related="event_id.company_id", store=True, index=True)
    partner_id = fields.Many2one(
        comodel_name="res.partner", string="Signed Up By", required=True, index=True
    )
    unit_id = fields.Many2one(comodel_name="property.unit", required=True, index=True)
    party_size = fields.Integer(string="People", required=True, default=1, tracking=True)
    state = fields.Selection(
        selection=SIGNUP_STATES, string="Status", required=True, default="confirmed", tracking=True
    )
    registration_ids = fields.One2many(
        comodel_name="event.registration", inverse_name="property_signup_id", string="Attendees"
    )
    attended_count = fields.Integer(string="Checked In", compute="_compute_attended_count")

    @api.depends("registration_ids.state")
    def _compute_attended_count(self):
        for signup in self:
            signup.attended_count = len(
                signup.registration_ids.filtered(lambda reg: reg.state == "done")
            )

    @api.model
    def _check_signup(self, event, partner, unit, party_size):
        """Refuse a sign-up the activity or the register do not allow."""
        event, unit = event.sudo(), unit.sudo()
        if not event._property_is_open_for_signup():
            raise UserError(self.env._("“%s” takes no sign-up now.", event.name))
        if unit.estate_id != event.property_estate_id:
            raise ValidationError(
                self.env._(
                    "%(unit)s is not in %(estate)s: the activity is for its residents.",
                    unit=unit.display_name,
                    estate=event.property_estate_id.name,
                )
            )
        today = fields.Date.context_today(self)
        people = unit._get_owners_at(today) | unit._get_residents_at(today)
        if not (partner | partner.commercial_partner_id) & people:
            raise ValidationError(
                self.env._(
                    "%(partner)s neither owns nor lives in %(unit)s.",
                    partner=partner.name,
                    unit=unit.display_name,
                )
            )
        if party_size < 1 or party_size > (event.property_max_party or 1):
            raise ValidationError(
                self.env._(
                    "Sign up from 1 to %(max)s people for “%(event)s”.",
                    max=event.property_max_party or 1,
                    event=event.name,
                )
            )
        if self.sudo().search_count(
            [
                ("event_id", "=", event.id),
                ("unit_id", "=", unit.id),
                ("state", "!=", "cancelled"),
            ]
        ):
            raise ValidationError(
                self.env._(
                    "%(unit)s has signed up for “%(event)s” already: change or cancel that "
                    "sign-up instead.",
                    unit=unit.display_name,
                    event=event.name,
                )
            )

    @api.model
    def _sign_up(self, event, partner, unit, party_size):
        """Sign ``party_size`` people of ``unit`` up: on the seats while there
        are enough, else on the waiting list (or refused without one)."""
        self._check_signup(event, partner, unit, party_size)
        event_sudo = event.sudo()
        free = event_sudo._property_free_seats()
        waiting = self.sudo().search_count([("event_id", "=", event.id), ("state", "=", "waiting")])
        if free is not None and (free < party_size or waiting):
            if not event_sudo.property_waiting_list:
                raise UserError(
                    self.env._(
                        "“%(event)s” is full: %(free)s seat(s) left for %(people)s people.",
                        event=event_sudo.name,
                        free=free,
                        people=party_size,
                    )
                )
            state = "waiting"
        else:
            state = "confirmed"
        signup = self.sudo().create(
            {
                "event_id": event.id,
                "partner_id": partner.id,
                "unit_id": unit.id,
                "party_size": party_size,
                "state": state,
            }
        )
        if state == "confirmed":
            signup._create_registrations()
        return signup.sudo(False)

    def _create_registrations(self):
        for signup in self:
            self.env["event.registration"].sudo().create(
                [
                    {
                        "event_id": signup.event_id.id,
                        "partner_id": signup.partner_id.id,
                        "name": signup.partner_id.name
                        if index == 0
                        else self.env._(
                            "%(name)s (guest %(number)s)", name=signup.partner_id.name, number=index
                        ),
                        "email": signup.partner_id.email,
                        "phone": signup.partner_id.phone,
                        "property_signup_id": signup.id,
                        "state": "open",
                    }
                    for index in range(signup.party_size)
                ]
            )

    def action_cancel(self):
        """Cancel the sign-ups, free their seats and give them to the waiting list."""
        # The registrations are the event team's records: owners cancel
        # their own sign-ups (the record rules let them read no other).
        self.check_access("read")
        for signup in self.sudo():
            if signup.state == "cancelled":
                continue
            if signup.registration_ids.filtered(lambda reg: reg.state == "done"):
                raise UserError(self.env._("Checked-in people cannot cancel their sign-up."))
        self.sudo().registration_ids.action_cancel()
        self.sudo().write({"state": "cancelled"})
        self.event_id.sudo()._property_promote_waiting()
        return True

    def action_check_in(self):
        """Staff: the people of the sign-ups came."""
        self.registration_ids.filtered(lambda reg: reg.state == "open").action_set_done()
        return True
