from odoo import api, fields, models
from odoo.fields import Domain
from odoo.tools import SQL

from ..report.property_arrears_report import OVERDUE_BUCKETS, age_bucket_sql


class PropertyKpi(models.AbstractModel):
    """The fee figures of the dashboard (收费).

    They read posted customer bills of the property billing
    (``account.move`` ``out_invoice`` of a unit) and what settled them: the
    partial reconciliations of their receivable lines, each dated by its
    ``max_date`` (the later of the bill's and the payment's date: a
    prepayment counts on the day the bill it pays is dated). A payment
    counts for the part reconciled, on that date; a credit note (``out_refund``)
    reconciled with a bill is not collected: it takes its part off the amount
    billed. Cancelled and draft bills are not posted and do not count.
    "Fee bills" are the bills of a billing period (late-fee invoices left
    out, as the collection report does).

    They are read from the fee ledger (``property.fee.ledger``), where these
    amounts are kept added up per estate, billing month, due date and day,
    and the units' months (``property.fee.unit.month``), not from the bills:
    a million bills answer as fast as a thousand."""

    _inherit = "property.kpi"

    @api.model
    def _kpi_sections(self):
        return super()._kpi_sections() + [
            {"key": "fees", "label": self.env._("Fees"), "sequence": 20},
        ]

    @api.model
    def _kpi_figures(self):
        # In the order of the section.
        figures = [
            {
                "key": "collection_rate",
                "label": self.env._("Collection Rate"),
                "unit": "percent",
                "better": "up",
                "help": self.env._(
                    "Collected by the end of the period on the bills of the period's billing "
                    "months ÷ billed on them (late fees left out; credit notes taken off the "
                    "amount billed)."
                ),
            },
            {
                "key": "collection_rate_ytd",
                "label": self.env._("Cumulative Collection Rate"),
                "unit": "percent",
                "better": "up",
                "help": self.env._(
                    "Collected by the end of the period on the bills of the billing months from "
                    "January of its year to its end ÷ billed on them."
                ),
            },
            {
                "key": "arrears_recovery_rate",
                "label": self.env._("Arrears Recovery Rate"),
                "unit": "percent",
                "better": "up",
                "help": self.env._(
                    "Collected during the period on the bills due before it ÷ what was unpaid "
                    "of them when the period began."
                ),
            },
            {
                "key": "household_payment_rate",
                "label": self.env._("Household Payment Rate"),
                "unit": "percent",
                "better": "up",
                "help": self.env._(
                    "Units whose bills of the period are paid in full by its end ÷ units billed "
                    "in the period."
                ),
            },
            {
                "key": "arrears_by_age",
                "label": self.env._("Arrears by Age"),
                "unit": "amount",
                "better": "down",
                "help": self.env._(
                    "Unpaid at the end of the period (today for the current period) of the "
                    "bills due before it, late-fee invoices included, by days past due."
                ),
            },
            {
                "key": "prepayment_balance",
                "label": self.env._("Prepayment Balance"),
                "unit": "amount",
                "better": "up",
                "help": self.env._(
                    "Payments received by the end of the period and not yet applied to a bill "
                    "at its end (the payers' credit)."
                ),
            },
            {
                "key": "late_fee_charged",
                "label": self.env._("Late Fees Charged"),
                "unit": "amount",
                "better": "down",
                "help": self.env._("Posted late-fee invoices dated in the period."),
            },
            {
                "key": "late_fee_waived",
                "label": self.env._("Late Fees Waived"),
                "unit": "amount",
                "better": "down",
                "help": self.env._("Late fees waived in the period."),
            },
        ]
        return super()._kpi_figures() + [
            dict(figure, section="fees", sequence=10 * (index + 1))
            for index, figure in enumerate(figures)
        ]

    # ------------------------------------------------------------
    # Rows shared by the figures
    # ------------------------------------------------------------

    def _kpi_bill_totals(self, estates, periods):
        """Per period, the sums of the bill figures, in one query: a dict
        ``billed``, ``collected``, ``credited`` (fee bills of the period's
        billing months, settled by its end), the same with ``_ytd`` (billing
        months from January of the period's year), ``arrears_start`` and
        ``recovered`` (fee bills due before the period: unpaid at its start,
        collected during it), ``units`` and ``units_paid`` (units billed in
        the period, those whose bills of the period are settled by its end),
        and ``ages`` ({bucket: unpaid} of all bills due before the as-of day,
        late-fee invoices included). Read once per dashboard."""
        key = ("fee_bills", tuple(estates.ids), tuple(periods), fields.Date.context_today(self))
        return self._kpi_memo(key, lambda: self._kpi_bill_totals_read(estates, periods))

    def _kpi_bill_totals_read(self, estates, periods):
        self.env["property.fee.ledger"]._flush_sources()
        as_of = [self._kpi_cutoff(period) for period in periods]
        periods_sql = SQL(
            "(VALUES %s)",
            SQL(", ").join(
                SQL(
                    "(%s, %s::date, %s::date, %s::date, %s::date)",
                    index,
                    period.date_from,
                    period.date_to,
                    fields.Date.start_of(period.date_to, "year"),
                    as_of[index],
                )
                for index, period in enumerate(periods)
            ),
        )
        ages = SQL(", ").join(
            SQL(
                "SUM(unpaid.amount) FILTER (WHERE unpaid.age = %s)",
                bucket,
            )
            for bucket, _label, _last in OVERDUE_BUCKETS
        )
        # The ledger's rows of the estates, added up per key across them.
        self.env.cr.execute(
            SQL(
                """
                WITH period AS (
                    SELECT * FROM %(periods)s AS p(idx, date_from, date_to, year_from, as_of)
                ),
                ledger AS (
                    SELECT kind, is_fee, billed_on, date_due, day, SUM(amount) AS amount
                      FROM property_fee_ledger
                     WHERE estate_id IN %(estates)s
                       AND kind IN ('billed', 'collected', 'credited')
                     GROUP BY kind, is_fee, billed_on, date_due, day
                ),
                -- What the bills due before the as-of day left unpaid then,
                -- by due date: billed less settled by that day.
                unpaid AS (
                    SELECT period.idx, %(age)s AS age,
                           SUM(CASE WHEN ledger.kind = 'billed' THEN ledger.amount
                                    ELSE -ledger.amount END) AS amount
                      FROM period
                      JOIN ledger
                        ON ledger.date_due < period.as_of
                       AND (ledger.kind = 'billed' OR ledger.day <= period.as_of)
                     GROUP BY period.idx, age
                )
                SELECT period.idx,
                       billed.current, billed.ytd, billed.arrears,
                       settled.collected, settled.credited,
                       settled.collected_ytd, settled.credited_ytd,
                       settled.settled_before, settled.recovered,
                       ages.*
                  FROM period
                 CROSS JOIN LATERAL (
                    SELECT SUM(amount) FILTER (
                               WHERE billed_on BETWEEN period.date_from AND period.date_to
                           ) AS current,
                           SUM(amount) FILTER (
                               WHERE billed_on BETWEEN period.year_from AND period.date_to
                           ) AS ytd,
                           SUM(amount) FILTER (WHERE date_due < period.date_from) AS arrears
                      FROM ledger
                     WHERE is_fee AND kind = 'billed'
                 ) billed
                 CROSS JOIN LATERAL (
                    SELECT SUM(amount) FILTER (
                               WHERE kind = 'collected'
                                 AND billed_on BETWEEN period.date_from AND period.date_to
                                 AND day <= period.date_to
                           ) AS collected,
                           SUM(amount) FILTER (
                               WHERE kind = 'credited'
                                 AND billed_on BETWEEN period.date_from AND period.date_to
                                 AND day <= period.date_to
                           ) AS credited,
                           SUM(amount) FILTER (
                               WHERE kind = 'collected'
                                 AND billed_on BETWEEN period.year_from AND period.date_to
                                 AND day <= period.date_to
                           ) AS collected_ytd,
                           SUM(amount) FILTER (
                               WHERE kind = 'credited'
                                 AND billed_on BETWEEN period.year_from AND period.date_to
                                 AND day <= period.date_to
                           ) AS credited_ytd,
                           SUM(amount) FILTER (
                               WHERE date_due < period.date_from AND day < period.date_from
                           ) AS settled_before,
                           SUM(amount) FILTER (
                               WHERE kind = 'collected'
                                 AND date_due < period.date_from
                                 AND day BETWEEN period.date_from AND period.date_to
                           ) AS recovered
                      FROM ledger
                     WHERE is_fee AND kind IN ('collected', 'credited')
                 ) settled
                 CROSS JOIN LATERAL (
                    SELECT %(ages)s
                      FROM unpaid
                     WHERE unpaid.idx = period.idx
                 ) ages
                """,
                periods=periods_sql,
                estates=tuple(estates.ids),
                age=age_bucket_sql(SQL("period.as_of"), SQL("ledger.date_due")),
                ages=ages,
            )
        )
        rows = self.env.cr.fetchall()
        units = self._kpi_units_paid(estates, periods)
        totals = [None] * len(periods)
        for row in rows:
            index, current, ytd, arrears, collected, credited, collected_ytd, credited_ytd = row[:8]
            settled_before, recovered = row[8:10]
            units_billed, units_paid = units[index]
            totals[index] = {
                "billed": (current or 0) - (credited or 0),
                "collected": collected or 0,
                "billed_ytd": (ytd or 0) - (credited_ytd or 0),
                "collected_ytd": collected_ytd or 0,
                "arrears_start": (arrears or 0) - (settled_before or 0),
                "recovered": recovered or 0,
                "units": units_billed,
                "units_paid": units_paid,
                "ages": {
                    bucket: amount or 0
                    for (bucket, _label, _last), amount in zip(
                        OVERDUE_BUCKETS, row[10:], strict=True
                    )
                },
            }
        return totals

    def _kpi_units_paid(self, estates, periods):
        """Per period, (units with fee bills of its billing months, those of
        them whose bills of the period were all settled in full by its end),
        from the units' months (``property.fee.unit.month``). In a period of
        one month each row is a unit; in a longer one, a unit is paid when
        every one of its months is."""
        monthly = [
            index
            for index, period in enumerate(periods)
            if period.date_from.replace(day=1) == period.date_to.replace(day=1)
        ]
        longer = [index for index in range(len(periods)) if index not in monthly]

        queries = []
        if monthly:
            queries.append(
                SQL(
                    """
                    SELECT period.idx, COUNT(*),
                           COUNT(*) FILTER (WHERE unit_month.settled_on <= period.date_to)
                      FROM %(periods)s AS period(idx, date_from, date_to)
                      JOIN property_fee_unit_month unit_month
                        ON unit_month.estate_id IN %(estates)s
                       AND unit_month.month BETWEEN period.date_from AND period.date_to
                     GROUP BY period.idx
                    """,
                    periods=self._kpi_periods_sql(periods, monthly),
                    estates=tuple(estates.ids),
                )
            )
        if longer:
            queries.append(
                SQL(
                    """
                    SELECT idx, COUNT(*), COUNT(*) FILTER (WHERE paid)
                      FROM (
                        SELECT period.idx, unit_month.unit_id,
                               BOOL_AND(COALESCE(unit_month.settled_on <= period.date_to, FALSE))
                                   AS paid
                          FROM %(periods)s AS period(idx, date_from, date_to)
                          JOIN property_fee_unit_month unit_month
                            ON unit_month.estate_id IN %(estates)s
                           AND unit_month.month BETWEEN period.date_from AND period.date_to
                         GROUP BY period.idx, unit_month.unit_id
                      ) unit
                     GROUP BY idx
                    """,
                    periods=self._kpi_periods_sql(periods, longer),
                    estates=tuple(estates.ids),
                )
            )
        self.env.cr.execute(SQL(" UNION ALL ").join(queries))
        counts = {index: (billed, paid) for index, billed, paid in self.env.cr.fetchall()}
        return [counts.get(index, (0, 0)) for index in range(len(periods))]

    def _kpi_fee_check_access(self):
        """The fee figures read bills: skipped for users who may not."""
        self.env["account.move"].check_access("read")

    # ------------------------------------------------------------
    # Figures
    # ------------------------------------------------------------

    def _kpi_collection_rate(self, estates, periods):
        """Collection rate (当期收缴率): of the fee bills of the period (bills
        of the billing periods starting in it, late-fee invoices left out),
        what was collected by the period's end ÷ what was billed, in %.
        Collected: the payments reconciled with the bills, for the part
        reconciled, dated (``max_date`` of the reconciliation) up to the end
        of the period; payments after it do not count. Billed: the bills'
        totals less their credit notes dated up to the end. ``None`` when
        nothing was billed."""
        self._kpi_fee_check_access()
        return [
            self._kpi_rate(totals["collected"], totals["billed"])
            for totals in self._kpi_bill_totals(estates, periods)
        ]

    def _kpi_action_collection_rate(self, estates, period):
        """The denominator: the fee bills of the period."""
        return self._kpi_fee_bills_action(
            estates, period.date_from, period.date_to, self.env._("Bills of the Period")
        )

    def _kpi_collection_rate_ytd(self, estates, periods):
        """Cumulative collection rate (累计收缴率): as the collection rate,
        over the fee bills of the billing periods from the first January of
        the period's year up to its end, collected by its end, in %."""
        self._kpi_fee_check_access()
        return [
            self._kpi_rate(totals["collected_ytd"], totals["billed_ytd"])
            for totals in self._kpi_bill_totals(estates, periods)
        ]

    def _kpi_action_collection_rate_ytd(self, estates, period):
        """The denominator: the fee bills from January to the period's end."""
        return self._kpi_fee_bills_action(
            estates,
            fields.Date.start_of(period.date_to, "year"),
            period.date_to,
            self.env._("Bills of the Year"),
        )

    def _kpi_arrears_recovery_rate(self, estates, periods):
        """Arrears recovery rate (清欠率): of the fee bills due before the
        period, what payments reconciled during it ÷ what was unpaid of them
        when it began (their totals less what settled them before), in %.
        ``None`` when there were no arrears."""
        self._kpi_fee_check_access()
        return [
            self._kpi_rate(totals["recovered"], totals["arrears_start"])
            for totals in self._kpi_bill_totals(estates, periods)
        ]

    def _kpi_action_arrears_recovery_rate(self, estates, period):
        """The denominator: the fee bills due before the period and unpaid
        when it began."""
        action = self._kpi_bills_action(self.env._("Arrears at the Start"))
        action["domain"] = list(
            self._kpi_fee_bills_domain(estates)
            & Domain("invoice_date_due", "<", period.date_from)
            & self._kpi_unpaid_on_domain(period.date_from, before=True)
        )
        return action

    def _kpi_household_payment_rate(self, estates, periods):
        """Household payment rate (户收费率): units whose fee bills of the
        period are settled in full by its end (payments and credit notes
        dated up to the end) ÷ units with fee bills of the period, in %."""
        self._kpi_fee_check_access()
        return [
            self._kpi_rate(totals["units_paid"], totals["units"])
            for totals in self._kpi_bill_totals(estates, periods)
        ]

    def _kpi_action_household_payment_rate(self, estates, period):
        """The denominator: the fee bills of the period, grouped by unit (one
        group per unit billed)."""
        action = self._kpi_action_collection_rate(estates, period)
        action["context"] = {"group_by": ["property_unit_id"]}
        return action

    def _kpi_arrears_by_age(self, estates, periods):
        """Arrears by age (欠费账龄): what was unpaid, at the end of the
        period (today while it runs), of the bills due before that day —
        every property bill, late-fee invoices included, as the arrears
        report — split by days past due in the report's ages: 1-30, 31-90,
        91-180, 181-365 days and over a year. The value is the total."""
        self._kpi_fee_check_access()
        labels = dict(
            self.env["property.arrears.report"]
            ._fields["age_bucket"]
            ._description_selection(self.env)
        )
        values = []
        for totals in self._kpi_bill_totals(estates, periods):
            parts = [
                {"key": bucket, "label": labels[bucket], "value": totals["ages"][bucket]}
                for bucket, _label, _last in OVERDUE_BUCKETS
            ]
            # Amounts come back as floats: the total rounded as money.
            total = self.env.company.currency_id.round(sum(part["value"] for part in parts))
            values.append({"value": total, "parts": parts})
        return values

    def _kpi_action_arrears_by_age(self, estates, period):
        """The bills in arrears at the end of the period (today while it runs)."""
        as_of = self._kpi_cutoff(period)
        action = self._kpi_bills_action(self.env._("Arrears"))
        action["domain"] = list(
            self._kpi_bills_domain(estates)
            & Domain("invoice_date_due", "<", as_of)
            & self._kpi_unpaid_on_domain(as_of)
        )
        return action

    def _kpi_prepayment_balance(self, estates, periods):
        """Prepayment balance (预收款余额): what the payers of the estates paid
        in advance and was not applied to a bill at the end of the period —
        the receivable credit of the posted customer payments of the estates
        dated up to the end, less what of it was reconciled (with bills, or a
        refund) up to the end."""
        self.env["account.payment"].check_access("read")
        self.env["property.fee.ledger"]._flush_sources()
        self.env.cr.execute(
            SQL(
                """
                SELECT period.idx,
                       SUM(ledger.amount) FILTER (WHERE ledger.kind = 'prepaid'),
                       SUM(ledger.amount) FILTER (WHERE ledger.kind = 'applied')
                  FROM %(periods)s AS period(idx, date_from, date_to)
                  JOIN property_fee_ledger ledger
                    ON ledger.estate_id IN %(estates)s
                   AND ledger.kind IN ('prepaid', 'applied')
                   AND ledger.day <= period.date_to
                 GROUP BY period.idx
                """,
                estates=tuple(estates.ids),
                periods=self._kpi_periods_sql(periods),
            )
        )
        balances = {
            index: (paid or 0) - (applied or 0) for index, paid, applied in self.env.cr.fetchall()
        }
        return [balances.get(index, 0) for index in range(len(periods))]

    def _kpi_action_prepayment_balance(self, estates, period):
        """The payments with a credit not applied at the end of the period."""
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "property_billing.property_payment_action"
        )
        credit = (
            Domain("account_type", "=", "asset_receivable")
            & Domain("parent_state", "=", "posted")
            & Domain("balance", "<", 0)
            & Domain("date", "<=", period.date_to)
            & (
                Domain("reconciled", "=", False)
                | Domain("matched_debit_ids.max_date", ">", period.date_to)
            )
        )
        action["domain"] = [
            ("property_estate_id", "in", estates.ids),
            ("partner_type", "=", "customer"),
            ("move_id.line_ids", "any", list(credit)),
        ]
        action["context"] = {}
        return action

    def _kpi_sum_by_day(self, periods, table, amount, day, condition):
        """Per period, the sum of ``amount`` over the rows of ``table`` (an
        SQL table with its alias ``record``) whose ``day`` falls in it and that
        meet ``condition``."""
        self.env.cr.execute(
            SQL(
                """
                SELECT period.idx, SUM(%(amount)s)
                  FROM %(periods)s AS period(idx, date_from, date_to)
                  JOIN %(table)s AS record
                    ON %(day)s BETWEEN period.date_from AND period.date_to
                 WHERE %(condition)s
                 GROUP BY period.idx
                """,
                periods=self._kpi_periods_sql(periods),
                table=table,
                amount=amount,
                day=day,
                condition=condition,
            )
        )
        amounts = dict(self.env.cr.fetchall())
        return [amounts.get(index, 0) for index in range(len(periods))]

    def _kpi_late_fee_charged(self, estates, periods):
        """Late fees charged (滞纳金): the totals of the posted late-fee
        invoices of the estates dated in the period."""
        self._kpi_fee_check_access()
        self.env["account.move"].flush_model()
        return self._kpi_sum_by_day(
            periods,
            SQL.identifier("account_move"),
            SQL("record.amount_total_signed"),
            SQL("record.invoice_date"),
            SQL(
                """record.property_estate_id IN %s
                   AND record.property_is_late_fee
                   AND record.move_type = 'out_invoice'
                   AND record.state = 'posted'""",
                tuple(estates.ids),
            ),
        )

    def _kpi_action_late_fee_charged(self, estates, period):
        """The late-fee invoices of the period."""
        action = self._kpi_bills_action(self.env._("Late Fee Invoices"))
        action["domain"] = list(
            self._kpi_bills_domain(estates)
            & Domain("property_is_late_fee", "=", True)
            & Domain("invoice_date", ">=", period.date_from)
            & Domain("invoice_date", "<=", period.date_to)
        )
        return action

    def _kpi_late_fee_waived(self, estates, periods):
        """Late fees waived (滞纳金减免): the late fees of the estates'
        bills waived in the period (by the day of the waiver)."""
        self.env["property.late.fee"].check_access("read")
        self.env["property.late.fee"].flush_model()
        return self._kpi_sum_by_day(
            periods,
            SQL.identifier("property_late_fee"),
            SQL("record.amount"),
            SQL("record.date_waived"),
            SQL("record.estate_id IN %s AND record.state = 'waived'", tuple(estates.ids)),
        )

    def _kpi_action_late_fee_waived(self, estates, period):
        """The late fees waived in the period."""
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "property_billing.property_late_fee_action"
        )
        action["domain"] = [
            ("estate_id", "in", estates.ids),
            ("state", "=", "waived"),
            ("date_waived", ">=", period.date_from),
            ("date_waived", "<=", period.date_to),
        ]
        action["context"] = {}
        return action

    # ------------------------------------------------------------
    # Lists behind the figures
    # ------------------------------------------------------------

    def _kpi_bills_domain(self, estates):
        """The posted property bills of the estates."""
        return (
            Domain("property_estate_id", "in", estates.ids)
            & Domain("move_type", "=", "out_invoice")
            & Domain("state", "=", "posted")
        )

    def _kpi_fee_bills_domain(self, estates):
        """The fee bills: of a billing period, late-fee invoices left out."""
        return (
            self._kpi_bills_domain(estates)
            & Domain("property_period_id", "!=", False)
            & Domain("property_is_late_fee", "=", False)
        )

    def _kpi_unpaid_on_domain(self, day, before=False):
        """Bills not settled in full on ``day`` (at its start if ``before``):
        unpaid now, or settled by a reconciliation dated after (or on) it."""
        return Domain("payment_state", "in", ("not_paid", "partial")) | Domain(
            "line_ids.matched_credit_ids.max_date", ">=" if before else ">", day
        )

    def _kpi_bills_action(self, name):
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "property_billing.property_bill_action"
        )
        action["name"] = name
        action["context"] = {}
        return action

    def _kpi_fee_bills_action(self, estates, date_from, date_to, name):
        """The fee bills of the billing periods starting from ``date_from``
        to ``date_to``."""
        action = self._kpi_bills_action(name)
        action["domain"] = list(
            self._kpi_fee_bills_domain(estates)
            & Domain("property_period_id.date_start", ">=", date_from)
            & Domain("property_period_id.date_start", "<=", date_to)
        )
        return action
