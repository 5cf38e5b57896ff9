from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools.float_utils import float_compare

from ..models.account_payment import COUNTER_METHODS


class PropertyCounterPayment(models.TransientModel):
    """收银台: a cashier takes a payment at the counter for one or several
    open bills of a unit (or a prepayment), without accounting rights."""

    _name = "property.counter.payment"
    _description = "Counter Payment"

    unit_id = fields.Many2one(comodel_name="property.unit", string="Unit", required=True)
    company_id = fields.Many2one(related="unit_id.company_id")
    currency_id = fields.Many2one(related="unit_id.company_id.currency_id")
    bill_ids = fields.Many2many(
        comodel_name="account.move",
        string="Bills",
        compute="_compute_bill_ids",
        store=True,
        readonly=False,
        domain="[('property_unit_id', '=', unit_id), ('move_type', '=', 'out_invoice'), "
        "('state', '=', 'posted'), ('payment_state', 'in', ('not_paid', 'partial'))]",
    )
    partner_id = fields.Many2one(
        comodel_name="res.partner",
        string="Payer",
        compute="_compute_partner_id",
        store=True,
        readonly=False,
    )
    amount_open = fields.Monetary(
        string="Open Amount", compute="_compute_amount_open", currency_field="currency_id"
    )
    amount = fields.Monetary(
        string="Amount Received",
        compute="_compute_amount",
        store=True,
        readonly=False,
        currency_field="currency_id",
    )
    method = fields.Selection(
        selection=COUNTER_METHODS, string="Paid by", required=True, default="cash"
    )
    date = fields.Date(required=True, default=fields.Date.context_today)
    memo = fields.Char()
    keep_as_prepayment = fields.Boolean(
        string="Keep the Rest as Prepayment",
        help="What is paid above the open amount of the bills stays as the payer's credit "
        "(预收), applied to the next bills.",
    )
    payment_id = fields.Many2one(comodel_name="account.payment", readonly=True)

    @api.depends("unit_id")
    def _compute_bill_ids(self):
        for wizard in self:
            Move = self.env["account.move"]
            wizard.bill_ids = (
                Move.search(
                    wizard._get_open_bills_domain(wizard.unit_id), order="invoice_date_due, id"
                )
                if wizard.unit_id
                else Move
            )

    @api.depends("bill_ids", "unit_id")
    def _compute_partner_id(self):
        for wizard in self:
            wizard.partner_id = (
                wizard.bill_ids.commercial_partner_id[:1] or wizard.unit_id.current_payer_id
            )

    @api.depends("bill_ids.amount_residual")
    def _compute_amount_open(self):
        for wizard in self:
            wizard.amount_open = sum(wizard.bill_ids.mapped("amount_residual"))

    @api.depends("bill_ids")
    def _compute_amount(self):
        for wizard in self:
            wizard.amount = sum(wizard.bill_ids.mapped("amount_residual"))

    @api.model
    def _get_open_bills_domain(self, unit):
        return [
            ("property_unit_id", "=", unit.id),
            ("move_type", "=", "out_invoice"),
            ("state", "=", "posted"),
            ("payment_state", "in", ("not_paid", "partial")),
        ]

    # ------------------------------------------------------------
    # Checks, as the cashier
    # ------------------------------------------------------------

    def _check_counter_payment(self):
        """Everything the cashier may not do is refused here, with his own
        rights, before anything is written."""
        self.ensure_one()
        user = self.env.user
        is_accountant = user.has_group("account.group_account_invoice")
        if not (is_accountant or user.has_group("property_base.group_property_cashier")):
            raise AccessError(self.env._("Only a cashier can take payments at the counter."))
        unit = self.unit_id
        if not is_accountant:
            # The estates of the unit and bills, read whatever the user may
            # see, so that he reads why he is refused.
            estates = unit.sudo().estate_id | self.bill_ids.sudo().property_estate_id
            if estates - user._property_estates():
                raise AccessError(
                    self.env._(
                        "You do not work on the estate of this unit or of these bills: you "
                        "cannot take payments for them."
                    )
                )
        unit.check_access("read")
        self.bill_ids.check_access("read")
        for bill in self.bill_ids:
            if bill.property_unit_id != unit:
                raise UserError(
                    self.env._(
                        "Bill %(bill)s is not a bill of unit %(unit)s.",
                        bill=bill.name,
                        unit=unit.display_name,
                    )
                )
            if bill.move_type != "out_invoice" or bill.state != "posted":
                raise UserError(
                    self.env._("Bill %(bill)s is not a posted bill.", bill=bill.display_name)
                )
            if bill.payment_state not in ("not_paid", "partial"):
                raise UserError(self.env._("Bill %(bill)s is paid already.", bill=bill.name))
        if len(self.bill_ids.commercial_partner_id) > 1:
            raise UserError(
                self.env._(
                    "These bills have different payers (%(payers)s): take one payment per payer.",
                    payers=", ".join(self.bill_ids.commercial_partner_id.mapped("name")),
                )
            )
        if not self.partner_id:
            raise UserError(self.env._("Choose the payer."))
        if self.bill_ids and self.partner_id.commercial_partner_id != (
            self.bill_ids.commercial_partner_id
        ):
            raise UserError(
                self.env._(
                    "The payer of the bills is %(payer)s.",
                    payer=self.bill_ids.commercial_partner_id.name,
                )
            )
        currency = self.currency_id
        if float_compare(self.amount, 0.0, precision_rounding=currency.rounding) <= 0:
            raise ValidationError(self.env._("The amount received must be positive."))
        if not self.bill_ids and not self.keep_as_prepayment:
            raise UserError(
                self.env._(
                    "Choose the bills paid, or tick 'Keep the Rest as Prepayment' to take a "
                    "prepayment."
                )
            )
        open_amount = sum(self.bill_ids.mapped("amount_residual"))
        if (
            float_compare(self.amount, open_amount, precision_rounding=currency.rounding) > 0
            and not self.keep_as_prepayment
        ):
            raise ValidationError(
                self.env._(
                    "%(amount)s is more than the %(open)s open on the bills chosen. Tick "
                    "'Keep the Rest as Prepayment' to keep the rest as the payer's credit.",
                    amount=currency.format(self.amount),
                    open=currency.format(open_amount),
                )
            )
        if not self.company_id._property_counter_journal(self.method):
            raise UserError(
                self.env._(
                    "No journal takes payments by %(method)s in %(company)s: set it in the "
                    "billing settings.",
                    method=dict(self._fields["method"]._description_selection(self.env))[
                        self.method
                    ],
                    company=self.company_id.name,
                )
            )

    # ------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------

    def action_confirm(self):
        """Take the payment and print its receipt."""
        payment = self._create_payment()
        action = self.env.ref("property_billing.action_report_property_receipt").report_action(
            payment
        )
        action["close_on_report_download"] = True
        return action

    def _create_payment(self):
        self._check_counter_payment()
        # The cashier has no accounting rights: the payment, its journal entry
        # and the reconciliation are written as superuser, only after
        # _check_counter_payment has checked, with the cashier's own rights,
        # his group, his estate, the unit, the bills and the amount.
        wizard = self.sudo()
        company = wizard.company_id
        journal = company._property_counter_journal(wizard.method)
        method_line = journal._get_available_payment_method_lines("inbound")[:1]
        memo = (
            wizard.memo
            or ", ".join(wizard.bill_ids.mapped("name"))
            or self.env._("Prepayment %(unit)s", unit=wizard.unit_id.display_name)
        )
        if wizard.bill_ids:
            register = (
                self.env["account.payment.register"]
                .sudo()
                .with_context(active_model="account.move", active_ids=wizard.bill_ids.ids)
                .create(
                    {
                        "amount": wizard.amount,
                        "payment_date": wizard.date,
                        "journal_id": journal.id,
                        "payment_method_line_id": method_line.id,
                        "group_payment": True,
                        "communication": memo,
                        "payment_difference_handling": "open",
                    }
                )
            )
            payment = register._create_payments()
        else:
            payment = (
                self.env["account.payment"]
                .sudo()
                .create(
                    {
                        "payment_type": "inbound",
                        "partner_type": "customer",
                        "partner_id": wizard.partner_id.commercial_partner_id.id,
                        "amount": wizard.amount,
                        "date": wizard.date,
                        "journal_id": journal.id,
                        "payment_method_line_id": method_line.id,
                        "company_id": company.id,
                        "memo": memo,
                    }
                )
            )
            payment.action_post()
        payment = payment.sudo()
        payment.write(
            {
                "property_unit_id": wizard.unit_id.id,
                "property_estate_id": wizard.unit_id.estate_id.id,
                "property_counter_method": wizard.method,
            }
        )
        wizard.payment_id = payment
        return payment.with_env(self.env)
