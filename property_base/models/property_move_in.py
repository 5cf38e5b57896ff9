from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from .property_occupancy import OCCUPANCY_ROLES


class PropertyMoveIn(models.Model):
    """Move-in (入住办理): identity checked, the estate's documents signed,
    keys handed over; completing it records the occupancy."""

    _name = "property.move.in"
    _description = "Move-in"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "date desc, id desc"

    name = fields.Char(
        string="Reference",
        required=True,
        readonly=True,
        copy=False,
        default=lambda self: self.env._("New"),
    )
    state = fields.Selection(
        selection=[("draft", "Draft"), ("done", "Done"), ("cancel", "Cancelled")],
        string="Status",
        required=True,
        default="draft",
        tracking=True,
        copy=False,
    )
    unit_id = fields.Many2one(
        comodel_name="property.unit",
        string="Unit",
        required=True,
        index=True,
        tracking=True,
        domain="[('state', '!=', 'occupied')]",
    )
    estate_id = fields.Many2one(related="unit_id.estate_id", store=True, index=True)
    company_id = fields.Many2one(related="unit_id.company_id", store=True, index=True)
    partner_id = fields.Many2one(
        comodel_name="res.partner",
        string="Resident",
        required=True,
        tracking=True,
        help="The person moving in; an owner of the unit or a tenant.",
    )
    role = fields.Selection(
        selection=[r for r in OCCUPANCY_ROLES if r[0] != "family"],
        required=True,
        default="owner_occupier",
        tracking=True,
    )
    date = fields.Date(
        string="Move-in Date", required=True, default=fields.Date.context_today, tracking=True
    )
    # The identity document is the resident's (res.partner): the move-in shows
    # it and records what the desk types there, checked as on the contact.
    identity_type = fields.Selection(
        related="partner_id.property_id_type", string="Identity Document", readonly=False
    )
    identity_number = fields.Char(
        related="partner_id.property_id_number", string="Document Number", readonly=False
    )
    identity_checked = fields.Boolean(string="Identity Checked", tracking=True)
    document_line_ids = fields.One2many(
        comodel_name="property.move.in.document.line",
        inverse_name="move_in_id",
        string="Documents",
        copy=True,
    )
    documents_complete = fields.Boolean(compute="_compute_documents_complete")
    key_count = fields.Integer(string="Keys Handed Over", tracking=True)
    key_note = fields.Char(string="Keys and Cards", help="Which keys, access cards or fobs.")
    user_id = fields.Many2one(
        comodel_name="res.users",
        string="Handled by",
        default=lambda self: self.env.user,
        tracking=True,
    )
    note = fields.Html(string="Notes")
    occupancy_id = fields.Many2one(comodel_name="property.occupancy", readonly=True, copy=False)
    owner_ids = fields.Many2many(related="unit_id.current_owner_ids", string="Owners of the Unit")

    @api.depends("document_line_ids.is_signed")
    def _compute_documents_complete(self):
        for move_in in self:
            move_in.documents_complete = all(move_in.document_line_ids.mapped("is_signed"))

    @api.onchange("unit_id")
    def _onchange_unit_id(self):
        if self.unit_id and self.state == "draft":
            self.document_line_ids = [fields.Command.clear()] + [
                fields.Command.create(vals) for vals in self._prepare_document_line_values()
            ]
            if not self.partner_id and self.unit_id.current_owner_ids:
                self.partner_id = self.unit_id.current_owner_ids[0]

    @api.onchange("partner_id")
    def _onchange_partner_id_identity_type(self):
        # a resident without an ID document yet: his ID card, or a company's code
        if self.partner_id and not self.identity_type:
            self.identity_type = "credit_code" if self.partner_id.is_company else "id_card"

    def _prepare_document_line_values(self):
        self.ensure_one()
        return [
            {"document_id": document.id} for document in self.unit_id.estate_id.move_in_document_ids
        ]

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("name") in (None, False, "/", self.env._("New")):
                vals["name"] = self.env["ir.sequence"].next_by_code("property.move.in") or "/"
        move_ins = super().create(vals_list)
        for move_in in move_ins.filtered(lambda m: not m.document_line_ids):
            move_in.document_line_ids = [
                fields.Command.create(vals) for vals in move_in._prepare_document_line_values()
            ]
        return move_ins

    @api.constrains("key_count")
    def _check_key_count(self):
        for move_in in self:
            if move_in.key_count < 0:
                raise ValidationError(
                    self.env._("The number of keys handed over cannot be negative.")
                )

    @api.ondelete(at_uninstall=False)
    def _unlink_except_done(self):
        if any(move_in.state == "done" for move_in in self):
            raise UserError(self.env._("A completed move-in cannot be deleted."))

    def _check_can_complete(self):
        self.ensure_one()
        if self.state != "draft":
            raise UserError(self.env._("Move-in %(name)s is not a draft.", name=self.name))
        if not self.identity_checked:
            raise UserError(
                self.env._(
                    "Check the identity document of %(name)s first.", name=self.partner_id.name
                )
            )
        unsigned = self.document_line_ids.filtered(lambda line: not line.is_signed)
        if unsigned:
            raise UserError(
                self.env._(
                    "These documents are not signed yet: %(documents)s.",
                    documents=", ".join(unsigned.document_id.mapped("name")),
                )
            )
        if self.role == "owner_occupier" and self.partner_id not in self.unit_id._get_owners_at(
            self.date
        ):
            raise UserError(
                self.env._(
                    "%(partner)s is not an owner of %(unit)s on %(date)s: move in as a tenant.",
                    partner=self.partner_id.name,
                    unit=self.unit_id.display_name,
                    date=self.date,
                )
            )
        conflicts = (
            self.env["property.occupancy"]._conflicting_occupancies(
                self.unit_id, self.role, self.date
            )
            - self._registered_occupancy()
        )
        if conflicts:
            raise UserError(
                self.env._(
                    "%(unit)s already has a resident as %(role)s from %(date)s: %(residents)s. "
                    "End that occupancy first.",
                    unit=self.unit_id.display_name,
                    role=dict(self._fields["role"]._description_selection(self.env))[self.role],
                    date=conflicts[0].date_start,
                    residents=", ".join(conflicts.partner_id.mapped("name")),
                )
            )

    def _registered_occupancy(self):
        """The occupancy the desk recorded when it registered the resident on
        the unit (a tenant with his lease), which the move-in completes rather
        than doubles."""
        self.ensure_one()
        return self.unit_id.occupancy_ids.filtered(
            lambda o: o.partner_id == self.partner_id
            and o.role == self.role
            and not o.move_in_id
            and o._is_valid_at(self.date)
        )[:1]

    def _prepare_occupancy_values(self):
        """Values of the occupancy the move-in creates."""
        self.ensure_one()
        return {
            "unit_id": self.unit_id.id,
            "partner_id": self.partner_id.id,
            "role": self.role,
            "date_start": self.date,
            "move_in_id": self.id,
        }

    def _prepare_unit_values(self):
        """Values written on the unit when the move-in completes."""
        self.ensure_one()
        return {"state": "occupied"}

    def _on_move_in_done(self):
        """Extension point called once the occupancy exists, in the same
        transaction: billing records first meter readings and raises the first
        bill here, handover records keys and delivery."""
        self.ensure_one()

    def action_done(self):
        for move_in in self:
            move_in._check_can_complete()
            occupancy = move_in._registered_occupancy()
            if occupancy:
                occupancy.move_in_id = move_in
            else:
                occupancy = self.env["property.occupancy"].create(
                    move_in._prepare_occupancy_values()
                )
            move_in.write({"state": "done", "occupancy_id": occupancy.id})
            move_in.unit_id.write(move_in._prepare_unit_values())
            move_in._on_move_in_done()
            move_in.unit_id.message_post(
                body=self.env._(
                    "%(partner)s moved in (%(name)s), %(keys)s key(s) handed over.",
                    partner=move_in.partner_id.name,
                    name=move_in.name,
                    keys=move_in.key_count,
                )
            )
        return True

    def action_cancel(self):
        if any(move_in.state == "done" for move_in in self):
            raise UserError(self.env._("A completed move-in cannot be cancelled."))
        self.write({"state": "cancel"})

    def action_reset_to_draft(self):
        self.filtered(lambda m: m.state == "cancel").write({"state": "draft"})

    def action_view_occupancy(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "property.occupancy",
            "res_id": self.occupancy_id.id,
            "view_mode": "form",
        }
