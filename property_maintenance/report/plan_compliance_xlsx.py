from dateutil.relativedelta import relativedelta

from odoo import fields, models

from odoo.addons.property_base.models.property_kpi import KpiPeriod


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

    def _get_months(self, plans):
        """The months of the due dates of the plans' requests (of every
        plan when none is given), as ``KpiPeriod`` tuples."""
        domain = [("plan_task_id", "!=", False)]
        if plans:
            domain.append(("plan_id", "in", plans.ids))
        [(first, last)] = self.env["maintenance.request"]._read_group(
            domain, aggregates=["plan_due_date:min", "plan_due_date:max"]
        )
        if not first:
            return []
        months = []
        month = first.replace(day=1)
        while month <= last:
            months.append(KpiPeriod(month, fields.Date.end_of(month, "month")))
            month += relativedelta(months=1)
        return months

    def generate_xlsx_report(self, workbook, data, plans):
        """The requests of the selected plans, or of all plans when none is
        selected, in the estates the user works on: the figures of
        ``maintenance.request._get_plan_compliance`` (those of the dashboard)
        per estate, system and month of the due date."""
        plans.check_access("read")
        Request = self.env["maintenance.request"]
        months = self._get_months(plans)
        estates = self.env["property.estate"].search([])
        figures = Request._get_plan_compliance(estates, months, plans, by_estate_system=True)
        systems = dict(Request._fields["system"]._description_selection(self.env))
        sheet = workbook.add_worksheet(self.env._("Plan Compliance"))
        header = workbook.add_format({"bold": True, "bg_color": "#D9E1F2", "border": 1})
        percent = workbook.add_format({"num_format": "0.0%"})
        for col, (title, width) in enumerate(self._get_columns()):
            sheet.set_column(col, col, width)
            sheet.write_string(0, col, title, header)
        sheet.freeze_panes(1, 0)
        names = dict(estates.mapped(lambda estate: (estate.id, estate.name)))
        rows = sorted(
            figures.items(),
            key=lambda item: (names.get(item[0][1], ""), item[0][2] or "", item[0][0]),
        )
        for row, ((index, estate_id, system), (due, on_time, _late)) in enumerate(rows, start=1):
            sheet.write_string(row, 0, names.get(estate_id, ""))
            sheet.write_string(row, 1, systems.get(system, ""))
            # A month, not a day: written as its label (2026-02), as in the pivot.
            sheet.write_string(row, 2, months[index].date_from.strftime("%Y-%m"))
            sheet.write_number(row, 3, due)
            sheet.write_number(row, 4, on_time)
            sheet.write_number(row, 5, on_time / due, percent)
