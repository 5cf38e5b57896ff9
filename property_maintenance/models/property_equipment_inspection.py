from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

INSPECTION_TYPES = [
    ("elevator_annual", "Elevator Annual Inspection"),
    ("fire_system", "Fire System Test"),
    ("pressure_vessel", "Pressure Vessel Inspection"),
    ("lightning", "Lightning Protection Test"),
    ("water_quality", "Secondary Water Supply Hygiene Test"),
    ("electrical", "High-voltage Electrical Test"),
    ("other", "Other"),
]


class PropertyEquipmentInspection(models.Model):
    _name = "property.equipment.inspection"
    _description = "Statutory Inspection"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "due_date, id"

    name = fields.Char(
        compute="_compute_name", store=True, readonly=False, required=True, precompute=True
    )
    equipment_id = fields.Many2one(
        comodel_name="maintenance.equipment",
        required=True,
        index=True,
        ondelete="cascade",
        tracking=True,
    )
    estate_id = fields.Many2one(related="equipment_id.estate_id", store=True, index=True)
    system = fields.Selection(related="equipment_id.system", store=True)
    company_id = fields.Many2one(
        related="equipment_id.company_id", store=True, index=True, precompute=True
    )
    inspection_type = fields.Selection(
        selection=INSPECTION_TYPES, required=True, default="other", tracking=True
    )
    authority = fields.Char(
        string="Inspection Body", help="Special equipment inspection institute, fire brigade…"
    )
    due_date = fields.Date(required=True, index=True, tracking=True)
    interval_months = fields.Integer(
        string="Every (months)",
        default=12,
        help="When this inspection is done, the next one falls due this many months later.",
    )
    reminder_days = fields.Integer(
        string="Remind (days before)",
        default=30,
        help="A reminder activity is scheduled this many days before the due date.",
    )
    responsible_id = fields.Many2one(
        comodel_name="res.users",
        string="Responsible",
        domain="[('share', '=', False)]",
        help="Gets the reminder; by default the equipment's technician or the estate manager.",
    )
    done_date = fields.Date(tracking=True, copy=False)
    certificate_number = fields.Char(copy=False)
    result_note = fields.Text(copy=False)
    state = fields.Selection(
        selection=[("planned", "Planned"), ("done", "Done")],
        default="planned",
        required=True,
        tracking=True,
        copy=False,
    )
    reminder_sent = fields.Boolean(copy=False, readonly=True)
    is_overdue = fields.Boolean(compute="_compute_is_overdue", search="_search_is_overdue")

    @api.depends("inspection_type", "equipment_id.name")
    def _compute_name(self):
        """The name of the inspection's type, in the language of its company
        (a scheduled action renews inspections, whoever reads them)."""
        field = self._fields["inspection_type"]
        for inspection in self:
            if not inspection.name:
                company = inspection.company_id or self.env.company
                env = self.with_context(lang=company._property_lang()).env
                types = dict(field._description_selection(env))
                inspection.name = types.get(inspection.inspection_type, "")

    def _compute_is_overdue(self):
        today = fields.Date.context_today(self)
        for inspection in self:
            inspection.is_overdue = inspection.state != "done" and inspection.due_date < today

    def _search_is_overdue(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(self.env._("Unsupported search on overdue inspections."))
        overdue = [("state", "!=", "done"), ("due_date", "<", fields.Date.context_today(self))]
        if (operator == "=") == value:
            return overdue
        return ["!", "&", *overdue]

    @api.constrains("due_date", "equipment_id")
    def _check_due_date(self):
        for inspection in self:
            installed = inspection.equipment_id.installation_date
            if installed and inspection.due_date and inspection.due_date < installed:
                raise ValidationError(
                    self.env._(
                        "The inspection %(inspection)s of %(equipment)s cannot fall due "
                        "on %(due)s, before the equipment was installed (%(installed)s).",
                        inspection=inspection.name,
                        equipment=inspection.equipment_id.display_name,
                        due=inspection.due_date,
                        installed=installed,
                    )
                )

    @api.constrains("interval_months", "reminder_days")
    def _check_intervals(self):
        for inspection in self:
            if inspection.interval_months < 0 or inspection.reminder_days < 0:
                raise ValidationError(
                    self.env._("The inspection interval and the reminder days cannot be negative.")
                )

    def write(self, vals):
        if "due_date" in vals:
            vals = dict(vals, reminder_sent=False)
        return super().write(vals)

    def _get_reminder_user(self):
        self.ensure_one()
        return (
            self.responsible_id
            or self.equipment_id.technician_user_id
            or self.estate_id.manager_id
            or self.equipment_id.owner_user_id
            or self.env.user
        )

    def _prepare_next_inspection_values(self):
        self.ensure_one()
        return {
            "equipment_id": self.equipment_id.id,
            "name": self.name,
            "inspection_type": self.inspection_type,
            "authority": self.authority,
            "due_date": self.due_date + relativedelta(months=self.interval_months),
            "interval_months": self.interval_months,
            "reminder_days": self.reminder_days,
            "responsible_id": self.responsible_id.id,
        }

    def action_done(self):
        """Record the inspection as passed and plan the next one."""
        next_values = []
        for inspection in self:
            if inspection.state == "done":
                raise UserError(
                    self.env._("The inspection %s is already done.", inspection.display_name)
                )
            if inspection.interval_months:
                next_values.append(inspection._prepare_next_inspection_values())
        self.write({"state": "done", "done_date": fields.Date.context_today(self)})
        self.activity_feedback(["mail.mail_activity_data_todo"])
        return self.create(next_values)

    @api.model
    def _cron_remind_inspections(self):
        """Schedule a to-do for every inspection entering its reminder window."""
        today = fields.Date.context_today(self)
        inspections = self.search(
            [
                ("state", "=", "planned"),
                ("reminder_sent", "=", False),
                ("equipment_id.active", "=", True),
            ]
        ).filtered(lambda i: i.due_date - relativedelta(days=i.reminder_days) <= today)
        for part in self.env["res.company"]._property_split_by_lang(inspections):
            part._schedule_reminders()
        inspections.write({"reminder_sent": True})
        return inspections

    def _schedule_reminders(self):
        """A to-do for the person in charge of each inspection of ``self``."""
        for inspection in self:
            inspection.activity_schedule(
                "mail.mail_activity_data_todo",
                date_deadline=inspection.due_date,
                summary=self.env._("Statutory inspection due: %s", inspection.name),
                note=self.env._(
                    "%(inspection)s of %(equipment)s falls due on %(due)s.",
                    inspection=inspection.name,
                    equipment=inspection.equipment_id.display_name,
                    due=inspection.due_date,
                ),
                user_id=inspection._get_reminder_user().id,
            )
