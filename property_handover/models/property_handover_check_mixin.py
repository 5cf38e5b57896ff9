from odoo import Command, api, fields, models

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
    ``defect_ids`` (own inverse field), and says through the hooks below when
    it can be recorded and where its defects belong."""

    _name = "property.handover.check.mixin"
    _description = "Handover Check"
    _inherit = ["property.input.mixin"]

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

    @api.model_create_multi
    def create(self, vals_list):
        checks = super().create(vals_list)
        checks._check_can_add()
        checks.filtered(lambda check: check.result == "fail")._create_defects()
        return checks

    def write(self, vals):
        if not RESULT_FIELDS.intersection(vals):
            return super().write(vals)
        # Closing a defect passes its check again, also after the takeover or delivery
        # has moved on.
        if not self.env.context.get("handover_defect_closing"):
            self._check_can_record()
        return self._write_result(vals)

    def _check_can_add(self):
        """Hook: raise a UserError when these new checks cannot be added."""

    def _check_can_record(self):
        """Hook: raise a UserError when the results of these checks can no longer change."""

    def _write_result(self, vals):
        """Write an inspection result; a check that fails gets a defect."""
        failing = self.browse()
        if vals.get("result") == "fail":
            failing = self.filtered(lambda check: check.result != "fail")
        # The plain write: the checks of ``write`` above are done.
        res = super().write(vals)
        failing._create_defects()
        return res

    def _get_defect_context_values(self):
        """Hook: the values of a defect that depend on where the check is done (takeover or
        delivery, place, responsible party, deadline)."""
        self.ensure_one()
        return {}

    def _prepare_defect_values(self):
        self.ensure_one()
        description = self.item_id.name
        if self.note:
            description = f"{description}: {self.note}"
        return {
            "item_id": self.item_id.id,
            "category": self.category,
            "description": description,
            "photo_ids": [Command.set(self.photo_ids.ids)],
            **self._get_defect_context_values(),
        }

    def _create_defects(self):
        """One defect per failed check that has no open defect yet."""
        checks = self.filtered(
            lambda check: not check.defect_ids.filtered(lambda d: d.state != "closed")
        )
        if not checks:
            return self.env["property.handover.defect"]
        return self.env["property.handover.defect"].create(
            [check._prepare_defect_values() for check in checks]
        )
