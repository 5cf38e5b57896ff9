from odoo import api, fields, models


class ReportUnitStatement(models.AbstractModel):
    """The statement of account (对账单) of units: bills and payments of a
    period with the running balance. Read with the user's own rights: a unit,
    bill or payment he may not see is not on it."""

    _name = "report.property_billing.report_unit_statement"
    _description = "Statement of Account of a Unit"

    @api.model
    def _get_report_values(self, docids, data=None):
        units = self.env["property.unit"].browse(docids)
        units.check_access("read")
        today = fields.Date.context_today(self)
        data = data or {}
        date_from = fields.Date.to_date(data.get("date_from")) or today.replace(month=1, day=1)
        date_to = fields.Date.to_date(data.get("date_to")) or today
        return {
            "doc_ids": docids,
            "doc_model": "property.unit",
            "docs": units,
            "date_from": date_from,
            "date_to": date_to,
            "statements": {
                unit.id: self._get_statement(unit, date_from, date_to) for unit in units
            },
        }

    @api.model
    def _get_statement(self, unit, date_from, date_to):
        """{opening, lines, billed, paid, closing, amount_due}: ``lines`` are
        dicts (date, reference, description, debit, credit, balance) in date
        order; debit is billed, credit paid."""
        bills = self.env["account.move"].search(
            [
                ("property_unit_id", "=", unit.id),
                ("state", "=", "posted"),
                ("move_type", "in", ("out_invoice", "out_refund")),
                ("invoice_date", "<=", date_to),
            ],
            order="invoice_date, id",
        )
        payments = self.env["account.payment"].search(
            [
                ("property_unit_id", "=", unit.id),
                ("state", "not in", ("draft", "canceled", "rejected")),
                ("date", "<=", date_to),
            ],
            order="date, id",
        )
        entries = []
        for bill in bills:
            entries.append(
                {
                    "date": bill.invoice_date,
                    "reference": bill.name,
                    "description": bill.property_period_id.name
                    or ", ".join(bill.invoice_line_ids.mapped("name"))[:60],
                    "amount": bill.amount_total_signed,
                }
            )
        for payment in payments:
            # Money received lowers the balance, money paid back raises it.
            entries.append(
                {
                    "date": payment.date,
                    "reference": payment.name,
                    "description": payment.memo or "",
                    "amount": -payment.amount_company_currency_signed,
                }
            )
        entries.sort(key=lambda entry: entry["date"])
        opening = sum(entry["amount"] for entry in entries if entry["date"] < date_from)
        balance = opening
        lines = []
        billed = paid = 0.0
        for entry in entries:
            if entry["date"] < date_from:
                continue
            balance += entry["amount"]
            debit = entry["amount"] if entry["amount"] > 0 else 0.0
            credit = -entry["amount"] if entry["amount"] < 0 else 0.0
            billed += debit
            paid += credit
            lines.append({**entry, "debit": debit, "credit": credit, "balance": balance})
        return {
            "opening": opening,
            "lines": lines,
            "billed": billed,
            "paid": paid,
            "closing": balance,
            "amount_due": sum(
                bills.filtered(lambda b: b.move_type == "out_invoice").mapped("amount_residual")
            ),
        }
