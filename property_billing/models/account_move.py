from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.fields import Domain

# What a move counts for in the fee ledger follows from these fields of its own.
LEDGER_MOVE_FIELDS = frozenset(
    {"state", "invoice_date_due", "property_unit_id", "property_period_id", "property_is_late_fee"}
)


class AccountMove(models.Model):
    _inherit = "account.move"

    property_unit_id = fields.Many2one(
        comodel_name="property.unit",
        string="Unit",
        index="btree_not_null",
        readonly=True,
        copy=False,
        ondelete="restrict",
    )
    property_estate_id = fields.Many2one(
        comodel_name="property.estate",
        string="Estate",
        related="property_unit_id.estate_id",
        store=True,
        index="btree_not_null",
    )
    property_building_id = fields.Many2one(
        comodel_name="property.building",
        string="Building",
        related="property_unit_id.building_id",
        store=True,
    )
    property_period_id = fields.Many2one(
        comodel_name="property.billing.period",
        string="Billing Period",
        index="btree_not_null",
        readonly=True,
        copy=False,
        ondelete="restrict",
    )
    property_billing_run_id = fields.Many2one(
        comodel_name="property.billing.run",
        string="Billing Run",
        index="btree_not_null",
        readonly=True,
        copy=False,
        ondelete="set null",
    )

    def _get_last_sequence(self, relaxed=False, with_prefix=None):
        # A billing run posts hundreds of bills of one journal and one date at
        # once: Odoo looks the last number up for each (two searches and a
        # query that grow with the journal). After the first bill of the batch
        # the number comes from the sequence cache of ``_locked_increment``
        # (which holds the lock on the sequence); only the format of the last
        # number matters, and it is the same for the whole batch.
        batch = self.env.context.get("property_sequence_batch")
        if not batch:
            return super()._get_last_sequence(relaxed=relaxed, with_prefix=with_prefix)
        cache = self.env.cr.cache.setdefault("property_sequence_batch", {})
        key = (
            batch,
            self.journal_id.id,
            self.date,
            self.move_type,
            bool(self.origin_payment_id),
            relaxed,
            with_prefix,
        )
        if key not in cache:
            cache[key] = super()._get_last_sequence(relaxed=relaxed, with_prefix=with_prefix)
        return cache[key]

    def write(self, vals):
        """Posting, resetting or cancelling a bill or a payment changes what
        it counts for in the fee ledger, and so do a posted bill's due date,
        unit or period written over, and matching a payment with bills (it
        gives the payment their estate): what the records counted for before
        is taken off, what they count for after is added
        (``property.fee.ledger``)."""
        own = LEDGER_MOVE_FIELDS & vals.keys()
        if not own and "matched_payment_ids" not in vals:
            return super().write(vals)
        moves = self if own else self.browse()
        if "matched_payment_ids" in vals:
            moves |= self.sudo().matched_payment_ids.move_id
        ledger = self.env["property.fee.ledger"].sudo()
        ledger._record_moves(moves, -1)
        result = super(
            AccountMove, self.with_context(property_fee_ledger_moves=tuple(moves.ids))
        ).write(vals)
        if "matched_payment_ids" in vals:
            moves |= self.sudo().matched_payment_ids.move_id
        ledger._record_moves(moves, 1)
        if own:
            self.env["property.fee.unit.month"].sudo()._refresh_bills(
                self.filtered(lambda move: move.property_unit_id and move.property_period_id).ids
            )
        return result

    def _post(self, soft=True):
        posted = super()._post(soft=soft)
        posted.filtered(
            lambda move: move.property_unit_id and move.move_type == "out_invoice"
        )._apply_prepayments()
        return posted

    def _apply_prepayments(self):
        """Reconcile the payers' outstanding credits (预存款: payments received
        in advance) with the new bills, oldest bill first. One query when no
        payer has credit."""
        if not self:
            return
        credit_lines = self.env["account.move.line"].search(
            Domain("partner_id", "in", self.commercial_partner_id.ids)
            & Domain("company_id", "in", self.company_id.ids)
            & Domain("parent_state", "=", "posted")
            & Domain("account_type", "=", "asset_receivable")
            & Domain("reconciled", "=", False)
            & Domain("amount_residual", "<", 0.0),
            order="date, id",
        )
        if not credit_lines:
            return
        for move in self.sorted(lambda m: (m.invoice_date_due or m.date, m.id)):
            if not move.company_id.property_apply_prepayments:
                continue
            credits = credit_lines.filtered(
                lambda line, move=move: line.partner_id.commercial_partner_id
                == move.commercial_partner_id
                and line.company_id == move.company_id
                and not line.reconciled
            )
            if not credits:
                continue
            receivable = move.line_ids.filtered(
                lambda line: line.account_type == "asset_receivable" and not line.reconciled
            )
            for credit in credits:
                if receivable.filtered(lambda line: not line.reconciled):
                    (receivable + credit).filtered(lambda line: not line.reconciled).reconcile()

    def button_cancel(self):
        result = super().button_cancel()
        self.line_ids.property_bill_line_id._release_if_unbilled()
        return result

    def unlink(self):
        claims = self.line_ids.property_bill_line_id
        result = super().unlink()
        claims.exists().filtered(lambda claim: not claim.move_line_ids).sudo().unlink()
        return result

    @api.model
    def _get_property_bill_domain(self):
        return Domain("move_type", "=", "out_invoice") & Domain("property_unit_id", "!=", False)


class AccountMoveLateFee(models.Model):
    _inherit = "account.move"

    property_is_late_fee = fields.Boolean(
        string="Late Fee Invoice", readonly=True, copy=False, index="btree_not_null"
    )
    property_late_fee_exempt = fields.Boolean(
        string="No Late Fee", copy=False, help="No late fee accrues on this bill (waived)."
    )
    property_late_fee_ids = fields.One2many(
        comodel_name="property.late.fee", inverse_name="bill_id", string="Late Fees"
    )


class AccountMoveReminder(models.Model):
    _inherit = "account.move"

    def action_property_send_reminder(self):
        """Mail a payment reminder (催缴通知) for each unpaid bill whose payer
        has an email; the others are listed back to the user."""
        user = self.env.user
        if not (
            user.has_group("account.group_account_invoice")
            or user.has_group("property_base.group_property_cashier")
        ):
            raise AccessError(self.env._("Only a cashier can send payment reminders."))
        self.check_access("read")
        template = self.env.ref("property_billing.mail_template_property_reminder")
        bills = self.filtered(
            lambda m: m.move_type == "out_invoice"
            and m.state == "posted"
            and m.payment_state in ("not_paid", "partial")
        )
        without_email = bills.filtered(lambda m: not m.partner_id.email)
        # A cashier may not write on bills (posting on a document asks for
        # it): the reminders are posted as superuser, on bills he has just
        # been checked to read, as himself (the author stays the cashier).
        for bill in (bills - without_email).sudo():
            bill.message_post_with_source(template, subtype_xmlid="mail.mt_comment")
        message = self.env._("%(count)s reminder(s) sent.", count=len(bills - without_email))
        if without_email:
            message += " " + self.env._(
                "No email address for: %(payers)s.",
                payers=", ".join(without_email.partner_id.mapped("name")),
            )
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {"message": message, "type": "info", "sticky": False},
        }


class AccountMoveDesk(models.Model):
    _inherit = "account.move"

    def _property_is_billing_staff(self):
        """Property staff without an accounting group: they read property bills
        in the property views, never in Accounting's."""
        user = self.env.user
        return user.has_group("property_base.group_property_user") and not (
            user.has_group("account.group_account_invoice")
            or user.has_group("account.group_account_readonly")
        )

    def get_formview_id(self, access_uid=None):
        if (
            self[:1].property_unit_id
            and self.with_user(access_uid or self.env.uid)._property_is_billing_staff()
        ):
            return self.env.ref("property_billing.property_bill_view_form").id
        return super().get_formview_id(access_uid=access_uid)

    def action_property_print_bill(self):
        self.check_access("read")
        return self.env.ref("account.account_invoices").report_action(self)

    def action_property_open_in_accounting(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "account.move",
            "res_id": self.id,
            "view_mode": "form",
            "views": [(self.env.ref("account.view_move_form").id, "form")],
        }


class AccountMoveTransfer(models.Model):
    _inherit = "account.move"

    property_pending_transfer_ids = fields.Many2many(
        comodel_name="payment.transaction",
        string="Pending Transfers",
        compute="_compute_property_pending_transfer_ids",
        groups="account.group_account_invoice",
        help="Bank transfers announced by the payer, waiting for the money to arrive.",
    )

    @api.depends("transaction_ids.state", "transaction_ids.provider_code")
    def _compute_property_pending_transfer_ids(self):
        for move in self:
            move.property_pending_transfer_ids = move.transaction_ids.filtered(
                lambda tx: tx.provider_code == "custom" and tx.state == "pending"
            )

    def action_property_confirm_transfer(self):
        """确认到账 on the bill: confirm its pending bank transfers."""
        transfers = self.property_pending_transfer_ids
        if not transfers:
            raise UserError(self.env._("This bill has no bank transfer waiting for confirmation."))
        return transfers.action_property_confirm_transfer()


class AccountMoveFeeCurrency(models.Model):
    _inherit = "account.move"

    @api.constrains("journal_id", "currency_id")
    def _check_fee_currency(self):
        """Fee items and late fees are priced in their company's currency and
        their bills carry the amounts as they are: a bill in another currency
        (a sales journal with a currency of its own) would charge 2.50 EUR
        where 2.50 CNY is due."""
        for move in self:
            if not (move.property_billing_run_id or move.property_is_late_fee):
                continue
            if move.currency_id != move.company_id.currency_id:
                raise ValidationError(
                    self.env._(
                        "The bill of %(unit)s cannot be made in %(currency)s, the currency of "
                        "journal %(journal)s: fee items are priced in %(company_currency)s. "
                        "Bill through a sales journal in %(company_currency)s.",
                        unit=move.property_unit_id.display_name,
                        currency=move.currency_id.name,
                        journal=move.journal_id.display_name,
                        company_currency=move.company_id.currency_id.name,
                    )
                )
