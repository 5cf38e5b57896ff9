from odoo import api, fields, models
from odoo.tools import SQL


class PropertyCollectionReport(models.Model):
    """Collection rate (收缴率) by estate and billing month, as the dashboard
    defines it (``property.kpi``, ``property_billing/models/property_kpi.py``),
    from the same fee ledger: the fee bills of the billing periods starting
    in the month (late-fee invoices left out), billed less their credit notes
    dated by the month's end; collected by the month's end (当期收缴率, the
    dashboard's collection rate of that month and estate) and up to today
    (收缴至今); units billed and units whose bills of the month were paid in
    full by its end (户收费率).

    A row's rate is its own sums divided; rows are never averaged: a total
    over several estates or months shows the sums, and the dashboard divides
    them for any choice of estates."""

    _name = "property.collection.report"
    _description = "Collection Rate"
    _auto = False
    _order = "period_start desc, estate_id"
    _rec_name = "period_start"

    estate_id = fields.Many2one(comodel_name="property.estate", string="Estate", readonly=True)
    period_start = fields.Date(string="Month", readonly=True)
    month_label = fields.Char(
        string="Billing Month", compute="_compute_month_label", help="The month, as 2026年11月."
    )
    company_id = fields.Many2one(comodel_name="res.company", readonly=True)
    currency_id = fields.Many2one(comodel_name="res.currency", readonly=True)
    unit_count = fields.Integer(string="Units Billed", readonly=True)
    unit_paid_count = fields.Integer(
        string="Units Paid in Full",
        readonly=True,
        help="Units whose bills of the month were all settled by the month's end.",
    )
    amount_billed = fields.Monetary(
        string="Billed",
        readonly=True,
        currency_field="currency_id",
        help="The month's fee bills less their credit notes dated by the month's end.",
    )
    amount_collected_period = fields.Monetary(
        string="Collected in the Month",
        readonly=True,
        currency_field="currency_id",
        help="Paid on the month's bills by the month's end.",
    )
    amount_collected = fields.Monetary(
        string="Collected to Date",
        readonly=True,
        currency_field="currency_id",
        help="Paid on the month's bills up to today.",
    )
    amount_unpaid = fields.Monetary(
        string="Unpaid",
        readonly=True,
        currency_field="currency_id",
        help="What is unpaid of the month's bills today.",
    )
    collection_rate = fields.Float(
        string="Collection Rate (%)",
        readonly=True,
        aggregator=None,
        digits=(5, 2),
        help="Collected in the month ÷ billed: the dashboard's collection rate of the month. "
        "Several rows are not averaged: their rate is their sums divided.",
    )
    collection_rate_to_date = fields.Float(
        string="Collected to Date (%)",
        readonly=True,
        aggregator=None,
        digits=(5, 2),
        help="Collected up to today ÷ billed less every credit note.",
    )
    household_payment_rate = fields.Float(
        string="Household Payment Rate (%)",
        readonly=True,
        aggregator=None,
        digits=(5, 2),
        help="Units paid in full by the month's end ÷ units billed.",
    )

    @api.depends("period_start")
    def _compute_month_label(self):
        Kpi = self.env["property.kpi"]
        for row in self:
            row.month_label = row.period_start and Kpi._kpi_period_label(
                Kpi._kpi_period("month", row.period_start), "month"
            )

    @property
    def _table_query(self):
        return SQL(
            """
            WITH fees AS (
                SELECT company_id, estate_id, month,
                       SUM(amount) FILTER (WHERE kind = 'billed') AS billed,
                       SUM(amount) FILTER (WHERE kind = 'credited') AS credited,
                       SUM(amount) FILTER (WHERE kind = 'credited' AND day <= month_end)
                           AS credited_period,
                       SUM(amount) FILTER (WHERE kind = 'collected') AS collected,
                       SUM(amount) FILTER (WHERE kind = 'collected' AND day <= month_end)
                           AS collected_period
                  FROM (
                    SELECT ledger.*,
                           date_trunc('month', ledger.billed_on)::date AS month,
                           (date_trunc('month', ledger.billed_on)
                            + interval '1 month - 1 day')::date AS month_end
                      FROM property_fee_ledger ledger
                     WHERE ledger.is_fee
                       AND ledger.kind IN ('billed', 'credited', 'collected')
                  ) ledger
                 GROUP BY company_id, estate_id, month
            ),
            units AS (
                SELECT estate_id, month, COUNT(*) AS units,
                       COUNT(*) FILTER (
                           WHERE settled_on <= (month + interval '1 month - 1 day')::date
                       ) AS paid
                  FROM property_fee_unit_month
                 GROUP BY estate_id, month
            ),
            report AS (
                SELECT fees.*,
                       COALESCE(billed, 0) - COALESCE(credited_period, 0) AS billed_net,
                       COALESCE(billed, 0) - COALESCE(credited, 0) AS billed_net_now,
                       COALESCE(units.units, 0) AS units,
                       COALESCE(units.paid, 0) AS units_paid
                  FROM fees
                  LEFT JOIN units ON units.estate_id = fees.estate_id AND units.month = fees.month
            )
            SELECT report.estate_id * 100000
                       + EXTRACT(YEAR FROM report.month)::int * 12
                       + EXTRACT(MONTH FROM report.month)::int AS id,
                   report.estate_id,
                   report.month AS period_start,
                   report.company_id,
                   company.currency_id,
                   report.units AS unit_count,
                   report.units_paid AS unit_paid_count,
                   report.billed_net AS amount_billed,
                   COALESCE(report.collected_period, 0) AS amount_collected_period,
                   COALESCE(report.collected, 0) AS amount_collected,
                   report.billed_net_now - COALESCE(report.collected, 0) AS amount_unpaid,
                   CASE WHEN report.billed_net <> 0
                        THEN ROUND(100.0 * COALESCE(report.collected_period, 0)
                                   / report.billed_net, 2)
                   END AS collection_rate,
                   CASE WHEN report.billed_net_now <> 0
                        THEN ROUND(100.0 * COALESCE(report.collected, 0)
                                   / report.billed_net_now, 2)
                   END AS collection_rate_to_date,
                   CASE WHEN report.units <> 0
                        THEN ROUND(100.0 * report.units_paid / report.units, 2)
                   END AS household_payment_rate
              FROM report
              JOIN res_company company ON company.id = report.company_id
            """
        )

    @api.model
    def _get_rates(self, domain):
        """{(estate, month): {"billed", "collected_period", "collected",
        "rate", "rate_to_date"}} of exact sums (rates in %, ``None`` when
        nothing was billed)."""
        self.env["property.fee.ledger"]._flush_sources()
        result = {}
        for estate, month, billed, period, collected, unpaid in self._read_group(
            domain,
            ["estate_id", "period_start:day"],
            [
                "amount_billed:sum",
                "amount_collected_period:sum",
                "amount_collected:sum",
                "amount_unpaid:sum",
            ],
        ):
            billed_now = collected + unpaid  # billed less every credit note
            result[estate, fields.Date.to_date(month)] = {
                "billed": billed,
                "collected_period": period,
                "collected": collected,
                "rate": round(100.0 * period / billed, 2) if billed else None,
                "rate_to_date": round(100.0 * collected / billed_now, 2) if billed_now else None,
            }
        return result
