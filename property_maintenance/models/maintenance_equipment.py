from odoo import api, fields, models
from odoo.exceptions import ValidationError

EQUIPMENT_SYSTEMS = [
    ("power", "Power Supply"),
    ("water", "Water Supply and Drainage"),
    ("elevator", "Elevators"),
    ("fire", "Fire Protection"),
    ("security", "Security Systems"),
    ("lighting", "Public Lighting"),
    ("hvac", "HVAC"),
    ("building", "Building Body"),
    ("other", "Other"),
]


class MaintenanceEquipment(models.Model):
    _name = "maintenance.equipment"
    _inherit = ["maintenance.equipment", "property.input.mixin"]

    estate_id = fields.Many2one(
        comodel_name="property.estate",
        index=True,
        ondelete="restrict",
        tracking=True,
    )
    building_id = fields.Many2one(
        comodel_name="property.building",
        index="btree_not_null",
        ondelete="restrict",
        domain="[('estate_id', '=', estate_id)]",
        tracking=True,
    )
    # The company follows the estate, so that maintenance's multi-company
    # rules keep the estates of different companies apart.
    company_id = fields.Many2one(
        compute="_compute_company_id", store=True, readonly=False, precompute=True
    )
    common_area_id = fields.Many2one(
        comodel_name="property.common.area",
        string="Location",
        index="btree_not_null",
        ondelete="restrict",
        domain="[('estate_id', '=?', estate_id),"
        " '|', ('building_id', '=', False), ('building_id', '=?', building_id)]",
        tracking=True,
        help="The common area where the equipment stands (plant room, lift, car park…).",
    )
    location = fields.Char(
        string="Location Detail",
        help="Where exactly the equipment stands, e.g. north wall of the B1 pump room.",
    )
    system = fields.Selection(selection=EQUIPMENT_SYSTEMS, index=True, tracking=True)
    asset_code = fields.Char(string="Asset Code", size=64, copy=False, index="btree_not_null")
    specification = fields.Char(help="Rated power, capacity, load, size…")
    installation_date = fields.Date(tracking=True)
    contractor_id = fields.Many2one(
        comodel_name="res.partner",
        string="Maintenance Contractor",
        help="Company under contract for the maintenance of this equipment (维保单位).",
        tracking=True,
    )
    contract_end_date = fields.Date(string="Maintenance Contract End")
    inspection_ids = fields.One2many(
        groups="property_base.group_property_user",
        comodel_name="property.equipment.inspection",
        inverse_name="equipment_id",
        string="Statutory Inspections",
    )
    plan_task_count = fields.Integer(
        groups="property_base.group_property_user", compute="_compute_history_counts"
    )
    inspection_count = fields.Integer(
        groups="property_base.group_property_user", compute="_compute_history_counts"
    )
    patrol_result_count = fields.Integer(
        groups="property_base.group_property_user", compute="_compute_history_counts"
    )
    next_inspection_date = fields.Date(
        compute="_compute_next_inspection_date",
        store=True,
        help="Due date of the earliest statutory inspection not yet done.",
    )

    _asset_code_company_uniq = models.UniqueIndex(
        "(company_id, asset_code) WHERE asset_code IS NOT NULL",
        "An asset code must be unique within a company.",
    )

    @api.depends("estate_id")
    def _compute_company_id(self):
        for equipment in self:
            if equipment.estate_id:
                equipment.company_id = equipment.estate_id.company_id
            elif not equipment.company_id:
                equipment.company_id = self.env.company

    @api.model_create_multi
    def create(self, vals_list):
        # The company default of maintenance would win over the computed one.
        estates = self.env["property.estate"].browse(
            [vals["estate_id"] for vals in vals_list if vals.get("estate_id")]
        )
        company_of = {estate.id: estate.company_id.id for estate in estates}
        for vals in vals_list:
            if vals.get("estate_id"):
                vals["company_id"] = company_of[vals["estate_id"]]
        return super().create(vals_list)

    @api.depends("inspection_ids.due_date", "inspection_ids.state")
    def _compute_next_inspection_date(self):
        for equipment in self:
            dates = [
                inspection.due_date
                for inspection in equipment.inspection_ids
                if inspection.state != "done" and inspection.due_date
            ]
            equipment.next_inspection_date = min(dates) if dates else False

    def _compute_history_counts(self):
        def counts(model, field, domain=()):
            return dict(
                self.env[model]._read_group(
                    [(field, "in", self.ids), *domain], [field], ["__count"]
                )
            )

        inspections = counts("property.equipment.inspection", "equipment_id")
        results = counts("property.patrol.result", "equipment_id")
        tasks = {}
        for task in self.env["property.maintenance.plan.task"].search(self._plan_task_domain()):
            for equipment in task._get_equipment() & self:
                tasks[equipment] = tasks.get(equipment, 0) + 1
        for equipment in self:
            equipment.inspection_count = inspections.get(equipment, 0)
            equipment.patrol_result_count = results.get(equipment, 0)
            equipment.plan_task_count = tasks.get(equipment, 0)

    def _plan_task_domain(self):
        return [
            "|",
            ("plan_id.equipment_ids", "in", self.ids),
            "&",
            ("plan_id.apply_on", "=", "system"),
            ("plan_id.system", "in", list(set(self.mapped("system")))),
        ]

    @api.constrains("building_id", "estate_id")
    def _check_building_estate(self):
        for equipment in self:
            if equipment.building_id and equipment.building_id.estate_id != equipment.estate_id:
                raise ValidationError(
                    self.env._(
                        "The building %(building)s is not in the estate of %(equipment)s.",
                        building=equipment.building_id.display_name,
                        equipment=equipment.display_name,
                    )
                )

    @api.constrains("common_area_id", "building_id", "estate_id")
    def _check_common_area_place(self):
        for equipment in self:
            area = equipment.common_area_id
            if not area:
                continue
            if area.estate_id != equipment.estate_id:
                raise ValidationError(
                    self.env._(
                        "The common area %(area)s is not in the estate of %(equipment)s.",
                        area=area.display_name,
                        equipment=equipment.display_name,
                    )
                )
            if area.building_id and area.building_id != equipment.building_id:
                raise ValidationError(
                    self.env._(
                        "The common area %(area)s is not in the building of %(equipment)s.",
                        area=area.display_name,
                        equipment=equipment.display_name,
                    )
                )

    @api.onchange("building_id")
    def _onchange_building_id(self):
        if self.building_id:
            self.estate_id = self.building_id.estate_id

    @api.onchange("common_area_id")
    def _onchange_common_area_id(self):
        if self.common_area_id:
            self.estate_id = self.common_area_id.estate_id
            if self.common_area_id.building_id:
                self.building_id = self.common_area_id.building_id

    def action_view_inspections(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "property_maintenance.property_equipment_inspection_action"
        )
        action["domain"] = [("equipment_id", "=", self.id)]
        action["context"] = {"default_equipment_id": self.id}
        return action

    def action_view_patrol_results(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "property_maintenance.property_patrol_result_action"
        )
        action["domain"] = [("equipment_id", "=", self.id)]
        return action

    def action_view_plan_tasks(self):
        self.ensure_one()
        tasks = (
            self.env["property.maintenance.plan.task"]
            .search(self._plan_task_domain())
            .filtered(lambda t: self in t._get_equipment())
        )
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "property_maintenance.property_maintenance_plan_task_action"
        )
        action["domain"] = [("id", "in", tasks.ids)]
        return action

    def action_export_ledger_xlsx(self):
        """The ledger of the selected equipment (of all the estates' when none) as xlsx."""
        report = self.env.ref("property_maintenance.action_report_equipment_ledger_xlsx")
        return report.report_action(self, config=False)
