from odoo import Command, api, fields, models
from odoo.exceptions import ValidationError

from .maintenance_equipment import EQUIPMENT_SYSTEMS


class PropertyMaintenancePlan(models.Model):
    _name = "property.maintenance.plan"
    _description = "Preventive Maintenance Plan"
    _inherit = ["mail.thread", "mail.activity.mixin", "property.estate.mixin"]
    _order = "estate_id, date_start desc, name, id"

    name = fields.Char(required=True, tracking=True)
    template_id = fields.Many2one(
        comodel_name="property.maintenance.plan.template",
        string="Template",
        check_company=True,
        tracking=True,
        help="Choosing a template sets the plan on the template's system and replaces its "
        "tasks by copies of the template's tasks and checklists.",
    )
    active = fields.Boolean(default=True, tracking=True)
    plan_period = fields.Selection(
        selection=[("yearly", "Yearly Plan"), ("monthly", "Monthly Plan")],
        string="Plan Type",
        required=True,
        default="yearly",
    )
    date_start = fields.Date(required=True, default=fields.Date.context_today, tracking=True)
    date_end = fields.Date(tracking=True, help="Leave empty for a plan that runs on.")
    apply_on = fields.Selection(
        selection=[("equipment", "Selected Equipment"), ("system", "Whole System")],
        required=True,
        default="equipment",
        help="Per system: every active equipment of the system in the estate (or building) "
        "gets the tasks, including equipment added later.",
    )
    system = fields.Selection(selection=EQUIPMENT_SYSTEMS)
    building_id = fields.Many2one(
        comodel_name="property.building",
        domain="[('estate_id', '=', estate_id)]",
        help="Only the equipment of this building (for a plan per system).",
    )
    equipment_ids = fields.Many2many(
        comodel_name="maintenance.equipment",
        string="Equipment",
        domain="[('estate_id', '=', estate_id)]",
    )
    team_id = fields.Many2one(
        comodel_name="maintenance.team",
        string="Responsible Team",
        check_company=True,
    )
    user_id = fields.Many2one(
        comodel_name="res.users",
        string="Responsible",
        domain="[('share', '=', False)]",
        tracking=True,
    )
    horizon_days = fields.Integer(
        string="Horizon (days)",
        default=30,
        help="Requests are generated this many days ahead of their due date.",
    )
    task_ids = fields.One2many(
        comodel_name="property.maintenance.plan.task",
        inverse_name="plan_id",
        string="Tasks",
        copy=True,
    )
    request_ids = fields.One2many(
        comodel_name="maintenance.request", inverse_name="plan_id", string="Requests"
    )
    request_count = fields.Integer(compute="_compute_request_count")
    equipment_count = fields.Integer(compute="_compute_equipment_count")
    note = fields.Html()

    @api.depends("request_ids")
    def _compute_request_count(self):
        counts = dict(
            self.env["maintenance.request"]._read_group(
                [("plan_id", "in", self.ids)], ["plan_id"], ["__count"]
            )
        )
        for plan in self:
            plan.request_count = counts.get(plan, 0)

    @api.depends("apply_on", "equipment_ids", "system", "estate_id", "building_id")
    def _compute_equipment_count(self):
        for plan in self:
            plan.equipment_count = len(plan._get_equipment())

    @api.constrains("apply_on", "system", "date_start", "date_end", "horizon_days")
    def _check_plan(self):
        for plan in self:
            if plan.apply_on == "system" and not plan.system:
                raise ValidationError(
                    self.env._("The plan %s applies on a system: choose the system.", plan.name)
                )
            if plan.date_end and plan.date_end < plan.date_start:
                raise ValidationError(self.env._("The plan %s ends before it starts.", plan.name))
            if plan.horizon_days < 0:
                raise ValidationError(
                    self.env._("The horizon of the plan %s cannot be negative.", plan.name)
                )

    @api.constrains("equipment_ids", "estate_id")
    def _check_equipment_estate(self):
        for plan in self:
            strangers = plan.equipment_ids.filtered(
                lambda e, estate=plan.estate_id: e.estate_id != estate
            )
            if strangers:
                raise ValidationError(
                    self.env._(
                        "The equipment %(equipment)s is not in the estate %(estate)s of the plan.",
                        equipment=", ".join(strangers.mapped("display_name")),
                        estate=plan.estate_id.name,
                    )
                )

    @api.onchange("template_id")
    def _onchange_template_id(self):
        if not self.template_id:
            return
        # The tasks name the requests: copied in the language the company's
        # requests are written in (see _cron_generate_requests).
        lang = (self.company_id or self.env.company)._property_lang()
        template = self.template_id.with_context(lang=lang)
        if not self.name:
            self.name = template.name
        self.apply_on = "system"
        self.system = template.system
        self.task_ids = [Command.clear()] + [
            Command.create(self._prepare_task_values_from_template(task))
            for task in template.task_ids
        ]

    def _prepare_task_values_from_template(self, template_task):
        """Values of the plan task copied from ``template_task`` (read in the
        language the copy is written in), with its checklist."""
        return {
            "sequence": template_task.sequence,
            "name": template_task.name,
            "interval_number": template_task.interval_number,
            "interval_unit": template_task.interval_unit,
            "duration": template_task.duration,
            "standard": template_task.standard,
            "checklist_ids": [
                Command.create(values) for values in template_task._prepare_plan_step_values()
            ],
        }

    def _get_equipment(self):
        """The equipment the plan's tasks apply to."""
        self.ensure_one()
        if self.apply_on == "equipment":
            return self.equipment_ids.filtered("active")
        domain = [("estate_id", "=", self.estate_id.id), ("system", "=", self.system)]
        if self.building_id:
            domain.append(("building_id", "=", self.building_id.id))
        return self.env["maintenance.equipment"].search(domain, order="id")

    def action_generate_requests(self):
        """Generate the requests due within the horizon now (as the daily cron does)."""
        requests = self.task_ids._generate_requests()
        if len(self) != 1:
            return True
        action = self.action_view_requests()
        if requests:
            action["domain"] = [("id", "in", requests.ids)]
        return action

    def action_view_requests(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "property_maintenance.maintenance_request_action_plan"
        )
        action["domain"] = [("plan_id", "=", self.id)]
        action["context"] = {}
        return action

    @api.model
    def _cron_generate_requests(self):
        """Daily: create the requests of every active plan due within its horizon,
        one committed chunk per plan."""
        cron = self.env["ir.cron"]
        # Commit plan by plan under the scheduler only: called directly (a
        # test, a shell), the caller owns the transaction.
        in_cron = bool(self.env.context.get("ir_cron_progress_id"))
        plans = self.search([("task_ids", "!=", False)])
        remaining = len(plans)
        for plan in plans:
            # Requests named and described in the language of the plan's company.
            plan = plan.with_context(lang=plan.company_id._property_lang())
            plan.task_ids._generate_requests()
            remaining -= 1
            if in_cron and cron._commit_progress(1, remaining=remaining) <= 0:
                break

    def action_export_compliance_xlsx(self):
        """Plan compliance of the selected plans (of all plans when none) as xlsx."""
        report = self.env.ref("property_maintenance.action_report_plan_compliance_xlsx")
        return report.report_action(self, config=False)
