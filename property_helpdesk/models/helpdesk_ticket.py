import base64
from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.fields import Domain
from odoo.tools.mimetypes import guess_mimetype

from .ticket_constants import (
    DEFAULT_PHOTO_MAX_COUNT,
    DEFAULT_PHOTO_MAX_MB,
    LOCATION_TYPES,
    OPEN_STATES,
    PHOTO_MIMETYPES,
    PLACE_LOCATION_TYPES,
    TICKET_KINDS,
)


class HelpdeskTicket(models.Model):
    """A repair request, complaint, inquiry or suggestion: what it is about,
    where, who reports it, its photos, and the work recorded on it.

    The other concerns of a ticket extend this class in their own files:
    ``helpdesk_ticket_workflow`` (service steps, quality check, owner
    confirmation, rating, auto-close), ``helpdesk_ticket_dispatch``,
    ``helpdesk_ticket_follow_up``, ``helpdesk_ticket_sla`` (deadlines) and
    ``helpdesk_ticket_sla_escalation`` (breach and escalation cron)."""

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
        selection=LOCATION_TYPES,
        string="Location",
        required=True,
        default="none",
        help="A ticket about a unit or a common area belongs to the estate of that place; "
        "an internal ticket is about no place and needs no estate.",
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
    # Work
    # ------------------------------------------------------------------
    property_state = fields.Selection(
        related="stage_id.property_state", store=True, index=True, string="Service Step"
    )
    work_description = fields.Text(string="Work Description", tracking=True)
    material_ids = fields.One2many(
        comodel_name="property.helpdesk.material",
        inverse_name="ticket_id",
        string="Materials",
        copy=False,
    )

    def _is_about_place(self):
        """Whether the ticket is about a unit or a common area of an estate (a
        repair, complaint or inquiry of an owner), not an internal ticket."""
        self.ensure_one()
        return self.location_type in PLACE_LOCATION_TYPES

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

    @api.constrains("estate_id", "location_type")
    def _check_estate_of_place(self):
        for ticket in self:
            if ticket.location_type in PLACE_LOCATION_TYPES and not ticket.estate_id:
                raise ValidationError(
                    self.env._(
                        "Ticket %(ticket)s is about a unit or a common area: choose its estate.",
                        ticket=ticket.display_name,
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
    def _get_photo_max_count(self):
        """Most photos of one request (setting ``property_helpdesk.photo_max_count``)."""
        value = (
            self.env["ir.config_parameter"]
            .sudo()
            .get_param("property_helpdesk.photo_max_count", DEFAULT_PHOTO_MAX_COUNT)
        )
        try:
            return int(value)
        except ValueError:
            return DEFAULT_PHOTO_MAX_COUNT

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

    @api.autovacuum
    def _gc_pending_photos(self):
        """Delete the photos kept from refused portal reports (linked to no
        ticket) that nobody sent again within a day."""
        self.env["ir.attachment"].sudo().search(
            Domain("res_model", "=", self._name)
            & Domain("res_id", "=", 0)
            & Domain("res_field", "=", False)
            & Domain("create_date", "<", fields.Datetime.now() - timedelta(days=1))
        ).unlink()

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
        self._check_system_fields(vals_list)
        if self.env.user.share:
            self._check_portal_reporter(vals_list)
        for vals in vals_list:
            self._prepare_property_create_values(vals)
            vals.setdefault("sla_start_date", now)
        tickets = super().create(vals_list)
        # In this order: the rule gives the deadlines, the dispatch the
        # technician, whose assignment is the first response.
        tickets._sla_assign_rule()
        tickets._auto_dispatch()
        tickets.filtered("user_id")._stamp_first_response(now)
        for ticket in tickets.filtered(lambda t: t.property_state not in (False, "new")):
            ticket._on_property_state_change("new", now)
        return tickets

    def _prepare_property_create_values(self, vals):
        """Complete the values of a new ticket: location type, estate and
        company from the place, team from the category, phone from the
        reporter."""
        if vals.get("unit_id") and not vals.get("estate_id"):
            vals["estate_id"] = self.env["property.unit"].browse(vals["unit_id"]).estate_id.id
        if vals.get("common_area_id") and not vals.get("estate_id"):
            area = self.env["property.common.area"].browse(vals["common_area_id"])
            vals["estate_id"] = area.estate_id.id
        if vals.get("unit_id"):
            vals.setdefault("location_type", "unit")
        elif vals.get("common_area_id"):
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
        common area of an estate they hold a unit in, and always as themselves.
        Only a portal user who neither owns nor lives in a unit (a customer of
        the helpdesk, not of the estates) reports a ticket about no place."""
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
            elif (
                units or vals.get("estate_id") or vals.get("location_type") in PLACE_LOCATION_TYPES
            ):
                raise UserError(
                    self.env._("Choose one of your units or a common area of your estate.")
                )
            else:
                continue
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
        self._check_system_fields([vals])
        self._check_field_staff_values(vals)
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
