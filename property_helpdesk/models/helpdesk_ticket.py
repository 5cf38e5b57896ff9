import base64
from datetime import datetime, time, timedelta

import pytz

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.fields import Domain
from odoo.tools.mimetypes import guess_mimetype

TICKET_KINDS = [
    ("repair", "Repair"),
    ("complaint", "Complaint"),
    ("inquiry", "Inquiry"),
    ("suggestion", "Suggestion"),
]
TICKET_PRIORITIES = [
    ("0", "Low"),
    ("1", "Medium"),
    ("2", "High"),
    ("3", "Very High"),
]
# Service steps in which a ticket is still the team's to handle.
ACTIVE_STATES = ("new", "progress")
# Service steps of a ticket that is not finished for the SLA clock.
OPEN_STATES = ("new", "progress", "waiting")
SLA_STATUSES = [
    ("none", "No SLA"),
    ("on_track", "On Track"),
    ("at_risk", "At Risk"),
    ("breached", "Breached"),
    ("paused", "Paused"),
    ("met", "Met"),
]
PHOTO_MIMETYPES = ("image/jpeg", "image/png", "image/gif", "image/webp", "image/bmp")
DEFAULT_PHOTO_MAX_MB = 10
DEFAULT_AUTO_CLOSE_DAYS = 3
DEFAULT_FOLLOW_UP_DAYS = 2
# Window in which working intervals are read at once while planning deadlines.
PLAN_WINDOW = timedelta(days=14)
PLAN_MAX_WINDOWS = 60
CRON_BATCH = 1000


def _to_utc_naive(value):
    return value.astimezone(pytz.utc).replace(tzinfo=None)


class HelpdeskTicket(models.Model):
    _inherit = "helpdesk.ticket"

    # ------------------------------------------------------------------
    # Request
    # ------------------------------------------------------------------
    ticket_kind = fields.Selection(
        selection=TICKET_KINDS,
        string="Kind",
        required=True,
        default="repair",
        index=True,
        tracking=True,
    )
    priority = fields.Selection(string="Urgency", tracking=True)
    estate_id = fields.Many2one(
        comodel_name="property.estate", index=True, tracking=True, ondelete="restrict"
    )
    location_type = fields.Selection(
        selection=[("unit", "Unit"), ("common", "Common Area")],
        string="Location",
        required=True,
        default="unit",
    )
    unit_id = fields.Many2one(
        comodel_name="property.unit",
        index=True,
        tracking=True,
        ondelete="restrict",
        domain="[('estate_id', '=?', estate_id)]",
    )
    common_area_id = fields.Many2one(
        comodel_name="property.common.area",
        string="Common Area",
        ondelete="restrict",
        domain="[('estate_id', '=?', estate_id)]",
    )
    location_note = fields.Char(
        string="Exact Place", help="Where exactly, e.g. kitchen sink, lift 2, east gate."
    )
    contact_phone = fields.Char(tracking=True)
    photo_ids = fields.Many2many(
        comodel_name="ir.attachment",
        relation="helpdesk_ticket_photo_rel",
        column1="ticket_id",
        column2="attachment_id",
        string="Photos",
        copy=False,
    )

    # ------------------------------------------------------------------
    # Work and completion
    # ------------------------------------------------------------------
    property_state = fields.Selection(
        related="stage_id.property_state", store=True, index=True, string="Service Step"
    )
    user_open_ticket_count = fields.Integer(
        string="Technician's Open Tickets", compute="_compute_user_open_ticket_count"
    )
    work_description = fields.Text(string="Work Description", tracking=True)
    material_ids = fields.One2many(
        comodel_name="property.helpdesk.material",
        inverse_name="ticket_id",
        string="Materials",
        copy=False,
    )
    work_done_date = fields.Datetime(string="Work Done On", readonly=True, copy=False)
    quality_check_required = fields.Boolean(
        string="Quality Check",
        compute="_compute_quality_check_required",
        store=True,
        readonly=False,
    )
    qc_state = fields.Selection(
        selection=[("pending", "To Check"), ("passed", "Passed"), ("failed", "Failed")],
        string="Quality Check Result",
        readonly=True,
        copy=False,
        tracking=True,
    )
    qc_user_id = fields.Many2one(
        comodel_name="res.users", string="Checked By", readonly=True, copy=False
    )
    qc_date = fields.Datetime(string="Checked On", readonly=True, copy=False)
    qc_note = fields.Text(string="Quality Check Notes", copy=False)
    awaiting_confirmation_since = fields.Datetime(readonly=True, copy=False)
    closing_mode = fields.Selection(
        selection=[
            ("owner", "Confirmed by the owner"),
            ("desk", "Closed by the desk"),
            ("auto", "Closed automatically"),
        ],
        readonly=True,
        copy=False,
        tracking=True,
    )
    reopen_count = fields.Integer(readonly=True, copy=False)
    reopen_reason = fields.Text(string="Last Reopen Reason", readonly=True, copy=False)

    # ------------------------------------------------------------------
    # Rating and follow-up
    # ------------------------------------------------------------------
    owner_rating = fields.Selection(
        selection=[
            ("1", "Very dissatisfied"),
            ("2", "Dissatisfied"),
            ("3", "Neutral"),
            ("4", "Satisfied"),
            ("5", "Very satisfied"),
        ],
        string="Owner Rating",
        readonly=True,
        copy=False,
        tracking=True,
    )
    owner_rating_comment = fields.Text(string="Rating Comment", readonly=True, copy=False)
    owner_rating_date = fields.Datetime(string="Rated On", readonly=True, copy=False)
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

    # ------------------------------------------------------------------
    # SLA
    # ------------------------------------------------------------------
    sla_rule_id = fields.Many2one(
        comodel_name="property.helpdesk.sla.rule",
        string="SLA Rule",
        readonly=True,
        copy=False,
        index="btree_not_null",
    )
    sla_start_date = fields.Datetime(
        string="SLA Start",
        readonly=True,
        copy=False,
        help="When the SLA clock started: the ticket's creation. Never moved by edits.",
    )
    sla_pause_ids = fields.One2many(
        comodel_name="property.helpdesk.sla.pause",
        inverse_name="ticket_id",
        string="SLA Pauses",
        readonly=True,
        copy=False,
    )
    sla_paused_since = fields.Datetime(string="SLA Paused Since", readonly=True, copy=False)
    response_deadline = fields.Datetime(string="Respond Before", readonly=True, copy=False)
    resolution_deadline = fields.Datetime(string="Resolve Before", readonly=True, copy=False)
    response_warning_date = fields.Datetime(readonly=True, copy=False)
    resolution_warning_date = fields.Datetime(readonly=True, copy=False)
    first_response_date = fields.Datetime(string="First Response", readonly=True, copy=False)
    response_breached = fields.Boolean(readonly=True, copy=False)
    resolution_breached = fields.Boolean(readonly=True, copy=False)
    sla_status = fields.Selection(
        selection=SLA_STATUSES,
        string="SLA Status",
        compute="_compute_sla_status",
        search="_search_sla_status",
    )
    escalation_level = fields.Integer(readonly=True, copy=False, default=0)
    escalation_next_date = fields.Datetime(readonly=True, copy=False)

    # ------------------------------------------------------------------
    # KPI figures (wall-clock hours)
    # ------------------------------------------------------------------
    response_time_hours = fields.Float(
        string="Response Time (h)", readonly=True, copy=False, aggregator="avg"
    )
    resolution_time_hours = fields.Float(
        string="Resolution Time (h)", readonly=True, copy=False, aggregator="avg"
    )
    resolved_on_time = fields.Boolean(readonly=True, copy=False)

    # ------------------------------------------------------------------
    # Computes
    # ------------------------------------------------------------------
    @api.depends("category_id")
    def _compute_quality_check_required(self):
        for ticket in self:
            ticket.quality_check_required = ticket.category_id.quality_check_required

    @api.depends("ticket_kind")
    def _compute_follow_up_required(self):
        for ticket in self:
            ticket.follow_up_required = ticket.ticket_kind == "complaint"

    @api.depends("user_id")
    def _compute_user_open_ticket_count(self):
        counts = {}
        users = self.user_id
        if users:
            counts = {
                user.id: count
                for user, count in self.sudo()._read_group(
                    [("user_id", "in", users.ids), ("property_state", "in", OPEN_STATES)],
                    ["user_id"],
                    ["__count"],
                )
            }
        for ticket in self:
            ticket.user_open_ticket_count = counts.get(ticket.user_id.id, 0)

    @api.depends(
        "sla_rule_id",
        "property_state",
        "sla_paused_since",
        "response_deadline",
        "resolution_deadline",
        "first_response_date",
        "work_done_date",
        "response_breached",
        "resolution_breached",
    )
    def _compute_sla_status(self):
        now = fields.Datetime.now()
        for ticket in self:
            ticket.sla_status = ticket._get_sla_status(now)

    def _get_sla_status(self, now):
        self.ensure_one()
        if not self.sla_rule_id or self.property_state == "cancelled":
            return "none"
        if self.response_breached or self.resolution_breached:
            return "breached"
        if self.work_done_date or self.property_state in ("done", "closed"):
            return "breached" if not self.resolved_on_time and self.work_done_date else "met"
        if self.sla_paused_since:
            return "paused"
        pending_response = not self.first_response_date
        if (pending_response and self.response_deadline and self.response_deadline < now) or (
            self.resolution_deadline and self.resolution_deadline < now
        ):
            return "breached"
        if (
            pending_response and self.response_warning_date and self.response_warning_date < now
        ) or (self.resolution_warning_date and self.resolution_warning_date < now):
            return "at_risk"
        return "on_track"

    def _search_sla_status(self, operator, value):
        if operator not in ("in", "not in"):
            return NotImplemented
        now = fields.Datetime.now()
        running = (
            Domain("sla_rule_id", "!=", False)
            & Domain("property_state", "in", OPEN_STATES)
            & Domain("sla_paused_since", "=", False)
            & Domain("response_breached", "=", False)
            & Domain("resolution_breached", "=", False)
            & Domain("work_done_date", "=", False)
        )
        late = (
            Domain("first_response_date", "=", False) & Domain("response_deadline", "<", now)
        ) | Domain("resolution_deadline", "<", now)
        warned = (
            Domain("first_response_date", "=", False) & Domain("response_warning_date", "<", now)
        ) | Domain("resolution_warning_date", "<", now)
        breached_flag = Domain("response_breached", "=", True) | Domain(
            "resolution_breached", "=", True
        )
        finished = Domain("sla_rule_id", "!=", False) & (
            Domain("work_done_date", "!=", False)
            | Domain("property_state", "in", ("done", "closed"))
        )
        domains = {
            "none": Domain("sla_rule_id", "=", False) | Domain("property_state", "=", "cancelled"),
            "breached": Domain("sla_rule_id", "!=", False)
            & Domain("property_state", "!=", "cancelled")
            & (
                breached_flag
                | (
                    finished
                    & Domain("work_done_date", "!=", False)
                    & Domain("resolved_on_time", "=", False)
                )
                | (running & late)
            ),
            "met": finished
            & ~breached_flag
            & Domain("property_state", "!=", "cancelled")
            & (Domain("work_done_date", "=", False) | Domain("resolved_on_time", "=", True)),
            "paused": Domain("sla_rule_id", "!=", False)
            & Domain("property_state", "in", OPEN_STATES)
            & Domain("sla_paused_since", "!=", False)
            & ~breached_flag
            & Domain("work_done_date", "=", False),
            "at_risk": running & ~late & warned,
            "on_track": running & ~late & ~warned,
        }
        values = [value] if isinstance(value, str) else list(value)
        domain = Domain.OR(domains[v] for v in values if v in domains)
        return domain if operator == "in" else ~domain

    # ------------------------------------------------------------------
    # Constraints
    # ------------------------------------------------------------------
    @api.constrains("estate_id", "unit_id", "common_area_id", "location_type")
    def _check_location(self):
        for ticket in self:
            if ticket.unit_id and ticket.unit_id.estate_id != ticket.estate_id:
                raise ValidationError(
                    self.env._(
                        "Unit %(unit)s is not in estate %(estate)s.",
                        unit=ticket.unit_id.display_name,
                        estate=ticket.estate_id.name or "-",
                    )
                )
            if ticket.common_area_id and ticket.common_area_id.estate_id != ticket.estate_id:
                raise ValidationError(
                    self.env._(
                        "Common area %(area)s is not in estate %(estate)s.",
                        area=ticket.common_area_id.display_name,
                        estate=ticket.estate_id.name or "-",
                    )
                )

    @api.constrains("photo_ids")
    def _check_photos(self):
        for ticket in self:
            for photo in ticket.photo_ids.sudo():
                # The type comes from the content: the stored one follows the name.
                ticket._check_photo_file(
                    photo.name, guess_mimetype(photo.raw or b""), photo.file_size
                )

    @api.model
    def _get_photo_max_size(self):
        """Largest photo accepted, in bytes (setting ``property_helpdesk.photo_max_mb``)."""
        value = (
            self.env["ir.config_parameter"]
            .sudo()
            .get_param("property_helpdesk.photo_max_mb", DEFAULT_PHOTO_MAX_MB)
        )
        try:
            return int(float(value) * 1024 * 1024)
        except ValueError:
            return DEFAULT_PHOTO_MAX_MB * 1024 * 1024

    @api.model
    def _check_photo_file(self, name, mimetype, size):
        if mimetype not in PHOTO_MIMETYPES:
            raise ValidationError(
                self.env._(
                    "%(name)s is not a photo: only JPEG, PNG, GIF, WebP and BMP images "
                    "are accepted.",
                    name=name,
                )
            )
        max_size = self._get_photo_max_size()
        if size > max_size:
            raise ValidationError(
                self.env._(
                    "Photo %(name)s is %(size).1f MB: the limit is %(limit).1f MB.",
                    name=name,
                    size=size / 1024 / 1024,
                    limit=max_size / 1024 / 1024,
                )
            )

    @api.model
    def _check_photo_data(self, name, data):
        """Check raw uploaded bytes before anything is written; the type comes
        from the content, not from the file name."""
        self._check_photo_file(name, guess_mimetype(data), len(data))

    def _attach_photos(self, files):
        """Attach ``files`` [(name, bytes)] to the ticket as photos, after
        checking every one of them."""
        self.ensure_one()
        for name, data in files:
            self._check_photo_data(name, data)
        attachments = (
            self.env["ir.attachment"]
            .sudo()
            .create(
                [
                    {
                        "name": name,
                        "datas": base64.b64encode(data),
                        "res_model": self._name,
                        "res_id": self.id,
                    }
                    for name, data in files
                ]
            )
        )
        self.sudo().photo_ids = [fields.Command.link(a.id) for a in attachments]
        return attachments

    # ------------------------------------------------------------------
    # Onchanges
    # ------------------------------------------------------------------
    @api.onchange("unit_id")
    def _onchange_unit_id(self):
        if self.unit_id:
            self.estate_id = self.unit_id.estate_id
            self.location_type = "unit"
            if not self.partner_id:
                owners = self.unit_id.current_resident_ids or self.unit_id.current_owner_ids
                self.partner_id = owners[:1]

    @api.onchange("common_area_id")
    def _onchange_common_area_id(self):
        if self.common_area_id:
            self.estate_id = self.common_area_id.estate_id
            self.location_type = "common"

    @api.onchange("partner_id")
    def _onchange_partner_id_contact_phone(self):
        if self.partner_id and not self.contact_phone:
            self.contact_phone = self.partner_id.phone

    @api.onchange("category_id")
    def _onchange_category_id_team(self):
        if self.category_id.property_team_id:
            self.team_id = self.category_id.property_team_id

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        now = fields.Datetime.now()
        if self.env.user.share:
            self._check_portal_reporter(vals_list)
        for vals in vals_list:
            self._prepare_property_create_values(vals)
            vals.setdefault("sla_start_date", now)
        tickets = super().create(vals_list)
        tickets._sla_assign_rule()
        to_dispatch = tickets.filtered(
            lambda t: not t.user_id and t.team_id.dispatch_rule in ("round_robin", "least_loaded")
        )
        for ticket in to_dispatch:
            ticket._dispatch_to(ticket.team_id._select_technician())
        tickets.filtered("user_id")._stamp_first_response(now)
        for ticket in tickets.filtered(lambda t: t.property_state not in (False, "new")):
            ticket._on_property_state_change("new", now)
        return tickets

    def _prepare_property_create_values(self, vals):
        """Complete the values of a new ticket: estate and company from the
        location, team from the category, phone from the reporter."""
        if vals.get("unit_id") and not vals.get("estate_id"):
            vals["estate_id"] = self.env["property.unit"].browse(vals["unit_id"]).estate_id.id
        if vals.get("common_area_id") and not vals.get("estate_id"):
            area = self.env["property.common.area"].browse(vals["common_area_id"])
            vals["estate_id"] = area.estate_id.id
        if vals.get("common_area_id") and not vals.get("unit_id"):
            vals.setdefault("location_type", "common")
        if vals.get("estate_id") and not vals.get("company_id"):
            vals["company_id"] = self.env["property.estate"].browse(vals["estate_id"]).company_id.id
        if vals.get("category_id") and not vals.get("team_id"):
            team = self.env["helpdesk.ticket.category"].browse(vals["category_id"]).property_team_id
            if team:
                vals["team_id"] = team.id
        if vals.get("partner_id") and not vals.get("contact_phone"):
            vals["contact_phone"] = self.env["res.partner"].browse(vals["partner_id"]).phone
        return vals

    @api.model
    def _get_reporter_units(self, partner):
        """Units ``partner`` owns (or whose owner company they belong to) or
        lives in today."""
        owners = (partner | partner.commercial_partner_id).ids
        return (
            self.env["property.unit"]
            .sudo()
            .search(
                Domain(
                    "ownership_ids",
                    "any",
                    Domain("is_current", "=", True) & Domain("partner_id", "in", owners),
                )
                | Domain(
                    "occupancy_ids",
                    "any",
                    Domain("is_current", "=", True) & Domain("partner_id", "=", partner.id),
                )
            )
        )

    @api.model
    def _check_portal_reporter(self, vals_list):
        """A portal user reports only for a unit they own or live in, or for a
        common area of an estate they hold a unit in, and always as themselves."""
        partner = self.env.user.partner_id
        units = self._get_reporter_units(partner)
        for vals in vals_list:
            vals["partner_id"] = partner.id
            if vals.get("unit_id"):
                if vals["unit_id"] not in units.ids:
                    raise UserError(
                        self.env._("You can only report a request for a unit you own or live in.")
                    )
            elif vals.get("common_area_id"):
                area = self.env["property.common.area"].sudo().browse(vals["common_area_id"])
                if not area.exists() or area.estate_id not in units.estate_id:
                    raise UserError(
                        self.env._(
                            "You can only report a request for a common area of your estate."
                        )
                    )
            else:
                raise UserError(
                    self.env._("Choose one of your units or a common area of your estate.")
                )
            if vals.get("estate_id"):
                location_estate = (
                    self.env["property.unit"].sudo().browse(vals["unit_id"]).estate_id
                    if vals.get("unit_id")
                    else self.env["property.common.area"]
                    .sudo()
                    .browse(vals["common_area_id"])
                    .estate_id
                )
                if vals["estate_id"] != location_estate.id:
                    raise UserError(self.env._("The place is not in the chosen estate."))

    def write(self, vals):
        now = fields.Datetime.now()
        old_states = {ticket.id: ticket.property_state for ticket in self}
        old_users = {ticket.id: ticket.user_id for ticket in self}
        res = super().write(vals)
        if "stage_id" in vals:
            for ticket in self:
                if ticket.property_state != old_states[ticket.id]:
                    ticket._on_property_state_change(old_states[ticket.id], now)
        if vals.get("user_id"):
            self.filtered(lambda t: t.user_id != old_users[t.id])._stamp_first_response(now)
        if {"ticket_kind", "category_id", "priority", "estate_id", "company_id"} & vals.keys():
            self.filtered(lambda t: t.property_state in OPEN_STATES)._sla_assign_rule()
        return res

    # ------------------------------------------------------------------
    # Service steps
    # ------------------------------------------------------------------
    def _on_property_state_change(self, old_state, now):
        """React to the ticket entering another service step (by a button or
        by a drag in the kanban)."""
        self.ensure_one()
        new_state = self.property_state
        if old_state == "waiting":
            self._sla_resume(now)
        if new_state not in ("new", "cancelled"):
            self._stamp_first_response(now)
        if new_state == "waiting":
            self._sla_pause(now)
        elif new_state in ("done", "closed") and not self.work_done_date:
            self._stamp_work_done(now)
        if new_state == "done":
            if self.quality_check_required:
                self.sudo().write({"qc_state": "pending", "awaiting_confirmation_since": False})
            else:
                self.sudo().awaiting_confirmation_since = now
        elif new_state == "closed":
            if not self.closing_mode:
                self.sudo().closing_mode = "desk"
            self.sudo().awaiting_confirmation_since = False
            if self.follow_up_required and not self.follow_up_state:
                self._schedule_follow_up()
        elif new_state == "progress" and old_state in ("done", "closed"):
            # Back to work: the deadlines stay, and the time since the work was
            # reported done counts (it was not done).
            self.sudo().write(
                {
                    "work_done_date": False,
                    "awaiting_confirmation_since": False,
                    "closing_mode": False,
                    "closed_date": False,
                }
            )

    def _stamp_first_response(self, now):
        for ticket in self.filtered(lambda t: not t.first_response_date):
            start = ticket.sla_start_date or ticket.create_date or now
            ticket.sudo().write(
                {
                    "first_response_date": now,
                    "response_time_hours": (now - start).total_seconds() / 3600,
                    "response_breached": bool(
                        ticket.response_deadline and now > ticket.response_deadline
                    )
                    or ticket.response_breached,
                }
            )

    def _stamp_work_done(self, now):
        self.ensure_one()
        start = self.sla_start_date or self.create_date or now
        late = bool(self.resolution_deadline and now > self.resolution_deadline)
        self.sudo().write(
            {
                "work_done_date": now,
                "resolution_time_hours": (now - start).total_seconds() / 3600,
                "resolved_on_time": bool(self.sla_rule_id)
                and not late
                and not self.resolution_breached,
                "resolution_breached": self.resolution_breached
                or (late and bool(self.sla_rule_id)),
            }
        )

    def _get_property_stage(self, state):
        self.ensure_one()
        stages = self.team_id._get_applicable_stages().filtered(
            lambda s: s.property_state == state and s.active
        )
        if not stages:
            raise UserError(
                self.env._(
                    "No stage of team %(team)s stands for the step '%(step)s'.",
                    team=self.team_id.display_name or "-",
                    step=dict(
                        self.env["helpdesk.ticket.stage"]
                        ._fields["property_state"]
                        ._description_selection(self.env)
                    )[state],
                )
            )
        return stages[0]

    def _move_to_state(self, state):
        for ticket in self:
            ticket.stage_id = ticket._get_property_stage(state)

    def action_start_work(self):
        self._check_states(
            ("new", "waiting"), self.env._("Only a new or waiting ticket can be started.")
        )
        self._move_to_state("progress")

    def action_wait_owner(self):
        self._check_states(ACTIVE_STATES, self.env._("Only an open ticket can wait on the owner."))
        self._move_to_state("waiting")

    def action_resume(self):
        self._check_states(("waiting",), self.env._("The ticket is not waiting on the owner."))
        self._move_to_state("progress")

    def action_work_done(self):
        self._check_states(OPEN_STATES, self.env._("Only an open ticket can be finished."))
        for ticket in self:
            if (
                ticket.ticket_kind in ("repair", "complaint")
                and not (ticket.work_description or "").strip()
            ):
                raise UserError(
                    self.env._(
                        "Describe the work done on %(ticket)s before finishing it.",
                        ticket=ticket.display_name,
                    )
                )
        self._move_to_state("done")

    def action_quality_pass(self):
        self._check_quality_check_pending()
        now = fields.Datetime.now()
        self.sudo().write(
            {
                "qc_state": "passed",
                "qc_user_id": self.env.user.id,
                "qc_date": now,
                "awaiting_confirmation_since": now,
            }
        )
        for ticket in self:
            ticket.message_post(
                body=self.env._("Quality check passed by %(user)s.", user=self.env.user.name),
                subtype_xmlid="mail.mt_note",
            )

    def _quality_fail(self, reason):
        self._check_quality_check_pending()
        self.sudo().write(
            {
                "qc_state": "failed",
                "qc_user_id": self.env.user.id,
                "qc_date": fields.Datetime.now(),
                "qc_note": reason,
            }
        )
        for ticket in self:
            ticket.message_post(
                body=self.env._("Quality check failed: %(reason)s", reason=reason),
                subtype_xmlid="mail.mt_note",
            )
        self._move_to_state("progress")

    def _check_quality_check_pending(self):
        for ticket in self:
            if ticket.property_state != "done" or ticket.qc_state != "pending":
                raise UserError(
                    self.env._(
                        "Ticket %(ticket)s has no work waiting for a quality check.",
                        ticket=ticket.display_name,
                    )
                )

    def _check_states(self, states, message):
        for ticket in self:
            if ticket.property_state not in states:
                raise UserError(message)

    def _check_can_confirm(self):
        for ticket in self:
            if ticket.property_state != "done":
                raise UserError(
                    self.env._(
                        "Ticket %(ticket)s cannot be confirmed: its work is not done yet.",
                        ticket=ticket.display_name,
                    )
                )
            if ticket.quality_check_required and ticket.qc_state != "passed":
                raise UserError(
                    self.env._(
                        "Ticket %(ticket)s cannot be confirmed before its quality check passed.",
                        ticket=ticket.display_name,
                    )
                )

    def action_owner_confirm(self, mode="owner"):
        """The owner (on the portal, or the desk on their behalf) accepts the work."""
        self._check_can_confirm()
        self.sudo().closing_mode = mode
        for ticket in self:
            ticket.sudo()._move_to_state("closed")
            if mode == "owner":
                ticket.sudo().message_post(
                    body=self.env._("The owner confirmed the work."),
                    author_id=self.env.user.partner_id.id,
                    subtype_xmlid="mail.mt_note",
                )

    def action_desk_confirm(self):
        return self.action_owner_confirm(mode="desk")

    def _reopen(self, reason):
        """Send the work back: the owner is not satisfied with it."""
        reason = (reason or "").strip()
        if not reason:
            raise UserError(self.env._("Say why the ticket is reopened."))
        for ticket in self:
            if ticket.property_state not in ("done", "closed"):
                raise UserError(
                    self.env._(
                        "Ticket %(ticket)s cannot be reopened: its work is not done.",
                        ticket=ticket.display_name,
                    )
                )
        for ticket in self:
            ticket.sudo().write({"reopen_count": ticket.reopen_count + 1, "reopen_reason": reason})
            ticket.sudo()._move_to_state("progress")
            ticket.sudo().message_post(
                body=self.env._("Reopened: %(reason)s", reason=reason),
                author_id=self.env.user.partner_id.id,
                subtype_xmlid="mail.mt_comment",
            )

    def _rate(self, rating, comment=None):
        if str(rating) not in {"1", "2", "3", "4", "5"}:
            raise UserError(self.env._("A rating is a whole number from 1 to 5."))
        for ticket in self:
            if ticket.property_state != "closed":
                raise UserError(
                    self.env._(
                        "Ticket %(ticket)s can be rated once it is closed.",
                        ticket=ticket.display_name,
                    )
                )
        self.sudo().write(
            {
                "owner_rating": str(rating),
                "owner_rating_comment": (comment or "").strip() or False,
                "owner_rating_date": fields.Datetime.now(),
            }
        )

    # ------------------------------------------------------------------
    # Dispatch
    # ------------------------------------------------------------------
    def _dispatch_to(self, user):
        """Give the ticket to ``user`` (a member of its team)."""
        self.ensure_one()
        if not user:
            return False
        if self.team_id and user not in self.team_id.user_ids:
            raise UserError(
                self.env._(
                    "%(user)s is not a member of team %(team)s.",
                    user=user.name,
                    team=self.team_id.display_name,
                )
            )
        values = {"user_id": user.id}
        if self.property_state == "new":
            values["stage_id"] = self._get_property_stage("progress").id
        self.write(values)
        if self.team_id:
            self.team_id.sudo().last_dispatched_user_id = user
        return True

    def action_dispatch(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "property_helpdesk.property_helpdesk_dispatch_wizard_action"
        )
        action["context"] = {"default_ticket_id": self.id}
        return action

    def action_auto_dispatch(self):
        for ticket in self:
            user = ticket.team_id._select_technician() if ticket.team_id else False
            if not user:
                raise UserError(
                    self.env._(
                        "Team %(team)s dispatches by hand or has no members: choose the "
                        "technician.",
                        team=ticket.team_id.display_name or "-",
                    )
                )
            ticket._dispatch_to(user)

    # ------------------------------------------------------------------
    # Follow-up visits
    # ------------------------------------------------------------------
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

    # ------------------------------------------------------------------
    # SLA engine
    # ------------------------------------------------------------------
    def _sla_assign_rule(self, force_plan=None):
        """Give each ticket the most specific active rule that fits it and plan
        the deadlines of the tickets whose rule changed (or is in ``force_plan``)."""
        if not self:
            return
        rules = (
            self.env["property.helpdesk.sla.rule"]
            .sudo()
            .search([("ticket_kind", "in", list(set(self.mapped("ticket_kind"))))])
        )
        to_plan = self.browse()
        for ticket in self:
            scored = [(rule._match_score(ticket), rule) for rule in rules]
            scored = [(score, rule) for score, rule in scored if score is not None]
            rule = max(scored, key=lambda item: item[0])[1] if scored else rules.browse()
            if rule != ticket.sla_rule_id:
                ticket.sudo().sla_rule_id = rule
                to_plan |= ticket
            elif force_plan and rule in force_plan:
                to_plan |= ticket
        to_plan._sla_plan()

    def _sla_paused_hours(self, calendar, cache):
        """Hours of the SLA clock the ticket spent in finished pauses."""
        self.ensure_one()
        total = 0.0
        for pause in self.sla_pause_ids.filtered("date_end"):
            if calendar:
                total += self._sla_work_hours(calendar, pause.date_start, pause.date_end, cache)
            else:
                total += (pause.date_end - pause.date_start).total_seconds() / 3600
        return total

    @api.model
    def _sla_work_intervals(self, calendar, window_start, cache):
        """Working intervals of ``calendar`` (public holidays removed) in the
        window starting at ``window_start`` (a UTC midnight), read once per
        calendar and window."""
        key = (calendar.id, window_start)
        if key not in cache:
            start = pytz.utc.localize(window_start)
            cache[key] = [
                (_to_utc_naive(s), _to_utc_naive(e))
                for s, e, _meta in calendar._work_intervals_batch(start, start + PLAN_WINDOW)[False]
            ]
        return cache[key]

    @api.model
    def _sla_windows(self, start):
        window = datetime.combine(start.date(), time.min)
        for _n in range(PLAN_MAX_WINDOWS):
            yield window
            window += PLAN_WINDOW

    @api.model
    def _sla_plan_hours(self, calendar, start, hours_list, cache):
        """The moments at which ``hours_list`` working hours of ``calendar``
        have passed since ``start`` (naive UTC), in one walk over the intervals."""
        if not calendar:
            return [start + timedelta(hours=hours) for hours in hours_list]
        order = sorted(range(len(hours_list)), key=lambda i: hours_list[i])
        results = [False] * len(hours_list)
        consumed, index = 0.0, 0
        for window in self._sla_windows(start):
            for int_start, int_stop in self._sla_work_intervals(calendar, window, cache):
                if int_stop <= start:
                    continue
                int_start = max(int_start, start)
                length = (int_stop - int_start).total_seconds() / 3600
                while index < len(order) and hours_list[order[index]] <= consumed + length:
                    results[order[index]] = int_start + timedelta(
                        hours=hours_list[order[index]] - consumed
                    )
                    index += 1
                consumed += length
                if index == len(order):
                    return results
        return results

    @api.model
    def _sla_work_hours(self, calendar, date_from, date_to, cache):
        """Working hours of ``calendar`` between two naive UTC datetimes."""
        total = 0.0
        for window in self._sla_windows(date_from):
            if window >= date_to:
                break
            for int_start, int_stop in self._sla_work_intervals(calendar, window, cache):
                start, stop = max(int_start, date_from), min(int_stop, date_to)
                if stop > start:
                    total += (stop - start).total_seconds() / 3600
        return total

    def _sla_plan(self, cache=None):
        """(Re)compute the deadlines from the ticket's own SLA start, its rule
        and the pauses it had; an edit never restarts the clock."""
        cache = {} if cache is None else cache
        for ticket in self:
            rule = ticket.sla_rule_id
            if not rule:
                ticket.sudo().write(
                    {
                        "response_deadline": False,
                        "resolution_deadline": False,
                        "response_warning_date": False,
                        "resolution_warning_date": False,
                    }
                )
                continue
            start = ticket.sla_start_date or ticket.create_date or fields.Datetime.now()
            calendar = rule._get_calendar(ticket.estate_id)
            paused = ticket._sla_paused_hours(calendar, cache)
            share = rule.at_risk_percent / 100.0
            response, resolution, response_warn, resolution_warn = self._sla_plan_hours(
                calendar,
                start,
                [
                    rule.response_hours + paused,
                    rule.resolution_hours + paused,
                    rule.response_hours * share + paused,
                    rule.resolution_hours * share + paused,
                ],
                cache,
            )
            ticket.sudo().write(
                {
                    "sla_start_date": start,
                    "response_deadline": response,
                    "resolution_deadline": resolution,
                    "response_warning_date": response_warn,
                    "resolution_warning_date": resolution_warn,
                }
            )

    def _sla_pause(self, now):
        self.ensure_one()
        if not self.sla_paused_since:
            self.sudo().sla_paused_since = now

    def _sla_resume(self, now):
        self.ensure_one()
        if not self.sla_paused_since:
            return
        self.env["property.helpdesk.sla.pause"].sudo().create(
            {"ticket_id": self.id, "date_start": self.sla_paused_since, "date_end": now}
        )
        self.sudo().sla_paused_since = False
        self._sla_plan()

    # ------------------------------------------------------------------
    # Crons
    # ------------------------------------------------------------------
    @api.model
    def _cron_escalate_breached_tickets(self, batch_size=CRON_BATCH):
        """Mark the tickets whose deadlines passed as breached and escalate
        them: to the team leader at once, to the estate manager when the
        ticket is still open after the rule's delay."""
        now = fields.Datetime.now()
        breach_domain = (
            Domain("sla_rule_id", "!=", False)
            & Domain("property_state", "in", ACTIVE_STATES)
            & Domain("sla_paused_since", "=", False)
            & (
                (
                    Domain("response_breached", "=", False)
                    & Domain("first_response_date", "=", False)
                    & Domain("response_deadline", "<", now)
                )
                | (
                    Domain("resolution_breached", "=", False)
                    & Domain("work_done_date", "=", False)
                    & Domain("resolution_deadline", "<", now)
                )
            )
        )
        manager_domain = (
            Domain("escalation_level", "=", 1)
            & Domain("property_state", "in", ACTIVE_STATES)
            & Domain("escalation_next_date", "<=", now)
        )
        done = 0
        for domain, method in (
            (breach_domain, "_sla_mark_breached"),
            (manager_domain, "_sla_escalate_to_manager"),
        ):
            while True:
                tickets = self.search(domain, order="id", limit=batch_size)
                if not tickets:
                    break
                getattr(tickets, method)(now)
                done += len(tickets)
                remaining = self.search_count(domain) if len(tickets) == batch_size else 0
                self._commit_cron_progress(len(tickets), remaining)
                if not remaining:
                    break
        return done

    def _sla_mark_breached(self, now):
        self.fetch(
            [
                "response_breached",
                "resolution_breached",
                "first_response_date",
                "response_deadline",
                "resolution_deadline",
                "work_done_date",
                "escalation_level",
                "team_id",
                "estate_id",
                "sla_rule_id",
                "number",
                "name",
            ]
        )
        response_late = self.filtered(
            lambda t: not t.response_breached
            and not t.first_response_date
            and t.response_deadline
            and t.response_deadline < now
        )
        resolution_late = self.filtered(
            lambda t: not t.resolution_breached
            and not t.work_done_date
            and t.resolution_deadline
            and t.resolution_deadline < now
        )
        if response_late:
            response_late.sudo().write({"response_breached": True})
        if resolution_late:
            resolution_late.sudo().write({"resolution_breached": True})
        to_escalate = self.filtered(lambda t: t.escalation_level == 0)
        notes = {}
        for ticket in self:
            what = []
            if ticket in response_late:
                what.append(self.env._("first response"))
            if ticket in resolution_late:
                what.append(self.env._("resolution"))
            notes[ticket.id] = self.env._(
                "SLA breached (%(what)s) under rule %(rule)s.",
                what=self.env._(", ").join(what),
                rule=ticket.sla_rule_id.name,
            )
        # One note per ticket: the escalation adds its own line to it.
        not_escalated = self - to_escalate
        if not_escalated:
            not_escalated.sudo()._message_log_batch(
                bodies={ticket.id: notes[ticket.id] for ticket in not_escalated}
            )
        to_escalate._sla_escalate(now, level=1, notes=notes)

    def _sla_escalate_to_manager(self, now):
        self._sla_escalate(now, level=2)

    def _sla_escalate(self, now, level, notes=None):
        """Escalate to the team leader (level 1) or to the estate manager
        (level 2): an activity for them and a note on the ticket (after the
        ``notes`` {ticket id: text} given)."""
        notes = notes or {}
        if not self:
            return
        activity_type = self.env.ref("property_helpdesk.mail_activity_type_sla_escalation")
        model_id = self.env["ir.model"]._get_id(self._name)
        today = fields.Date.context_today(self)
        activity_values, bodies = [], {}
        for ticket in self:
            leader = ticket.team_id.user_id
            manager = ticket.estate_id.manager_id
            recipient = (leader or manager) if level == 1 else (manager or leader)
            if level == 1:
                summary = self.env._("SLA breached: %(ticket)s", ticket=ticket.number)
                bodies[ticket.id] = (
                    self.env._("Escalated to the team leader %(user)s.", user=recipient.name)
                    if leader
                    else self.env._(
                        "No team leader: escalated to the estate manager %(user)s.",
                        user=recipient.name or "-",
                    )
                )
            else:
                summary = self.env._(
                    "Still open after escalation: %(ticket)s", ticket=ticket.number
                )
                bodies[ticket.id] = self.env._(
                    "Escalated to the estate manager %(user)s.", user=recipient.name or "-"
                )
            if recipient:
                activity_values.append(
                    {
                        "res_model_id": model_id,
                        "res_id": ticket.id,
                        "activity_type_id": activity_type.id,
                        "summary": summary,
                        "note": ticket.name,
                        "user_id": recipient.id,
                        "date_deadline": today,
                    }
                )
        if activity_values:
            self.env["mail.activity"].sudo().with_context(mail_activity_quick_update=True).create(
                activity_values
            )
        self.sudo()._message_log_batch(
            bodies={
                ticket_id: " ".join(filter(None, [notes.get(ticket_id), body]))
                for ticket_id, body in bodies.items()
            }
        )
        by_delay = {}
        for ticket in self:
            by_delay.setdefault(ticket.sla_rule_id.escalation_delay_hours, self.browse())
            by_delay[ticket.sla_rule_id.escalation_delay_hours] |= ticket
        for delay, tickets in by_delay.items():
            tickets.sudo().write(
                {
                    "escalation_level": level,
                    "escalation_next_date": now + timedelta(hours=delay) if level == 1 else False,
                }
            )

    @api.model
    def _commit_cron_progress(self, processed, remaining=None):
        """Commit a batch when run by the scheduler; called directly (tests,
        benchmarks, shell) the caller owns the transaction."""
        if self.env.context.get("ir_cron_progress_id"):
            self.env["ir.cron"]._commit_progress(processed, remaining=remaining)
        self.env.invalidate_all()

    @api.model
    def _get_auto_close_days(self):
        value = (
            self.env["ir.config_parameter"]
            .sudo()
            .get_param("property_helpdesk.auto_close_days", DEFAULT_AUTO_CLOSE_DAYS)
        )
        return int(value)

    @api.model
    def _cron_auto_close_done_tickets(self, batch_size=CRON_BATCH):
        """Close the tickets whose work the owner neither confirmed nor
        contested within the configured number of days."""
        days = self._get_auto_close_days()
        if days <= 0:
            return 0
        limit_date = fields.Datetime.now() - timedelta(days=days)
        domain = Domain("property_state", "=", "done") & Domain(
            "awaiting_confirmation_since", "<=", limit_date
        )
        done = 0
        while tickets := self.search(domain, order="id", limit=batch_size):
            tickets.sudo().write({"closing_mode": "auto"})
            for ticket in tickets:
                ticket._move_to_state("closed")
            tickets.sudo()._message_log_batch(
                bodies=dict.fromkeys(
                    tickets.ids,
                    self.env._(
                        "Closed automatically: the owner did not answer within %(days)s days.",
                        days=days,
                    ),
                )
            )
            done += len(tickets)
            self._commit_cron_progress(len(tickets))
        return done


class PropertyHelpdeskSlaPause(models.Model):
    _name = "property.helpdesk.sla.pause"
    _description = "SLA Pause"
    _order = "ticket_id, date_start"

    ticket_id = fields.Many2one(
        comodel_name="helpdesk.ticket", required=True, index=True, ondelete="cascade"
    )
    date_start = fields.Datetime(string="Paused from", required=True)
    date_end = fields.Datetime(string="Resumed on")


class PropertyHelpdeskMaterial(models.Model):
    _name = "property.helpdesk.material"
    _description = "Material Used"
    _order = "ticket_id, id"

    ticket_id = fields.Many2one(
        comodel_name="helpdesk.ticket", required=True, index=True, ondelete="cascade"
    )
    name = fields.Char(string="Material", required=True)
    quantity = fields.Float(default=1.0, digits=(16, 3))
    uom_name = fields.Char(string="Unit of Measure")
    note = fields.Char()

    @api.constrains("quantity")
    def _check_quantity(self):
        for line in self:
            if line.quantity <= 0:
                raise ValidationError(
                    self.env._(
                        "The quantity of material %(name)s must be positive.", name=line.name
                    )
                )
