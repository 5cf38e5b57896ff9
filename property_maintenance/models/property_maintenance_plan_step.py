from odoo import fields, models


class PropertyMaintenancePlanStep(models.Model):
    _name = "property.maintenance.plan.step"
    _description = "Preventive Maintenance Checklist Step"
    _order = "task_id, sequence, id"

    sequence = fields.Integer(default=10)
    task_id = fields.Many2one(
        comodel_name="property.maintenance.plan.task",
        required=True,
        index=True,
        ondelete="cascade",
    )
    name = fields.Char(string="Step", required=True)
    standard = fields.Char(help="What a good result looks like, e.g. insulation ≥ 0.5 MΩ.")
