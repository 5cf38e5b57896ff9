from odoo import fields, models
from odoo.tools import SQL

# The ages of arrears (账龄), by days past due: (key, label, last day of the
# age; None for the last one). The keys sort in the order of the ages: the
# pivot, the graph and a list grouped by age order a selection's groups by
# key. The report, its xlsx export and the dashboard's 欠费账龄 share them.
OVERDUE_BUCKETS = [
    ("1_0_30", "1-30 Days", 30),
    ("2_31_90", "31-90 Days", 90),
    ("3_91_180", "91-180 Days", 180),
    ("4_181_365", "181-365 Days", 365),
    ("5_over_365", "Over a Year", None),
]
NOT_DUE = "0_not_due"
AGE_BUCKETS = [(NOT_DUE, "Not Due")] + [(key, label) for key, label, _last in OVERDUE_BUCKETS]


def age_bucket_sql(as_of, date_due):
    """SQL: the age bucket, on day ``as_of``, of a bill due on ``date_due``
    (both SQL date expressions): not due up to the due date itself, then
    the ``OVERDUE_BUCKETS`` by the days past due."""
    return SQL(
        "CASE WHEN %(due)s >= %(as_of)s THEN %(not_due)s %(ages)s END",
        due=date_due,
        as_of=as_of,
        not_due=NOT_DUE,
        ages=SQL(" ").join(
            SQL("WHEN %s - %s <= %s THEN %s", as_of, date_due, last, key)
            if last is not None
            else SQL("ELSE %s", key)
            for key, _label, last in OVERDUE_BUCKETS
        ),
    )


class PropertyArrearsReport(models.Model):
    """Arrears (欠费): what is unpaid of the posted bills, by estate, building,
    unit, payer, period and age since the due date."""

    _name = "property.arrears.report"
    _description = "Arrears Analysis"
    _auto = False
    _order = "date_due, id"
    _rec_name = "move_id"

    move_id = fields.Many2one(comodel_name="account.move", string="Bill", readonly=True)
    unit_id = fields.Many2one(comodel_name="property.unit", string="Unit", readonly=True)
    estate_id = fields.Many2one(comodel_name="property.estate", string="Estate", readonly=True)
    building_id = fields.Many2one(
        comodel_name="property.building", string="Building", readonly=True
    )
    partner_id = fields.Many2one(comodel_name="res.partner", string="Payer", readonly=True)
    period_id = fields.Many2one(
        comodel_name="property.billing.period", string="Period", readonly=True
    )
    company_id = fields.Many2one(comodel_name="res.company", readonly=True)
    currency_id = fields.Many2one(comodel_name="res.currency", readonly=True)
    invoice_date = fields.Date(string="Bill Date", readonly=True)
    date_due = fields.Date(string="Due Date", readonly=True)
    days_overdue = fields.Integer(readonly=True, aggregator="max")
    age_bucket = fields.Selection(
        selection=AGE_BUCKETS, string="Age", readonly=True, group_expand="_expand_age_buckets"
    )
    amount_total = fields.Monetary(string="Billed", readonly=True, currency_field="currency_id")
    amount_residual = fields.Monetary(string="Unpaid", readonly=True, currency_field="currency_id")

    @property
    def _table_query(self):
        # Ages count from the user's today (not the database clock).
        today = fields.Date.context_today(self)
        return SQL(
            """
            SELECT move.id AS id,
                   move.id AS move_id,
                   move.property_unit_id AS unit_id,
                   unit.estate_id AS estate_id,
                   unit.building_id AS building_id,
                   move.commercial_partner_id AS partner_id,
                   move.property_period_id AS period_id,
                   move.company_id AS company_id,
                   move.currency_id AS currency_id,
                   move.invoice_date AS invoice_date,
                   move.invoice_date_due AS date_due,
                   GREATEST(%(today)s::date - move.invoice_date_due, 0) AS days_overdue,
                   %(age_bucket)s AS age_bucket,
                   move.amount_total_signed AS amount_total,
                   move.amount_residual_signed AS amount_residual
              FROM account_move move
              JOIN property_unit unit ON unit.id = move.property_unit_id
             WHERE move.move_type = 'out_invoice'
               AND move.state = 'posted'
               AND move.payment_state IN ('not_paid', 'partial')
            """,
            today=today,
            age_bucket=age_bucket_sql(SQL("%s::date", today), SQL("move.invoice_date_due")),
        )

    def _expand_age_buckets(self, values, domain):
        """Every age past due is a column of the pivot (under the action's
        ``read_group_expand``), 181-365 days too when no bill is that old;
        "not due" only when it has bills (the action hides them)."""
        return [key for key, _label in AGE_BUCKETS if key != NOT_DUE or key in values]

    def action_export_xlsx(self):
        """Export the selected rows, or all arrears when none is selected."""
        report = self.env.ref("property_billing.action_report_arrears_xlsx")
        return report.report_action(self, config=False)

    def action_send_reminders(self):
        return self.move_id.action_property_send_reminder()
