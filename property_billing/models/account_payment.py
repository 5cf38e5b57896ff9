from odoo import api, fields, models

COUNTER_METHODS = [
    ("cash", "Cash"),
    ("card", "Bank Card"),
    ("transfer", "Bank Transfer"),
    ("wechat", "WeChat (offline)"),
    ("alipay", "Alipay (offline)"),
]


class AccountPayment(models.Model):
    _inherit = "account.payment"

    # The unit and estate a payment belongs to: set by the counter, or taken
    # from the bills it pays (register wizard, online payments). Property staff
    # see the payments of their estates by this estate.
    property_unit_id = fields.Many2one(
        comodel_name="property.unit",
        string="Unit",
        compute="_compute_property_unit",
        store=True,
        readonly=False,
        index="btree_not_null",
        ondelete="restrict",
    )
    property_estate_id = fields.Many2one(
        comodel_name="property.estate",
        string="Estate",
        compute="_compute_property_unit",
        store=True,
        readonly=False,
        index="btree_not_null",
        ondelete="restrict",
    )
    property_counter_method = fields.Selection(
        selection=COUNTER_METHODS,
        string="Counter Payment Method",
        readonly=True,
        copy=False,
        help="How the payer paid at the counter.",
    )

    @api.depends("invoice_ids.property_unit_id")
    def _compute_property_unit(self):
        for payment in self:
            bills = payment.invoice_ids.filtered("property_unit_id")
            if len(bills.property_unit_id) == 1:
                payment.property_unit_id = bills.property_unit_id
            else:
                payment.property_unit_id = payment.property_unit_id
            if payment.property_unit_id:
                payment.property_estate_id = payment.property_unit_id.estate_id
            elif len(bills.property_estate_id) == 1:
                payment.property_estate_id = bills.property_estate_id
            else:
                payment.property_estate_id = payment.property_estate_id

    def write(self, vals):
        """A payment given to another estate, unit or bills (or made a
        customer's) moves its credit in the fee ledger
        (``property.fee.ledger``)."""
        if (
            not {"property_estate_id", "property_unit_id", "partner_type", "invoice_ids"}
            & vals.keys()
        ):
            return super().write(vals)
        ledger = self.env["property.fee.ledger"].sudo()
        ledger._record_moves(self.move_id, -1)
        result = super().write(vals)
        ledger._record_moves(self.move_id, 1)
        return result

    def action_property_print_receipt(self):
        self.check_access("read")
        return self.env.ref("property_billing.action_report_property_receipt").report_action(self)

    def _property_receipt_bills(self):
        """The bills a receipt lists. Odoo computes them together with the
        bank statement lines of the payment, which property staff may not
        read: computed as superuser, then read back with the user's rights."""
        self.ensure_one()
        self.check_access("read")
        return self.sudo().reconciled_invoice_ids.with_env(self.env)
