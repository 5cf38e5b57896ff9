import tempfile
import uuid

import xlsxwriter

from odoo import models
from odoo.fields import Domain
from odoo.tools import SQL

#: Rows fetched from the database at a time: the export holds one batch, never all rows.
FETCH_SIZE = 5000


class ArrearsXlsx(models.AbstractModel):
    """The arrears list as an xlsx file, at constant memory for any number of rows.

    The rows are read through a server-side cursor (``DECLARE … CURSOR``, then
    ``FETCH`` one batch at a time) and written with xlsxwriter's
    ``constant_memory`` mode, which flushes each row to a temporary file as soon
    as the next one starts; the workbook is assembled in a temporary file and
    read back once. Access rights and record rules apply through ``_search``."""

    _name = "report.property_billing.arrears_xlsx"
    _inherit = "report.report_xlsx.abstract"
    _description = "Arrears xlsx export"

    def get_workbook_options(self):
        return {"constant_memory": True}

    def create_xlsx_report(self, docids, data):
        # report_xlsx builds the file in a BytesIO and then copies it out with
        # read(): two copies of the file in memory. On disk, only the one
        # returned to the download is.
        arrears = self._get_objs_for_report(docids, data)
        with tempfile.TemporaryFile() as output:
            workbook = xlsxwriter.Workbook(output, self.get_workbook_options())
            self.generate_xlsx_report(workbook, data, arrears)
            workbook.close()
            output.seek(0)
            return output.read(), "xlsx"

    def _get_columns(self):
        """(title, width) of each column, in the order of the rows of ``_get_query``."""
        return [
            (self.env._("Estate"), 24),
            (self.env._("Building"), 16),
            (self.env._("Unit"), 14),
            (self.env._("Payer"), 22),
            (self.env._("Bill"), 20),
            (self.env._("Period"), 12),
            (self.env._("Due Date"), 12),
            (self.env._("Days Overdue"), 10),
            (self.env._("Age"), 14),
            (self.env._("Billed"), 14),
            (self.env._("Unpaid"), 14),
        ]

    def _get_query(self, domain):
        """SELECT of the export's rows matching ``domain``, sorted by estate,
        building, unit and due date."""
        query = self.env["property.arrears.report"]._search(Domain(domain))
        arrears = query.table
        estate = query.join(arrears, "estate_id", "property_estate", "id", "estate")
        building = query.left_join(arrears, "building_id", "property_building", "id", "building")
        unit = query.join(arrears, "unit_id", "property_unit", "id", "unit")
        partner = query.join(arrears, "partner_id", "res_partner", "id", "partner")
        move = query.join(arrears, "move_id", "account_move", "id", "move")
        period = query.left_join(arrears, "period_id", "property_billing_period", "id", "period")
        query.order = SQL(
            "%s, %s, %s, %s, %s",
            SQL.identifier(estate, "name"),
            SQL.identifier(building, "name"),
            SQL.identifier(unit, "full_code"),
            SQL.identifier(arrears, "date_due"),
            SQL.identifier(arrears, "id"),
        )
        return query.select(
            SQL.identifier(estate, "name"),
            SQL.identifier(building, "name"),
            SQL.identifier(unit, "full_code"),
            SQL.identifier(partner, "name"),
            SQL.identifier(move, "name"),
            SQL.identifier(period, "name"),
            SQL.identifier(arrears, "date_due"),
            SQL.identifier(arrears, "days_overdue"),
            SQL.identifier(arrears, "age_bucket"),
            SQL.identifier(arrears, "amount_total"),
            SQL.identifier(arrears, "amount_residual"),
        )

    def _fetch_batches(self, query, size=None):
        """Rows of ``query`` in lists of ``size`` (``FETCH_SIZE``), from a server-side
        cursor (a plain ``execute`` would load every row into the client at once)."""
        size = size or FETCH_SIZE
        cr = self.env.cr
        # Unique, so that a failed export does not block the next one of the transaction.
        cursor = SQL.identifier(f"arrears_xlsx_{uuid.uuid4().hex}")
        cr.execute(SQL("DECLARE %s NO SCROLL CURSOR FOR %s", cursor, query))
        while True:
            cr.execute(SQL("FETCH FORWARD %s FROM %s", size, cursor))
            rows = cr.fetchall()
            if not rows:
                break
            yield rows
        cr.execute(SQL("CLOSE %s", cursor))

    def generate_xlsx_report(self, workbook, data, arrears):
        """The selected arrears, or all those the user may read when none is selected."""
        domain = [("id", "in", arrears.ids)] if arrears else []
        buckets = dict(
            self.env["property.arrears.report"]
            ._fields["age_bucket"]
            ._description_selection(self.env)
        )
        sheet = workbook.add_worksheet(self.env._("Arrears"))
        header = workbook.add_format({"bold": True, "bg_color": "#D9E1F2", "border": 1})
        day = workbook.add_format({"num_format": "yyyy-mm-dd"})
        money = workbook.add_format({"num_format": "#,##0.00"})
        bold = workbook.add_format({"bold": True})
        bold_money = workbook.add_format({"bold": True, "num_format": "#,##0.00"})
        columns = self._get_columns()
        for col, (title, width) in enumerate(columns):
            sheet.set_column(col, col, width)
            sheet.write_string(0, col, title, header)
        sheet.freeze_panes(1, 0)

        write_string, write_number = sheet.write_string, sheet.write_number
        row = 1
        total_billed = total_unpaid = 0.0
        for batch in self._fetch_batches(self._get_query(domain)):
            for values in batch:
                # Estate, building, unit, payer, bill, period: text; empty cells stay blank.
                for col in range(6):
                    if values[col]:
                        write_string(row, col, values[col])
                date_due, days, age, billed, unpaid = values[6:]
                if date_due:
                    sheet.write_datetime(row, 6, date_due, day)
                write_number(row, 7, days or 0)
                write_string(row, 8, buckets.get(age, ""))
                write_number(row, 9, billed or 0.0, money)
                write_number(row, 10, unpaid or 0.0, money)
                total_billed += billed or 0.0
                total_unpaid += unpaid or 0.0
                row += 1
        write_string(row, 0, self.env._("Total"), bold)
        write_number(row, 9, round(total_billed, 2), bold_money)
        write_number(row, 10, round(total_unpaid, 2), bold_money)
