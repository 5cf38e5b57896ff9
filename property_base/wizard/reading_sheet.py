"""The layout of the reading sheet (抄表表格) of a round: the template a
meter reader downloads, prefilled with the round's meters, and the parsing
of the sheet he uploads back. Column names are bilingual, the Chinese name
first (see readme/USAGE.md); the header of an uploaded sheet may give either
name or both."""

import datetime
import io
import re

#: (key, Chinese name, English name) of the columns, in template order.
COLUMNS = [
    ("sequence", "序号", "No."),
    ("meter", "表号", "Meter Number"),
    ("meter_type", "表类型", "Meter Type"),
    ("location", "位置", "Location"),
    ("previous_value", "上次读数", "Last Reading"),
    ("previous_date", "上次抄表日期", "Last Reading Date"),
    ("value", "本次读数", "New Reading"),
    ("date", "抄表日期", "Reading Date"),
    ("reading_type", "读数类别", "Kind"),
    ("old_meter_final_value", "旧表最终读数", "Old Meter Final Reading"),
    ("note", "备注", "Note"),
]
#: Columns an uploaded sheet must have.
REQUIRED_COLUMNS = ("meter", "value", "date")
#: Columns the reader fills in.
INPUT_COLUMNS = ("value", "date", "reading_type", "old_meter_final_value", "note")

DATE_FORMATS = ("%Y-%m-%d", "%Y/%m/%d", "%Y.%m.%d", "%Y年%m月%d日", "%Y%m%d")


def header_label(key):
    _key, chinese, english = next(column for column in COLUMNS if column[0] == key)
    return f"{chinese} {english}"


def _normalize(text):
    return re.sub(r"[\s/|()（）]+", "", str(text or "")).lower()


_HEADER_NAMES = {}
for _key, _chinese, _english in COLUMNS:
    for _name in (_chinese, _english, _chinese + _english):
        _HEADER_NAMES[_normalize(_name)] = _key


def map_header(cells):
    """{key: column index} of a header row; unknown headers are left out.
    Returns (mapping, missing required keys, keys given twice)."""
    mapping, twice = {}, []
    for index, cell in enumerate(cells):
        key = _HEADER_NAMES.get(_normalize(cell))
        if key is None:
            continue
        if key in mapping:
            twice.append(key)
        else:
            mapping[key] = index
    missing = [key for key in REQUIRED_COLUMNS if key not in mapping]
    return mapping, missing, twice


class CellError(ValueError):
    """A cell whose content is not what its column takes."""


def is_blank(value):
    return value is None or (isinstance(value, str) and not value.strip())


def parse_number(value):
    """A number from a cell, or None when blank. Text that is not a number
    (``CellError``), booleans included."""
    if is_blank(value):
        return None
    if isinstance(value, bool):
        raise CellError(str(value))
    if isinstance(value, int | float):
        return float(value)
    text = str(value).strip().replace(",", "")
    try:
        return float(text)
    except ValueError:
        raise CellError(str(value).strip()) from None


def parse_date(value):
    """A date from a cell (a date cell, or text in one of ``DATE_FORMATS``),
    or None when blank; ``CellError`` otherwise."""
    if is_blank(value):
        return None
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    text = str(value).strip()
    for date_format in DATE_FORMATS:
        try:
            return datetime.datetime.strptime(text, date_format).date()
        except ValueError:
            continue
    raise CellError(text)


def read_rows(content):
    """(header cells, iterator of (row number, cells)) of the first sheet
    of an xlsx file (``content``: bytes). ``ValueError`` when it is not an
    xlsx file."""
    import openpyxl  # noqa: PLC0415  (an external dependency, loaded on use)

    try:
        workbook = openpyxl.load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception as error:  # noqa: BLE001  (zip, xml or openpyxl errors alike)
        raise ValueError(str(error)) from error
    sheet = workbook.worksheets[0]
    rows = sheet.iter_rows(values_only=True)
    header = next(rows, ())
    return list(header), ((number, cells) for number, cells in enumerate(rows, start=2))


def write_template(title, rows, date_format="yyyy-mm-dd"):
    """The xlsx template: the header, then ``rows`` (dicts by column key).
    Returns bytes."""
    import xlsxwriter  # noqa: PLC0415

    output = io.BytesIO()
    workbook = xlsxwriter.Workbook(output, {"in_memory": True, "constant_memory": True})
    sheet = workbook.add_worksheet(title[:31] or "Sheet1")
    head = workbook.add_format(
        {"bold": True, "bg_color": "#DDEBF7", "border": 1, "text_wrap": True, "valign": "top"}
    )
    given = workbook.add_format({"font_color": "#555555"})
    given_date = workbook.add_format({"font_color": "#555555", "num_format": date_format})
    to_fill = workbook.add_format({"bg_color": "#FFF2CC", "border": 1})
    to_fill_date = workbook.add_format(
        {"bg_color": "#FFF2CC", "border": 1, "num_format": date_format}
    )
    widths = {"meter": 18, "location": 16, "previous_date": 14, "date": 14, "note": 24}
    for index, (key, chinese, english) in enumerate(COLUMNS):
        sheet.set_column(index, index, widths.get(key, 12))
        sheet.write(0, index, f"{chinese}\n{english}", head)
    sheet.set_row(0, 32)
    sheet.freeze_panes(1, 2)
    for number, row in enumerate(rows, start=1):
        for index, (key, _chinese, _english) in enumerate(COLUMNS):
            value = row.get(key)
            if key in INPUT_COLUMNS:
                style = to_fill_date if key == "date" else to_fill
            else:
                style = given_date if key == "previous_date" else given
            if isinstance(value, datetime.date):
                sheet.write_datetime(
                    number, index, datetime.datetime.combine(value, datetime.time()), style
                )
            elif value is None or value is False:
                sheet.write_blank(number, index, None, style)
            else:
                sheet.write(number, index, value, style)
    workbook.close()
    return output.getvalue()
