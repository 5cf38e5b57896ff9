from odoo import api, fields, models
from odoo.exceptions import ValidationError


class PropertyPatrolCheckpoint(models.Model):
    """A stop of a patrol: a piece of equipment, a common area of the estate
    (pump room, roof, fire exit, garden), or an equipment in its area."""

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
    common_area_id = fields.Many2one(
        comodel_name="property.common.area",
        string="Common Area",
        index="btree_not_null",
        ondelete="restrict",
        domain="[('estate_id', '=', estate_id),"
        " '|', ('building_id', '=', False), ('building_id', '=?', building_id)]",
        help="The place patrolled: plant room, roof, fire exit, garden…",
    )
    area_type = fields.Selection(related="common_area_id.area_type")
    equipment_id = fields.Many2one(
        comodel_name="maintenance.equipment",
        domain="[('estate_id', '=', estate_id),"
        " '|', ('common_area_id', '=', False), ('common_area_id', '=?', common_area_id)]",
        ondelete="restrict",
    )
    building_id = fields.Many2one(
        comodel_name="property.building",
        compute="_compute_building_id",
        store=True,
        readonly=False,
        precompute=True,
        domain="[('estate_id', '=', estate_id)]",
    )
    item_ids = fields.One2many(
        comodel_name="property.patrol.item",
        inverse_name="checkpoint_id",
        string="Checklist",
        copy=True,
    )

    @api.depends("common_area_id", "equipment_id")
    def _compute_building_id(self):
        for checkpoint in self:
            checkpoint.building_id = (
                checkpoint.common_area_id.building_id
                or checkpoint.equipment_id.building_id
                or checkpoint.building_id
            )

    @api.constrains("estate_id", "common_area_id", "equipment_id")
    def _check_place(self):
        for checkpoint in self:
            equipment = checkpoint.equipment_id
            area = checkpoint.common_area_id
            if not equipment and not area:
                raise ValidationError(
                    self.env._(
                        "Choose the equipment or the common area of the checkpoint %s.",
                        checkpoint.name,
                    )
                )
            if equipment and equipment.estate_id != checkpoint.estate_id:
                raise ValidationError(
                    self.env._(
                        "The equipment of the checkpoint %s is not in its estate.",
                        checkpoint.name,
                    )
                )
            if area and area.estate_id != checkpoint.estate_id:
                raise ValidationError(
                    self.env._(
                        "The common area of the checkpoint %s is not in its estate.",
                        checkpoint.name,
                    )
                )
            if equipment.common_area_id and area and equipment.common_area_id != area:
                raise ValidationError(
                    self.env._(
                        "The equipment %(equipment)s of the checkpoint %(checkpoint)s is in "
                        "%(equipment_area)s, not in %(area)s.",
                        equipment=equipment.display_name,
                        checkpoint=checkpoint.name,
                        equipment_area=equipment.common_area_id.display_name,
                        area=area.display_name,
                    )
                )

    @api.onchange("equipment_id")
    def _onchange_equipment_id(self):
        if self.equipment_id.common_area_id and not self.common_area_id:
            self.common_area_id = self.equipment_id.common_area_id
