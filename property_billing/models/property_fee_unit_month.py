from odoo import api, fields, models
from odoo.tools import SQL


class PropertyFeeUnitMonth(models.Model):
    """When each unit's fee bills of a month were paid (户收费 by month): one
    row per unit and billing month that has posted fee bills (bills of a
    billing period starting in that month, late-fee invoices left out), with
    the day the last of them was settled in full (by payments or credit
    notes, ``max_date`` of the reconciliations), or nothing while one of them
    is not. A unit paid the bills of a period in full by its end when every
    one of its months in the period was settled by then: the household
    payment rate of the dashboard counts these rows instead of the bills.

    A unit's row of a month is computed anew from its bills whenever one of
    them is posted, reset or cancelled, or reconciled or unreconciled (see
    ``property.fee.ledger``)."""

    _name = "property.fee.unit.month"
    _description = "Unit Fees of a Month"
    _log_access = False
    _order = "month, unit_id"

    company_id = fields.Many2one(comodel_name="res.company", string="Company", readonly=True)
    estate_id = fields.Many2one(comodel_name="property.estate", string="Estate", readonly=True)
    unit_id = fields.Many2one(comodel_name="property.unit", string="Unit", readonly=True)
    month = fields.Date(string="Billing Month", readonly=True, required=True)
    settled_on = fields.Date(
        string="Paid in Full On",
        readonly=True,
        help="The day the unit's last fee bill of the month was settled in full; empty while "
        "one is not.",
    )

    _unit_month_uniq = models.UniqueIndex("(unit_id, month)")
    _estate_month_idx = models.Index("(estate_id, month, settled_on)")

    @api.model
    def _refresh_sql(self, bill_ids=None):
        """SQL: compute anew the rows of the units and months of the bills
        ``bill_ids`` (every row when ``None``)."""
        among = SQL("TRUE") if bill_ids is None else SQL("move.id IN %s", tuple(bill_ids))
        return SQL(
            """
            WITH key AS (
                SELECT DISTINCT move.property_unit_id AS unit_id,
                       date_trunc('month', period.date_start)::date AS month
                  FROM account_move move
                  JOIN property_billing_period period ON period.id = move.property_period_id
                 WHERE move.property_unit_id IS NOT NULL AND %(among)s
            ),
            bill AS (
                SELECT move.id, move.company_id, move.property_estate_id AS estate_id,
                       key.unit_id, key.month, period.date_start AS billed_on,
                       move.amount_total_signed AS amount
                  FROM key
                  JOIN account_move move
                    ON move.property_unit_id = key.unit_id
                   AND move.move_type = 'out_invoice'
                   AND move.state = 'posted'
                   AND move.property_is_late_fee IS NOT TRUE
                  JOIN property_billing_period period
                    ON period.id = move.property_period_id
                   AND date_trunc('month', period.date_start)::date = key.month
            ),
            settle AS (
                SELECT line.move_id, SUM(partial.amount) AS amount, MAX(partial.max_date) AS day
                  FROM bill
                  JOIN account_move_line line
                    ON line.move_id = bill.id
                   AND line.display_type = 'payment_term'
                  JOIN account_partial_reconcile partial ON partial.debit_move_id = line.id
                 GROUP BY line.move_id
            ),
            status AS (
                SELECT bill.company_id, bill.estate_id, bill.unit_id, bill.month,
                       CASE WHEN BOOL_AND(bill.amount <= COALESCE(settle.amount, 0))
                            THEN MAX(COALESCE(settle.day, bill.billed_on))
                       END AS settled_on
                  FROM bill
                  LEFT JOIN settle ON settle.move_id = bill.id
                 GROUP BY bill.company_id, bill.estate_id, bill.unit_id, bill.month
            ),
            gone AS (
                DELETE FROM property_fee_unit_month unit_month
                 USING key
                 WHERE unit_month.unit_id = key.unit_id
                   AND unit_month.month = key.month
                   AND NOT EXISTS (
                       SELECT 1 FROM status
                        WHERE status.unit_id = key.unit_id AND status.month = key.month)
            )
            INSERT INTO property_fee_unit_month (company_id, estate_id, unit_id, month, settled_on)
            SELECT company_id, estate_id, unit_id, month, settled_on FROM status
                ON CONFLICT (unit_id, month) DO UPDATE
               SET company_id = EXCLUDED.company_id,
                   estate_id = EXCLUDED.estate_id,
                   settled_on = EXCLUDED.settled_on
            """,
            among=among,
        )

    @api.model
    def _refresh_bills(self, bill_ids):
        """Compute anew the rows of the units and months of the fee bills
        ``bill_ids`` (after they or their reconciliations changed)."""
        if not bill_ids:
            return
        self.env["property.fee.ledger"]._flush_sources()
        self.env.cr.execute(self._refresh_sql(bill_ids))
        self.invalidate_model()

    @api.model
    def _rebuild(self):
        """Make every row anew from the bills."""
        self.env["property.fee.ledger"]._flush_sources()
        self.env.cr.execute("DELETE FROM property_fee_unit_month")
        self.env.cr.execute(self._refresh_sql())
        self.invalidate_model()
