import io
import tempfile

from odoo import api, fields, models
from odoo.fields import Domain
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

    # ------------------------------------------------------------
    # xlsx export
    # ------------------------------------------------------------

    def _get_export_columns(self):
        return [
            ("estate", self.env._("Estate"), 24),
            ("building", self.env._("Building"), 16),
            ("unit", self.env._("Unit"), 14),
            ("payer", self.env._("Payer"), 20),
            ("bill", self.env._("Bill"), 18),
            ("period", self.env._("Period"), 10),
            ("date_due", self.env._("Due Date"), 12),
            ("days", self.env._("Days Overdue"), 8),
            ("age", self.env._("Age"), 12),
            ("billed", self.env._("Billed"), 12),
            ("unpaid", self.env._("Unpaid"), 12),
        ]

    @api.model
    def _export_xlsx(self, domain=None, batch_size=5000):
        """The arrears matching ``domain`` as an xlsx file (bytes).

        Rows are read in batches straight from the database and written with
        xlsxwriter's ``constant_memory`` mode, so 100,000 rows take the memory
        of one batch. Record rules apply through the ORM query."""
        import xlsxwriter  # noqa: PLC0415 (external dependency, needed only here)

        query = self._search(
            Domain(domain or []), order="estate_id, building_id, unit_id, date_due"
        )
        buckets = dict(self._fields["age_bucket"]._description_selection(self.env))
        columns = self._get_export_columns()
        with tempfile.TemporaryFile() as tmp:
            workbook = xlsxwriter.Workbook(tmp, {"constant_memory": True, "in_memory": False})
            sheet = workbook.add_worksheet(self.env._("Arrears"))
            bold = workbook.add_format({"bold": True})
            money = workbook.add_format({"num_format": "#,##0.00"})
            day = workbook.add_format({"num_format": "yyyy-mm-dd"})
            for col, (_key, title, width) in enumerate(columns):
                sheet.set_column(col, col, width)
                sheet.write(0, col, title, bold)
            self.env.cr.execute(
                SQL(
                    """
                    SELECT estate.name, building.name, unit.full_code, partner.name, move.name,
                           period.name, report.date_due, report.days_overdue,
                           report.age_bucket, report.amount_total, report.amount_residual
                      FROM %(table)s report
                      JOIN property_unit unit ON unit.id = report.unit_id
                      JOIN property_estate estate ON estate.id = report.estate_id
                      LEFT JOIN property_building building ON building.id = report.building_id
                      JOIN res_partner partner ON partner.id = report.partner_id
                      JOIN account_move move ON move.id = report.move_id
                      LEFT JOIN property_billing_period period ON period.id = report.period_id
                     WHERE report.id IN %(ids)s
                     ORDER BY estate.name, building.name, unit.full_code, report.date_due
                    """,
                    table=SQL("(%s)", self._table_query),
                    ids=query.subselect(),
                )
            )
            row = 1
            total_billed = total_unpaid = 0.0
            while rows := self.env.cr.fetchmany(batch_size):
                for values in rows:
                    (
                        estate,
                        building,
                        unit,
                        payer,
                        bill,
                        period,
                        due,
                        days,
                        age,
                        billed,
                        unpaid,
                    ) = values
                    sheet.write_string(row, 0, estate or "")
                    sheet.write_string(row, 1, building or "")
                    sheet.write_string(row, 2, unit or "")
                    sheet.write_string(row, 3, payer or "")
                    sheet.write_string(row, 4, bill or "")
                    sheet.write_string(row, 5, period or "")
                    sheet.write_datetime(row, 6, fields.Datetime.to_datetime(due), day)
                    sheet.write_number(row, 7, days or 0)
                    sheet.write_string(row, 8, buckets.get(age, ""))
                    sheet.write_number(row, 9, billed or 0.0, money)
                    sheet.write_number(row, 10, unpaid or 0.0, money)
                    total_billed += billed or 0.0
                    total_unpaid += unpaid or 0.0
                    row += 1
            sheet.write_string(row, 0, self.env._("Total"), bold)
            sheet.write_number(row, 9, total_billed, money)
            sheet.write_number(row, 10, total_unpaid, money)
            workbook.close()
            tmp.seek(0)
            output = io.BytesIO(tmp.read())
        return output.getvalue()

    def action_export_xlsx(self):
        """Export the selected rows, or all arrears when none is selected."""
        data = self._export_xlsx([("id", "in", self.ids)] if self else [])
        attachment = self.env["ir.attachment"].create(
            {
                "name": self.env._("arrears-%(date)s.xlsx", date=fields.Date.context_today(self)),
                "raw": data,
                "mimetype": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                "res_model": self._name,
            }
        )
        return {
            "type": "ir.actions.act_url",
            "url": f"/web/content/{attachment.id}?download=true",
            "target": "self",
        }

    def action_send_reminders(self):
        return self.move_id.action_property_send_reminder()
