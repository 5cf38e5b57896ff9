from odoo import api, fields, models


class PropertyBuilding(models.Model):
    _name = "property.building"
    _description = "Building"
    _inherit = ["mail.thread", "property.input.mixin"]
    _order = "estate_id, sequence, code, id"
    _rec_names_search = ["name", "code", "estate_id.name"]

    name = fields.Char(required=True, tracking=True)
    code = fields.Char(
        required=True,
        size=32,
        tracking=True,
        help="Building number used in unit references, e.g. 3 in 3-2-1201.",
    )
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    estate_id = fields.Many2one(
        comodel_name="property.estate",
        required=True,
        index=True,
        ondelete="cascade",
        tracking=True,
    )
    company_id = fields.Many2one(
        related="estate_id.company_id", store=True, index=True, precompute=True
    )
    building_type = fields.Selection(
        selection=[
            ("residential", "Residential"),
            ("office", "Office"),
            ("retail", "Retail"),
            ("garage", "Garage"),
            ("mixed", "Mixed use"),
        ],
        string="Type",
        default="residential",
    )
    floor_count = fields.Integer(string="Floors above Ground")
    basement_count = fields.Integer(string="Basement Levels")
    entrance_count = fields.Integer(string="Entrances", default=1)
    completion_year = fields.Integer()
    unit_ids = fields.One2many(
        comodel_name="property.unit", inverse_name="building_id", string="Units"
    )
    unit_count = fields.Integer(compute="_compute_unit_count")
    common_area_ids = fields.One2many(
        comodel_name="property.common.area", inverse_name="building_id", string="Common Areas"
    )
    common_area_count = fields.Integer(compute="_compute_common_area_count")
    note = fields.Text()

    _code_estate_uniq = models.UniqueIndex(
        "(estate_id, code)", "A building code must be unique within its estate."
    )

    @api.depends("unit_ids")
    def _compute_unit_count(self):
        counts = {
            building.id: count
            for building, count in self.env["property.unit"]._read_group(
                [("building_id", "in", self.ids)], ["building_id"], ["__count"]
            )
        }
        for building in self:
            building.unit_count = counts.get(building.id, 0)

    @api.depends("common_area_ids")
    def _compute_common_area_count(self):
        counts = dict(
            self.env["property.common.area"]._read_group(
                [("building_id", "in", self.ids)], ["building_id"], ["__count"]
            )
        )
        for building in self:
            building.common_area_count = counts.get(building, 0)

    @api.depends("name", "estate_id.name")
    def _compute_display_name(self):
        for building in self:
            building.display_name = (
                f"{building.estate_id.name} · {building.name}"
                if building.estate_id
                else building.name
            )

    def action_view_units(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("property_base.property_unit_action")
        action["domain"] = [("building_id", "=", self.id)]
        action["context"] = {
            "default_estate_id": self.estate_id.id,
            "default_building_id": self.id,
        }
        return action

    def action_view_common_areas(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "property_base.property_common_area_action"
        )
        action["domain"] = [("building_id", "=", self.id)]
        action["context"] = {
            "default_estate_id": self.estate_id.id,
            "default_building_id": self.id,
        }
        return action
