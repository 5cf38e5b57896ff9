from odoo import api, fields, models
from odoo.tools import SQL


class PropertyCollectionReport(models.Model):
    """Collection rate (收缴率) by estate and billing period: collected ÷ billed
    for the bills of the period (late fee invoices excluded), collected up to
    today.

    A row's rate is its own sums divided; rows are never averaged: a total
    over several estates or months shows the billed and collected sums, and
    the dashboard's 收缴率 (``property.kpi._kpi_collection_rate``, collected
    by the end of the period) divides them for any choice of estates."""

    _name = "property.collection.report"
    _description = "Collection Rate"
    _auto = False
    _order = "period_start desc, estate_id"

    estate_id = fields.Many2one(comodel_name="property.estate", string="Estate", readonly=True)
    period_id = fields.Many2one(
        comodel_name="property.billing.period", string="Period", readonly=True
    )
    period_start = fields.Date(string="Month", readonly=True)
    company_id = fields.Many2one(comodel_name="res.company", readonly=True)
    currency_id = fields.Many2one(comodel_name="res.currency", readonly=True)
    bill_count = fields.Integer(string="Bills", readonly=True)
    amount_billed = fields.Monetary(string="Billed", readonly=True, currency_field="currency_id")
    amount_collected = fields.Monetary(
        string="Collected", readonly=True, currency_field="currency_id"
    )
    amount_unpaid = fields.Monetary(string="Unpaid", readonly=True, currency_field="currency_id")
    collection_rate = fields.Float(
        string="Collection Rate (%)",
        readonly=True,
        aggregator=None,
        digits=(5, 2),
        help="Collected ÷ billed of the row. Several rows are not averaged: their rate is "
        "the sum collected ÷ the sum billed (the dashboard's collection rate).",
    )

    @property
    def _table_query(self):
        return SQL(
            """
            SELECT MIN(move.id) AS id,
                   move.property_estate_id AS estate_id,
                   move.property_period_id AS period_id,
                   period.date_start AS period_start,
                   move.company_id AS company_id,
                   MIN(move.currency_id) AS currency_id,
                   COUNT(*) AS bill_count,
                   SUM(move.amount_total_signed) AS amount_billed,
                   SUM(move.amount_total_signed - move.amount_residual_signed) AS amount_collected,
                   SUM(move.amount_residual_signed) AS amount_unpaid,
                   CASE WHEN SUM(move.amount_total_signed) = 0 THEN 0
                        ELSE ROUND(
                            100.0 * SUM(move.amount_total_signed - move.amount_residual_signed)
                            / SUM(move.amount_total_signed), 2)
                   END AS collection_rate
              FROM account_move move
              JOIN property_billing_period period ON period.id = move.property_period_id
             WHERE move.move_type = 'out_invoice'
               AND move.state = 'posted'
             GROUP BY move.property_estate_id, move.property_period_id, period.date_start,
                      move.company_id
            """
        )

    @api.model
    def _get_rates(self, domain):
        """{(estate, period): (billed, collected, rate %)} of exact sums."""
        result = {}
        for estate, period, billed, collected in self._read_group(
            domain, ["estate_id", "period_id"], ["amount_billed:sum", "amount_collected:sum"]
        ):
            rate = round(100.0 * collected / billed, 2) if billed else 0.0
            result[estate, period] = (billed, collected, rate)
        return result
