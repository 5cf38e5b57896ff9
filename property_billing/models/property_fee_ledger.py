from odoo import api, fields, models
from odoo.tools import SQL

# Who reads the ledger's sources must see them as they are now: every model
# whose stored values the rows are made from.
LEDGER_SOURCES = (
    "account.move",
    "account.move.line",
    "account.partial.reconcile",
    "account.payment",
    "property.billing.period",
)


class PropertyFeeLedger(models.Model):
    """The fee ledger (收费台账汇总): the amounts of the property bills and of
    what settled them, added up per estate, kind and day, which the
    dashboard's fee figures read instead of a million bills.

    One row is an amount of one kind on a key:

    - ``billed``: posted customer bills of the estates (``out_invoice`` of a
      unit), by billing month (``billed_on``, the start of the bill's
      billing period; empty for a bill of no period), due date and whether it
      is a fee bill (of a billing period, not a late-fee invoice);
    - ``collected`` and ``credited``: what the partial reconciliations of
      those bills' receivable lines settled, on the reconciliation's day
      (``max_date``), paid by a payment or by a credit note, on the bill's key;
    - ``prepaid``: the receivable credit of the estates' posted customer
      payments, on the payment's day;
    - ``applied``: what of that credit was reconciled, on the
      reconciliation's day.

    The ledger is kept by adding rows: when a bill or a payment is posted,
    reset or cancelled (``account.move.write``) and when a reconciliation is
    made or undone (``account.partial.reconcile``), what the records
    contributed before is added with the opposite sign and what they
    contribute after is added. A daily job adds the rows of each key up into
    one (``_cron_compact``); the sums never change. ``_rebuild`` makes it
    anew from the bills and reconciliations (on install and upgrade, and to
    check it)."""

    _name = "property.fee.ledger"
    _description = "Fee Ledger"
    _log_access = False
    _order = "id"

    company_id = fields.Many2one(comodel_name="res.company", string="Company", readonly=True)
    estate_id = fields.Many2one(
        comodel_name="property.estate", string="Estate", readonly=True, index=True
    )
    kind = fields.Selection(
        selection=[
            ("billed", "Billed"),
            ("collected", "Collected"),
            ("credited", "Credited"),
            ("prepaid", "Prepaid"),
            ("applied", "Prepayment Applied"),
        ],
        readonly=True,
        required=True,
    )
    is_fee = fields.Boolean(string="Fee Bill", readonly=True)
    billed_on = fields.Date(string="Billing Month", readonly=True)
    date_due = fields.Date(string="Due Date", readonly=True)
    day = fields.Date(string="Settled On", readonly=True)
    currency_id = fields.Many2one(related="company_id.currency_id")
    amount = fields.Monetary(readonly=True)

    # ------------------------------------------------------------
    # Rows of the sources
    # ------------------------------------------------------------

    @api.model
    def _source_rows_sql(self, move_ids=None, partial_ids=None, skip_move_ids=()):
        """SQL: the ledger rows (``company_id, estate_id, kind, is_fee,
        billed_on, date_due, day, amount``) the records contribute as they
        are: of the moves ``move_ids`` (bills, their reconciliations, payments
        and theirs) or of the reconciliations ``partial_ids``; of every
        record when both are ``None``. Reconciliations with a move of
        ``skip_move_ids`` are left out (the caller counts them with the move)."""
        everything = move_ids is None and partial_ids is None

        def among(column, ids):
            if everything:
                return SQL("TRUE")
            return SQL("%s IN %s", column, tuple(ids)) if ids else SQL("FALSE")

        def not_among(column):
            if not skip_move_ids:
                return SQL("TRUE")
            return SQL("%s NOT IN %s", column, tuple(skip_move_ids))

        bill = SQL(
            """move.move_type = 'out_invoice'
               AND move.state = 'posted'
               AND move.property_estate_id IS NOT NULL"""
        )
        payment_credit = SQL(
            """payment.property_estate_id IS NOT NULL
               AND payment.partner_type = 'customer'
               AND account.account_type = 'asset_receivable'
               AND credit.parent_state = 'posted'
               AND credit.balance < 0"""
        )
        return SQL(
            """
            SELECT move.company_id, move.property_estate_id, 'billed',
                   (move.property_period_id IS NOT NULL
                    AND move.property_is_late_fee IS NOT TRUE),
                   period.date_start, move.invoice_date_due, NULL::date,
                   move.amount_total_signed
              FROM account_move move
              LEFT JOIN property_billing_period period ON period.id = move.property_period_id
             WHERE %(bill)s AND %(bills_among)s
             UNION ALL
            SELECT move.company_id, move.property_estate_id,
                   CASE WHEN counter_move.move_type = 'out_refund'
                        THEN 'credited' ELSE 'collected' END,
                   (move.property_period_id IS NOT NULL
                    AND move.property_is_late_fee IS NOT TRUE),
                   period.date_start, move.invoice_date_due, partial.max_date, partial.amount
              FROM account_partial_reconcile partial
              JOIN account_move_line line
                ON line.id = partial.debit_move_id
               AND line.display_type = 'payment_term'
              JOIN account_move move ON move.id = line.move_id
              LEFT JOIN property_billing_period period ON period.id = move.property_period_id
              JOIN account_move_line counter ON counter.id = partial.credit_move_id
              JOIN account_move counter_move ON counter_move.id = counter.move_id
             WHERE %(bill)s
               AND (%(settled_bills_among)s OR %(settled_partials_among)s)
               AND %(settled_not_skipped)s
             UNION ALL
            SELECT credit.company_id, payment.property_estate_id, 'prepaid', NULL, NULL, NULL,
                   credit.date, -credit.balance
              FROM account_move_line credit
              JOIN account_payment payment ON payment.id = credit.payment_id
              JOIN account_account account ON account.id = credit.account_id
             WHERE %(payment_credit)s AND %(payments_among)s
             UNION ALL
            SELECT credit.company_id, payment.property_estate_id, 'applied', NULL, NULL, NULL,
                   partial.max_date, partial.amount
              FROM account_partial_reconcile partial
              JOIN account_move_line credit ON credit.id = partial.credit_move_id
              JOIN account_payment payment ON payment.id = credit.payment_id
              JOIN account_account account ON account.id = credit.account_id
             WHERE %(payment_credit)s
               AND (%(applied_payments_among)s OR %(applied_partials_among)s)
               AND %(applied_not_skipped)s
            """,
            bill=bill,
            payment_credit=payment_credit,
            bills_among=among(SQL("move.id"), move_ids or ()),
            settled_bills_among=among(SQL("move.id"), move_ids or ()),
            settled_partials_among=among(SQL("partial.id"), partial_ids or ()),
            settled_not_skipped=not_among(SQL("move.id")),
            payments_among=among(SQL("credit.move_id"), move_ids or ()),
            applied_payments_among=among(SQL("credit.move_id"), move_ids or ()),
            applied_partials_among=among(SQL("partial.id"), partial_ids or ()),
            applied_not_skipped=not_among(SQL("credit.move_id")),
        )

    @api.model
    def _insert_sql(self, rows, sign=1):
        """SQL: add ``rows`` (``_source_rows_sql``), times ``sign``, one row
        per key."""
        return SQL(
            """
            INSERT INTO property_fee_ledger
                   (company_id, estate_id, kind, is_fee, billed_on, date_due, day, amount)
            SELECT company_id, estate_id, kind, is_fee, billed_on, date_due, day,
                   %(sign)s * SUM(amount)
              FROM (%(rows)s) AS source(company_id, estate_id, kind, is_fee, billed_on,
                                        date_due, day, amount)
             GROUP BY company_id, estate_id, kind, is_fee, billed_on, date_due, day
            HAVING SUM(amount) <> 0
            """,
            sign=sign,
            rows=rows,
        )

    @api.model
    def _flush_sources(self):
        for model in LEDGER_SOURCES:
            self.env[model].flush_model()

    # ------------------------------------------------------------
    # Keeping it up to date
    # ------------------------------------------------------------

    @api.model
    def _record_moves(self, moves, sign):
        """Add what ``moves`` contribute now, times ``sign`` (-1 before they
        change, +1 after). Moves of no estate cost no query."""
        moves = moves.filtered(lambda move: move.property_estate_id or move.origin_payment_id)
        if not moves:
            return
        self._flush_sources()
        self.env.cr.execute(self._insert_sql(self._source_rows_sql(move_ids=moves.ids), sign))

    @api.model
    def _record_partials(self, partials, sign):
        """Add what the reconciliations ``partials`` contribute now, times
        ``sign`` (+1 once made, -1 before undone). Those of a move being
        posted or reset (``property_fee_ledger_moves`` in the context) are
        counted with the move."""
        if not partials:
            return
        self._flush_sources()
        skip = self.env.context.get("property_fee_ledger_moves") or ()
        self.env.cr.execute(
            self._insert_sql(
                self._source_rows_sql(partial_ids=partials.ids, skip_move_ids=tuple(skip)), sign
            )
        )

    @api.model
    def _rebuild(self):
        """Make the ledger anew from the bills, payments and reconciliations."""
        self._flush_sources()
        self.env.cr.execute("DELETE FROM property_fee_ledger")
        self.env.cr.execute(self._insert_sql(self._source_rows_sql()))
        self.invalidate_model()

    @api.model
    def _cron_compact(self):
        """Add up the rows of each key into one; keys whose amounts cancel
        out go. Rows added meanwhile by other transactions stay as they are
        (a transaction only deletes the rows it sees)."""
        self.env.cr.execute(
            """
            WITH gone AS (
                DELETE FROM property_fee_ledger
                RETURNING company_id, estate_id, kind, is_fee, billed_on, date_due, day, amount
            )
            INSERT INTO property_fee_ledger
                   (company_id, estate_id, kind, is_fee, billed_on, date_due, day, amount)
            SELECT company_id, estate_id, kind, is_fee, billed_on, date_due, day, SUM(amount)
              FROM gone
             GROUP BY company_id, estate_id, kind, is_fee, billed_on, date_due, day
            HAVING SUM(amount) <> 0
            """
        )
        self.invalidate_model()
