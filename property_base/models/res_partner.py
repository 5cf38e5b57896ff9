from odoo import api, fields, models


class ResPartner(models.Model):
    _inherit = "res.partner"

    property_ownership_ids = fields.One2many(
        comodel_name="property.ownership", inverse_name="partner_id", string="Ownerships"
    )
    property_occupancy_ids = fields.One2many(
        comodel_name="property.occupancy", inverse_name="partner_id", string="Occupancies"
    )
    property_owned_unit_ids = fields.Many2many(
        comodel_name="property.unit",
        string="Owned Units",
        compute="_compute_property_units",
        help="Units this partner owns today.",
    )
    property_resident_unit_ids = fields.Many2many(
        comodel_name="property.unit",
        string="Lives in",
        compute="_compute_property_units",
        help="Units this partner lives in today.",
    )
    property_unit_count = fields.Integer(string="Units", compute="_compute_property_units")

    @api.depends(
        "property_ownership_ids.date_start",
        "property_ownership_ids.date_end",
        "property_occupancy_ids.date_start",
        "property_occupancy_ids.date_end",
    )
    @api.depends_context("date")
    def _compute_property_units(self):
        today = self.env["property.unit"]._context_date()
        for partner in self:
            owned = partner.property_ownership_ids.filtered(lambda o: o._is_valid_at(today)).unit_id
            lived = partner.property_occupancy_ids.filtered(lambda o: o._is_valid_at(today)).unit_id
            partner.property_owned_unit_ids = owned
            partner.property_resident_unit_ids = lived
            partner.property_unit_count = len(owned | lived)

    def action_view_property_units(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("property_base.property_unit_action")
        action["domain"] = [
            "|",
            ("ownership_ids.partner_id", "=", self.id),
            ("occupancy_ids.partner_id", "=", self.id),
        ]
        action["context"] = {}
        return action
