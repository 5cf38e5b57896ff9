from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import SQL

INTERVAL_UNITS = [
    ("day", "Days"),
    ("week", "Weeks"),
    ("month", "Months"),
    ("year", "Years"),
]

# Context of the batch creation of requests: no chatter messages, no tracking,
# no automatic subscription (followers are added per batch afterwards).
QUIET_CONTEXT = {
    "tracking_disable": True,
    "mail_create_nolog": True,
    "mail_create_nosubscribe": True,
    "mail_notrack": True,
    "mail_activity_quick_update": True,
}


class PropertyMaintenancePlanTask(models.Model):
    _name = "property.maintenance.plan.task"
    _description = "Preventive Maintenance Task"
    _inherit = ["property.input.mixin"]
    _order = "plan_id, sequence, id"

    name = fields.Char(required=True, help="What is done, e.g. Quarterly pump overhaul.")
    sequence = fields.Integer(default=10)
    plan_id = fields.Many2one(
        comodel_name="property.maintenance.plan",
        required=True,
        index=True,
        ondelete="cascade",
    )
    estate_id = fields.Many2one(related="plan_id.estate_id", store=True, index=True)
    company_id = fields.Many2one(related="plan_id.company_id", store=True)
    interval_number = fields.Integer(string="Every", required=True, default=1)
    interval_unit = fields.Selection(
        selection=INTERVAL_UNITS, string="Unit", required=True, default="month"
    )
    date_start = fields.Date(
        string="First Due Date",
        help="First due date; the next ones follow at the interval, counted from this date "
        "(a task starting on 31 January falls due on 28/29 February, then on 31 March). "
        "Empty: the plan's start date.",
    )
    team_id = fields.Many2one(
        comodel_name="maintenance.team",
        string="Responsible Team",
        help="Empty: the plan's team, then the equipment's team.",
    )
    user_id = fields.Many2one(
        comodel_name="res.users",
        string="Responsible",
        domain="[('share', '=', False)]",
        help="Empty: the plan's responsible, then the equipment's technician.",
    )
    duration = fields.Float(string="Duration (hours)")
    standard = fields.Text(string="Acceptance Standard")
    checklist_ids = fields.One2many(
        comodel_name="property.maintenance.plan.step",
        inverse_name="task_id",
        string="Checklist",
        copy=True,
    )

    @api.constrains("interval_number")
    def _check_interval_number(self):
        for task in self:
            if task.interval_number <= 0:
                raise ValidationError(
                    self.env._(
                        "The task %(task)s of the plan %(plan)s must repeat at an interval "
                        "of at least 1 (got %(interval)s).",
                        task=task.name,
                        plan=task.plan_id.name,
                        interval=task.interval_number,
                    )
                )

    def _get_equipment(self):
        self.ensure_one()
        return self.plan_id._get_equipment()

    def _get_interval(self, count):
        self.ensure_one()
        return relativedelta(**{f"{self.interval_unit}s": self.interval_number * count})

    def _get_due_dates(self, date_from, date_to):
        """Due dates of the task in [date_from, date_to].

        Each date is computed from the first due date (anchor + k × interval),
        never from the previous occurrence, so that month ends do not drift:
        31 Jan, 28 Feb, 31 Mar, 30 Apr…
        """
        self.ensure_one()
        anchor = self.date_start or self.plan_id.date_start
        date_from = max(date_from, anchor, self.plan_id.date_start)
        if self.plan_id.date_end:
            date_to = min(date_to, self.plan_id.date_end)
        if date_from > date_to:
            return []
        # Skip straight to the neighbourhood of date_from.
        days = (date_from - anchor).days
        approx_days = {"day": 1, "week": 7, "month": 28, "year": 365}[self.interval_unit]
        count = max(0, days // (approx_days * self.interval_number) - 2)
        dates = []
        while True:
            due = anchor + self._get_interval(count)
            if due > date_to:
                break
            if due >= date_from:
                dates.append(due)
            count += 1
        return dates

    def _prepare_request_values(self, equipment, due_date, defaults):
        """Values of the request of this task for one equipment and due date.

        ``defaults`` holds what is the same for every request of the batch
        (stage, default team) so that nothing is searched per request. The
        checklist is not copied: the request shows its task's checklist.
        """
        self.ensure_one()
        plan = self.plan_id
        return {
            "name": f"{self.name} - {equipment.name}",
            "maintenance_type": "preventive",
            "source": "plan",
            "plan_id": plan.id,
            "plan_task_id": self.id,
            "plan_due_date": due_date,
            "request_date": due_date,
            "equipment_id": equipment.id,
            "estate_id": equipment.estate_id.id,
            "building_id": equipment.building_id.id,
            "system": equipment.system,
            "company_id": equipment.company_id.id or plan.company_id.id,
            "maintenance_team_id": (
                self.team_id.id
                or plan.team_id.id
                or equipment.maintenance_team_id.id
                or defaults["team_id"]
            ),
            "stage_id": defaults["stage_id"],
            "duration": self.duration,
            # Set per batch afterwards: the request's create subscribes its
            # users one request at a time.
            "owner_user_id": False,
            "user_id": False,
            "target_hours": 0.0,
        }

    def _get_existing_keys(self, date_from, date_to):
        if not self:
            return set()
        self.env["maintenance.request"].flush_model(
            ["plan_task_id", "equipment_id", "plan_due_date"]
        )
        self.env.cr.execute(
            SQL(
                "SELECT plan_task_id, equipment_id, plan_due_date FROM maintenance_request "
                "WHERE plan_task_id = ANY(%s) AND plan_due_date BETWEEN %s AND %s",
                self.ids,
                date_from,
                date_to,
            )
        )
        return set(self.env.cr.fetchall())

    def _generate_requests(self, date_from=None, date_to=None, batch_size=2000):
        """Create the missing requests of the tasks due between date_from
        (default today) and date_to (default today + the plan's horizon).

        Running it again creates nothing new: requests already generated for
        a task, equipment and due date are skipped (and a unique index on
        these three guards the rule in the database).
        """
        today = fields.Date.context_today(self)
        date_from = date_from or today
        Request = self.env["maintenance.request"].with_context(**QUIET_CONTEXT)
        default_stage = self.env["maintenance.stage"].search([], order="sequence, id", limit=1)
        default_team_id = Request._get_default_team_id()
        tasks = self.filtered(lambda t: t.plan_id.active)
        horizon_end = {
            task: date_to or today + relativedelta(days=task.plan_id.horizon_days) for task in tasks
        }
        if not tasks:
            return Request
        existing = tasks._get_existing_keys(date_from, max(horizon_end.values()))
        equipment_of_plan = {}
        vals_list = []
        for task in tasks:
            plan = task.plan_id
            if plan not in equipment_of_plan:
                equipment_of_plan[plan] = plan._get_equipment()
            equipment = equipment_of_plan[plan]
            due_dates = task._get_due_dates(date_from, horizon_end[task])
            if not due_dates or not equipment:
                continue
            defaults = {"stage_id": default_stage.id, "team_id": default_team_id}
            for due_date in due_dates:
                for item in equipment:
                    if (task.id, item.id, due_date) in existing:
                        continue
                    existing.add((task.id, item.id, due_date))
                    vals_list.append(task._prepare_request_values(item, due_date, defaults))
        requests = Request
        for start in range(0, len(vals_list), batch_size):
            batch = Request.create(vals_list[start : start + batch_size])
            batch._assign_generated_users()
            requests |= batch
        return requests
