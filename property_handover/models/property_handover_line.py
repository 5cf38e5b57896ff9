from odoo import api, fields, models

from .property_handover_checklist import CHECKLIST_SCOPES
from .property_handover_checklist_item import ITEM_CATEGORIES


class PropertyHandoverLine(models.Model):
    """One inspection of a checklist item on one building or unit of a
    takeover project. Lines are generated in bulk by the project (SQL), so
    the fields copied from the item are stored plain, not computed."""

    _name = "property.handover.line"
    _inherit = ["property.handover.check.mixin"]
    _description = "Takeover Inspection Line"
    _order = "project_id, building_id, unit_id, sequence, id"

    project_id = fields.Many2one(
        comodel_name="property.handover.project",
        string="Takeover",
        required=True,
        index=True,
        ondelete="cascade",
    )
    company_id = fields.Many2one(comodel_name="res.company", required=True, index=True)
    target_value = fields.Float(related="item_id.target_value")
    tolerance = fields.Float(related="item_id.tolerance")
    scope = fields.Selection(selection=CHECKLIST_SCOPES, required=True)
    category = fields.Selection(selection=ITEM_CATEGORIES, required=True, index=True)
    is_critical = fields.Boolean(string="Critical", index=True)
    building_id = fields.Many2one(comodel_name="property.building", index=True, ondelete="cascade")
    unit_id = fields.Many2one(comodel_name="property.unit", index=True, ondelete="cascade")
    photo_ids = fields.Many2many(
        comodel_name="ir.attachment",
        relation="property_handover_line_attachment_rel",
        column1="line_id",
        column2="attachment_id",
        string="Photos",
    )
    inspector_id = fields.Many2one(comodel_name="res.users", string="Inspector", readonly=True)
    date_inspected = fields.Datetime(string="Inspected on", readonly=True)
    defect_ids = fields.One2many(
        comodel_name="property.handover.defect", inverse_name="line_id", string="Defects"
    )
    has_defect = fields.Boolean(compute="_compute_has_defect")

    _unit_item_uniq = models.UniqueIndex(
        "(project_id, item_id, unit_id) WHERE unit_id IS NOT NULL",
        "A checklist item is inspected once per unit of a takeover.",
    )
    _building_item_uniq = models.UniqueIndex(
        "(project_id, item_id, COALESCE(building_id, 0)) WHERE unit_id IS NULL",
        "A checklist item is inspected once per building of a takeover.",
    )
    # The recording list filters a project's lines by result, building and category.
    _project_result_idx = models.Index("(project_id, result, building_id, category)")

    @api.depends("defect_ids")
    def _compute_has_defect(self):
        for line in self:
            line.has_defect = bool(line.defect_ids)

    @api.depends("item_id.name", "unit_id.full_code", "building_id.name")
    def _compute_display_name(self):
        for line in self:
            place = line.unit_id.full_code or line.building_id.name or ""
            line.display_name = f"{place} · {line.item_id.name}" if place else line.item_id.name

    @api.ondelete(at_uninstall=False)
    def _unlink_except_closed_project(self):
        self.project_id._check_can_record()

    def _check_can_add(self):
        self.project_id._check_can_record()

    def _check_can_record(self):
        self.project_id._check_can_record()

    def _write_result(self, vals):
        if "value" in vals and "result" not in vals:
            # A measured value judges the line by the item's tolerance.
            measured = self.filtered(lambda line: line.item_id.judgement_type == "measure")
            for item, lines in measured.grouped("item_id").items():
                lines._write_result({**vals, "result": item._judge_value(vals["value"] or 0.0)})
            return super(PropertyHandoverLine, self - measured)._write_result(vals)
        if "result" in vals:
            vals = {
                **vals,
                "inspector_id": self.env.uid,
                "date_inspected": fields.Datetime.now(),
            }
        return super()._write_result(vals)

    def _get_defect_context_values(self):
        self.ensure_one()
        project = self.project_id
        return {
            "project_id": project.id,
            "line_id": self.id,
            "estate_id": project.estate_id.id,
            "building_id": self.building_id.id,
            "unit_id": self.unit_id.id,
            "is_critical": self.is_critical,
            "responsible_partner_id": project.developer_id.id,
            "deadline": fields.Date.add(
                fields.Date.context_today(self), days=project.rectification_days or 0
            ),
        }

    def action_pass(self):
        self.write({"result": "pass"})
        return True

    def action_fail(self):
        self.write({"result": "fail"})
        return True

    def action_na(self):
        self.write({"result": "na"})
        return True
