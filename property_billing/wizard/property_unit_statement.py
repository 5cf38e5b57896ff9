from odoo import fields, models
from odoo.exceptions import UserError


class PropertyUnitStatement(models.TransientModel):
    """对账单: the period of a unit's statement of account."""

    _name = "property.unit.statement"
    _description = "Statement of Account"

    unit_id = fields.Many2one(comodel_name="property.unit", string="Unit", required=True)
    date_from = fields.Date(
        string="From",
        required=True,
        default=lambda self: fields.Date.context_today(self).replace(month=1, day=1),
    )
    date_to = fields.Date(string="To", required=True, default=fields.Date.context_today)

    def action_print(self):
        self.ensure_one()
        if self.date_to < self.date_from:
            raise UserError(self.env._("The end of the statement is before its start."))
        return self.env.ref("property_billing.action_report_unit_statement").report_action(
            self.unit_id,
            data={
                "date_from": fields.Date.to_string(self.date_from),
                "date_to": fields.Date.to_string(self.date_to),
            },
        )
