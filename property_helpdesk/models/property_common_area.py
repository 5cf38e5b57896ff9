from odoo import api, fields, models
from odoo.exceptions import ValidationError


class PropertyCommonArea(models.Model):
    """A place of an estate that belongs to no unit (lobby, lift, garden,
    car park, pump room), where repairs and complaints can be located."""

    _name = "property.common.area"
    _description = "Common Area"
    _order = "estate_id, sequence, name, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    estate_id = fields.Many2one(
        comodel_name="property.estate", required=True, index=True, ondelete="cascade"
    )
    building_id = fields.Many2one(
        comodel_name="property.building",
        ondelete="cascade",
        domain="[('estate_id', '=', estate_id)]",
        help="Leave empty for an area of the whole estate (garden, gate, car park).",
    )
    company_id = fields.Many2one(
        related="estate_id.company_id", store=True, index=True, precompute=True
    )

    @api.depends("name", "building_id.name", "estate_id.name")
    def _compute_display_name(self):
        for area in self:
            parts = [area.estate_id.name, area.building_id.name, area.name]
            area.display_name = " · ".join(part for part in parts if part)

    @api.constrains("estate_id", "building_id")
    def _check_building_estate(self):
        for area in self:
            if area.building_id and area.building_id.estate_id != area.estate_id:
                raise ValidationError(
                    self.env._(
                        "Building %(building)s does not belong to estate %(estate)s.",
                        building=area.building_id.name,
                        estate=area.estate_id.name,
                    )
                )
