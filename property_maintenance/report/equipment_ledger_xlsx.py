from odoo import models


class EquipmentLedgerXlsx(models.AbstractModel):
    """The equipment ledger (设施设备台账) as an xlsx file: one row per piece of equipment."""

    _name = "report.property_maintenance.equipment_ledger_xlsx"
    _inherit = "report.report_xlsx.abstract"
    _description = "Equipment ledger xlsx export"

    def _get_columns(self):
        """(title, width, kind, value getter) of each column; kind is text, date or integer."""
        systems = dict(
            self.env["maintenance.equipment"]._fields["system"]._description_selection(self.env)
        )
        return [
            (self.env._("Asset Code"), 14, "text", lambda e: e.asset_code),
            (self.env._("Equipment"), 28, "text", lambda e: e.name),
            (self.env._("Estate"), 22, "text", lambda e: e.estate_id.name),
            (self.env._("Building"), 14, "text", lambda e: e.building_id.name),
            (self.env._("Location"), 18, "text", lambda e: e.common_area_id.name),
            (self.env._("Location Detail"), 22, "text", lambda e: e.location),
            (self.env._("System"), 18, "text", lambda e: systems.get(e.system)),
            (self.env._("Category"), 16, "text", lambda e: e.category_id.name),
            (self.env._("Model"), 14, "text", lambda e: e.model),
            (self.env._("Specification"), 22, "text", lambda e: e.specification),
            (self.env._("Serial Number"), 16, "text", lambda e: e.serial_no),
            (self.env._("Installation Date"), 12, "date", lambda e: e.installation_date),
            (self.env._("Supplier"), 20, "text", lambda e: e.partner_id.name),
            (self.env._("Warranty End"), 12, "date", lambda e: e.warranty_date),
            (self.env._("Maintenance Contractor"), 20, "text", lambda e: e.contractor_id.name),
            (self.env._("Next Statutory Inspection"), 12, "date", lambda e: e.next_inspection_date),
            (self.env._("Open Requests"), 10, "integer", lambda e: e.maintenance_open_count),
        ]

    def generate_xlsx_report(self, workbook, data, equipment):
        """The selected equipment, or all the estates' equipment when none is selected."""
        equipment = equipment or self.env["maintenance.equipment"].search(
            [("estate_id", "!=", False)]
        )
        sheet = workbook.add_worksheet(self.env._("Equipment Ledger"))
        header = workbook.add_format({"bold": True, "bg_color": "#D9E1F2", "border": 1})
        day = workbook.add_format({"num_format": "yyyy-mm-dd"})
        columns = self._get_columns()
        for col, (title, width, _kind, _getter) in enumerate(columns):
            sheet.set_column(col, col, width)
            sheet.write_string(0, col, title, header)
        sheet.freeze_panes(1, 0)
        for row, piece in enumerate(equipment, start=1):
            for col, (_title, _width, kind, getter) in enumerate(columns):
                value = getter(piece)
                if kind == "date":
                    if value:
                        sheet.write_datetime(row, col, value, day)
                elif kind == "integer":
                    sheet.write_number(row, col, value or 0)
                elif value:
                    sheet.write_string(row, col, value)
