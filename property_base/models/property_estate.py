from odoo import Command, api, fields, models


class PropertyEstate(models.Model):
    _name = "property.estate"
    _description = "Estate"
    _inherit = ["mail.thread", "mail.activity.mixin", "image.mixin", "property.input.mixin"]
    _order = "sequence, name, id"

    name = fields.Char(required=True, tracking=True, translate=False)
    code = fields.Char(
        size=32, help="Short code used in reports and unit references.", tracking=True
    )
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    color = fields.Integer()
    estate_type = fields.Selection(
        selection=[
            ("residential", "Residential"),
            ("commercial", "Commercial"),
            ("mixed", "Mixed use"),
        ],
        string="Type",
        required=True,
        default="residential",
        tracking=True,
    )
    company_id = fields.Many2one(
        comodel_name="res.company",
        required=True,
        index=True,
        default=lambda self: self.env.company,
        tracking=True,
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    manager_id = fields.Many2one(
        comodel_name="res.users",
        string="Estate Manager",
        domain="[('share', '=', False)]",
        tracking=True,
    )
    user_ids = fields.Many2many(
        comodel_name="res.users",
        relation="property_estate_res_users_rel",
        column1="estate_id",
        column2="user_id",
        string="Staff",
        domain="[('share', '=', False)]",
        help="Staff working on this estate: they see its units, owners, bills and tickets.",
    )
    resource_calendar_id = fields.Many2one(
        comodel_name="resource.calendar",
        string="Working Hours",
        default=lambda self: self.env.company.resource_calendar_id,
        help="Service desk working hours of the estate, used for service-level targets.",
    )
    street = fields.Char()
    street2 = fields.Char()
    city = fields.Char()
    zip = fields.Char()
    state_id = fields.Many2one(
        comodel_name="res.country.state",
        string="Province",
        domain="[('country_id', '=?', country_id)]",
    )
    country_id = fields.Many2one(comodel_name="res.country")
    phone = fields.Char(string="Service Phone")
    description = fields.Html()
    building_ids = fields.One2many(
        comodel_name="property.building", inverse_name="estate_id", string="Buildings"
    )
    unit_ids = fields.One2many(
        comodel_name="property.unit", inverse_name="estate_id", string="Units"
    )
    common_area_ids = fields.One2many(
        comodel_name="property.common.area", inverse_name="estate_id", string="Common Areas"
    )
    move_in_document_ids = fields.Many2many(
        comodel_name="property.move.in.document",
        string="Move-in Documents",
        help="Documents a new resident signs at move-in in this estate.",
    )
    building_count = fields.Integer(compute="_compute_counts")
    unit_count = fields.Integer(compute="_compute_counts")
    occupied_unit_count = fields.Integer(compute="_compute_counts")
    occupancy_rate = fields.Float(
        compute="_compute_counts", help="Share of units that are occupied, in %."
    )
    total_gross_area = fields.Float(
        string="Total Gross Area (m²)", compute="_compute_counts", digits=(16, 2)
    )
    common_area_count = fields.Integer(compute="_compute_common_area_count")

    _code_company_uniq = models.UniqueIndex(
        "(company_id, code) WHERE code IS NOT NULL",
        "An estate code must be unique within a company.",
    )

    @api.model_create_multi
    def create(self, vals_list):
        estates = super().create(vals_list)
        estates._property_link_managers()
        if any("user_ids" in vals for vals in vals_list):
            self.env.registry.clear_cache()
        return estates

    def write(self, vals):
        res = super().write(vals)
        if "manager_id" in vals:
            self._property_link_managers()
        if "user_ids" in vals:
            # record rules read the users' estates: their cache must follow
            self.env.registry.clear_cache()
        return res

    def _property_link_managers(self):
        """The estate manager works on the estate he manages."""
        for estate in self.filtered("manager_id"):
            if estate.manager_id not in estate.sudo().user_ids:
                estate.sudo().user_ids = [Command.link(estate.manager_id.id)]

    @api.depends("building_ids", "unit_ids.state", "unit_ids.gross_area")
    def _compute_counts(self):
        building_counts = {
            estate.id: count
            for estate, count in self.env["property.building"]._read_group(
                [("estate_id", "in", self.ids)], ["estate_id"], ["__count"]
            )
        }
        unit_stats = {}
        for estate, state, count, area in self.env["property.unit"]._read_group(
            [("estate_id", "in", self.ids)],
            ["estate_id", "state"],
            ["__count", "gross_area:sum"],
        ):
            stats = unit_stats.setdefault(estate.id, {"count": 0, "occupied": 0, "area": 0.0})
            stats["count"] += count
            stats["area"] += area
            if state == "occupied":
                stats["occupied"] += count
        for estate in self:
            stats = unit_stats.get(estate.id, {"count": 0, "occupied": 0, "area": 0.0})
            estate.building_count = building_counts.get(estate.id, 0)
            estate.unit_count = stats["count"]
            estate.occupied_unit_count = stats["occupied"]
            estate.total_gross_area = stats["area"]
            estate.occupancy_rate = (
                100.0 * stats["occupied"] / stats["count"] if stats["count"] else 0.0
            )

    @api.depends("common_area_ids")
    def _compute_common_area_count(self):
        counts = dict(
            self.env["property.common.area"]._read_group(
                [("estate_id", "in", self.ids)], ["estate_id"], ["__count"]
            )
        )
        for estate in self:
            estate.common_area_count = counts.get(estate, 0)

    def action_view_buildings(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "property_base.property_building_action"
        )
        action["domain"] = [("estate_id", "=", self.id)]
        action["context"] = {"default_estate_id": self.id}
        return action

    def action_view_units(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("property_base.property_unit_action")
        action["domain"] = [("estate_id", "=", self.id)]
        action["context"] = {"default_estate_id": self.id, "search_default_group_building": 1}
        return action

    def action_view_common_areas(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "property_base.property_common_area_action"
        )
        action["domain"] = [("estate_id", "=", self.id)]
        action["context"] = {"default_estate_id": self.id, "search_default_group_building": 1}
        return action
