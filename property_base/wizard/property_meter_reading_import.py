import base64
from collections import defaultdict

from odoo import Command, fields, models
from odoo.exceptions import UserError

from ..models.property_meter_reading import NewReading
from . import reading_sheet
from .reading_sheet import CellError, header_label


class PropertyMeterReadingImport(models.TransientModel):
    """Import the readings of a round from its sheet (xlsx): download the
    template prefilled with the round's meters, fill in the new readings,
    upload it. Every row is checked first; nothing is written while a row is
    in error, unless the user chooses to write the valid rows."""

    _name = "property.meter.reading.import"
    _description = "Import Meter Readings"

    round_id = fields.Many2one(
        comodel_name="property.meter.round", string="Round", required=True, ondelete="cascade"
    )
    file = fields.Binary(string="Reading Sheet", attachment=False)
    filename = fields.Char()
    template_file = fields.Binary(attachment=False, readonly=True)
    template_filename = fields.Char(readonly=True)
    state = fields.Selection(
        selection=[("upload", "Upload"), ("report", "Rows in Error"), ("done", "Imported")],
        default="upload",
        required=True,
    )
    error_ids = fields.One2many(
        comodel_name="property.meter.reading.import.error",
        inverse_name="import_id",
        string="Rows in Error",
    )
    valid_count = fields.Integer(string="Valid Rows", readonly=True)
    error_count = fields.Integer(string="Rows in Error Count", readonly=True)
    written_count = fields.Integer(string="Readings Recorded", readonly=True)

    def _get_action(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Import Readings"),
            "res_model": self._name,
            "res_id": self.id,
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "new",
        }

    # -- template ---------------------------------------------------------

    def _prepare_template_rows(self):
        """One dict per meter of the round, in walking order, by column key."""
        self.ensure_one()
        types = dict(
            self.env["property.meter"]._fields["meter_type"]._description_selection(self.env)
        )
        return [
            {
                "sequence": index,
                "meter": line.meter_id.name,
                "meter_type": types.get(line.meter_type),
                "location": line.location,
                "previous_value": line.previous_value if line.previous_date else None,
                "previous_date": line.previous_date or None,
                "value": line.value if line.is_read else None,
                "date": (line.date or None) if line.is_read else None,
                "note": line.note or None,
            }
            for index, line in enumerate(self.round_id.line_ids, start=1)
        ]

    def action_download_template(self):
        self.ensure_one()
        content = reading_sheet.write_template(
            self.round_id.route_id.name or "", self._prepare_template_rows()
        )
        filename = f"{self.round_id.name or 'round'}.xlsx".replace("/", "-")
        self.write({"template_file": base64.b64encode(content), "template_filename": filename})
        return {
            "type": "ir.actions.act_url",
            "url": f"/web/content/{self._name}/{self.id}/template_file/{filename}?download=true",
            "target": "download",
        }

    # -- upload -----------------------------------------------------------

    def _read_sheet(self):
        """(rows, errors) of the uploaded sheet: ``rows`` a list of dicts
        (row number, line, NewReading, note) of the rows that pass every
        check; ``errors`` a list of (row number, meter, reason). A file that
        is not the template as a whole (not an xlsx file, wrong header) is
        refused with a ``UserError``."""
        self.ensure_one()
        if not self.file:
            raise UserError(self.env._("Choose the reading sheet to upload."))
        try:
            header, sheet_rows = reading_sheet.read_rows(base64.b64decode(self.file))
        except ValueError:
            raise UserError(
                self.env._(
                    "%s is not an Excel (xlsx) file.", self.filename or self.env._("The file")
                )
            ) from None
        columns, missing, twice = reading_sheet.map_header(header)
        if missing or twice:
            raise UserError(
                self.env._(
                    "The first row of the sheet is not the template's header: it needs the "
                    "columns %(required)s, once each (missing: %(missing)s; twice: %(twice)s). "
                    "Download the template of the round and fill it in.",
                    required=", ".join(header_label(k) for k in reading_sheet.REQUIRED_COLUMNS),
                    missing=", ".join(header_label(k) for k in missing) or "-",
                    twice=", ".join(header_label(k) for k in twice) or "-",
                )
            )
        reading_round = self.round_id
        lines_by_name = defaultdict(list)
        for line in reading_round.line_ids:
            lines_by_name[line.meter_id.name].append(line)
        types = self._get_selection_names("property.meter", "meter_type")
        kinds = self._get_selection_names("property.meter.round.line", "reading_type")

        def cell(cells, key):
            index = columns.get(key)
            return cells[index] if index is not None and index < len(cells) else None

        rows, errors, rows_by_line = [], [], defaultdict(list)
        for number, cells in sheet_rows:
            name = cell(cells, "meter")
            name = "" if reading_sheet.is_blank(name) else str(name).strip()
            if isinstance(cell(cells, "meter"), float) and name.endswith(".0"):
                name = name[:-2]  # a meter number typed as a number
            raw_value = cell(cells, "value")
            if not name and reading_sheet.is_blank(raw_value):
                continue  # an empty row
            try:
                row = self._read_row(number, name, cells, cell, lines_by_name, types, kinds)
            except CellError as error:
                errors.append((number, name, error.args[0]))
                continue
            if row is None:
                continue  # a meter not read this time
            rows.append(row)
            rows_by_line[row["line"]].append(row)
        # The same meter twice: none of its rows is taken.
        twice = {line for line, line_rows in rows_by_line.items() if len(line_rows) > 1}
        for line in twice:
            numbers = [row["row"] for row in rows_by_line[line]]
            for row in rows_by_line[line]:
                others = ", ".join(str(n) for n in numbers if n != row["row"])
                errors.append(
                    (
                        row["row"],
                        line.meter_id.name,
                        self.env._("The meter is also on row %s of the sheet.", others),
                    )
                )
        rows = [row for row in rows if row["line"] not in twice]
        checks = self.env["property.meter.reading"]._check_new_readings(
            [row["new"] for row in rows]
        )
        valid = []
        for row, check in zip(rows, checks, strict=True):
            if check.error:
                errors.append((row["row"], row["line"].meter_id.name, check.error))
            else:
                row["check"] = check
                valid.append(row)
        errors.sort(key=lambda error: error[0])
        return valid, errors

    def _get_selection_names(self, model, field_name):
        """{name: value} of a selection field, its values and its labels in
        English, Chinese and the user's language (those installed), lowered."""
        field = self.env[model]._fields[field_name]
        names = {}
        installed = {code for code, _name in self.env["res.lang"].get_installed()}
        for lang in {"en_US", "zh_CN", self.env.lang or "en_US"} & installed:
            env = self.env(context=dict(self.env.context, lang=lang))
            for value, label in field._description_selection(env):
                names[str(label).strip().lower()] = value
                names[value] = value
        return names

    def _read_row(self, number, name, cells, cell, lines_by_name, types, kinds):
        """The dict of a row of the sheet (see ``_read_sheet``), None for a
        meter without a new reading; ``CellError`` with the reason."""
        reading_round = self.round_id
        if not name:
            raise CellError(self.env._("The row has a reading but no meter number."))
        lines = lines_by_name.get(name, [])
        if len(lines) > 1:
            meter_type = types.get(str(cell(cells, "meter_type") or "").strip().lower())
            lines = [line for line in lines if line.meter_type == meter_type]
        if not lines:
            raise CellError(self.env._("Meter %s is not on this round.", name))
        if len(lines) > 1:
            raise CellError(
                self.env._(
                    "Several meters of the round are numbered %s: give the meter type.", name
                )
            )
        line = lines[0]
        try:
            value = reading_sheet.parse_number(cell(cells, "value"))
        except CellError as error:
            raise CellError(
                self.env._("The reading “%s” is not a number.", error.args[0])
            ) from None
        if value is None:
            return None
        try:
            date = reading_sheet.parse_date(cell(cells, "date")) or reading_round.date
        except CellError as error:
            raise CellError(
                self.env._("The date “%s” is not a date: write it as 2026-11-30.", error.args[0])
            ) from None
        if not reading_round.date_start <= date <= reading_round.date_end:
            raise CellError(
                self.env._(
                    "The date %(date)s is outside the period of the round (%(start)s – %(end)s).",
                    date=date,
                    start=reading_round.date_start,
                    end=reading_round.date_end,
                )
            )
        kind = cell(cells, "reading_type")
        reading_type = "regular"
        if not reading_sheet.is_blank(kind):
            reading_type = kinds.get(str(kind).strip().lower())
            if not reading_type:
                raise CellError(
                    self.env._("The kind “%s” is not Regular, Meter Replacement or Rollover.", kind)
                )
        try:
            old_final = reading_sheet.parse_number(cell(cells, "old_meter_final_value")) or 0.0
        except CellError as error:
            raise CellError(
                self.env._("The old meter's final reading “%s” is not a number.", error.args[0])
            ) from None
        if line.reading_id:
            raise CellError(
                self.env._("The reading of this meter is already recorded on the round.")
            )
        note = cell(cells, "note")
        return {
            "row": number,
            "line": line,
            "note": None if reading_sheet.is_blank(note) else str(note).strip()[:256],
            "new": NewReading(
                meter=line.meter_id,
                date=date,
                value=value,
                reading_type=reading_type,
                old_meter_final_value=old_final,
            ),
        }

    def action_validate(self):
        """Check every row; write them all when none is in error, else show
        the rows in error."""
        self.ensure_one()
        self._check_round_open()
        valid, errors = self._read_sheet()
        if errors:
            self.write(
                {
                    "state": "report",
                    "valid_count": len(valid),
                    "error_count": len(errors),
                    "error_ids": [Command.clear()]
                    + [
                        Command.create({"row": row, "meter": meter, "reason": reason})
                        for row, meter, reason in errors
                    ],
                }
            )
        else:
            self._write_rows(valid)
        return self._get_action()

    def action_write_valid(self):
        """Write the rows that pass, leave the others (the user's choice)."""
        self.ensure_one()
        self._check_round_open()
        valid, _errors = self._read_sheet()
        self._write_rows(valid)
        return self._get_action()

    def action_back(self):
        self.ensure_one()
        self.write({"state": "upload", "error_ids": [Command.clear()], "file": False})
        return self._get_action()

    def _check_round_open(self):
        if self.round_id.state != "open":
            raise UserError(
                self.env._(
                    "Round %s is finished: reopen it to import readings.", self.round_id.name
                )
            )

    def _write_rows(self, rows):
        """Record the rows' readings in batches and put their values on the
        round's lines, one write per line."""
        line_ids, vals_list, line_values = [], [], []
        for row in rows:
            line, new = row["line"], row["new"]
            values = {
                "value": new.value,
                "is_read": True,
                "date": new.date if new.date != self.round_id.date else False,
                "reading_type": new.reading_type,
                "old_meter_final_value": new.old_meter_final_value,
            }
            if row["note"] is not None:
                values["note"] = row["note"]
            line_ids.append(line.id)
            line_values.append(values)
            reading_values = line._prepare_reading_values(new, row["check"])
            if row["note"] is not None:
                reading_values["note"] = row["note"]
            vals_list.append(reading_values)
        lines = self.env["property.meter.round.line"].browse(line_ids)
        lines._create_readings(vals_list, line_values)
        self.write({"state": "done", "written_count": len(rows), "error_ids": [Command.clear()]})
