"""Building Excel files for the intake tests: plain sheets, the app's own template filled in,
and files doctored the way real ones arrive (formulas with stored values, wrong dimensions)."""

from __future__ import annotations

import io
import re
import zipfile

import openpyxl

from doithoai.petitions import excel

HEADERS = [c.header for c in excel.COLUMNS]


def xlsx(rows, *, headers=HEADERS, title: str | None = None) -> bytes:
    """A workbook with an optional title line, the header row, then `rows` (lists of values
    in header order; a dict maps header → value)."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Tổng hợp"
    if title:
        sheet.append([title])
    sheet.append(list(headers))
    for row in rows:
        if isinstance(row, dict):
            row = [row.get(h) for h in headers]
        sheet.append(list(row))
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def row(text="Đường liên thôn xuống cấp, đề nghị sửa chữa.", *, stt=None, village="Thôn Nà Pàn",
        name="Hoàng Văn A", phone="0912 345 678", field="Giao thông", kind="", urgency="",
        note=""):
    return [stt, village, name, phone, text, field, kind, urgency, note]


def fill(template: bytes, rows) -> bytes:
    """The app's template with rows typed in from its first data row, as a clerk would."""
    book = openpyxl.load_workbook(io.BytesIO(template))
    sheet = book[excel.SHEET_TITLE]
    for offset, values in enumerate(rows):
        for column, value in enumerate(values, start=1):
            if value not in (None, ""):
                sheet.cell(row=excel.FIRST_DATA_ROW + offset, column=column, value=value)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _rewrite_sheet(data: bytes, change) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(data))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            content = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                content = change(content.decode()).encode()
            target.writestr(item, content)
    return buffer.getvalue()


def with_stored_formula_value(data: bytes, ref: str, value: str) -> bytes:
    """Give the formula in cell `ref` the value Excel would have stored when saving."""
    def change(xml: str) -> str:
        pattern = re.compile(rf'<c r="{ref}"([^>]*)><f>(.*?)</f>(?:<v ?/>|<v></v>)</c>')
        assert pattern.search(xml), xml
        return pattern.sub(rf'<c r="{ref}"\1 t="str"><f>\2</f><v>{value}</v></c>', xml)
    return _rewrite_sheet(data, change)


def with_error_value(data: bytes, ref: str, error: str = "#DIV/0!") -> bytes:
    def change(xml: str) -> str:
        pattern = re.compile(rf'<c r="{ref}"([^>]*)><f>(.*?)</f>(?:<v ?/>|<v></v>)</c>')
        assert pattern.search(xml), xml
        return pattern.sub(rf'<c r="{ref}"\1 t="e"><f>\2</f><v>{error}</v></c>', xml)
    return _rewrite_sheet(data, change)


def with_wrong_dimension(data: bytes) -> bytes:
    """Some programs write <dimension ref="A1"/> whatever the size of the sheet."""
    return _rewrite_sheet(data, lambda xml: re.sub(r'<dimension ref="[^"]*" ?/>',
                                                   '<dimension ref="A1"/>', xml))


def make_commune() -> dict:
    """A commune with its default fields, three villages and one person in each role."""
    from doithoai.org.models import Role
    from doithoai.petitions.actions.fields import ensure_default_fields
    from tests.factories import AgencyFactory, UnitFactory, VillageFactory, user_with_role

    agency = AgencyFactory(name="Ủy ban nhân dân xã Điềm He")
    ensure_default_fields(agency)
    na_pan = VillageFactory(agency=agency, name="Thôn Nà Pàn")
    ban_chu = VillageFactory(agency=agency, name="Thôn Bản Chu")
    khon_pat = VillageFactory(agency=agency, name="Thôn Khòn Pát")
    unit = UnitFactory(agency=agency, name="Phòng Kinh tế")
    other = AgencyFactory(name="Ủy ban nhân dân xã Văn Quan")
    ensure_default_fields(other)
    other_village = VillageFactory(agency=other, name="Thôn Nà Pàn")
    return {
        "agency": agency, "na_pan": na_pan, "ban_chu": ban_chu, "khon_pat": khon_pat,
        "other": other, "other_village": other_village,
        "clerk": user_with_role(Role.CLERK, agency=agency),
        "leader": user_with_role(Role.LEADER, agency=agency),
        "front": user_with_role(Role.FRONT_OFFICER, agency=agency),
        "head": user_with_role(Role.VILLAGE_HEAD, agency=agency, village=na_pan),
        "other_head": user_with_role(Role.VILLAGE_HEAD, agency=agency, village=ban_chu),
        "officer": user_with_role(Role.UNIT_OFFICER, agency=agency, unit=unit),
        "supervisor": user_with_role(Role.SUPERVISOR, agency=agency),
        "other_clerk": user_with_role(Role.CLERK, agency=other),
    }
