"""The summary sheet of opinions (bảng tổng hợp ý kiến) as an Excel file: the template a
village head or the Front fills in, and the reading of a filled-in file.

Reading never evaluates anything: the file is opened twice in openpyxl's streaming read-only
mode, once for the values Excel stored (`data_only=True`) and once to see which cells hold a
formula, so that a formula without a stored value is reported instead of guessed. What the
cells mean (villages, fields, phone numbers, …) is checked by `petitions.actions.imports`.

The headers and list values written into the file are plain Vietnamese (like stored texts):
the file must import the same whatever language the clerk's page was in.
"""

from __future__ import annotations

import io
import logging
import re
import warnings
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import repeat

from django.utils.translation import gettext as _
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.worksheet.datavalidation import DataValidation

from doithoai.core.text import fold

logger = logging.getLogger(__name__)

MAX_BYTES = 10 * 1024 * 1024  # the file as uploaded
MAX_UNZIPPED_BYTES = 200 * 1024 * 1024  # what it holds once unpacked (a "zip bomb" guard)
MAX_ROWS = 20_000  # rows of opinions in one file
HEADER_SEARCH_ROWS = 15  # the header row may sit under a title
MAX_COLUMNS = 40  # columns looked at; the sheet has 9

XLSX_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0"  # old .xls, and also a password-protected .xlsx
PDF_MAGIC = b"%PDF"
XLSX_EXTENSIONS = (".xlsx", ".xlsm")
OLD_EXTENSIONS = (".xls", ".xlt")

SHEET_TITLE = "Tổng hợp ý kiến"
LISTS_TITLE = "Danh mục"
FIRST_DATA_ROW = 4  # row 1 title, row 2 how to fill in, row 3 headers


@dataclass(frozen=True)
class Column:
    key: str
    header: str
    aliases: tuple[str, ...]
    width: int


COLUMNS: tuple[Column, ...] = (
    Column("stt", "STT", ("so thu tu", "tt"), 6),
    Column("village", "Thôn/Tổ dân phố",
           ("thon", "thon, to dan pho", "thon/to", "thon, ban", "thon/ban", "to dan pho",
            "thon, ban, to dan pho"), 22),
    Column("name", "Họ và tên người kiến nghị",
           ("ho va ten", "ho ten", "nguoi kien nghi", "ho va ten nguoi gui",
            "nguoi gui", "ho va ten cu tri"), 26),
    Column("phone", "Số điện thoại", ("dien thoai", "sdt", "so dt", "dt"), 15),
    Column("text", "Nội dung ý kiến, kiến nghị",
           ("noi dung", "noi dung y kien", "noi dung kien nghi", "y kien, kien nghi",
            "noi dung y kien kien nghi", "noi dung y kien, kien nghi, phan anh"), 60),
    Column("field", "Lĩnh vực", ("linh vuc",), 28),
    Column("kind", "Loại", ("loai y kien", "phan loai"), 18),
    Column("urgency", "Mức độ", ("muc do khan", "do khan"), 12),
    Column("note", "Ghi chú", ("ghi chu",), 24),
)
COLUMN_BY_KEY = {c.key: c for c in COLUMNS}


class FileRefused(Exception):
    """The file as a whole cannot be read: the message says why and what to do."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class Cell:
    value: object  # what Excel stored (never a formula's text)
    formula: str = ""  # the formula, when the cell holds one
    error: bool = False  # the stored value is an Excel error such as #DIV/0!
    ref: str = ""  # "E7"


@dataclass
class Row:
    number: int  # the row number Excel shows
    cells: dict[str, Cell]

    def cell(self, key: str) -> Cell:
        return self.cells.get(key) or Cell(None)


@dataclass
class Sheet:
    title: str
    header_row: int
    columns: dict[str, str]  # key → header as written in the file
    rows: list[Row]


# --- recognising the file ------------------------------------------------------------------

def _mb(n: int) -> str:
    return f"{n / 1024 / 1024:.0f}"


def check_file_kind(data: bytes, filename: str) -> None:
    """Refuse, with a message a clerk can act on, anything but a modern Excel file."""
    name = (filename or "").lower()
    if len(data) > MAX_BYTES:
        raise FileRefused(_("Tệp quá lớn (%(size)s MB; tối đa %(max)s MB). Hãy chia bảng "
                            "thành nhiều tệp nhỏ hơn.")
                          % {"size": f"{len(data) / 1024 / 1024:.1f}", "max": _mb(MAX_BYTES)})
    if not data:
        raise FileRefused(_("Tệp rỗng, không có nội dung."))
    if data.startswith(OLE_MAGIC) or name.endswith(OLD_EXTENSIONS):
        raise FileRefused(_("Tệp là định dạng Excel cũ (.xls) hoặc đã đặt mật khẩu. Hãy mở "
                            "tệp bằng Excel, chọn Tệp → Lưu thành (File → Save As), chọn "
                            "kiểu “Sổ làm việc Excel (*.xlsx)”, bỏ mật khẩu nếu có, rồi tải "
                            "tệp .xlsx lên."))
    if data.startswith(PDF_MAGIC):
        raise FileRefused(_("Tệp này là tệp PDF, không phải tệp Excel. Hãy tải lên bảng tổng "
                            "hợp dạng Excel (.xlsx) theo mẫu."))
    if name.endswith((".ods", ".csv")):
        raise FileRefused(_("Chỉ nhận tệp Excel .xlsx. Hãy mở tệp và lưu thành kiểu “Sổ làm "
                            "việc Excel (*.xlsx)”."))
    if not data.startswith(XLSX_MAGIC):
        raise FileRefused(_("Tệp này không phải là tệp Excel (.xlsx). Hãy tải lên bảng tổng "
                            "hợp dạng Excel theo mẫu."))
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError):
        raise FileRefused(_("Tệp bị hỏng hoặc không phải là tệp Excel (.xlsx).")) from None
    if not any(m.filename.startswith("xl/worksheets/") for m in members):
        raise FileRefused(_("Tệp này không phải là tệp Excel (.xlsx) (có thể là tệp Word "
                            "hoặc tệp nén). Hãy tải lên bảng tổng hợp dạng Excel theo mẫu."))
    if sum(m.file_size for m in members) > MAX_UNZIPPED_BYTES:
        raise FileRefused(_("Tệp quá lớn sau khi giải nén (trên %(max)s MB). Hãy chia bảng "
                            "thành nhiều tệp nhỏ hơn.") % {"max": _mb(MAX_UNZIPPED_BYTES)})


# --- reading -------------------------------------------------------------------------------

def header_key(text) -> str:
    """A header as compared: folded, without notes in brackets, stars and colons."""
    if not isinstance(text, str):
        return ""
    text = re.sub(r"\(.*?\)|\[.*?\]", " ", text)
    text = fold(text).replace("*", " ").replace(":", " ")
    return " ".join(text.split())


_HEADER_KEYS: dict[str, str] = {}
for _column in COLUMNS:
    for _alias in (_column.header, *_column.aliases):
        _HEADER_KEYS.setdefault(header_key(_alias), _column.key)


def _match_headers(values: Sequence) -> dict[str, int]:
    found: dict[str, int] = {}
    for index, value in enumerate(values):
        key = _HEADER_KEYS.get(header_key(value))
        if key and key not in found:
            found[key] = index
    return found


def _open(data: bytes, *, data_only: bool):
    with warnings.catch_warnings():
        # openpyxl warns about parts it drops (extensions, odd styles): not the clerk's concern.
        warnings.simplefilter("ignore")
        return load_workbook(io.BytesIO(data), read_only=True, data_only=data_only)


def _rows(worksheet, max_row: int | None = None) -> Iterable[tuple]:
    worksheet.reset_dimensions()  # a wrong <dimension> must not hide rows
    return worksheet.iter_rows(min_row=1, max_row=max_row, max_col=MAX_COLUMNS)


def _find_header(worksheet) -> tuple[int, dict[str, int], list] | None:
    for number, cells in enumerate(_rows(worksheet, HEADER_SEARCH_ROWS), start=1):
        values = [c.value for c in cells]
        found = _match_headers(values)
        if "text" in found and len(found) >= 2:
            return number, found, values
    return None


def read_sheet(data: bytes, filename: str) -> Sheet:
    """The opinion rows of a summary sheet; FileRefused when the file cannot be used."""
    check_file_kind(data, filename)
    try:
        return _read(data)
    except FileRefused:
        raise
    except Exception as exc:  # openpyxl raises many kinds of errors on a damaged file
        logger.info("Unreadable Excel file %r: %s: %s", filename, type(exc).__name__, exc)
        raise FileRefused(_("Không đọc được tệp Excel này (tệp bị hỏng hoặc không đúng định "
                            "dạng .xlsx). Hãy mở tệp bằng Excel, lưu lại thành .xlsx rồi thử "
                            "lại.")) from None


FORMULA_TAG = re.compile(rb"<(?:[A-Za-z]\w*:)?f[\s>/]")


def _has_formulas(data: bytes) -> bool:
    """Whether any sheet holds a formula (a <f> element), read in chunks from the archive."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for name in archive.namelist():
            if not (name.startswith("xl/worksheets/") and name.endswith(".xml")):
                continue
            tail = b""
            with archive.open(name) as part:
                while chunk := part.read(1 << 20):
                    if FORMULA_TAG.search(tail + chunk):
                        return True
                    tail = chunk[-32:]
    return False


def _read(data: bytes) -> Sheet:
    values_book = _open(data, data_only=True)
    # Which cells hold formulas needs a second reading; most sheets have none.
    formulas_book = _open(data, data_only=False) if _has_formulas(data) else None
    try:
        for worksheet in values_book.worksheets:
            header = _find_header(worksheet)
            if header is None:
                continue
            header_row, positions, header_values = header
            formulas = formulas_book[worksheet.title] if formulas_book is not None else None
            rows = _data_rows(worksheet, formulas, header_row, positions)
            columns = {key: str(header_values[i]).strip() for key, i in positions.items()}
            return Sheet(title=worksheet.title, header_row=header_row, columns=columns,
                         rows=rows)
    finally:
        values_book.close()
        if formulas_book is not None:
            formulas_book.close()
    raise FileRefused(_("Không tìm thấy dòng tiêu đề của bảng tổng hợp (cần có cột “Nội dung "
                        "ý kiến, kiến nghị” và các cột như “Thôn/Tổ dân phố”, “Họ và tên "
                        "người kiến nghị”). Hãy dùng tệp mẫu tải từ trang nhập ý kiến."))


def _data_rows(values_sheet, formulas_sheet, header_row: int, positions: dict[str, int]
               ) -> list[Row]:
    rows: list[Row] = []
    letters = {key: get_column_letter(i + 1) for key, i in positions.items()}
    formula_rows = _rows(formulas_sheet) if formulas_sheet is not None else repeat(None)
    pairs = zip(_rows(values_sheet), formula_rows, strict=False)
    for number, (value_cells, formula_cells) in enumerate(pairs, start=1):
        if number <= header_row:
            continue
        cells: dict[str, Cell] = {}
        for key, index in positions.items():
            if index >= len(value_cells):
                continue
            stored = value_cells[index]
            formula = ""
            if formula_cells is not None and formula_cells[index].data_type == "f":
                raw = formula_cells[index].value
                formula = raw if isinstance(raw, str) else "=…"  # an array formula
            value = stored.value
            if isinstance(value, str) and not value.strip():
                value = None
            if value is None and not formula:
                continue
            cells[key] = Cell(value=value, formula=formula, error=stored.data_type == "e",
                              ref=f"{letters[key]}{number}")
        if not any(key != "stt" for key in cells):
            continue  # an empty line (or only its number) is not an opinion
        if len(rows) >= MAX_ROWS:
            raise FileRefused(_("Tệp có quá nhiều dòng (trên %(max)s dòng ý kiến). Hãy chia "
                                "bảng thành nhiều tệp nhỏ hơn.")
                              % {"max": f"{MAX_ROWS:,}".replace(",", ".")})
        rows.append(Row(number=number, cells=cells))
    return rows


# --- the template --------------------------------------------------------------------------

BOLD = Font(bold=True)
HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
WRAP = Alignment(wrap_text=True, vertical="top")


def _list_validation(sheet_range: str, title: str, prompt: str) -> DataValidation:
    dv = DataValidation(type="list", formula1=sheet_range, allow_blank=True,
                        showDropDown=False, showErrorMessage=True, showInputMessage=True,
                        errorStyle="warning")
    dv.errorTitle = title[:32]
    dv.error = "Giá trị không có trong danh sách (xem trang “Danh mục”)."
    dv.promptTitle = title[:32]
    dv.prompt = prompt[:255]
    return dv


def build_template(*, agency_name: str, villages: Sequence[str],
                   fields: Sequence[tuple[str, str]], kinds: Sequence[str],
                   urgencies: Sequence[str]) -> bytes:
    """The summary sheet to fill in: fixed headers, and drop-downs of the agency's villages
    and fields, the kinds and the urgencies (listed on a second sheet)."""
    book = Workbook()
    sheet = book.active
    sheet.title = SHEET_TITLE
    last = get_column_letter(len(COLUMNS))
    sheet.merge_cells(f"A1:{last}1")
    sheet["A1"] = f"BẢNG TỔNG HỢP Ý KIẾN, KIẾN NGHỊ — {agency_name.upper()}"
    sheet["A1"].font = Font(bold=True, size=13)
    sheet.merge_cells(f"A2:{last}2")
    sheet["A2"] = ("Mỗi dòng một ý kiến, bắt đầu từ dòng 4. Cột “Nội dung ý kiến, kiến nghị” "
                   "bắt buộc. Thôn, Lĩnh vực, Loại, Mức độ chọn trong danh sách (trang "
                   "“Danh mục”); để trống Loại thì theo nội dung (khiếu nại, tố cáo nếu nội "
                   "dung nói vậy, còn lại là “Ý kiến, kiến nghị”), để trống Mức độ là "
                   "“Thường”. Gõ chữ Unicode (không dùng phông .VnTime/VNI).")
    sheet["A2"].alignment = WRAP
    sheet.row_dimensions[2].height = 48
    header_row = FIRST_DATA_ROW - 1
    for index, column in enumerate(COLUMNS, start=1):
        cell = sheet.cell(row=header_row, column=index, value=column.header)
        cell.font, cell.fill, cell.alignment = BOLD, HEADER_FILL, WRAP
        sheet.column_dimensions[get_column_letter(index)].width = column.width
    sheet.freeze_panes = f"A{FIRST_DATA_ROW}"
    phone_letter = get_column_letter(_index("phone"))
    sheet.column_dimensions[phone_letter].number_format = "@"  # keep the leading 0

    lists = book.create_sheet(LISTS_TITLE)
    columns = [("Thôn/Tổ dân phố", list(villages), 24),
               ("Lĩnh vực", [name for name, _code in fields], 40),
               ("Mã lĩnh vực", [code for _name, code in fields], 20),
               ("Loại", list(kinds), 20), ("Mức độ", list(urgencies), 12)]
    for index, (header, values, width) in enumerate(columns, start=1):
        lists.cell(row=1, column=index, value=header).font = BOLD
        for offset, value in enumerate(values, start=2):
            lists.cell(row=offset, column=index, value=value)
        lists.column_dimensions[get_column_letter(index)].width = width
    lists.freeze_panes = "A2"

    last_row = FIRST_DATA_ROW + MAX_ROWS - 1
    quoted = quote_sheetname(LISTS_TITLE)
    for key, list_column, values, prompt in (
        ("village", "A", villages, "Chọn thôn, tổ dân phố trong danh sách."),
        ("field", "B", fields, "Chọn lĩnh vực (hoặc để trống)."),
        ("kind", "D", kinds, "Để trống: theo nội dung (khiếu nại, tố cáo nếu nội dung nói "
                             "vậy), còn lại là “Ý kiến, kiến nghị”."),
        ("urgency", "E", urgencies, "Để trống là “Thường”."),
    ):
        if not values:
            continue
        source = f"{quoted}!${list_column}$2:${list_column}${len(values) + 1}"
        dv = _list_validation(source, COLUMN_BY_KEY[key].header, prompt)
        letter = get_column_letter(_index(key))
        dv.add(f"{letter}{FIRST_DATA_ROW}:{letter}{last_row}")
        sheet.add_data_validation(dv)

    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _index(key: str) -> int:
    return next(i for i, c in enumerate(COLUMNS, start=1) if c.key == key)
