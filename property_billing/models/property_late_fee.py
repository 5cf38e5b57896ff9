from collections import defaultdict

from odoo import Command, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.fields import Domain
from odoo.tools.float_utils import float_is_zero

from odoo.addons.property_base.models.property_input_mixin import check_field_input


class PropertyLateFee(models.Model):
    """Late fee (滞纳金) accrued on an overdue bill.

    A daily scheduled action adds, for each day since its last run, the
    company's daily rate on what is still unpaid of the bill, once the due
    date and the grace days are past, and never more in total than the cap
    (a share of the bill's amount). The accrual is billed on its own invoice
    (``action_invoice``) or waived, with a reason, by the estate manager or an
    accounting manager.
    """

    _name = "property.late.fee"
    _description = "Late Fee"
    _inherit = ["mail.thread"]
    _order = "date_computed desc, id desc"

    bill_id = fields.Many2one(
        comodel_name="account.move",
        string="Overdue Bill",
        required=True,
        index=True,
        ondelete="cascade",
        readonly=True,
    )
    unit_id = fields.Many2one(related="bill_id.property_unit_id", store=True, index=True)
    estate_id = fields.Many2one(related="bill_id.property_estate_id", store=True)
    partner_id = fields.Many2one(related="bill_id.partner_id", store=True, index=True)
    company_id = fields.Many2one(related="bill_id.company_id", store=True, index=True)
    currency_id = fields.Many2one(related="bill_id.currency_id")
    date_from = fields.Date(
        string="Accrues from", required=True, readonly=True, help="First day charged."
    )
    date_computed = fields.Date(
        string="Computed up to", required=True, readonly=True, help="Last day charged."
    )
    days = fields.Integer(string="Days Charged", readonly=True)
    amount = fields.Monetary(currency_field="currency_id", readonly=True, tracking=True)
    state = fields.Selection(
        selection=[("accrued", "Accrued"), ("invoiced", "Invoiced"), ("waived", "Waived")],
        required=True,
        default="accrued",
        readonly=True,
        tracking=True,
    )
    invoice_id = fields.Many2one(
        comodel_name="account.move", string="Late Fee Invoice", readonly=True, copy=False
    )
    waive_reason = fields.Char(readonly=True, tracking=True)
    date_waived = fields.Date(string="Waived on", readonly=True, copy=False)
    waived_by_id = fields.Many2one(comodel_name="res.users", string="Waived by", readonly=True)

    _bill_accrued_uniq = models.UniqueIndex(
        "(bill_id) WHERE state = 'accrued'", "A bill has one running late fee at a time."
    )

    @api.depends("bill_id.name", "amount")
    def _compute_display_name(self):
        for late_fee in self:
            late_fee.display_name = self.env._(
                "Late fee on %(bill)s", bill=late_fee.bill_id.name or "/"
            )

    # ------------------------------------------------------------
    # Accrual
    # ------------------------------------------------------------

    @api.model
    def _get_overdue_bills_domain(self, company, today):
        grace = company.property_late_fee_grace_days
        return (
            Domain("company_id", "=", company.id)
            & Domain("move_type", "=", "out_invoice")
            & Domain("state", "=", "posted")
            & Domain("property_unit_id", "!=", False)
            & Domain("property_late_fee_exempt", "=", False)
            & Domain("property_is_late_fee", "=", False)
            & Domain("payment_state", "in", ("not_paid", "partial"))
            & Domain("invoice_date_due", "<", fields.Date.subtract(today, days=grace))
        )

    @api.model
    def _accrue(self, company, today):
        """Bring the late fees of ``company``'s overdue bills up to ``today``."""
        rate = company.property_late_fee_rate / 100.0
        if not rate:
            return self.browse()
        grace = company.property_late_fee_grace_days
        bills = self.env["account.move"].search(self._get_overdue_bills_domain(company, today))
        if not bills:
            return self.browse()
        running = {
            fee.bill_id: fee
            for fee in self.search([("bill_id", "in", bills.ids), ("state", "=", "accrued")])
        }
        charged = defaultdict(float)
        last_day = {}
        for fee in self.search([("bill_id", "in", bills.ids), ("state", "!=", "waived")]):
            charged[fee.bill_id] += fee.amount
            last_day[fee.bill_id] = max(
                last_day.get(fee.bill_id, fee.date_computed), fee.date_computed
            )
        new_vals = []
        for bill in bills:
            currency = bill.currency_id
            first_day = fields.Date.add(bill.invoice_date_due, days=grace + 1)
            start = fields.Date.add(last_day[bill], days=1) if bill in last_day else first_day
            days = (today - start).days + 1
            if days <= 0:
                continue
            cap = bill.amount_total * company.property_late_fee_cap / 100.0
            amount = min(bill.amount_residual * rate * days, max(cap - charged[bill], 0.0))
            amount = currency.round(amount)
            fee = running.get(bill)
            if fee:
                fee.write(
                    {
                        "amount": fee.amount + amount,
                        "days": fee.days + days,
                        "date_computed": today,
                    }
                )
            elif not float_is_zero(amount, precision_rounding=currency.rounding):
                new_vals.append(
                    {
                        "bill_id": bill.id,
                        "date_from": start,
                        "date_computed": today,
                        "days": days,
                        "amount": amount,
                    }
                )
        return self.create(new_vals)

    @api.model
    def _cron_accrue_late_fees(self):
        today = fields.Date.context_today(self)
        companies = self.env["res.company"].search([("property_late_fee_rate", ">", 0)])
        for company in companies:
            self.with_company(company).with_context(lang=company._property_lang())._accrue(
                company, today
            )
            if self.env.context.get("ir_cron_progress_id"):
                self.env["ir.cron"]._commit_progress(1)

    # ------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------

    def action_invoice(self):
        """One invoice per payer and unit with a line per accrued late fee."""
        fees = self.filtered(lambda f: f.state == "accrued" and f.amount > 0)
        if not fees:
            raise UserError(self.env._("There is no accrued late fee to invoice."))
        grouped = defaultdict(lambda: self.browse())
        for fee in fees:
            grouped[fee.bill_id.commercial_partner_id, fee.unit_id, fee.company_id] |= fee
        vals_list, groups = [], []
        for (partner, unit, company), group in grouped.items():
            item = company.property_late_fee_item_id
            if not item:
                raise UserError(
                    self.env._(
                        "Choose the fee item of late fees in the settings of %(company)s first.",
                        company=company.name,
                    )
                )
            vals_list.append(group._prepare_invoice_values(partner, unit, company, item))
            groups.append(group)
        invoices = (
            self.env["account.move"]
            .with_context(tracking_disable=True, default_move_type="out_invoice")
            .create(vals_list)
        )
        for invoice, group in zip(invoices, groups, strict=True):
            group.write({"state": "invoiced", "invoice_id": invoice.id})
        invoices.filtered(lambda m: m.company_id.property_billing_post)._post(soft=False)
        return invoices

    def _prepare_invoice_values(self, partner, unit, company, item):
        today = fields.Date.context_today(self)
        return {
            "move_type": "out_invoice",
            "partner_id": partner.id,
            "company_id": company.id,
            "invoice_date": today,
            "property_unit_id": unit.id,
            "property_is_late_fee": True,
            "invoice_line_ids": [
                Command.create(
                    {
                        "product_id": item.product_id.id,
                        "name": self.env._(
                            "%(fee)s, %(unit)s, %(bill)s (%(days)s days from %(start)s)",
                            fee=item.name,
                            unit=unit.display_name,
                            bill=fee.bill_id.name,
                            days=fee.days,
                            start=fee.date_from,
                        ),
                        "quantity": 1.0,
                        "price_unit": fee.amount,
                        "account_id": item.account_id.id,
                        "tax_ids": [Command.set(item.tax_ids.ids)],
                    }
                )
                for fee in self
            ],
        }

    def action_open_waive_wizard(self):
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Waive Late Fees"),
            "res_model": "property.late.fee.waive",
            "view_mode": "form",
            "target": "new",
            "context": {"active_model": self._name, "active_ids": self.ids},
        }

    def _check_can_waive(self):
        """An accounting manager waives any late fee; an estate manager those
        of his estates; nobody else."""
        user = self.env.user
        if user.has_group("account.group_account_manager"):
            return
        if not user.has_group("property_base.group_property_manager"):
            raise AccessError(
                self.env._("Only the estate manager or an accounting manager can waive late fees.")
            )
        self.check_access("read")
        foreign = self.filtered(lambda fee: fee.estate_id not in user._property_estates())
        if foreign:
            raise AccessError(
                self.env._(
                    "You do not manage %(estates)s: you cannot waive its late fees.",
                    estates=", ".join(foreign.estate_id.mapped("display_name")),
                )
            )

    def _waive(self, reason):
        reason = (reason or "").strip()
        if not reason:
            raise UserError(self.env._("Give the reason for waiving the late fee."))
        self._check_can_waive()
        if any(fee.state == "invoiced" for fee in self):
            raise UserError(
                self.env._("An invoiced late fee cannot be waived: credit its invoice instead.")
            )
        if any(fee.state == "waived" for fee in self):
            raise UserError(self.env._("This late fee is waived already."))
        # An estate manager has no write access on late fees and bills: the
        # waiver is written as superuser once _check_can_waive has checked his
        # group and his estates with his own rights.
        fees = self.sudo()
        fees.write(
            {
                "state": "waived",
                "waive_reason": reason,
                "waived_by_id": self.env.uid,
                "date_waived": fields.Date.context_today(self),
            }
        )
        # No further late fee on these bills.
        fees.bill_id.write({"property_late_fee_exempt": True})
        author = self.env.user.partner_id
        for fee in fees:
            body = self.env._(
                "Late fee of %(amount)s waived by %(user)s. Reason: %(reason)s",
                amount=fee.currency_id.format(fee.amount),
                user=self.env.user.name,
                reason=reason,
            )
            fee.message_post(body=body, author_id=author.id)
            fee.bill_id.message_post(body=body, author_id=author.id)
        return True


class ResCompany(models.Model):
    _inherit = "res.company"

    property_late_fee_rate = fields.Float(
        string="Late Fee Rate (% per day)",
        digits=(6, 4),
        default=0.05,
        help="Charged per day on what is unpaid of an overdue bill (0.05% = 万分之五).",
    )
    property_late_fee_grace_days = fields.Integer(
        string="Late Fee Grace Days", default=15, help="Days after the due date without late fee."
    )
    property_late_fee_cap = fields.Float(
        string="Late Fee Cap (%)",
        default=100.0,
        help="Late fees of a bill never exceed this share of its amount.",
    )
    property_late_fee_item_id = fields.Many2one(
        comodel_name="property.fee.item",
        string="Late Fee Item",
        help="Product, income account and taxes of late fee invoices.",
    )

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._check_late_fee_input(vals)
        return super().create(vals_list)

    def write(self, vals):
        self._check_late_fee_input(vals)
        return super().write(vals)

    @api.model
    def _check_late_fee_input(self, vals):
        """NaN or an infinite rate fails in the ORM's rounding before the
        constraint below can say what is wrong."""
        for field_name in ("property_late_fee_rate", "property_late_fee_cap"):
            if field_name in vals:
                check_field_input(self, field_name, vals[field_name])

    @api.constrains(
        "property_late_fee_rate", "property_late_fee_cap", "property_late_fee_grace_days"
    )
    def _check_late_fee_settings(self):
        for company in self:
            if not 0 <= company.property_late_fee_rate <= 1:
                raise ValidationError(
                    self.env._(
                        "A late fee rate of %(rate)s%% per day is not sane: keep it between 0 "
                        "and 1%% per day.",
                        rate=company.property_late_fee_rate,
                    )
                )
            if not 0 <= company.property_late_fee_cap <= 100:
                raise ValidationError(self.env._("The late fee cap is a share between 0 and 100%."))
            if company.property_late_fee_grace_days < 0:
                raise ValidationError(self.env._("Grace days cannot be negative."))
