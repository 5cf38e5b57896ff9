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

    # The journal each way of paying at the counter is booked in; left empty,
    # the company's first cash journal takes cash and its first bank journal
    # the others.
    property_counter_journal_cash_id = fields.Many2one(
        comodel_name="account.journal",
        string="Cash Journal",
        domain="[('type', 'in', ('cash', 'bank'))]",
    )
    property_counter_journal_card_id = fields.Many2one(
        comodel_name="account.journal",
        string="Bank Card Journal",
        domain="[('type', 'in', ('cash', 'bank'))]",
    )
    property_counter_journal_transfer_id = fields.Many2one(
        comodel_name="account.journal",
        string="Bank Transfer Journal",
        domain="[('type', 'in', ('cash', 'bank'))]",
    )
    property_counter_journal_wechat_id = fields.Many2one(
        comodel_name="account.journal",
        string="WeChat (offline) Journal",
        domain="[('type', 'in', ('cash', 'bank'))]",
    )
    property_counter_journal_alipay_id = fields.Many2one(
        comodel_name="account.journal",
        string="Alipay (offline) Journal",
        domain="[('type', 'in', ('cash', 'bank'))]",
    )

    def _property_counter_journal(self, method):
        """The journal of ``method`` (a code of ``COUNTER_METHODS``)."""
        self.ensure_one()
        journal = self[f"property_counter_journal_{method}_id"]
        if journal:
            return journal
        Journal = self.env["account.journal"]
        journal_type = "cash" if method == "cash" else "bank"
        return Journal.search(
            [("company_id", "=", self.id), ("type", "=", journal_type)], limit=1
        ) or Journal.search(
            [("company_id", "=", self.id), ("type", "in", ("cash", "bank"))], limit=1
        )

    def _property_ensure_cash_journal(self):
        """Create a cash journal (现金) in the companies that have none."""
        Journal = self.env["account.journal"].sudo()
        for company in self:
            if Journal.search_count([("company_id", "=", company.id), ("type", "=", "cash")]):
                continue
            codes = set(Journal.search([("company_id", "=", company.id)]).mapped("code"))
            code = next(code for code in ("CSH", "PCSH", "CSH9", "PCS9") if code not in codes)
            journal = Journal.create(
                {"name": "Cash", "type": "cash", "code": code, "company_id": company.id}
            )
            journal.update_field_translations("name", {"zh_CN": "现金"})
