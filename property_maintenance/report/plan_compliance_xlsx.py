from odoo import models


class PlanComplianceXlsx(models.AbstractModel):
    """Plan compliance (计划完成率) as an xlsx file: requests due, done on time and the
    rate per estate, system and month of the due date."""

    _name = "report.property_maintenance.plan_compliance_xlsx"
    _inherit = "report.report_xlsx.abstract"
    _description = "Plan compliance xlsx export"

    def _get_columns(self):
        """(title, width) of each column."""
        return [
            (self.env._("Estate"), 24),
            (self.env._("System"), 22),
            (self.env._("Month"), 10),
            (self.env._("Due"), 8),
            (self.env._("Done on Time"), 12),
            (self.env._("Compliance"), 12),
        ]

    def generate_xlsx_report(self, workbook, data, plans):
        """The requests of the selected plans, or of all plans when none is selected."""
        plans.check_access("read")
        Request = self.env["maintenance.request"]
        figures = Request._get_compliance(
            [("plan_id", "in", plans.ids)] if plans else [],
            groupby=("estate_id", "system", "plan_due_date:month"),
        )
        systems = dict(Request._fields["system"]._description_selection(self.env))
        sheet = workbook.add_worksheet(self.env._("Plan Compliance"))
        header = workbook.add_format({"bold": True, "bg_color": "#D9E1F2", "border": 1})
        percent = workbook.add_format({"num_format": "0.0%"})
        for col, (title, width) in enumerate(self._get_columns()):
            sheet.set_column(col, col, width)
            sheet.write_string(0, col, title, header)
        sheet.freeze_panes(1, 0)
        rows = sorted(
            figures.items(),
            key=lambda item: (item[0][0].name or "", item[0][1] or "", item[0][2] or ""),
        )
        for row, ((estate, system, month), (due, on_time, rate)) in enumerate(rows, start=1):
            sheet.write_string(row, 0, estate.name or "")
            sheet.write_string(row, 1, systems.get(system, ""))
            # A month, not a day: written as its label (2026-02), as in the pivot.
            sheet.write_string(row, 2, month.strftime("%Y-%m") if month else "")
            sheet.write_number(row, 3, due)
            sheet.write_number(row, 4, on_time)
            sheet.write_number(row, 5, rate / 100.0, percent)
