from odoo import api, fields, models
from odoo.exceptions import ValidationError

from .property_maintenance_plan_task import INTERVAL_UNITS


class PropertyMaintenancePlanTemplateTask(models.Model):
    _name = "property.maintenance.plan.template.task"
    _description = "Preventive Maintenance Template Task"
    _inherit = ["property.input.mixin"]
    _order = "template_id, sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    template_id = fields.Many2one(
        comodel_name="property.maintenance.plan.template",
        required=True,
        index=True,
        ondelete="cascade",
    )
    company_id = fields.Many2one(related="template_id.company_id", store=True)
    interval_number = fields.Integer(string="Every", required=True, default=1)
    interval_unit = fields.Selection(
        selection=INTERVAL_UNITS, string="Unit", required=True, default="month"
    )
    duration = fields.Float(string="Duration (hours)")
    standard = fields.Text(string="Acceptance Standard", translate=True)
    step_ids = fields.One2many(
        comodel_name="property.maintenance.plan.template.step",
        inverse_name="task_id",
        string="Checklist",
        copy=True,
    )
    step_count = fields.Integer(compute="_compute_step_count")

    @api.depends("step_ids")
    def _compute_step_count(self):
        for task in self:
            task.step_count = len(task.step_ids)

    @api.constrains("interval_number")
    def _check_interval_number(self):
        for task in self:
            if task.interval_number <= 0:
                raise ValidationError(
                    self.env._(
                        "The task %(task)s of the template %(template)s must repeat at an "
                        "interval of at least 1 (got %(interval)s).",
                        task=task.name,
                        template=task.template_id.name,
                        interval=task.interval_number,
                    )
                )

    def _prepare_plan_step_values(self):
        """Values of the checklist steps of a plan task made from this task."""
        self.ensure_one()
        return [
            {"sequence": step.sequence, "name": step.name, "standard": step.standard}
            for step in self.step_ids
        ]
