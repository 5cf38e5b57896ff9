from odoo import api, fields, models

from .maintenance_equipment import EQUIPMENT_SYSTEMS


class PropertyMaintenancePlanTemplate(models.Model):
    """A ready-made set of preventive tasks for one system (lifts, fire
    protection…): an estate's plan copies its tasks and checklists and is
    adapted there, the template stays as it is."""

    _name = "property.maintenance.plan.template"
    _description = "Preventive Maintenance Plan Template"
    _order = "sequence, name, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        comodel_name="res.company",
        index=True,
        help="Empty: the template is offered to every company.",
    )
    system = fields.Selection(selection=EQUIPMENT_SYSTEMS, required=True)
    description = fields.Text(
        translate=True, help="Scope of the template and the rules it follows."
    )
    task_ids = fields.One2many(
        comodel_name="property.maintenance.plan.template.task",
        inverse_name="template_id",
        string="Tasks",
        copy=True,
    )
    task_count = fields.Integer(compute="_compute_task_count")

    @api.depends("task_ids")
    def _compute_task_count(self):
        for template in self:
            template.task_count = len(template.task_ids)
