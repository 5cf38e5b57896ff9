from odoo import api, fields, models
from odoo.exceptions import UserError

REGISTER_ROLES = [
    ("owner", "Owner"),
    ("resident", "Resident"),
    ("tenant", "Tenant"),
]


class ResPartner(models.Model):
    """Registration at the desk (登记业主/住户): a person or a company, with
    their ID document and, in the same step, their ownership or occupancy of a
    unit. The ``property_register_*`` fields are read on saving only: their
    inverse records the unit relation in the transaction that creates the
    contact, so that a refused relation leaves no contact behind."""

    _inherit = "res.partner"

    property_register_unit_id = fields.Many2one(
        comodel_name="property.unit",
        string="Unit",
        compute="_compute_property_register_unit_id",
        inverse="_inverse_property_register",
        groups="property_base.group_property_user",
        help="Record this contact on a unit now: as an owner, a resident or a tenant.",
    )
    property_register_role = fields.Selection(
        selection=REGISTER_ROLES,
        string="Role at the Unit",
        compute="_compute_property_register_role",
        inverse="_inverse_property_register",
        groups="property_base.group_property_user",
    )
    property_register_share = fields.Float(
        string="Share (%)",
        digits=(5, 2),
        compute="_compute_property_register_share",
        inverse="_inverse_property_register",
        groups="property_base.group_property_user",
    )
    property_register_primary_payer = fields.Boolean(
        string="Primary Payer",
        compute="_compute_property_register_primary_payer",
        inverse="_inverse_property_register",
        groups="property_base.group_property_user",
        help="Receives the bills of the unit.",
    )
    property_register_date = fields.Date(
        string="From",
        compute="_compute_property_register_date",
        inverse="_inverse_property_register",
        groups="property_base.group_property_user",
    )

    # One compute per field: the values a registration leaves out take these
    # defaults (fields computed together would all be left empty on create).
    def _compute_property_register_unit_id(self):
        self.property_register_unit_id = False

    def _compute_property_register_role(self):
        self.property_register_role = "owner"

    def _compute_property_register_share(self):
        self.property_register_share = 100.0

    def _compute_property_register_primary_payer(self):
        self.property_register_primary_payer = False

    def _compute_property_register_date(self):
        self.property_register_date = fields.Date.context_today(self)

    def _inverse_property_register(self):
        for partner in self.filtered("property_register_unit_id"):
            model, values = partner._prepare_property_register_values()
            self.env[model].create(values)

    @api.onchange("company_type")
    def _onchange_company_type_property_id_type(self):
        is_company = self.company_type == "company"
        if is_company and self.property_id_type not in (False, "credit_code"):
            self.property_id_type = "credit_code"
        elif not is_company and self.property_id_type in (False, "credit_code"):
            self.property_id_type = "id_card"

    def _prepare_property_register_values(self):
        """The model and the values of the unit relation the registration
        records: an ownership for an owner, an occupancy for a resident or a
        tenant."""
        self.ensure_one()
        unit = self.property_register_unit_id
        role = self.property_register_role
        if not role:
            raise UserError(
                self.env._(
                    "Choose how %(name)s is related to %(unit)s: owner, resident or tenant.",
                    name=self.name,
                    unit=unit.display_name,
                )
            )
        values = {
            "unit_id": unit.id,
            "partner_id": self.id,
            "date_start": self.property_register_date or fields.Date.context_today(self),
        }
        if role == "owner":
            values.update(
                share=self.property_register_share,
                is_primary_payer=self.property_register_primary_payer,
            )
            return "property.ownership", values
        values["role"] = "family" if role == "resident" else "tenant"
        return "property.occupancy", values

    def action_property_start_move_in(self):
        """The move-in of the contact into the unit he was registered on (the
        unit he owns or rents today that nobody lives in yet)."""
        self.ensure_one()
        today = fields.Date.context_today(self)
        tenancies = self.property_occupancy_ids.filtered(
            lambda o: o.role == "tenant" and not o.move_in_id and o._is_valid_at(today)
        )
        units = (self.property_owned_unit_ids | tenancies.unit_id).filtered(
            lambda u: u.state != "occupied"
        )
        if not units:
            raise UserError(
                self.env._(
                    "%(name)s owns or rents no unit that is waiting for a move-in.",
                    name=self.name,
                )
            )
        unit = units[:1]
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Move-in"),
            "res_model": "property.move.in",
            "view_mode": "form",
            "target": "current",
            "context": {
                "default_unit_id": unit.id,
                "default_partner_id": self.id,
                "default_role": "tenant" if unit in tenancies.unit_id else "owner_occupier",
            },
        }
