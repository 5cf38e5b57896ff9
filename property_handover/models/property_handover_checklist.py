from odoo import api, fields, models

CHECKLIST_SCOPES = [
    ("common", "Building Common Parts"),
    ("facility", "Facilities and Equipment"),
    ("unit", "Unit Interior"),
]


class PropertyHandoverChecklist(models.Model):
    """Reusable list of inspection items (验收表)."""

    _name = "property.handover.checklist"
    _description = "Handover Checklist Template"
    _order = "sequence, name, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        comodel_name="res.company",
        index=True,
        help="Leave empty to share the template between companies.",
    )
    description = fields.Text(translate=True)
    item_ids = fields.One2many(
        comodel_name="property.handover.checklist.item",
        inverse_name="checklist_id",
        string="Items",
        copy=True,
    )
    item_count = fields.Integer(compute="_compute_item_count")

    @api.depends("item_ids")
    def _compute_item_count(self):
        for checklist in self:
            checklist.item_count = len(checklist.item_ids)
