from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.fields import Domain

UNIT_TYPES = [
    ("apartment", "Apartment"),
    ("shop", "Shop"),
    ("office", "Office"),
    ("parking", "Parking Space"),
    ("storeroom", "Storeroom"),
]

UNIT_STATES = [
    ("vacant", "Vacant"),
    ("delivered", "Delivered"),
    ("occupied", "Occupied"),
    ("renovation", "Under Renovation"),
]


class PropertyUnit(models.Model):
    _name = "property.unit"
    _description = "Unit"
    _inherit = ["mail.thread", "mail.activity.mixin", "property.input.mixin"]
    _order = "estate_id, building_id, entrance, floor, code, id"
    _rec_names_search = ["full_code", "estate_id.name"]

    code = fields.Char(
        string="Unit Number",
        required=True,
        size=32,
        tracking=True,
        help="Number of the unit inside its building and entrance, e.g. 1201.",
    )
    full_code = fields.Char(
        string="Reference",
        compute="_compute_full_code",
        store=True,
        index="trigram",
        help="Building-entrance-unit, e.g. 3-2-1201.",
    )
    active = fields.Boolean(default=True)
    estate_id = fields.Many2one(
        comodel_name="property.estate",
        required=True,
        index=True,
        ondelete="restrict",
        tracking=True,
    )
    building_id = fields.Many2one(
        comodel_name="property.building",
        index=True,
        ondelete="restrict",
        domain="[('estate_id', '=', estate_id)]",
        tracking=True,
    )
    company_id = fields.Many2one(
        related="estate_id.company_id", store=True, index=True, precompute=True
    )
    entrance = fields.Char(size=32, help="Entrance or stairwell (单元) inside the building.")
    floor = fields.Integer(help="Negative for basement levels.")
    unit_type = fields.Selection(
        selection=UNIT_TYPES, string="Type", required=True, default="apartment", tracking=True
    )
    state = fields.Selection(
        selection=UNIT_STATES,
        string="Status",
        required=True,
        default="vacant",
        tracking=True,
        index=True,
    )
    gross_area = fields.Float(
        string="Gross Area (m²)", digits=(16, 2), required=True, tracking=True
    )
    net_area = fields.Float(string="Net Area (m²)", digits=(16, 2), tracking=True)
    layout = fields.Char(help="Layout, e.g. 3 bedrooms 2 living rooms.")
    note = fields.Html()
    ownership_ids = fields.One2many(
        comodel_name="property.ownership", inverse_name="unit_id", string="Ownerships"
    )
    occupancy_ids = fields.One2many(
        comodel_name="property.occupancy", inverse_name="unit_id", string="Occupancies"
    )
    move_in_ids = fields.One2many(
        comodel_name="property.move.in", inverse_name="unit_id", string="Move-ins"
    )
    meter_ids = fields.One2many(
        comodel_name="property.meter", inverse_name="unit_id", string="Meters"
    )
    current_owner_ids = fields.Many2many(
        comodel_name="res.partner",
        string="Current Owners",
        compute="_compute_current_people",
        compute_sudo=True,
        search="_search_current_owner_ids",
    )
    current_payer_id = fields.Many2one(
        comodel_name="res.partner",
        string="Current Payer",
        compute="_compute_current_people",
        compute_sudo=True,
        search="_search_current_payer_id",
        help="Primary payer of today's ownerships (or the owner with the largest share).",
    )
    current_resident_ids = fields.Many2many(
        comodel_name="res.partner",
        string="Current Residents",
        compute="_compute_current_people",
        compute_sudo=True,
        search="_search_current_resident_ids",
    )
    # Computed as superuser: owners and residents read their own unit's figures
    # on the portal without read access to the other people's contacts.
    owner_names = fields.Char(string="Owners", compute="_compute_current_people", compute_sudo=True)
    resident_count = fields.Integer(compute="_compute_current_people", compute_sudo=True)

    _code_uniq = models.UniqueIndex(
        "(estate_id, COALESCE(building_id, 0), COALESCE(entrance, ''), code)",
        "A unit number must be unique within its building and entrance.",
    )
    _gross_area_positive = models.Constraint(
        "CHECK (gross_area > 0)", "The gross area of a unit must be positive."
    )

    @api.depends("code", "entrance", "building_id.code")
    def _compute_full_code(self):
        for unit in self:
            parts = [unit.building_id.code, unit.entrance, unit.code]
            unit.full_code = "-".join(part for part in parts if part)

    @api.depends("full_code", "estate_id.name")
    def _compute_display_name(self):
        for unit in self:
            unit.display_name = (
                f"{unit.estate_id.name} · {unit.full_code}" if unit.estate_id else unit.full_code
            )

    @api.depends(
        "ownership_ids.partner_id",
        "ownership_ids.date_start",
        "ownership_ids.date_end",
        "ownership_ids.is_primary_payer",
        "ownership_ids.share",
        "occupancy_ids.partner_id",
        "occupancy_ids.date_start",
        "occupancy_ids.date_end",
    )
    @api.depends_context("date")
    def _compute_current_people(self):
        today = self._context_date()
        for unit in self:
            owners = unit._get_owners_at(today)
            residents = unit._get_residents_at(today)
            unit.current_owner_ids = owners
            unit.current_payer_id = unit._get_payer_at(today)
            unit.current_resident_ids = residents
            unit.owner_names = ", ".join(owners.mapped("name"))
            unit.resident_count = len(residents)

    def _context_date(self):
        """The day "current" refers to: the ``date`` of the context, or today."""
        date = self.env.context.get("date")
        return fields.Date.to_date(date) if date else fields.Date.context_today(self)

    def _search_current_owner_ids(self, operator, value):
        return self._search_current_partner("ownership_ids", operator, value)

    def _search_current_payer_id(self, operator, value):
        if operator not in ("in", "any"):
            # "not in", "not any": the ORM negates the positive search
            return NotImplemented
        today = self._context_date()
        at_today = self.env["property.ownership"]._domain_at(today)
        domain = Domain.FALSE
        if operator == "in" and False in value:
            # no payer: nobody owns the unit that day
            domain = Domain("ownership_ids", "not any", at_today)
            value = [partner_id for partner_id in value if partner_id]
            if not value:
                return domain
        # Without a flagged primary payer the payer is the largest owner, which a
        # domain cannot express: resolve it over the units of the matching owners.
        matching = self.env["property.ownership"].search(
            Domain("partner_id", operator, value) & at_today
        )
        unit_ids = [
            unit.id
            for unit in matching.unit_id
            if unit._get_payer_at(today)
            in matching.filtered(lambda o, unit=unit: o.unit_id == unit).partner_id
        ]
        return domain | Domain("id", "in", unit_ids)

    def _search_current_resident_ids(self, operator, value):
        return self._search_current_partner("occupancy_ids", operator, value)

    def _search_current_partner(self, period_field, operator, value):
        """Units whose periods in ``period_field`` (ownerships or occupancies)
        that hold on the context date have a partner matching the condition;
        ``in [False]`` matches the units without any such period."""
        if operator not in ("in", "any"):
            # "not in", "not any": the ORM negates the positive search
            return NotImplemented
        at_date = self.env[self._fields[period_field].comodel_name]._domain_at(self._context_date())
        domain = Domain.FALSE
        if operator == "in" and False in value:
            domain = Domain(period_field, "not any", at_date)
            value = [partner_id for partner_id in value if partner_id]
            if not value:
                return domain
        return domain | Domain(period_field, "any", Domain("partner_id", operator, value) & at_date)

    def _get_ownerships_at(self, date):
        self.ensure_one()
        # filtered() narrows the prefetch to the unit's own records: keep that of
        # all the units being read, so that their owners' names take one query
        ownerships = self.ownership_ids
        return ownerships.filtered(lambda o: o._is_valid_at(date)).with_prefetch(
            ownerships._prefetch_ids
        )

    def _get_owners_at(self, date):
        return self._get_ownerships_at(date).partner_id

    def _get_payer_at(self, date):
        """Who pays the unit's bills on ``date``: the primary payer among the
        owners of that day, or else the owner with the largest share."""
        ownerships = self._get_ownerships_at(date)
        primary = ownerships.filtered("is_primary_payer")
        if primary:
            return primary[0].partner_id
        if not ownerships:
            return self.env["res.partner"]
        return ownerships.sorted(lambda o: (-o.share, o.date_start, o.id))[0].partner_id

    def _get_residents_at(self, date):
        self.ensure_one()
        occupancies = self.occupancy_ids
        return (
            occupancies.filtered(lambda o: o._is_valid_at(date))
            .with_prefetch(occupancies._prefetch_ids)
            .partner_id
        )

    @api.constrains("gross_area", "net_area")
    def _check_area(self):
        for unit in self:
            if unit.gross_area <= 0:
                raise ValidationError(
                    self.env._(
                        "The gross area of unit %(unit)s must be positive.", unit=unit.display_name
                    )
                )
            if unit.net_area < 0 or (unit.net_area and unit.net_area > unit.gross_area):
                raise ValidationError(
                    self.env._(
                        "The net area of unit %(unit)s cannot be negative or larger than "
                        "its gross area.",
                        unit=unit.display_name,
                    )
                )

    @api.constrains("estate_id", "building_id")
    def _check_building_estate(self):
        for unit in self:
            if unit.building_id and unit.building_id.estate_id != unit.estate_id:
                raise ValidationError(
                    self.env._(
                        "Building %(building)s does not belong to estate %(estate)s.",
                        building=unit.building_id.name,
                        estate=unit.estate_id.name,
                    )
                )

    @api.onchange("building_id")
    def _onchange_building_id(self):
        if self.building_id:
            self.estate_id = self.building_id.estate_id

    def action_start_move_in(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Move-in"),
            "res_model": "property.move.in",
            "view_mode": "form",
            "target": "current",
            "context": {
                "default_unit_id": self.id,
                "default_partner_id": self.current_owner_ids[:1].id,
            },
        }

    def action_view_ownerships(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "property_base.property_ownership_action"
        )
        action["domain"] = [("unit_id", "=", self.id)]
        action["context"] = {"default_unit_id": self.id, "active_test": False}
        return action

    def action_view_occupancies(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "property_base.property_occupancy_action"
        )
        action["domain"] = [("unit_id", "=", self.id)]
        action["context"] = {"default_unit_id": self.id}
        return action

    def action_view_meters(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "property_base.property_meter_action"
        )
        action["domain"] = [("unit_id", "=", self.id)]
        action["context"] = {"default_unit_id": self.id}
        return action
