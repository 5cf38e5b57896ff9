from odoo import api, fields, models

LINE_RESULTS = [
    ("todo", "To Inspect"),
    ("pass", "Pass"),
    ("fail", "Fail"),
    ("na", "Not Applicable"),
]

#: Fields of a check that record an inspection result.
RESULT_FIELDS = {"result", "value", "note", "photo_ids"}


class PropertyHandoverCheckMixin(models.AbstractModel):
    """A checklist item inspected once: a takeover line or a unit-delivery
    check. Each model declares its own ``photo_ids`` (own relation table) and
    ``defect_ids`` (own inverse field)."""

    _name = "property.handover.check.mixin"
    _description = "Handover Check"

    item_id = fields.Many2one(
        comodel_name="property.handover.checklist.item",
        string="Item",
        required=True,
        index=True,
        ondelete="restrict",
    )
    name = fields.Char(related="item_id.name", string="Check")
    standard = fields.Char(related="item_id.standard")
    judgement_type = fields.Selection(related="item_id.judgement_type")
    uom = fields.Char(related="item_id.uom")
    sequence = fields.Integer(default=10)
    result = fields.Selection(selection=LINE_RESULTS, required=True, default="todo", index=True)
    value = fields.Float(string="Measured", digits=(16, 3))
    note = fields.Char()

    @api.onchange("value")
    def _onchange_value(self):
        if self.judgement_type == "measure" and self.value:
            self.result = self.item_id._judge_value(self.value)
