from odoo import api, fields, models
from odoo.exceptions import ValidationError

AREA_TYPES = [
    ("lobby", "Lobby"),
    ("corridor", "Corridor"),
    ("stairs", "Stairwell"),
    ("lift", "Lift"),
    ("plant_room", "Plant Room"),
    ("control_room", "Control Room"),
    ("roof", "Roof"),
    ("facade", "Facade"),
    ("fire_exit", "Fire Exit"),
    ("car_park", "Car Park"),
    ("garden", "Garden"),
    ("gate", "Gate"),
    ("restroom", "Restroom"),
    ("other", "Other"),
]


class PropertyCommonArea(models.Model):
    """A place of an estate or of one of its buildings that belongs to no unit
    (lobby, lift, pump room, roof, car park, garden, gate): the common-area
    level of the place hierarchy estate → building → unit. Repair requests,
    patrol checkpoints and equipment are located on it."""

    _name = "property.common.area"
    _description = "Common Area"
    _order = "estate_id, sequence, name, id"
    _rec_names_search = ["name", "building_id.name", "estate_id.name"]

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    area_type = fields.Selection(
        selection=AREA_TYPES, string="Type", required=True, default="other", index=True
    )
    estate_id = fields.Many2one(
        comodel_name="property.estate", required=True, index=True, ondelete="cascade"
    )
    building_id = fields.Many2one(
        comodel_name="property.building",
        index="btree_not_null",
        ondelete="cascade",
        domain="[('estate_id', '=', estate_id)]",
        help="Leave empty for an area of the whole estate (garden, gate, car park).",
    )
    company_id = fields.Many2one(
        related="estate_id.company_id", store=True, index=True, precompute=True
    )
    note = fields.Text()

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

    @api.onchange("building_id")
    def _onchange_building_id(self):
        if self.building_id:
            self.estate_id = self.building_id.estate_id
