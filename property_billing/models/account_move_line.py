from odoo import fields, models


class AccountMoveLine(models.Model):
    _inherit = "account.move.line"

    property_bill_line_id = fields.Many2one(
        comodel_name="property.bill.line",
        string="Bill Line",
        index="btree_not_null",
        copy=False,
        ondelete="set null",
    )
