import logging
import uuid
from collections import defaultdict
from datetime import timedelta

from odoo import SUPERUSER_ID, Command, api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.fields import Domain
from odoo.service.model import PG_CONCURRENCY_EXCEPTIONS_TO_RETRY
from odoo.sql_db import Cursor
from odoo.tools import split_every

_logger = logging.getLogger(__name__)

# How many times a chunk that met a concurrent transaction is tried again.
CHUNK_TRIES = 5


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
        selection=[
            ("draft", "Draft"),
            ("queued", "Queued"),
            ("running", "Running"),
            ("done", "Done"),
            ("failed", "Failed"),
        ],
        required=True,
        default="draft",
        tracking=True,
        copy=False,
        help="Queued: waiting for the background worker. Running: billing in the background, "
        "chunk by chunk. Failed: stopped on an error; Run again goes on where it stopped.",
    )
    use_jobs = fields.Boolean(
        string="In Jobs",
        readonly=True,
        copy=False,
        help="Billed in queue_job jobs shared by the Odoo workers.",
    )
    unit_total = fields.Integer(string="Units to Bill", readonly=True, copy=False)
    unit_done = fields.Integer(string="Units Done", compute="_compute_progress")
    progress = fields.Float(compute="_compute_progress")
    chunk_ids = fields.One2many(
        comodel_name="property.billing.run.chunk", inverse_name="run_id", string="Chunks"
    )
    error_message = fields.Text(string="Error", readonly=True, copy=False)
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

    #: Set by the run itself as it goes, never by hand (see ``_check_system_fields``).
    _SYSTEM_FIELDS = frozenset({"state", "unit_total", "use_jobs", "error_message", "date_run"})

    @api.model_create_multi
    def create(self, vals_list):
        self._check_system_fields(vals_list)
        return super().create(vals_list)

    def write(self, vals):
        self._check_system_fields([vals])
        return super().write(vals)

    def _check_system_fields(self, vals_list):
        """Refuse the values of ``_SYSTEM_FIELDS`` given by a user (over RPC
        too): the state and progress of a run are what the run did. Values
        that change nothing (the defaults of a new run, the current values,
        which the form sends back) pass."""
        if self.env.su or self.env.context.get("property_billing_run_system"):
            return
        given = self._SYSTEM_FIELDS & {key for vals in vals_list for key in vals}
        if not given:
            return
        if self:
            current = [
                {
                    name: record._fields[name].convert_to_write(record[name], record)
                    for name in given
                }
                for record in self
            ]
        else:
            defaults = self.default_get(list(given))
            current = [{name: defaults.get(name, False) for name in given}]
        written = {
            name
            for vals in vals_list
            for name in given & set(vals)
            for values in current
            if (vals[name] or False) != (values[name] or False)
        }
        if written:
            labels = sorted(self._fields[name]._description_string(self.env) for name in written)
            raise UserError(
                self.env._(
                    "These values of a billing run are set by the run as it goes, not by "
                    "hand: %(fields)s.",
                    fields=", ".join(labels),
                )
            )

    def _system_write(self, vals):
        return self.with_context(property_billing_run_system=True).write(vals)

    @api.depends("period_id.invoice_date")
    def _compute_date_bill(self):
        today = fields.Date.context_today(self)
        for run in self:
            run.date_bill = max(run.period_id.invoice_date or today, today)

    def _compute_can_use_jobs(self):
        self.can_use_jobs = self._can_use_jobs()

    @api.model
    def _can_use_jobs(self):
        return "queue.job" in self.env and hasattr(self, "delayable")

    @api.depends("chunk_ids.unit_count", "unit_total")
    def _compute_progress(self):
        done = {
            run.id: units
            for run, units in self.env["property.billing.run.chunk"]._read_group(
                [("run_id", "in", self.ids)], ["run_id"], ["unit_count:sum"]
            )
        }
        for run in self:
            run.unit_done = done.get(run.id, 0)
            run.progress = 100.0 * run.unit_done / run.unit_total if run.unit_total else 0.0

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
        """Start the run in the background and return at once: in queue_job
        jobs when queue_job is installed, else through the cron that bills
        queued runs chunk by chunk (see ``_cron_process_runs``). The form
        shows the progress; the user is notified when the run ends. A failed
        run goes on where it stopped; a done run bills what is left."""
        for run in self:
            if run._can_use_jobs():
                run.action_run_in_jobs()
            else:
                run._queue_for_cron()
        return True

    def _start(self, state, use_jobs=False):
        """Check the run can start and reset its progress (unless it goes on
        after a failure)."""
        self.ensure_one()
        self._check_can_run()
        self.env["account.move"].check_access("create")
        if self.state in ("queued", "running"):
            raise UserError(self.env._("Billing run %(run)s is already under way.", run=self.name))
        values = {
            "state": state,
            "use_jobs": use_jobs,
            "user_id": self.env.user.id,
            "error_message": False,
        }
        if self.state != "failed" or use_jobs != self.use_jobs:
            self.skip_ids.unlink()
            self.chunk_ids.unlink()
            values |= {
                "date_run": fields.Datetime.now(),
                "unit_total": self.env["property.unit"].search_count(self._get_unit_domain()),
            }
        self._system_write(values)

    def _queue_for_cron(self):
        """Queue the run for the cron that bills in the background."""
        self._start("queued")
        self.env.ref("property_billing.ir_cron_process_billing_runs").sudo()._trigger()

    def action_run_in_jobs(self, chunk_size=1000):
        """Cut the run into ``queue_job`` jobs of ``chunk_size`` units that any
        Odoo worker runs (queue_job is optional: it is not a dependency), and
        a last job that ends the run when they are all done. Jobs may run at
        once on several workers: the claims keep them from billing anything
        twice, and a failed job can simply be requeued."""
        self.ensure_one()
        if not self._can_use_jobs():
            raise UserError(
                self.env._("Install queue_job to cut billing runs into jobs; or run it here.")
            )
        # Imported here: queue_job is optional.
        from odoo.addons.queue_job.delay import group  # noqa: PLC0415

        self._start("running", use_jobs=True)
        done_until = max(self.chunk_ids.mapped("last_unit_id"), default=0)
        domain = self._get_unit_domain() & Domain("id", ">", done_until)
        unit_ids = list(self.env["property.unit"]._search(domain, order="id"))
        chunks = [
            self.delayable(
                description=self.env._(
                    "Billing run %(run)s: %(count)s units", run=self.name, count=len(chunk)
                )
            )._bill_chunk(list(chunk))
            for chunk in split_every(chunk_size, unit_ids)
        ]
        finish = self.delayable(
            description=self.env._("Billing run %(run)s: end", run=self.name)
        )._finish_jobs()
        if chunks:
            group(*chunks).on_done(finish).delay()
        else:
            finish.delay()
        return True

    def _bill_chunk(self, unit_ids):
        """Job of ``action_run_in_jobs``: bill these units (idempotent). A
        serialization failure (another run claiming the same units at the
        same time) is left to queue_job, which runs the job again in a new
        transaction: then the other run's claims are seen and skipped."""
        self.ensure_one()
        self._check_can_run()
        units = self.env["property.unit"].browse(unit_ids).exists()
        self._bill_chunk_units(units, self._get_fees(), self._get_journal())
        return len(units)

    def _finish_jobs(self):
        """Last job of ``action_run_in_jobs``, once every chunk is done."""
        self.ensure_one()
        if self.state == "running":
            self._system_write({"state": "done"})
            self._notify_end()
        return True

    def action_refresh(self):
        """Reload the form, to read the progress of a run in the background."""
        return True

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
        """Bill the units chunk by chunk; return whether the run is done.

        A run that is queued, running or failed goes on after the last unit
        of its chunks; any other starts anew. With ``commit`` (the cron) each
        chunk is committed with ``ir.cron._commit_progress``, so a run over
        100,000 units survives a restart, and a chunk that meets another
        run's claims at the same time (a serialization failure) is rolled
        back and tried again in a new transaction, which sees them and skips
        the units. Without ``commit`` the transaction is the caller's: such a
        failure is raised, after the chunk's savepoint is rolled back, for
        the caller's retry (Odoo retries the whole request or cron). A chunk
        that fails on bad data is billed unit by unit and the units that fail
        are listed with the reason. Under the cron, the run stops when the
        cron's time is up (returning False), and the cron resumes it."""
        self.ensure_one()
        self._check_can_run()
        if self.state not in ("queued", "running", "failed"):
            self.skip_ids.unlink()
            self.chunk_ids.unlink()
            self._system_write({"date_run": fields.Datetime.now()})
        done_until = max(self.chunk_ids.mapped("last_unit_id"), default=0)
        domain = self._get_unit_domain()
        values = {"state": "running", "error_message": False}
        if self.state not in ("queued", "running", "failed") or not self.unit_total:
            values["unit_total"] = self.env["property.unit"].search_count(domain)
        self._system_write(values)
        unit_ids = self.env["property.unit"]._search(
            domain & Domain("id", ">", done_until), order="id"
        )
        unit_ids = list(unit_ids)
        fees = self._get_fees()
        journal = self._get_journal()
        if commit:
            self.env["ir.cron"]._commit_progress(remaining=len(unit_ids))
        done = 0
        for chunk in split_every(chunk_size, unit_ids):
            units = self.env["property.unit"].browse(chunk)
            self._bill_chunk_units(units, fees, journal, retry=commit)
            done += len(chunk)
            if commit:
                time_left = self.env["ir.cron"]._commit_progress(
                    len(chunk), remaining=len(unit_ids) - done
                )
                # Keep memory flat over large runs.
                self.env.invalidate_all()
                if not time_left and done < len(unit_ids):
                    return False
        self._system_write({"state": "done"})
        return True

    def _bill_chunk_units(self, units, fees, journal, retry=False):
        """Bill a chunk of units and record it in the run's progress. With
        ``retry`` (a run that commits per chunk), a chunk that meets a
        concurrent transaction is rolled back and tried again."""
        for attempt in range(1, CHUNK_TRIES + 1):
            try:
                moves = self._bill_units_or_skip(units, fees, journal)
                if units:
                    self.env["property.billing.run.chunk"].create(
                        {
                            "run_id": self.id,
                            "last_unit_id": max(units.ids),
                            "unit_count": len(units),
                            "invoice_count": len(moves),
                        }
                    )
                    self.env.flush_all()
                return moves
            except PG_CONCURRENCY_EXCEPTIONS_TO_RETRY as error:
                if not retry or attempt == CHUNK_TRIES or not isinstance(self.env.cr, Cursor):
                    raise
                _logger.info(
                    "Billing run %s met a concurrent run (%s): chunk tried again (%s/%s)",
                    self.id,
                    error.pgcode,
                    attempt,
                    CHUNK_TRIES,
                )
                self.env.cr.rollback()
                self.env.transaction.clear()
        return self.env["account.move"]

    def _bill_units_or_skip(self, units, fees, journal):
        """Bill ``units``; when a unit's bad data fails the chunk, bill them
        one by one and list the units that fail with the reason."""
        try:
            with self.env.cr.savepoint():
                return self._bill_units(units, fees, journal)
        except (UserError, ValidationError):
            moves = self.env["account.move"]
            for unit in units:
                try:
                    with self.env.cr.savepoint():
                        moves |= self._bill_units(unit, fees, journal)
                except (UserError, ValidationError) as error:
                    self._record_skips([(unit, str(error))])
            return moves

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
        already = {}  # unit: id of the run that billed it (or False)
        resumed = set()
        for charge in charges:
            key = (charge["unit"].id, charge["fee"].id)
            if key not in billed:
                fresh.append(charge)
            elif billed[key] == self.id:
                # Billed by this very run before it was interrupted.
                resumed.add(charge["unit"])
            else:
                already[charge["unit"]] = billed[key]
        claims = self.env["property.bill.line"]._claim(
            sorted({(c["unit"].id, c["fee"].id, period.id) for c in fresh}), self
        )
        by_invoice = defaultdict(list)
        lost = []
        for charge in fresh:
            claim_id = claims.get((charge["unit"].id, charge["fee"].id))
            if claim_id:
                by_invoice[charge["unit"], charge["partner"]].append(charge | {"claim": claim_id})
            else:
                lost.append(charge)
        if lost:
            # Claimed meanwhile, in a transaction that this one sees.
            holders = self._get_billed_keys(
                self.env["property.unit"].union(*(c["unit"] for c in lost)), fees
            )
            for charge in lost:
                already[charge["unit"]] = holders.get((charge["unit"].id, charge["fee"].id))
        billed_units = {unit for unit, _partner in by_invoice}
        skips += [
            (unit, self._billed_elsewhere_reason(run_id))
            for unit, run_id in already.items()
            if unit not in billed_units and unit not in resumed
        ]
        self._record_skips(skips)
        return by_invoice

    def _billed_elsewhere_reason(self, run_id):
        """Reason of a unit skipped because run ``run_id`` billed it."""
        # Only the name of the run is read, which the user may not see.
        other = self.sudo().browse(run_id).exists() if run_id else self.browse()
        if not other or other == self:
            return self.env._("already billed for this period")
        return self.env._("billed by run %(run)s", run=other.name)

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
        partners.with_company(self.company_id).mapped("property_account_position_id")
        partners.mapped("commercial_partner_id")
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
        # What Odoo computes on each new item from these values is set without
        # a new record per item (``property_billing_derived_values``).
        fast_moves = Move.with_context(
            skip_invoice_sync=True,
            skip_analytic_sync=True,
            skip_invoice_line_sync=True,
            property_billing_derived_values=True,
        )
        if built:
            fast_moves = fast_moves.create(built)
        fast_moves = fast_moves.with_context(
            skip_analytic_sync=False,
            skip_invoice_line_sync=False,
            property_billing_derived_values=False,
        )
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

    def _notify_end(self):
        """Tell the user who started the run that it ended, in his language,
        by a message on the run sent to him."""
        self.ensure_one()
        user = self.user_id
        if not user or not user.active or user._is_public() or user.id == SUPERUSER_ID:
            return
        run = self.with_context(lang=user.lang)
        # The summary is computed from the bills and skips made meanwhile.
        self.env.flush_all()
        run.invalidate_recordset(
            ["invoice_count", "unit_billed_count", "skipped_count", "amount_total", "unit_done"]
        )
        if self.state == "done":
            body = run.env._(
                "Billing run %(run)s is done: %(bills)s bills for %(units)s units, "
                "%(skipped)s units skipped.",
                run=run.name,
                bills=run.invoice_count,
                units=run.unit_billed_count,
                skipped=run.skipped_count,
            )
        else:
            body = run.env._(
                "Billing run %(run)s stopped: %(error)s. Run it again to go on where it stopped.",
                run=run.name,
                error=run.error_message or "",
            )
        # From OdooBot: Odoo notifies neither the author of a message nor the
        # user who posts it, and the run may be billed as the user himself.
        run.with_user(SUPERUSER_ID).message_post(
            body=body,
            author_id=self.env.ref("base.partner_root").id,
            partner_ids=user.partner_id.ids,
            message_type="comment",
            subtype_xmlid="mail.mt_note",
        )

    # ------------------------------------------------------------
    # Cron
    # ------------------------------------------------------------

    @api.model
    def _cron_process_runs(self):
        """Bill the runs started from the form (queued) and resume those
        left running by a stopped worker, chunk by chunk, each committed.
        Each run is billed as the user who started it, in his language and
        company, so that his access rules apply as if he billed it himself.
        A run that fails is marked failed with the error and its user told;
        when the cron's time is up, the cron is triggered again and goes on."""
        # Commit chunk by chunk only under the scheduler (ir.cron progress).
        commit = bool(self.env.context.get("ir_cron_progress_id"))
        runs = self.search(
            [("state", "in", ("queued", "running")), ("use_jobs", "=", False)], order="id"
        )
        for run in runs:
            user = run.user_id if run.user_id.active else self.env.ref("base.user_root")
            run = run.with_user(user).with_company(run.company_id).with_context(lang=user.lang)
            try:
                if commit:
                    finished = run._execute(commit=True)
                else:
                    with self.env.cr.savepoint():
                        finished = run._execute()
            except Exception as error:  # noqa: BLE001 - the run is failed, the user told
                if commit:
                    self.env.cr.rollback()
                    self.env.transaction.clear()
                _logger.warning("Billing run %s failed: %s", run.id, error, exc_info=True)
                run.sudo().write({"state": "failed", "error_message": str(error)})
                run._notify_end()
                if commit:
                    self.env["ir.cron"]._commit_progress()
                continue
            if not finished:
                # The cron's time is up: it is triggered again and resumes the run.
                self.env.ref("property_billing.ir_cron_process_billing_runs").sudo()._trigger()
                return
            run._notify_end()
            if commit:
                self.env["ir.cron"]._commit_progress()

    @api.model
    def _cron_monthly_billing(self):
        """Bill this month for every company with active fee items that have
        a rate (a company that has not filled in its rates yet is not billed),
        resuming the month's automatic run if a previous one was interrupted."""
        today = fields.Date.context_today(self)
        fees = self.env["property.fee.item"].search([])
        fees = fees.filtered(
            lambda fee: fee.rate or fee.meter_pricing == "tiered" or fee.method == "shared"
        )
        for company in fees.company_id:
            if not company.property_billing_auto:
                continue
            # The period, the run and the bills in the language of the company.
            runs = self.with_context(lang=company._property_lang())
            period = runs.env["property.billing.period"]._get_month_period(company, today)
            if period.state != "open":
                continue
            run = runs.search(
                [
                    ("period_id", "=", period.id),
                    ("company_id", "=", company.id),
                    ("estate_ids", "=", False),
                    ("building_ids", "=", False),
                    ("fee_ids", "=", False),
                    ("unit_ids", "=", False),
                ],
                limit=1,
            ) or runs.create(
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
