from odoo import api, fields, models


class PropertyAllocationLine(models.Model):
    """A unit's share of an allocation: its key and what it is charged."""

    _name = "property.allocation.line"
    _description = "Shared-cost Share"
    _order = "allocation_id, building_id, unit_id"

    allocation_id = fields.Many2one(
        comodel_name="property.allocation",
        required=True,
        index=True,
        ondelete="cascade",
    )
    unit_id = fields.Many2one(
        comodel_name="property.unit", required=True, index=True, ondelete="restrict"
    )
    building_id = fields.Many2one(related="unit_id.building_id", store=True, index=True)
    # Published to the neighbours, who may not read the unit itself.
    unit_code = fields.Char(related="unit_id.full_code", string="Unit Reference", store=True)
    estate_id = fields.Many2one(related="allocation_id.estate_id", store=True)
    company_id = fields.Many2one(related="allocation_id.company_id", store=True)
    currency_id = fields.Many2one(related="allocation_id.currency_id")
    state = fields.Selection(related="allocation_id.state", store=True)
    period_id = fields.Many2one(related="allocation_id.period_id", store=True, index=True)
    rule_id = fields.Many2one(related="allocation_id.rule_id", store=True, index=True)
    key_value = fields.Float(string="Key", digits=(16, 2))
    quantity = fields.Float(string="Share of the Source", digits=(16, 2))
    amount = fields.Monetary(currency_field="currency_id")
    share_pct = fields.Float(string="Share (%)", compute="_compute_share_pct", digits=(16, 4))

    _allocation_unit_uniq = models.Constraint(
        "UNIQUE(allocation_id, unit_id)", "A unit has one share in an allocation."
    )

    @api.depends("key_value", "allocation_id.key_total")
    def _compute_share_pct(self):
        for line in self:
            total = line.allocation_id.key_total
            line.share_pct = 100.0 * line.key_value / total if total else 0.0

    @api.model
    def _get_billable(self, period, units, rules):
        """The confirmed shares of ``units`` under ``rules`` in ``period`` and
        the text of their bill lines, {(rule id, unit id): (line, text)}, read
        in one query."""
        lines = self.search(
            [
                ("period_id", "=", period.id),
                ("state", "=", "done"),
                ("rule_id", "in", rules.ids),
                ("unit_id", "in", units.ids),
            ]
        )
        templates = {
            allocation: allocation._get_line_detail_template() for allocation in lines.allocation_id
        }
        return {
            (line.rule_id.id, line.unit_id.id): (
                line,
                line.allocation_id._get_line_detail(line, templates[line.allocation_id]),
            )
            for line in lines
        }
