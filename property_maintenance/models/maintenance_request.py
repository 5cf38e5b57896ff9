from collections import defaultdict

from odoo import api, fields, models
from odoo.tools import SQL

from .maintenance_equipment import EQUIPMENT_SYSTEMS

# Hours from report to repair by priority (industry defaults: urgent repairs
# within 4 hours, ordinary ones within a day).
TARGET_HOURS = {"3": 4.0, "2": 24.0, "1": 48.0, "0": 72.0}


class MaintenanceRequest(models.Model):
    _inherit = "maintenance.request"

    estate_id = fields.Many2one(
        comodel_name="property.estate",
        compute="_compute_estate_id",
        store=True,
        readonly=False,
        precompute=True,
        index="btree_not_null",
    )
    building_id = fields.Many2one(
        comodel_name="property.building",
        compute="_compute_estate_id",
        store=True,
        readonly=False,
        precompute=True,
        domain="[('estate_id', '=', estate_id)]",
    )
    system = fields.Selection(
        selection=EQUIPMENT_SYSTEMS,
        compute="_compute_estate_id",
        store=True,
        readonly=False,
        precompute=True,
    )
    source = fields.Selection(
        selection=[
            ("staff", "Staff"),
            ("plan", "Preventive Plan"),
            ("patrol", "Patrol"),
            ("ticket", "Ticket"),
        ],
        default="staff",
        required=True,
    )
    # Preventive plans
    plan_id = fields.Many2one(
        groups="property_base.group_property_user",
        comodel_name="property.maintenance.plan",
        string="Maintenance Plan",
        index="btree_not_null",
        ondelete="restrict",
        readonly=True,
    )
    plan_task_id = fields.Many2one(
        groups="property_base.group_property_user",
        comodel_name="property.maintenance.plan.task",
        string="Plan Task",
        ondelete="restrict",
        readonly=True,
    )
    plan_checklist_ids = fields.One2many(
        groups="property_base.group_property_user,property_base.group_property_technician",
        related="plan_task_id.checklist_ids",
        string="Checklist",
        readonly=True,
    )
    plan_standard = fields.Text(
        groups="property_base.group_property_user,property_base.group_property_technician",
        related="plan_task_id.standard",
        string="Acceptance Standard",
    )
    plan_due_date = fields.Date(string="Due Date", readonly=True, index="btree_not_null")
    on_time_pct = fields.Float(
        string="Done on Time (%)",
        compute="_compute_on_time_pct",
        store=True,
        aggregator="avg",
        help="100 when a planned request was done by its due date, else 0; "
        "its average over the due requests is the plan compliance.",
    )
    plan_status = fields.Selection(
        selection=[
            ("on_time", "Done on Time"),
            ("late", "Done Late"),
            ("not_done", "Not Done"),
        ],
        string="Plan Status",
        compute="_compute_on_time_pct",
        store=True,
        help="Of a planned request: done by its due date, done after it, or not done yet.",
    )
    # Patrols
    patrol_round_id = fields.Many2one(
        groups="property_base.group_property_user,property_base.group_property_technician",
        comodel_name="property.patrol.round",
        index="btree_not_null",
        ondelete="set null",
        readonly=True,
    )
    patrol_result_id = fields.Many2one(
        groups="property_base.group_property_user,property_base.group_property_technician",
        comodel_name="property.patrol.result",
        ondelete="set null",
        readonly=True,
    )
    ticket_id = fields.Many2one(
        # Every helpdesk level (the desk and the estate managers work with
        # helpdesk_mgmt's "own tickets" level): the ticket form counts its
        # requests through this field.
        groups="helpdesk_mgmt.group_helpdesk_user_own",
        comodel_name="helpdesk.ticket",
        index="btree_not_null",
        ondelete="set null",
        readonly=True,
        copy=False,
        help="Repair ticket this request was made from; it is reported done when the "
        "request is repaired.",
    )
    # Fault repair
    reported_at = fields.Datetime(default=fields.Datetime.now, copy=False)
    diagnosis = fields.Text()
    repair_mode = fields.Selection(
        selection=[
            ("on_spot", "Fixed on the Spot"),
            ("repair_plan", "Repair Plan"),
            ("contractor", "External Contractor"),
        ],
        tracking=True,
    )
    repair_plan = fields.Html()
    contractor_id = fields.Many2one(comodel_name="res.partner", string="Contractor")
    target_hours = fields.Float(
        compute="_compute_target_hours",
        store=True,
        readonly=False,
        help="Hours from report to repair allowed for this request.",
    )
    done_at = fields.Datetime(readonly=True, copy=False)
    repair_hours = fields.Float(compute="_compute_repair_figures", store=True, aggregator="avg")
    timely_pct = fields.Float(
        string="Repaired in Time (%)",
        compute="_compute_repair_figures",
        store=True,
        aggregator="avg",
    )
    reopen_count = fields.Integer(readonly=True, copy=False)
    first_time_fix_pct = fields.Float(
        string="First-time Fix (%)",
        compute="_compute_repair_figures",
        store=True,
        aggregator="avg",
    )

    _plan_task_equipment_date_uniq = models.UniqueIndex(
        "(plan_task_id, equipment_id, plan_due_date) WHERE plan_task_id IS NOT NULL",
        "A plan task has one request per equipment and due date.",
    )

    @api.depends("equipment_id")
    def _compute_estate_id(self):
        for request in self:
            equipment = request.equipment_id
            if equipment.estate_id:
                request.estate_id = equipment.estate_id
                request.building_id = equipment.building_id
                request.system = equipment.system
            else:
                request.estate_id = request.estate_id
                request.building_id = request.building_id
                request.system = request.system

    @api.depends("priority")
    def _compute_target_hours(self):
        for request in self:
            request.target_hours = TARGET_HOURS.get(request.priority or "2", 24.0)

    @api.depends("plan_due_date", "close_date", "stage_id.done")
    def _compute_on_time_pct(self):
        for request in self:
            done = request.stage_id.done
            on_time = (
                request.plan_due_date
                and done
                and request.close_date
                and request.close_date <= request.plan_due_date
            )
            request.on_time_pct = 100.0 if on_time else 0.0
            if not request.plan_due_date:
                request.plan_status = False
            elif on_time:
                request.plan_status = "on_time"
            else:
                request.plan_status = "late" if done else "not_done"

    @api.depends("reported_at", "done_at", "target_hours", "reopen_count")
    def _compute_repair_figures(self):
        for request in self:
            if request.done_at and request.reported_at:
                hours = (request.done_at - request.reported_at).total_seconds() / 3600
                request.repair_hours = hours
                request.timely_pct = 100.0 if hours <= request.target_hours else 0.0
                request.first_time_fix_pct = 0.0 if request.reopen_count else 100.0
            else:
                request.repair_hours = 0.0
                request.timely_pct = 0.0
                request.first_time_fix_pct = 0.0

    def write(self, vals):
        if "stage_id" in vals:
            done = self.env["maintenance.stage"].browse(vals["stage_id"]).done
            reopened = self.filtered(lambda r: r.stage_id.done) if not done else self.browse()
            finished = self.filtered(lambda r: not r.stage_id.done) if done else self.browse()
            result = super().write(vals)
            for request in reopened:
                request.write({"reopen_count": request.reopen_count + 1, "done_at": False})
            if finished:
                finished.write({"done_at": fields.Datetime.now()})
                finished._report_tickets_done()
            return result
        return super().write(vals)

    def _report_tickets_done(self):
        """The repair is done: its tickets move to work done, where the owner
        (or the desk) confirms and closes them as any other repair.

        The engineer who finishes the request needs no helpdesk rights (he may
        not read ``ticket_id``): the link of these requests, which he has just
        written, is followed as the system, and the tickets move in his name.
        Nothing of the tickets is returned to him."""
        for request in self.sudo().filtered("ticket_id"):
            ticket = request.ticket_id
            if ticket.property_state not in ("new", "progress", "waiting"):
                continue
            if not (ticket.work_description or "").strip():
                ticket.work_description = request.diagnosis or self.env._(
                    "Repaired through maintenance request %s.", request.name
                )
            if ticket.property_state == "new":
                ticket.action_start_work()
            ticket.action_work_done()
            ticket.message_post(
                body=self.env._("Maintenance request %s repaired.", request._get_html_link())
            )

    def _add_followers(self):
        """Subscribe the owner and technician of many requests with one call
        per set of partners (maintenance does it one request at a time)."""
        by_partners = defaultdict(list)
        for request in self:
            partners = request.owner_user_id.partner_id | request.user_id.partner_id
            by_partners[tuple(sorted(partners.ids))].append(request.id)
        for partner_ids, request_ids in by_partners.items():
            if partner_ids:
                self.browse(request_ids).message_subscribe(partner_ids=list(partner_ids))

    def _assign_generated_users(self):
        """Give the generated requests their technician and owner (the plan's
        responsible), one write per pair of users rather than one per request
        (the request's own create would subscribe them one request at a
        time)."""
        by_user = defaultdict(list)
        for request in self:
            task = request.plan_task_id
            technician = (
                task.user_id
                or request.plan_id.user_id
                or request.equipment_id.technician_user_id
                or request.equipment_id.category_id.technician_user_id
            )
            owner = task.plan_id.user_id
            by_user[technician.id, owner.id].append(request.id)
        for (user_id, owner_id), request_ids in by_user.items():
            if user_id or owner_id:
                self.browse(request_ids).write({"user_id": user_id, "owner_user_id": owner_id})

    @api.model
    def _get_compliance(self, domain=(), groupby=("estate_id",)):
        """Plan compliance: requests done by their due date ÷ requests due.

        Returns {group key tuple: (due, done on time, rate %)}; a request is
        due once its due date has come, or once it is done. The ORM form of
        ``_get_plan_compliance`` (same definition), for free domains and
        groupings.
        """
        figures = {}
        for *keys, count, rate in self._read_group(
            self._plan_due_domain(domain), list(groupby), ["__count", "on_time_pct:avg"]
        ):
            on_time = round(count * rate / 100.0)
            figures[tuple(keys)] = (count, on_time, rate)
        return figures

    @api.model
    def _plan_due_domain(self, domain=()):
        """The planned requests that are due: due date come, or done."""
        return [
            ("plan_task_id", "!=", False),
            "|",
            ("plan_due_date", "<=", fields.Date.context_today(self)),
            ("stage_id.done", "=", True),
            *domain,
        ]

    @api.model
    def _get_plan_compliance(self, estates, periods, plans=None, by_estate_system=False):
        """Plan compliance (计划完成率) of ``estates`` for each of ``periods``
        (``KpiPeriod`` tuples), in one query: the requests of the preventive
        plans due in the period — due date in the period and come (up to
        today), or done already — counted as done on time (a done stage,
        closed on or before the due date), done late (done, closed after it)
        and not done (overdue).

        Returns {(period index,) or (period index, estate id, system): (due,
        on time, late)}. The dashboard (``property.kpi``), the plan
        compliance export and the list behind the figure share it. Only the
        requests of ``plans`` when given."""
        if not periods:
            return {}
        Request = self.env["maintenance.request"]
        Request.flush_model(["plan_task_id", "plan_id", "plan_due_date", "close_date"])
        Request.flush_model(["stage_id", "estate_id", "system"])
        self.env["maintenance.stage"].flush_model(["done"])
        keys = SQL(", estate_id, system") if by_estate_system else SQL()
        # The requests of the span counted per due date first: the periods
        # then add up days, not requests.
        self.env.cr.execute(
            SQL(
                """
                WITH due AS (
                    SELECT request.plan_due_date AS day %(request_keys)s,
                           COUNT(*) AS due,
                           COUNT(*) FILTER (WHERE stage.done
                                            AND request.close_date <= request.plan_due_date)
                               AS on_time,
                           COUNT(*) FILTER (WHERE stage.done
                                            AND (request.close_date IS NULL
                                                 OR request.close_date > request.plan_due_date))
                               AS late
                      FROM maintenance_request request
                      LEFT JOIN maintenance_stage stage ON stage.id = request.stage_id
                     WHERE request.plan_task_id IS NOT NULL
                       AND request.estate_id IN %(estates)s
                       AND request.plan_due_date BETWEEN %(first)s AND %(last)s
                       AND (request.plan_due_date <= %(today)s OR stage.done)
                       %(plans)s
                     GROUP BY request.plan_due_date %(request_keys)s
                )
                SELECT period.idx %(keys)s,
                       SUM(due.due)::int,
                       SUM(due.on_time)::int,
                       SUM(due.late)::int
                  FROM %(periods)s AS period(idx, date_from, date_to)
                  JOIN due ON due.day BETWEEN period.date_from AND period.date_to
                 GROUP BY period.idx %(keys)s
                """,
                request_keys=SQL(", request.estate_id, request.system")
                if by_estate_system
                else SQL(),
                keys=keys,
                periods=self.env["property.kpi"]._kpi_periods_sql(periods),
                estates=tuple(estates.ids) or (None,),
                first=min(period.date_from for period in periods),
                last=max(period.date_to for period in periods),
                today=fields.Date.context_today(self),
                plans=SQL("AND request.plan_id IN %s", tuple(plans.ids)) if plans else SQL(),
            )
        )
        return {
            tuple(keys): (due, on_time, late)
            for *keys, due, on_time, late in self.env.cr.fetchall()
        }

    @api.model
    def _get_repair_figures(self, domain=(), groupby=("estate_id",)):
        """Repair timeliness and first-time-fix rates of the corrective
        requests done: {keys: (count, timely %, first-time-fix %, hours)}."""
        figures = {}
        for *keys, count, timely, first_fix, hours in self._read_group(
            [("maintenance_type", "=", "corrective"), ("done_at", "!=", False), *domain],
            list(groupby),
            ["__count", "timely_pct:avg", "first_time_fix_pct:avg", "repair_hours:avg"],
        ):
            figures[tuple(keys)] = (count, timely, first_fix, hours)
        return figures
