from odoo import fields, models


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

    property_counter_journal_cash_id = fields.Many2one(
        related="company_id.property_counter_journal_cash_id", readonly=False
    )
    property_counter_journal_card_id = fields.Many2one(
        related="company_id.property_counter_journal_card_id", readonly=False
    )
    property_counter_journal_transfer_id = fields.Many2one(
        related="company_id.property_counter_journal_transfer_id", readonly=False
    )
    property_counter_journal_wechat_id = fields.Many2one(
        related="company_id.property_counter_journal_wechat_id", readonly=False
    )
    property_counter_journal_alipay_id = fields.Many2one(
        related="company_id.property_counter_journal_alipay_id", readonly=False
    )
