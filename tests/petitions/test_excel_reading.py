"""Reading a summary sheet: what is a row, which file is refused as a whole and why, and
formulas never evaluated."""

import io
import zipfile

import openpyxl
import pytest

from doithoai.petitions import excel
from tests.petitions.intake_support import (
    HEADERS,
    row,
    with_error_value,
    with_stored_formula_value,
    with_wrong_dimension,
    xlsx,
)


def _refused(data: bytes, filename: str = "bang.xlsx") -> str:
    with pytest.raises(excel.FileRefused) as caught:
        excel.read_sheet(data, filename)
    return caught.value.message


def test_rows_keep_excel_row_numbers_and_skip_blank_lines():
    data = xlsx([row("Ý kiến một", stt=1), [None] * 9, [3] + [None] * 8, row("Ý kiến hai")],
                title="BẢNG TỔNG HỢP Ý KIẾN THÔN NÀ PÀN")
    sheet = excel.read_sheet(data, "bang.xlsx")
    assert sheet.header_row == 2
    assert [r.number for r in sheet.rows] == [3, 6]  # the blank line and the lone "3" skipped
    assert sheet.rows[0].cell("text").value == "Ý kiến một"
    assert sheet.rows[1].cell("village").ref == "B6"


def test_headers_are_found_in_any_order_case_and_accents():
    headers = ["noi dung y kien, kien nghi (*)", "THÔN", "Họ tên", "SĐT", "Linh vuc"]
    data = xlsx([["Sửa cầu treo", "Thôn Bản Chu", "Vi Văn B", "0987654321", "Giao thông"]],
                headers=headers)
    sheet = excel.read_sheet(data, "x.xlsx")
    assert set(sheet.columns) == {"text", "village", "name", "phone", "field"}
    cells = sheet.rows[0].cells
    assert cells["text"].value == "Sửa cầu treo" and cells["phone"].value == "0987654321"


def test_a_sheet_without_the_header_row_is_refused():
    data = xlsx([["a", "b"]], headers=["Cột 1", "Cột 2"])
    assert "Không tìm thấy dòng tiêu đề" in _refused(data)


def test_old_excel_is_refused_by_extension_and_by_its_bytes():
    message = _refused(b"anything", "bang.xls")
    assert ".xls" in message and "Lưu thành" in message
    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600
    assert ".xls" in _refused(ole, "renamed.xlsx")


def test_a_pdf_renamed_xlsx_is_refused():
    assert "PDF" in _refused(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "bang.xlsx")


@pytest.mark.parametrize("data", [b"STT;Thon;Noi dung\n1;Na Pan;abc\n", b"\x00\x01garbage"])
def test_other_files_are_not_excel(data):
    assert "không phải là tệp Excel" in _refused(data)


def test_a_zip_that_is_not_a_workbook_is_refused():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("word/document.xml", "<w:document/>")
    assert "không phải là tệp Excel" in _refused(buffer.getvalue())


def test_a_damaged_workbook_is_refused():
    data = xlsx([row()])
    broken = data[: len(data) // 2]
    assert "hỏng" in _refused(broken)


def test_a_workbook_with_a_broken_sheet_is_refused():
    source = zipfile.ZipFile(io.BytesIO(xlsx([row()])))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as target:
        for item in source.infolist():
            content = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                content = b"<worksheet><sheetData><row r='1'><c r='A1'"
            target.writestr(item, content)
    assert "Không đọc được tệp Excel" in _refused(buffer.getvalue())


def test_an_empty_file_is_refused():
    assert "rỗng" in _refused(b"")


def test_a_file_over_ten_megabytes_is_refused():
    assert "quá lớn" in _refused(excel.XLSX_MAGIC + b"\0" * (excel.MAX_BYTES + 1))


def test_a_zip_bomb_is_refused(monkeypatch):
    monkeypatch.setattr(excel, "MAX_UNZIPPED_BYTES", 2000)
    data = xlsx([row("x" * 5000)])
    assert "sau khi giải nén" in _refused(data)


def test_more_than_the_row_limit_is_refused(monkeypatch):
    monkeypatch.setattr(excel, "MAX_ROWS", 5)
    assert len(excel.read_sheet(xlsx([row()] * 5), "x.xlsx").rows) == 5
    assert "quá nhiều dòng" in _refused(xlsx([row()] * 6))


def test_the_real_limit_is_twenty_thousand_rows_and_ten_megabytes():
    assert excel.MAX_ROWS == 20_000 and excel.MAX_BYTES == 10 * 1024 * 1024


def test_a_formula_is_never_evaluated_its_stored_value_is_read():
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(HEADERS)
    sheet.append(row("Nội dung"))
    sheet["B2"] = '="Thôn "&"Nà Pàn"'  # a formula openpyxl stores without a value
    sheet["F2"] = '=IF(1,"Giao thông","")'
    buffer = io.BytesIO()
    book.save(buffer)
    data = with_stored_formula_value(buffer.getvalue(), "B2", "Thôn Nà Pàn")
    cells = excel.read_sheet(data, "x.xlsx").rows[0].cells
    assert cells["village"].value == "Thôn Nà Pàn"
    assert cells["village"].formula == '="Thôn "&"Nà Pàn"'
    assert cells["field"].value is None and cells["field"].formula.startswith("=IF(")


def test_a_formula_error_value_is_flagged():
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(HEADERS)
    sheet.append(row())
    sheet["D2"] = "=1/0"
    buffer = io.BytesIO()
    book.save(buffer)
    cell = excel.read_sheet(with_error_value(buffer.getvalue(), "D2"), "x.xlsx").rows[0].cell(
        "phone")
    assert cell.error and cell.value == "#DIV/0!"


def test_a_wrong_dimension_does_not_hide_rows():
    data = with_wrong_dimension(xlsx([row("Một"), row("Hai"), row("Ba")]))
    assert [r.cell("text").value for r in excel.read_sheet(data, "x.xlsx").rows] == [
        "Một", "Hai", "Ba"]


def test_the_second_reading_for_formulas_happens_only_when_there_are_formulas():
    assert not excel._has_formulas(xlsx([row("Công thức: a = b + c")]))
    book = openpyxl.Workbook()
    book.active["A1"] = "=1+1"
    buffer = io.BytesIO()
    book.save(buffer)
    assert excel._has_formulas(buffer.getvalue())
