from odoo import fields, models


class PropertyMaintenancePlanTemplateStep(models.Model):
    _name = "property.maintenance.plan.template.step"
    _description = "Preventive Maintenance Template Checklist Step"
    _order = "task_id, sequence, id"

    sequence = fields.Integer(default=10)
    task_id = fields.Many2one(
        comodel_name="property.maintenance.plan.template.task",
        required=True,
        index=True,
        ondelete="cascade",
    )
    name = fields.Char(string="Step", required=True, translate=True)
    standard = fields.Char(
        translate=True, help="What a good result looks like, e.g. insulation ≥ 0.5 MΩ."
    )
