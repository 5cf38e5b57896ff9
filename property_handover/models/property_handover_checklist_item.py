from odoo import api, fields, models
from odoo.exceptions import ValidationError

from .property_handover_checklist import CHECKLIST_SCOPES

ITEM_CATEGORIES = [
    ("structure", "Structure and Civil Works"),
    ("finishing", "Finishing and Decoration"),
    ("doors_windows", "Doors and Windows"),
    ("plumbing", "Water Supply and Drainage"),
    ("electrical", "Electrical"),
    ("hvac", "Heating and Ventilation"),
    ("fire", "Fire Protection"),
    ("elevator", "Elevators"),
    ("security", "Security and Intelligent Systems"),
    ("landscape", "Landscape and Outdoor Areas"),
    ("other", "Other"),
]

JUDGEMENT_TYPES = [
    ("pass_fail", "Pass / Fail"),
    ("measure", "Measured Value"),
]


class PropertyHandoverChecklistItem(models.Model):
    _name = "property.handover.checklist.item"
    _description = "Handover Checklist Item"
    _inherit = ["property.input.mixin"]
    _order = "checklist_id, scope, sequence, id"

    checklist_id = fields.Many2one(
        comodel_name="property.handover.checklist",
        string="Checklist",
        required=True,
        index=True,
        ondelete="cascade",
    )
    sequence = fields.Integer(default=10)
    name = fields.Char(string="Item", required=True, translate=True)
    scope = fields.Selection(
        selection=CHECKLIST_SCOPES,
        required=True,
        default="unit",
        help="Where the item is inspected: once per building (common parts, facilities "
        "and equipment) or once per unit (unit interior).",
    )
    category = fields.Selection(selection=ITEM_CATEGORIES, required=True, default="other")
    standard = fields.Char(
        string="Standard / Reference",
        translate=True,
        help="National or industry standard, drawing or contract clause the item is judged "
        "against, e.g. GB 50210-2018 §4.2.",
    )
    method = fields.Text(string="Inspection Method", translate=True)
    is_critical = fields.Boolean(
        string="Critical",
        help="A failed critical item blocks the closing of the acceptance project "
        "unless a manager overrides it.",
    )
    judgement_type = fields.Selection(
        selection=JUDGEMENT_TYPES, string="Judged by", required=True, default="pass_fail"
    )
    target_value = fields.Float(digits=(16, 3))
    tolerance = fields.Float(digits=(16, 3), help="Allowed deviation from the target, ±.")
    uom = fields.Char(string="Unit of Measure", help="e.g. mm, m², MΩ.")

    @api.constrains("judgement_type", "tolerance")
    def _check_tolerance(self):
        for item in self:
            if item.judgement_type == "measure" and item.tolerance < 0:
                raise ValidationError(
                    self.env._("The tolerance of item %(item)s cannot be negative.", item=item.name)
                )

    def _judge_value(self, value):
        """``pass`` or ``fail`` for a measured ``value`` of this item."""
        self.ensure_one()
        return "pass" if abs(value - self.target_value) <= self.tolerance + 1e-9 else "fail"

    @api.depends("name", "checklist_id.name")
    def _compute_display_name(self):
        for item in self:
            item.display_name = item.name
