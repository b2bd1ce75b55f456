"""The table that goes with a report, as the report's context carries it and as a .xlsx sheet.

A report kind's `table(obj)` gives a `Table`; the .docx prints the same rows (so the two never
disagree) and `to_xlsx` writes them for the level above to add up: Times New Roman, a bold
title, a bold header row, numbers as numbers, a total row in bold, A4 landscape print setup.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter

FONT = "Times New Roman"
THIN = Side(style="thin", color="000000")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
# Excel forbids these in a sheet title, and limits it to 31 characters.
SHEET_FORBIDDEN = str.maketrans({c: " " for c in "[]:*?/\\"})


@dataclass(frozen=True)
class Column:
    title: str  # "Lĩnh vực"
    width: float = 14  # in Excel's character units
    numeric: bool = False  # counts: right-aligned, summed in the total row


@dataclass
class Table:
    title: str  # printed above the table: "Tổng hợp ý kiến, kiến nghị theo lĩnh vực"
    columns: list[Column]
    rows: list[list[object]] = field(default_factory=list)
    total: list[object] | None = None  # the bold last row ("Tổng cộng", sums…), if any
    notes: list[str] = field(default_factory=list)  # lines under the table (source, date)
    sheet: str = "Bang"  # the sheet's name (≤ 31 characters, no []:*?/\)

    def as_context(self) -> dict:
        """What a docxtpl template loops over: header titles, rows and total as strings."""
        return {"title": self.title, "header": [c.title for c in self.columns],
                "rows": [[cell_text(v) for v in row] for row in self.rows],
                "total": [cell_text(v) for v in self.total] if self.total else [],
                "notes": list(self.notes)}


def cell_text(value) -> str:
    """A cell as the .docx prints it: "1.234" for numbers (Vietnamese grouping), "" for None."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "Có" if value else "Không"
    if isinstance(value, int):
        return f"{value:,}".replace(",", ".")
    if isinstance(value, float):
        return f"{value:,.1f}".replace(",", " ").replace(".", ",").replace(" ", ".")
    return str(value)


def sheet_name(name: str) -> str:
    return (name.translate(SHEET_FORBIDDEN).strip() or "Bang")[:31]


def to_xlsx(table: Table, *, heading: list[str] | None = None) -> bytes:
    """The table as a one-sheet workbook. `heading`: lines above the title (the issuer, the
    report's number and date), each in its own merged row."""
    book = Workbook()
    sheet = book.active
    sheet.title = sheet_name(table.sheet)
    width = len(table.columns)
    last = get_column_letter(width)
    row = 1
    for line in [*(heading or []), table.title]:
        sheet.cell(row=row, column=1, value=line).font = Font(name=FONT, size=13, bold=True)
        sheet.cell(row=row, column=1).alignment = Alignment(horizontal="center",
                                                            wrap_text=True)
        if width > 1:
            sheet.merge_cells(f"A{row}:{last}{row}")
        row += 1
    row += 1
    header_row = row
    for i, column in enumerate(table.columns, start=1):
        cell = sheet.cell(row=row, column=i, value=column.title)
        cell.font = Font(name=FONT, size=12, bold=True)
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        cell.border = BOX
        sheet.column_dimensions[get_column_letter(i)].width = column.width
    for values in table.rows:
        row += 1
        _write_row(sheet, row, table.columns, values, bold=False)
    if table.total:
        row += 1
        _write_row(sheet, row, table.columns, table.total, bold=True)
    for note in table.notes:
        row += 1
        sheet.cell(row=row, column=1, value=note).font = Font(name=FONT, size=11, italic=True)
    sheet.freeze_panes = sheet.cell(row=header_row + 1, column=1)
    sheet.print_title_rows = f"{header_row}:{header_row}"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    book.properties.creator = "doithoai"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _write_row(sheet, row: int, columns: list[Column], values: list, *, bold: bool) -> None:
    for i, (column, value) in enumerate(zip(columns, values, strict=False), start=1):
        cell = sheet.cell(row=row, column=i, value=value)
        cell.font = Font(name=FONT, size=12, bold=bold)
        cell.border = BOX
        numeric = column.numeric and isinstance(value, int | float)
        cell.alignment = Alignment(horizontal="right" if numeric else "left",
                                   vertical="top", wrap_text=not numeric)
        if numeric:
            cell.number_format = "#,##0"
