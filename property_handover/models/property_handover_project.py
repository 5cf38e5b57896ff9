from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.fields import Domain
from odoo.tools import SQL

PROJECT_STATES = [
    ("draft", "Draft"),
    ("in_progress", "In Progress"),
    ("closed", "Closed"),
]

OPEN_DEFECT_STATES = ("open", "rectifying", "reinspection")


class PropertyHandoverProject(models.Model):
    """Takeover acceptance (接管验收) of an estate or of a phase of it: the
    team inspects the common parts, facilities and units against checklist
    templates, sends defects to the developer, receives the documents and
    signs the acceptance report."""

    _name = "property.handover.project"
    _description = "Takeover Acceptance Project"
    _inherit = ["mail.thread", "mail.activity.mixin", "property.estate.mixin"]
    _order = "date_planned_start desc, id desc"

    #: Units per INSERT … SELECT statement of the line generation.
    _generate_batch_size = 2000

    name = fields.Char(required=True, tracking=True)
    reference = fields.Char(readonly=True, copy=False)
    state = fields.Selection(
        selection=PROJECT_STATES,
        string="Status",
        required=True,
        default="draft",
        tracking=True,
        copy=False,
        index=True,
    )
    phase = fields.Char(help="Phase or lot of the estate covered by this takeover, e.g. Phase II.")
    developer_id = fields.Many2one(
        comodel_name="res.partner",
        string="Developer",
        tracking=True,
        help="Developer (建设单位): by default responsible for rectifying the defects.",
    )
    manager_id = fields.Many2one(
        comodel_name="res.users",
        string="Project Manager",
        default=lambda self: self.env.user,
        domain="[('share', '=', False)]",
        tracking=True,
        help="Leads the takeover team, receives the escalations of overdue defects and "
        "signs the acceptance report.",
    )
    member_ids = fields.Many2many(
        comodel_name="res.users",
        relation="property_handover_project_member_rel",
        column1="project_id",
        column2="user_id",
        string="Team",
        domain="[('share', '=', False)]",
    )
    date_planned_start = fields.Date(string="Planned Start", tracking=True)
    date_planned_end = fields.Date(string="Planned End", tracking=True)
    date_start = fields.Date(string="Started on", readonly=True, copy=False)
    date_closed = fields.Date(string="Closed on", readonly=True, copy=False)
    rectification_days = fields.Integer(
        string="Rectification Days",
        default=15,
        help="Default deadline of a defect, in days after it is found.",
    )
    building_ids = fields.Many2many(
        comodel_name="property.building",
        relation="property_handover_project_building_rel",
        column1="project_id",
        column2="building_id",
        string="Buildings",
        domain="[('estate_id', '=', estate_id)]",
        help="Buildings in scope; empty means every building of the estate.",
    )
    unit_ids = fields.Many2many(
        comodel_name="property.unit",
        relation="property_handover_project_unit_rel",
        column1="project_id",
        column2="unit_id",
        string="Units",
        domain="[('estate_id', '=', estate_id)]",
        help="Units in scope; empty means every unit of the buildings in scope.",
    )
    checklist_ids = fields.Many2many(
        comodel_name="property.handover.checklist",
        relation="property_handover_project_checklist_rel",
        column1="project_id",
        column2="checklist_id",
        string="Checklists",
    )
    line_ids = fields.One2many(
        comodel_name="property.handover.line", inverse_name="project_id", string="Lines"
    )
    defect_ids = fields.One2many(
        comodel_name="property.handover.defect", inverse_name="project_id", string="Defects"
    )
    document_ids = fields.One2many(
        comodel_name="property.handover.document",
        inverse_name="project_id",
        string="Documents",
        copy=True,
    )
    line_count = fields.Integer(compute="_compute_line_stats")
    line_done_count = fields.Integer(string="Inspected", compute="_compute_line_stats")
    line_failed_count = fields.Integer(string="Failed", compute="_compute_line_stats")
    progress = fields.Float(string="Progress (%)", compute="_compute_line_stats", digits=(5, 1))
    defect_count = fields.Integer(compute="_compute_defect_stats")
    open_defect_count = fields.Integer(compute="_compute_defect_stats")
    open_critical_defect_count = fields.Integer(compute="_compute_defect_stats")
    overdue_defect_count = fields.Integer(compute="_compute_defect_stats")
    document_required_count = fields.Integer(compute="_compute_document_stats")
    document_received_count = fields.Integer(compute="_compute_document_stats")
    document_completeness = fields.Float(
        string="Documents (%)", compute="_compute_document_stats", digits=(5, 1)
    )
    override_critical = fields.Boolean(
        string="Override Open Critical Defects",
        copy=False,
        tracking=True,
        help="Set by a manager to close the project although critical defects are still open.",
    )
    override_reason = fields.Text(copy=False, tracking=True)
    override_user_id = fields.Many2one(
        comodel_name="res.users", string="Overridden by", readonly=True, copy=False
    )
    signed_by_id = fields.Many2one(
        comodel_name="res.users", string="Signed off by", readonly=True, copy=False
    )
    conclusion = fields.Html(help="Conclusion of the acceptance, printed in the report.")
    note = fields.Html()

    _dates_check = models.Constraint(
        "CHECK (date_planned_end IS NULL OR date_planned_start IS NULL "
        "OR date_planned_end >= date_planned_start)",
        "The planned end of a takeover cannot be before its planned start.",
    )

    # ------------------------------------------------------------
    # Computes
    # ------------------------------------------------------------

    def _compute_line_stats(self):
        stats = {}
        if self.ids:
            for project, result, count in self.env["property.handover.line"]._read_group(
                [("project_id", "in", self.ids)], ["project_id", "result"], ["__count"]
            ):
                stats.setdefault(project.id, {})[result] = count
        for project in self:
            counts = stats.get(project.id, {})
            total = sum(counts.values())
            project.line_count = total
            project.line_done_count = total - counts.get("todo", 0)
            project.line_failed_count = counts.get("fail", 0)
            project.progress = 100.0 * project.line_done_count / total if total else 0.0

    @api.depends("defect_ids.state", "defect_ids.is_critical", "defect_ids.is_overdue")
    def _compute_defect_stats(self):
        stats = {}
        if self.ids:
            for project, state, critical, overdue, count in self.env[
                "property.handover.defect"
            ]._read_group(
                [("project_id", "in", self.ids)],
                ["project_id", "state", "is_critical", "is_overdue"],
                ["__count"],
            ):
                project_stats = stats.setdefault(
                    project.id, {"all": 0, "open": 0, "critical": 0, "overdue": 0}
                )
                project_stats["all"] += count
                if state in OPEN_DEFECT_STATES:
                    project_stats["open"] += count
                    if critical:
                        project_stats["critical"] += count
                    if overdue:
                        project_stats["overdue"] += count
        for project in self:
            project_stats = stats.get(project.id, {})
            project.defect_count = project_stats.get("all", 0)
            project.open_defect_count = project_stats.get("open", 0)
            project.open_critical_defect_count = project_stats.get("critical", 0)
            project.overdue_defect_count = project_stats.get("overdue", 0)

    @api.depends("document_ids.is_required", "document_ids.is_received")
    def _compute_document_stats(self):
        for project in self:
            required = project.document_ids.filtered("is_required")
            project.document_required_count = len(required)
            project.document_received_count = len(required.filtered("is_received"))
            project.document_completeness = (
                100.0 * project.document_received_count / len(required) if required else 100.0
            )

    # ------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("reference") in (None, False, "/"):
                vals["reference"] = (
                    self.env["ir.sequence"].next_by_code("property.handover.project") or "/"
                )
        return super().create(vals_list)

    def write(self, vals):
        if "override_critical" in vals or "override_reason" in vals:
            self._check_manager()
            if vals.get("override_critical"):
                vals["override_user_id"] = self.env.uid
            elif "override_critical" in vals:
                vals["override_user_id"] = False
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_closed(self):
        if any(project.state == "closed" for project in self):
            raise UserError(self.env._("A closed takeover project cannot be deleted."))

    @api.depends("name", "reference")
    def _compute_display_name(self):
        for project in self:
            project.display_name = (
                f"{project.reference} {project.name}"
                if project.reference and project.reference != "/"
                else project.name
            )

    # ------------------------------------------------------------
    # Scope and line generation
    # ------------------------------------------------------------

    def _get_scope_buildings(self):
        self.ensure_one()
        if self.building_ids:
            return self.building_ids
        return self.env["property.building"].search([("estate_id", "=", self.estate_id.id)])

    def _get_scope_unit_ids(self):
        """Ids of the units in scope (a plain list: a takeover may cover
        thousands of units, which need not be loaded as records)."""
        self.ensure_one()
        if self.unit_ids:
            return self.unit_ids.ids
        domain = Domain("estate_id", "=", self.estate_id.id)
        if self.building_ids:
            domain &= Domain("building_id", "in", self.building_ids.ids)
        return self.env["property.unit"]._search(domain).get_result_ids()

    def _check_can_record(self):
        for project in self:
            if project.state == "closed":
                raise UserError(
                    self.env._(
                        "Takeover project %(project)s is closed: its results can no longer "
                        "be changed.",
                        project=project.display_name,
                    )
                )

    def _check_manager(self):
        user = self.env.user
        if not user.has_group("property_base.group_property_manager"):
            raise UserError(
                self.env._("Only a property manager can override or sign off a takeover.")
            )
        strangers = self.filtered(lambda p: p.estate_id not in user._property_estates())
        if strangers and not self.env.su:
            raise AccessError(
                self.env._(
                    "You can only override or sign off the takeovers of your own estates "
                    "(%(projects)s is not).",
                    projects=", ".join(strangers.mapped("display_name")),
                )
            )

    def action_generate_lines(self):
        """Create the inspection lines of the whole scope: building items once
        per building in scope, unit items once per unit. Lines that exist are
        kept (a unique index guards project × item × unit/building), lines not
        yet inspected that fell out of the scope are removed."""
        Line = self.env["property.handover.line"]
        Line.check_access("create")
        # The lines are inserted in SQL: check the rights on the projects first.
        self.check_access("write")
        for project in self:
            project._check_can_record()
            items = project.checklist_ids.item_ids
            if not items:
                raise UserError(
                    self.env._(
                        "Add checklist templates with items to %(project)s first.",
                        project=project.display_name,
                    )
                )
            self.env.flush_all()
            unit_item_ids = items.filtered(lambda i: i.scope == "unit").ids
            building_item_ids = items.filtered(lambda i: i.scope != "unit").ids
            building_ids = project._get_scope_buildings().ids
            unit_ids = project._get_scope_unit_ids()
            project._delete_lines_out_of_scope(
                unit_item_ids, building_item_ids, unit_ids, building_ids
            )
            if building_item_ids:
                project._insert_lines(building_item_ids, building_ids=building_ids or [None])
            if unit_item_ids:
                for start in range(0, len(unit_ids), self._generate_batch_size):
                    project._insert_lines(
                        unit_item_ids, unit_ids=unit_ids[start : start + self._generate_batch_size]
                    )
        Line.invalidate_model()
        self.invalidate_recordset(["line_ids"])
        return True

    def _insert_lines(self, item_ids, unit_ids=None, building_ids=None):
        """INSERT … SELECT the lines of ``item_ids`` for ``unit_ids`` or
        ``building_ids`` (``[None]``: one estate-wide line per item); existing
        lines are skipped by the unique indexes (ON CONFLICT DO NOTHING)."""
        self.ensure_one()
        common = SQL(
            """%(project)s, item.id, %(company)s, item.scope, item.category, item.is_critical,
               item.sequence, 'todo', %(uid)s, %(now)s, %(uid)s, %(now)s""",
            project=self.id,
            company=self.company_id.id,
            uid=self.env.uid,
            now=self.env.cr.now(),
        )
        columns = SQL(
            """project_id, item_id, company_id, scope, category, is_critical, sequence, result,
               create_uid, create_date, write_uid, write_date"""
        )
        if unit_ids is not None:
            query = SQL(
                """INSERT INTO property_handover_line (%(columns)s, building_id, unit_id)
                   SELECT %(common)s, unit.building_id, unit.id
                     FROM property_unit unit
                     JOIN property_handover_checklist_item item ON item.id = ANY(%(items)s)
                    WHERE unit.id = ANY(%(units)s)
                 ORDER BY unit.building_id, unit.id, item.sequence, item.id
              ON CONFLICT DO NOTHING""",
                columns=columns,
                common=common,
                items=list(item_ids),
                units=list(unit_ids),
            )
        else:
            query = SQL(
                """INSERT INTO property_handover_line (%(columns)s, building_id)
                   SELECT %(common)s, building.id
                     FROM unnest(%(buildings)s::int[]) AS building(id)
                     JOIN property_handover_checklist_item item ON item.id = ANY(%(items)s)
                 ORDER BY building.id, item.sequence, item.id
              ON CONFLICT DO NOTHING""",
                columns=columns,
                common=common,
                items=list(item_ids),
                buildings=list(building_ids),
            )
        self.env.cr.execute(query)
        return self.env.cr.rowcount

    def _delete_lines_out_of_scope(self, unit_item_ids, building_item_ids, unit_ids, building_ids):
        self.ensure_one()
        self.env.cr.execute(
            SQL(
                """DELETE FROM property_handover_line line
                    WHERE line.project_id = %(project)s
                      AND line.result = 'todo'
                      AND NOT EXISTS (SELECT 1 FROM property_handover_defect defect
                                       WHERE defect.line_id = line.id)
                      AND NOT CASE WHEN line.unit_id IS NOT NULL
                              THEN line.item_id = ANY(%(unit_items)s)
                                   AND line.unit_id = ANY(%(units)s)
                              ELSE line.item_id = ANY(%(building_items)s)
                                   AND COALESCE(line.building_id, 0) = ANY(%(buildings)s)
                              END""",
                project=self.id,
                unit_items=list(unit_item_ids),
                units=list(unit_ids),
                building_items=list(building_item_ids),
                buildings=list(building_ids) or [0],
            )
        )
        return self.env.cr.rowcount

    # ------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------

    def action_start(self):
        for project in self:
            if project.state != "draft":
                raise UserError(
                    self.env._("Takeover %(project)s has already started.", project=project.name)
                )
            if not project.line_ids:
                project.action_generate_lines()
        self.write({"state": "in_progress", "date_start": fields.Date.context_today(self)})
        return True

    def action_sign_off(self):
        """The manager signs the acceptance report, which closes the project."""
        self._check_manager()
        for project in self:
            if project.state != "in_progress":
                raise UserError(
                    self.env._(
                        "Only a takeover in progress can be signed off (%(project)s).",
                        project=project.display_name,
                    )
                )
            if project.open_critical_defect_count:
                if not project.override_critical or not (project.override_reason or "").strip():
                    raise UserError(
                        self.env._(
                            "%(project)s still has %(count)s open critical defects: rectify "
                            "them, or let a manager override with a reason before closing.",
                            project=project.display_name,
                            count=project.open_critical_defect_count,
                        )
                    )
        self.write(
            {
                "state": "closed",
                "date_closed": fields.Date.context_today(self),
                "signed_by_id": self.env.uid,
            }
        )
        for project in self:
            project.message_post(
                body=self.env._(
                    "Acceptance report signed off by %(user)s.", user=self.env.user.name
                )
            )
        return True

    def action_reopen(self):
        self._check_manager()
        self.filtered(lambda p: p.state == "closed").write(
            {"state": "in_progress", "date_closed": False, "signed_by_id": False}
        )
        return True

    def _action_open(self, xmlid, extra_context=None):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(xmlid)
        action["domain"] = [("project_id", "=", self.id)]
        action["context"] = {"default_project_id": self.id, **(extra_context or {})}
        return action

    def action_view_lines(self):
        return self._action_open(
            "property_handover.property_handover_line_action",
            {"search_default_group_building": 1, "search_default_todo": 1},
        )

    def action_view_defects(self):
        return self._action_open("property_handover.property_handover_defect_action")

    def action_print_report(self):
        return self.env.ref("property_handover.action_report_handover_project").report_action(self)

    # ------------------------------------------------------------
    # Report
    # ------------------------------------------------------------

    def _get_report_statistics(self):
        """Counts of the lines by category and by building, for the report:
        ``{"by_category": [(label, total, passed, failed, na, todo)], "by_building": [...]}``."""
        self.ensure_one()
        Line = self.env["property.handover.line"]
        categories = dict(Line._fields["category"]._description_selection(self.env))

        def rows(groupby, label_of):
            table = {}
            for key, result, count in Line._read_group(
                [("project_id", "=", self.id)], [groupby, "result"], ["__count"]
            ):
                row = table.setdefault(key, {"todo": 0, "pass": 0, "fail": 0, "na": 0})
                row[result] += count
            return [
                (
                    label_of(key),
                    sum(row.values()),
                    row["pass"],
                    row["fail"],
                    row["na"],
                    row["todo"],
                )
                for key, row in sorted(table.items(), key=lambda kv: label_of(kv[0]))
            ]

        return {
            "by_category": rows("category", lambda key: categories.get(key, "")),
            "by_building": rows(
                "building_id",
                lambda building: building.name if building else self.env._("Estate-wide"),
            ),
        }
