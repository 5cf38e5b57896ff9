from odoo import fields, models
from odoo.tools import SQL

AGE_BUCKETS = [
    ("not_due", "Not Due"),
    ("0_30", "1-30 Days"),
    ("31_90", "31-90 Days"),
    ("91_180", "91-180 Days"),
    ("181_365", "181-365 Days"),
    ("365_plus", "Over a Year"),
]


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
    age_bucket = fields.Selection(selection=AGE_BUCKETS, string="Age", readonly=True)
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
                   CASE
                       WHEN move.invoice_date_due >= %(today)s::date THEN 'not_due'
                       WHEN %(today)s::date - move.invoice_date_due <= 30 THEN '0_30'
                       WHEN %(today)s::date - move.invoice_date_due <= 90 THEN '31_90'
                       WHEN %(today)s::date - move.invoice_date_due <= 180 THEN '91_180'
                       WHEN %(today)s::date - move.invoice_date_due <= 365 THEN '181_365'
                       ELSE '365_plus'
                   END AS age_bucket,
                   move.amount_total_signed AS amount_total,
                   move.amount_residual_signed AS amount_residual
              FROM account_move move
              JOIN property_unit unit ON unit.id = move.property_unit_id
             WHERE move.move_type = 'out_invoice'
               AND move.state = 'posted'
               AND move.payment_state IN ('not_paid', 'partial')
            """,
            today=today,
        )

    def action_export_xlsx(self):
        """Export the selected rows, or all arrears when none is selected."""
        report = self.env.ref("property_billing.action_report_arrears_xlsx")
        return report.report_action(self, config=False)

    def action_send_reminders(self):
        return self.move_id.action_property_send_reminder()
