from odoo import fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    property_billing_post = fields.Boolean(
        string="Post Bills", default=True, help="Billing runs post the bills they create."
    )
    property_billing_auto = fields.Boolean(
        string="Monthly Billing", default=True, help="The monthly scheduled action bills the month."
    )
    property_billing_due_days = fields.Integer(
        string="Days to Pay", default=15, help="Days between the bill date and its due date."
    )
    property_bill_at_move_in = fields.Boolean(
        string="Bill at Move-in",
        default=True,
        help="Completing a move-in bills the unit for the rest of the month.",
    )
    property_apply_prepayments = fields.Boolean(
        string="Apply Prepayments",
        default=True,
        help="Payments received in advance are reconciled with new bills when they are posted.",
    )


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    property_billing_post = fields.Boolean(
        related="company_id.property_billing_post", readonly=False
    )
    property_billing_auto = fields.Boolean(
        related="company_id.property_billing_auto", readonly=False
    )
    property_billing_due_days = fields.Integer(
        related="company_id.property_billing_due_days", readonly=False
    )
    property_bill_at_move_in = fields.Boolean(
        related="company_id.property_bill_at_move_in", readonly=False
    )
    property_apply_prepayments = fields.Boolean(
        related="company_id.property_apply_prepayments", readonly=False
    )
    property_late_fee_rate = fields.Float(
        related="company_id.property_late_fee_rate", readonly=False
    )
    property_late_fee_grace_days = fields.Integer(
        related="company_id.property_late_fee_grace_days", readonly=False
    )
    property_late_fee_cap = fields.Float(related="company_id.property_late_fee_cap", readonly=False)
    property_late_fee_item_id = fields.Many2one(
        related="company_id.property_late_fee_item_id", readonly=False
    )
