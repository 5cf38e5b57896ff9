from odoo import api, fields, models
from odoo.tools import SQL


class PropertyBillLine(models.Model):
    """The claim that a unit is billed for a fee item in a period.

    The unique index on (unit, fee item, period) is what makes a billing run
    safe to repeat: a run first inserts its claims (``INSERT ... ON CONFLICT
    DO NOTHING``) and only bills the ones it obtained, in the same
    transaction. A second run, a run resumed after a crash or a concurrent run
    obtains nothing for what is billed already. The invoice lines of the
    claim (one per payer when the unit changed hands in the period) point
    back to it.
    """

    _name = "property.bill.line"
    _description = "Bill Line"
    _order = "period_id desc, unit_id, fee_id, id"
    _rec_name = "fee_id"

    unit_id = fields.Many2one(
        comodel_name="property.unit", string="Unit", required=True, ondelete="restrict"
    )
    fee_id = fields.Many2one(
        comodel_name="property.fee.item",
        string="Fee Item",
        required=True,
        index=True,
        ondelete="restrict",
    )
    period_id = fields.Many2one(
        comodel_name="property.billing.period",
        string="Period",
        required=True,
        index=True,
        ondelete="restrict",
    )
    run_id = fields.Many2one(
        comodel_name="property.billing.run", string="Billing Run", index=True, ondelete="set null"
    )
    company_id = fields.Many2one(comodel_name="res.company", required=True, index=True)
    move_line_ids = fields.One2many(
        comodel_name="account.move.line",
        inverse_name="property_bill_line_id",
        string="Invoice Lines",
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    amount = fields.Monetary(compute="_compute_amount", currency_field="currency_id")

    _unit_fee_period_uniq = models.UniqueIndex(
        "(unit_id, fee_id, period_id)",
        "A unit is billed at most once per fee item and period.",
    )

    @api.depends("move_line_ids.price_subtotal")
    def _compute_amount(self):
        for line in self:
            line.amount = sum(line.move_line_ids.mapped("price_subtotal"))

    @api.model
    def _claim(self, keys, run):
        """Insert the claims ``keys`` (a list of (unit id, fee id, period id))
        unless they exist; return {(unit id, fee id): claim id} of the ones
        inserted now.

        A claim held by a concurrent transaction blocks until that
        transaction ends. If it rolls back, the claim is inserted here. If it
        commits, PostgreSQL raises a serialization failure (Odoo's
        transactions are REPEATABLE READ, and the committed claim is not in
        this transaction's snapshot): the caller rolls back and tries again in
        a new transaction, which sees the claim and skips it (see
        ``property.billing.run._bill_chunk_units``). Claims are inserted in
        the order of ``keys``: sorted, two runs never deadlock."""
        if not keys:
            return {}
        units, fees, periods = (list(column) for column in zip(*keys, strict=True))
        self.env.cr.execute(
            SQL(
                """
                INSERT INTO property_bill_line
                    (unit_id, fee_id, period_id, run_id, company_id,
                     create_uid, create_date, write_uid, write_date)
                SELECT claim.unit_id, claim.fee_id, claim.period_id, %(run)s, %(company)s,
                       %(uid)s, NOW() AT TIME ZONE 'UTC', %(uid)s, NOW() AT TIME ZONE 'UTC'
                  FROM unnest(%(units)s::int[], %(fees)s::int[], %(periods)s::int[])
                       AS claim(unit_id, fee_id, period_id)
                ON CONFLICT DO NOTHING
                RETURNING id, unit_id, fee_id
                """,
                run=run.id or None,
                company=run.company_id.id,
                uid=self.env.uid,
                units=units,
                fees=fees,
                periods=periods,
            ),
            # A serialization failure here is expected when two runs meet:
            # the caller handles it (see above), there is nothing to log.
            log_exceptions=False,
        )
        return {(unit_id, fee_id): claim_id for claim_id, unit_id, fee_id in self.env.cr.fetchall()}

    def _release_if_unbilled(self):
        """Drop the claims none of whose invoice lines is still valid, so that
        the unit can be billed again (after a cancelled or deleted bill)."""
        released = self.filtered(
            lambda line: all(move_line.parent_state == "cancel" for move_line in line.move_line_ids)
        )
        released.sudo().unlink()
