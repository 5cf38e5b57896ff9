from odoo import api, fields, models
from odoo.exceptions import ValidationError

PLACE_TYPES = [
    ("equipment", "Equipment"),
    ("plant_room", "Plant Room"),
    ("roof", "Roof"),
    ("fire_exit", "Fire Exit"),
    ("common_area", "Common Area"),
    ("floor", "Floors"),
    ("wall", "Walls and Ceilings"),
    ("door_window", "Doors and Windows"),
    ("stairs", "Stairs and Handrails"),
    ("roof_surface", "Roof Surface"),
    ("facade", "Facade"),
    ("other", "Other"),
]


class PropertyPatrolCheckpoint(models.Model):
    _name = "property.patrol.checkpoint"
    _description = "Patrol Checkpoint"
    _order = "estate_id, sequence, name, id"

    name = fields.Char(required=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    code = fields.Char(help="Code of the label (QR code) fixed at the checkpoint.")
    estate_id = fields.Many2one(
        comodel_name="property.estate", required=True, index=True, ondelete="restrict"
    )
    company_id = fields.Many2one(
        related="estate_id.company_id", store=True, index=True, precompute=True
    )
    building_id = fields.Many2one(
        comodel_name="property.building", domain="[('estate_id', '=', estate_id)]"
    )
    place_type = fields.Selection(selection=PLACE_TYPES, required=True, default="equipment")
    equipment_id = fields.Many2one(
        comodel_name="maintenance.equipment",
        domain="[('estate_id', '=', estate_id)]",
        ondelete="restrict",
    )
    item_ids = fields.One2many(
        comodel_name="property.patrol.item",
        inverse_name="checkpoint_id",
        string="Checklist",
        copy=True,
    )

    @api.constrains("equipment_id", "estate_id", "place_type")
    def _check_equipment(self):
        for checkpoint in self:
            if checkpoint.place_type == "equipment" and not checkpoint.equipment_id:
                raise ValidationError(
                    self.env._("The checkpoint %s is an equipment: choose it.", checkpoint.name)
                )
            if (
                checkpoint.equipment_id
                and checkpoint.equipment_id.estate_id != checkpoint.estate_id
            ):
                raise ValidationError(
                    self.env._(
                        "The equipment of the checkpoint %s is not in its estate.",
                        checkpoint.name,
                    )
                )
