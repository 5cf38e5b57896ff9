import uuid
from collections import defaultdict
from datetime import timedelta

from odoo import Command, api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.fields import Domain
from odoo.tools import split_every


class PropertyBillingRun(models.Model):
    """A billing run (批量出账): bills the units of some estates or buildings
    for a period — one customer invoice per payer and unit, one line per fee
    item. Safe to run again or resume: see ``property.bill.line``."""

    _name = "property.billing.run"
    _description = "Billing Run"
    _inherit = ["mail.thread"]
    _order = "id desc"
    _check_company_auto = True

    name = fields.Char(compute="_compute_name", store=True)
    period_id = fields.Many2one(
        comodel_name="property.billing.period",
        string="Period",
        required=True,
        index=True,
        check_company=True,
        domain="[('state', '=', 'open')]",
        tracking=True,
    )
    company_id = fields.Many2one(
        comodel_name="res.company",
        required=True,
        index=True,
        default=lambda self: self.env.company,
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    estate_ids = fields.Many2many(
        comodel_name="property.estate",
        string="Estates",
        check_company=True,
        help="Leave empty to bill every estate of the company.",
    )
    building_ids = fields.Many2many(
        comodel_name="property.building",
        string="Buildings",
        check_company=True,
        domain="[('estate_id', 'in', estate_ids)]",
        help="Leave empty to bill every building of the estates.",
    )
    unit_ids = fields.Many2many(
        comodel_name="property.unit",
        string="Units",
        check_company=True,
        help="Leave empty to bill every unit of the estates and buildings.",
    )
    fee_ids = fields.Many2many(
        comodel_name="property.fee.item",
        string="Fee Items",
        check_company=True,
        help="Leave empty to bill every active fee item.",
    )
    post_invoices = fields.Boolean(
        string="Post the Bills",
        default=lambda self: self.env.company.property_billing_post,
        help="Post the invoices at once; unchecked, they stay in draft for review.",
    )
    date_bill = fields.Date(
        string="Bill Date",
        compute="_compute_date_bill",
        store=True,
        readonly=False,
        help="Date of the bills: the day they are made, or the period's invoice date when "
        "they are made before it. Due after the company's payment delay from that date "
        "(or on the period's due date).",
    )
    state = fields.Selection(
        selection=[("draft", "Draft"), ("running", "Running"), ("done", "Done")],
        required=True,
        default="draft",
        tracking=True,
        copy=False,
    )
    date_run = fields.Datetime(string="Last Run", readonly=True, copy=False)
    user_id = fields.Many2one(
        comodel_name="res.users", string="Run by", default=lambda self: self.env.user
    )
    invoice_ids = fields.One2many(
        comodel_name="account.move", inverse_name="property_billing_run_id", string="Invoices"
    )
    skip_ids = fields.One2many(
        comodel_name="property.billing.run.skip", inverse_name="run_id", string="Skipped Units"
    )
    can_use_jobs = fields.Boolean(compute="_compute_can_use_jobs")
    invoice_count = fields.Integer(string="Bills", compute="_compute_summary")
    unit_billed_count = fields.Integer(string="Units Billed", compute="_compute_summary")
    skipped_count = fields.Integer(string="Units Skipped", compute="_compute_summary")
    amount_total = fields.Monetary(
        string="Total Billed", compute="_compute_summary", currency_field="currency_id"
    )

    @api.depends("period_id.name", "estate_ids.name")
    def _compute_name(self):
        for run in self:
            estates = ", ".join(run.estate_ids.mapped("name")) or self.env._("all estates")
            run.name = f"{run.period_id.name or ''} · {estates}"

    @api.depends("period_id.invoice_date")
    def _compute_date_bill(self):
        today = fields.Date.context_today(self)
        for run in self:
            run.date_bill = max(run.period_id.invoice_date or today, today)

    def _compute_can_use_jobs(self):
        self.can_use_jobs = "queue.job" in self.env

    def _compute_summary(self):
        stats = {
            run.id: (count, units, total)
            for run, count, units, total in self.env["account.move"]._read_group(
                [("property_billing_run_id", "in", self.ids), ("state", "!=", "cancel")],
                ["property_billing_run_id"],
                ["__count", "property_unit_id:count_distinct", "amount_total:sum"],
            )
        }
        skips = {
            run.id: count
            for run, count in self.env["property.billing.run.skip"]._read_group(
                [("run_id", "in", self.ids)], ["run_id"], ["__count"]
            )
        }
        for run in self:
            count, units, total = stats.get(run.id, (0, 0, 0.0))
            run.invoice_count = count
            run.unit_billed_count = units
            run.amount_total = total
            run.skipped_count = skips.get(run.id, 0)

    @api.constrains("period_id", "estate_ids", "building_ids")
    def _check_scope(self):
        for run in self:
            if run.estate_ids and run.building_ids.estate_id - run.estate_ids:
                raise ValidationError(
                    self.env._("The buildings of a billing run must belong to its estates.")
                )

    # ------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------

    def action_run(self):
        """Bill the units of the run (from the form, in one transaction)."""
        for run in self:
            run._execute()
        return True

    def action_run_in_jobs(self, chunk_size=1000):
        """Cut the run into ``queue_job`` jobs of ``chunk_size`` units that any
        Odoo worker runs (queue_job is optional: it is not a dependency).
        Jobs may run at once on several workers: the claims keep them from
        billing anything twice, and a failed job can simply be requeued."""
        self.ensure_one()
        if "queue.job" not in self.env or not hasattr(self, "with_delay"):
            raise UserError(
                self.env._("Install queue_job to cut billing runs into jobs; or run it here.")
            )
        self._check_can_run()
        self.skip_ids.unlink()
        self.write({"state": "running", "date_run": fields.Datetime.now()})
        unit_ids = list(self.env["property.unit"]._search(self._get_unit_domain(), order="id"))
        for chunk in split_every(chunk_size, unit_ids):
            self.with_delay(
                description=self.env._(
                    "Billing run %(run)s: %(count)s units", run=self.name, count=len(chunk)
                )
            )._bill_chunk(list(chunk))
        return True

    def _bill_chunk(self, unit_ids):
        """Job of ``action_run_in_jobs``: bill these units (idempotent)."""
        self.ensure_one()
        self._check_can_run()
        units = self.env["property.unit"].browse(unit_ids).exists()
        self._bill_units(units, self._get_fees(), self._get_journal())
        return len(units)

    def action_view_invoices(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "account.action_move_out_invoice_type"
        )
        action["domain"] = [("property_billing_run_id", "=", self.id)]
        action["context"] = {"default_move_type": "out_invoice", "create": False}
        return action

    # ------------------------------------------------------------
    # Billing
    # ------------------------------------------------------------

    def _check_can_run(self):
        self.ensure_one()
        if self.period_id.state != "open":
            raise UserError(
                self.env._("Billing period %(period)s is closed.", period=self.period_id.name)
            )
        if not self._get_journal():
            raise UserError(
                self.env._(
                    "Company %(company)s has no sales journal to bill in.",
                    company=self.company_id.name,
                )
            )

    def _get_unit_domain(self):
        self.ensure_one()
        domain = Domain("company_id", "=", self.company_id.id)
        if self.estate_ids:
            domain &= Domain("estate_id", "in", self.estate_ids.ids)
        if self.building_ids:
            domain &= Domain("building_id", "in", self.building_ids.ids)
        if self.unit_ids:
            domain &= Domain("id", "in", self.unit_ids.ids)
        return domain

    def _get_fees(self):
        self.ensure_one()
        if self.fee_ids:
            return self.fee_ids.filtered("active")
        return self.env["property.fee.item"].search([("company_id", "=", self.company_id.id)])

    def _get_journal(self):
        return self.env["account.journal"].search(
            [("type", "=", "sale"), ("company_id", "=", self.company_id.id)], limit=1
        )

    def _execute(self, commit=False, chunk_size=200):
        """Bill the units chunk by chunk. With ``commit`` (from the cron) each
        chunk is committed with ``ir.cron._commit_progress``, so a run over
        100,000 units survives a restart: running it again bills what is
        left. A chunk that fails on bad data is billed unit by unit and the
        units that fail are listed with the reason."""
        self.ensure_one()
        self._check_can_run()
        self.skip_ids.unlink()
        self.write({"state": "running", "date_run": fields.Datetime.now()})
        unit_ids = self.env["property.unit"]._search(self._get_unit_domain(), order="id")
        unit_ids = list(unit_ids)
        fees = self._get_fees()
        journal = self._get_journal()
        if commit:
            self.env["ir.cron"]._commit_progress(remaining=len(unit_ids))
        done = 0
        for chunk in split_every(chunk_size, unit_ids):
            units = self.env["property.unit"].browse(chunk)
            try:
                with self.env.cr.savepoint():
                    self._bill_units(units, fees, journal)
            except (UserError, ValidationError):
                for unit in units:
                    try:
                        with self.env.cr.savepoint():
                            self._bill_units(unit, fees, journal)
                    except (UserError, ValidationError) as error:
                        self._record_skips([(unit, str(error))])
            done += len(chunk)
            if commit:
                self.env["ir.cron"]._commit_progress(len(chunk), remaining=len(unit_ids) - done)
                # Keep memory flat over large runs.
                self.env.invalidate_all()
        self.write({"state": "done"})
        return True

    def _bill_units(self, units, fees, journal):
        """Bill ``units``: compute their charges, claim (unit, fee, period)
        and create (and post) one invoice per payer and unit for what was
        claimed."""
        by_invoice = self._claim_charges(units, fees)
        if not by_invoice:
            return self.env["account.move"]
        return self._create_bills(by_invoice, journal)

    def _claim_charges(self, units, fees):
        """Compute the charges of ``units`` for ``fees``, claim them (see
        ``property.bill.line._claim``) and record the units skipped; return
        ``{(unit, partner): [charge, ...]}`` of the charges claimed now, each
        charge with its claim id under ``"claim"``."""
        period = self.period_id
        charges, skips = period._compute_unit_charges(units, fees)
        billed = self._get_billed_keys(units, fees)
        fresh = []
        already = set()
        resumed = set()
        for charge in charges:
            key = (charge["unit"].id, charge["fee"].id)
            if key not in billed:
                fresh.append(charge)
            elif billed[key] == self.id:
                # Billed by this very run before it was interrupted.
                resumed.add(charge["unit"])
            else:
                already.add(charge["unit"])
        claims = self.env["property.bill.line"]._claim(
            sorted({(c["unit"].id, c["fee"].id, period.id) for c in fresh}), self
        )
        by_invoice = defaultdict(list)
        for charge in fresh:
            claim_id = claims.get((charge["unit"].id, charge["fee"].id))
            if claim_id:
                by_invoice[charge["unit"], charge["partner"]].append(charge | {"claim": claim_id})
            else:
                already.add(charge["unit"])
        billed_units = {unit for unit, _partner in by_invoice}
        skips += [
            (unit, self.env._("already billed for this period"))
            for unit in already
            if unit not in billed_units and unit not in resumed
        ]
        self._record_skips(skips)
        return by_invoice

    def _create_bills(self, by_invoice, journal):
        """Create (and post) the invoices of ``by_invoice`` (see
        ``_claim_charges``).

        Their journal items are built here with Odoo's own tax engine (see
        ``_build_invoice_lines``) and created without Odoo's line
        synchronisation, the costliest part of creating invoices: the bills
        are the ones Odoo would build, to the cent. The cases that engine
        call does not cover go through Odoo's normal computation."""
        Move = self.env["account.move"].with_context(
            tracking_disable=True,
            mail_create_nolog=True,
            mail_notrack=True,
            default_move_type="out_invoice",
        )
        # The payers in one prefetch set: their fields (those of the company
        # too: payment terms, fiscal position) are read in one query each.
        partners = self.env["res.partner"].browse(
            list(dict.fromkeys(partner.id for _unit, partner in by_invoice))
        )
        for partner in partners.with_company(self.company_id)[:1]:
            partner.commercial_partner_id  # noqa: B018
            partner.property_account_position_id  # noqa: B018
        # Without analytic distribution models, Odoo leaves the invoice lines
        # without analytic distribution: said here, it is not searched per line.
        analytic_models = self.env["account.analytic.distribution.model"].search_count(
            [("company_id", "in", [False, self.company_id.id])], limit=1
        )
        plain, built = [], []
        for (unit, partner), unit_charges in by_invoice.items():
            partner = partner.with_prefetch(partners._prefetch_ids)
            vals = self._prepare_invoice_values(unit, partner, unit_charges, journal)
            if self._can_build_lines(partner, unit_charges, journal):
                vals = self._build_invoice_lines(vals, partner, unit_charges, journal)
                if not analytic_models:
                    for command in vals["line_ids"]:
                        if command[2]["display_type"] == "product":
                            command[2]["analytic_distribution"] = False
                built.append(vals)
            else:
                plain.append(vals)
        # New draft bills have no analytic items to sync (``skip_analytic_sync``)
        # and their items are given balance and amount in currency both, which
        # the invoice line sync would leave as they are (``skip_invoice_line_sync``).
        fast_moves = Move.with_context(
            skip_invoice_sync=True, skip_analytic_sync=True, skip_invoice_line_sync=True
        )
        if built:
            fast_moves = fast_moves.create(built)
        fast_moves = fast_moves.with_context(skip_analytic_sync=False, skip_invoice_line_sync=False)
        moves = Move.create(plain) if plain else Move
        if self.post_invoices:
            self._post_batch(fast_moves)
            self._post_batch(moves)
        return moves.with_env(self.env) | fast_moves.with_env(self.env)

    def _post_batch(self, moves):
        """Post ``moves`` together, numbering them without a lookup of the
        last number per bill (see ``account.move._get_last_sequence``)."""
        if not moves:
            return
        batch = str(uuid.uuid4())
        try:
            moves.with_context(property_sequence_batch=batch)._post(soft=False)
        finally:
            cache = self.env.cr.cache.get("property_sequence_batch", {})
            for key in [key for key in cache if key[0] == batch]:
                del cache[key]

    def _can_build_lines(self, partner, charges, journal):
        """Whether ``_build_invoice_lines`` builds this invoice exactly as
        Odoo would: not with cash-basis taxes, early-payment discounts or a
        cash rounding, which take Odoo's normal path."""
        taxes = self._charge_taxes(charges)
        if any(tax.tax_exigibility == "on_payment" for tax in taxes.flatten_taxes_hierarchy()):
            return False
        term = partner.with_company(self.company_id).property_payment_term_id
        return not term.early_discount

    def _charge_taxes(self, charges):
        return self.env["account.tax"].union(*(charge["fee"].tax_ids for charge in charges))

    def _build_invoice_lines(self, vals, partner, charges, journal):
        """Complete the values ``vals`` of an invoice with all its journal
        items, computed by Odoo's tax engine as ``account.move`` computes
        them when it synchronises an invoice (``_sync_tax_lines`` and
        ``_compute_needed_terms``): the balance and tax tags of the product
        lines, the tax lines and the receivable lines (one per instalment of
        the payment terms). Created with ``skip_invoice_sync``."""
        AccountTax = self.env["account.tax"]
        company = self.company_id
        currency = journal.currency_id or company.currency_id
        invoice_date = vals["invoice_date"]
        rate = 1.0
        if currency != company.currency_id:
            rate = self.env["res.currency"]._get_conversion_rate(
                company.currency_id, currency, company, invoice_date
            )
        sign = -1  # a customer invoice: its income lines are credits
        commercial = partner.commercial_partner_id
        lines = [command[2] for command in vals["invoice_line_ids"]]
        fees = [charge["fee"] for charge in charges]
        base_lines = [
            AccountTax._prepare_base_line_for_taxes_computation(
                None,
                product_id=fee.product_id,
                product_uom_id=fee.product_id.uom_id,
                tax_ids=fee.tax_ids,
                price_unit=line["price_unit"],
                quantity=line["quantity"],
                discount=0.0,
                currency_id=currency,
                rate=rate,
                sign=sign,
                is_refund=False,
                partner_id=commercial,
                account_id=fee.account_id,
            )
            for line, fee in zip(lines, fees, strict=True)
        ]
        AccountTax._add_tax_details_in_base_lines(base_lines, company)
        AccountTax._round_base_lines_tax_details(base_lines, company)
        AccountTax._add_accounting_data_in_base_lines_tax_details(base_lines, company)
        taxes = AccountTax._prepare_tax_lines(base_lines, company)
        untaxed = untaxed_currency = tax_total = tax_total_currency = 0.0
        for line, fee, (_base_line, amounts) in zip(
            lines, fees, taxes["base_lines_to_update"], strict=True
        ):
            line.update(
                display_type="product",
                partner_id=commercial.id,
                currency_id=currency.id,
                product_uom_id=fee.product_id.uom_id.id,
                balance=amounts["balance"],
                amount_currency=amounts["amount_currency"],
                tax_tag_ids=amounts["tax_tag_ids"],
            )
            untaxed += sign * amounts["balance"]
            untaxed_currency += sign * amounts["amount_currency"]
        tax_lines = []
        for tax_line in taxes["tax_lines_to_add"]:
            tax_lines.append(tax_line | {"display_type": "tax"})
            tax_total += sign * tax_line["balance"]
            tax_total_currency += sign * tax_line["amount_currency"]
        term = partner.with_company(company).property_payment_term_id
        if term:
            terms = term._compute_terms(
                date_ref=invoice_date,
                currency=currency,
                company=company,
                tax_amount=tax_total,
                tax_amount_currency=tax_total_currency,
                sign=sign,
                untaxed_amount=untaxed,
                untaxed_amount_currency=untaxed_currency,
            )
            instalments = {}
            for term_line in terms["line_ids"]:
                due = fields.Date.to_date(term_line["date"])
                amounts = instalments.setdefault(due, {"balance": 0.0, "amount_currency": 0.0})
                amounts["balance"] += term_line["company_amount"]
                amounts["amount_currency"] += term_line["foreign_amount"]
            vals.pop("invoice_date_due", None)
        else:
            instalments = {
                vals["invoice_date_due"]: {
                    "balance": -sign * (untaxed + tax_total),
                    "amount_currency": -sign * (untaxed_currency + tax_total_currency),
                }
            }
        term_lines = [
            {
                "display_type": "payment_term",
                "partner_id": commercial.id,
                "currency_id": currency.id,
                "date_maturity": due,
                "discount_date": False,
                "discount_balance": 0.0,
                "discount_amount_currency": 0.0,
            }
            | amounts
            for due, amounts in instalments.items()
        ]
        vals["line_ids"] = vals.pop("invoice_line_ids") + [
            Command.create(line) for line in tax_lines + term_lines
        ]
        return vals

    def _get_billed_keys(self, units, fees):
        """{(unit id, fee id): run id} of what is billed already: in this
        period, or ever for one-off fees."""
        domain = Domain("unit_id", "in", units.ids) & (
            Domain("period_id", "=", self.period_id.id)
            | Domain("fee_id", "in", fees.filtered(lambda f: f.cycle == "one_off").ids)
        )
        return {
            (unit.id, fee.id): run.id
            for unit, fee, run in self.env["property.bill.line"]._read_group(
                domain, ["unit_id", "fee_id", "run_id"]
            )
        }

    def _prepare_invoice_values(self, unit, partner, charges, journal):
        """Values of the invoice of ``partner`` for ``unit`` in the period."""
        period = self.period_id
        invoice_date, date_due = self._get_bill_dates()
        return {
            "move_type": "out_invoice",
            "partner_id": partner.id,
            "company_id": self.company_id.id,
            "journal_id": journal.id,
            "invoice_date": invoice_date,
            "invoice_date_due": date_due,
            "invoice_origin": f"{period.name} {unit.full_code}",
            "property_unit_id": unit.id,
            "property_period_id": period.id,
            "property_billing_run_id": self.id,
            "invoice_line_ids": [
                Command.create(self._prepare_invoice_line_values(charge)) for charge in charges
            ],
        }

    def _get_bill_dates(self):
        """(invoice date, due date) of the bills of the run: its bill date
        (the day they are made, see ``date_bill``), due on the period's due
        date when they are made by the period's invoice date, else after the
        company's payment delay from the bill date: a bill is never overdue
        the moment it exists. A payer's payment terms, when he has some, set
        the due date instead."""
        period = self.period_id
        date_bill = self.date_bill or max(
            period.invoice_date or fields.Date.context_today(self),
            fields.Date.context_today(self),
        )
        if period.invoice_date and period.date_due and date_bill <= period.invoice_date:
            return date_bill, max(period.date_due, date_bill)
        return date_bill, date_bill + timedelta(days=self.company_id.property_billing_due_days)

    def _prepare_invoice_line_values(self, charge):
        fee = charge["fee"]
        name = charge["name"]
        if charge.get("detail"):
            name = f"{name} ({charge['detail']})"
        return {
            "product_id": fee.product_id.id,
            "name": name,
            "quantity": charge["quantity"],
            "price_unit": charge["price_unit"],
            "account_id": fee.account_id.id,
            "tax_ids": [Command.set(fee.tax_ids.ids)],
            "property_bill_line_id": charge["claim"],
        }

    def _record_skips(self, skips):
        if skips:
            self.env["property.billing.run.skip"].create(
                [
                    {"run_id": self.id, "unit_id": unit.id, "reason": reason}
                    for unit, reason in skips
                ]
            )

    # ------------------------------------------------------------
    # Cron
    # ------------------------------------------------------------

    @api.model
    def _cron_monthly_billing(self):
        """Bill this month for every company with active fee items, resuming
        the month's automatic run if a previous one was interrupted."""
        today = fields.Date.context_today(self)
        fees = self.env["property.fee.item"].search([])
        for company in fees.company_id:
            if not company.property_billing_auto:
                continue
            period = self.env["property.billing.period"]._get_month_period(company, today)
            if period.state != "open":
                continue
            run = self.search(
                [
                    ("period_id", "=", period.id),
                    ("company_id", "=", company.id),
                    ("estate_ids", "=", False),
                    ("building_ids", "=", False),
                    ("fee_ids", "=", False),
                    ("unit_ids", "=", False),
                ],
                limit=1,
            ) or self.create(
                {
                    "period_id": period.id,
                    "company_id": company.id,
                    "post_invoices": company.property_billing_post,
                }
            )
            # Commit chunk by chunk only under the scheduler (ir.cron progress).
            run.with_company(company)._execute(
                commit=bool(self.env.context.get("ir_cron_progress_id"))
            )


class PropertyBillingRunSkip(models.Model):
    _name = "property.billing.run.skip"
    _description = "Unit Skipped by a Billing Run"
    _order = "run_id, id"

    run_id = fields.Many2one(
        comodel_name="property.billing.run", required=True, index=True, ondelete="cascade"
    )
    unit_id = fields.Many2one(comodel_name="property.unit", string="Unit", ondelete="cascade")
    reason = fields.Char(required=True)
