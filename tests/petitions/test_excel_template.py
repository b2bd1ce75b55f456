"""The template a village or the Front fills in: Vietnamese headers, drop-downs of the
agency's own villages and fields, and it comes back in as petitions."""

import datetime as dt
import io

import openpyxl
import pytest

from doithoai.petitions import excel
from doithoai.petitions.actions import imports
from doithoai.petitions.models import Field, Kind, Petition, Urgency
from tests.petitions.intake_support import fill, make_commune


@pytest.fixture
def c(db):
    return make_commune()


def _book(data: bytes):
    return openpyxl.load_workbook(io.BytesIO(data))


def test_headers_bold_frozen_and_sized(c):
    book = _book(imports.template_for(c["clerk"], c["agency"]))
    sheet = book[excel.SHEET_TITLE]
    header_row = excel.FIRST_DATA_ROW - 1
    headers = [cell.value for cell in sheet[header_row]]
    assert headers == ["STT", "Thôn/Tổ dân phố", "Họ và tên người kiến nghị", "Số điện thoại",
                       "Nội dung ý kiến, kiến nghị", "Lĩnh vực", "Loại", "Mức độ", "Ghi chú"]
    assert all(cell.font.b for cell in sheet[header_row])
    assert sheet.freeze_panes == f"A{excel.FIRST_DATA_ROW}"
    assert sheet.column_dimensions["E"].width == 60
    assert sheet.column_dimensions["D"].number_format == "@"
    assert "ĐIỀM HE" in sheet["A1"].value


def test_second_sheet_lists_the_allowed_values_and_drop_downs_use_it(c):
    book = _book(imports.template_for(c["clerk"], c["agency"]))
    lists = book[excel.LISTS_TITLE]
    column = {cell.value: [v.value for v in lists[cell.column_letter][1:] if v.value]
              for cell in lists[1]}
    assert sorted(column["Thôn/Tổ dân phố"]) == ["Thôn Bản Chu", "Thôn Khòn Pát", "Thôn Nà Pàn"]
    assert "Thôn Nà Pàn" in column["Thôn/Tổ dân phố"]  # not the other commune's namesake only
    assert len(column["Lĩnh vực"]) == Field.objects.filter(agency=c["agency"]).count()
    assert "giao-thong" in column["Mã lĩnh vực"]
    assert column["Loại"] == ["Ý kiến, kiến nghị", "Phản ánh", "Khiếu nại", "Tố cáo"]
    assert column["Mức độ"] == ["Thường", "Cấp thiết", "Khẩn"]
    validations = {str(dv.sqref): dv for dv in book[excel.SHEET_TITLE].data_validations
                   .dataValidation}
    last = excel.FIRST_DATA_ROW + excel.MAX_ROWS - 1
    assert validations[f"B4:B{last}"].formula1 == "'Danh mục'!$A$2:$A$4"
    assert validations[f"F4:F{last}"].formula1 == "'Danh mục'!$B$2:$B$16"
    assert validations[f"G4:G{last}"].formula1 == "'Danh mục'!$D$2:$D$5"
    assert validations[f"H4:H{last}"].formula1 == "'Danh mục'!$E$2:$E$4"
    assert all(dv.type == "list" for dv in validations.values())


def test_a_village_head_gets_only_their_village(c):
    book = _book(imports.template_for(c["head"], c["agency"]))
    villages = [cell.value for cell in book[excel.LISTS_TITLE]["A"][1:] if cell.value]
    assert villages == ["Thôn Nà Pàn"]


def test_read_only_roles_get_no_template(c):
    from django.core.exceptions import PermissionDenied

    for who in ("supervisor", "officer", "other_clerk"):
        with pytest.raises(PermissionDenied):
            imports.template_for(c[who], c["agency"])


def test_round_trip_template_filled_with_three_rows(c):
    template = imports.template_for(c["clerk"], c["agency"])
    data = fill(template, [
        [1, "Thôn Nà Pàn", "Hoàng Văn Pản", "0912345678", "Đường vào thôn lầy lội mùa mưa.",
         "Giao thông", "Ý kiến, kiến nghị", "Cấp thiết", ""],
        [2, "Thôn Bản Chu", "Lương Thị Mai", "", "Trạm y tế thiếu thuốc.", "Y tế",
         "Phản ánh", "Thường", ""],
        [3, "Thôn Khòn Pát", "", "", "Đề nghị làm rõ việc cấp đất.", "Đất đai", "Khiếu nại",
         "Khẩn", "Nhiều hộ cùng ý kiến"],
    ])
    result = imports.import_file(actor=c["clerk"], agency=c["agency"], data=data,
                                 filename="mau.xlsx", batch_name="Mặt trận tổng hợp",
                                 received_on=dt.date(2026, 11, 2))
    assert result.count == 3
    got = {p.source_row: p for p in Petition.objects.filter(batch=result.batch)}
    assert set(got) == {4, 5, 6}
    assert (got[4].village, got[4].field.code, got[4].kind, got[4].urgency) == (
        c["na_pan"], "giao-thong", Kind.OPINION, Urgency.PRESSING)
    assert (got[5].village, got[5].field.code, got[5].kind) == (c["ban_chu"], "y-te",
                                                                Kind.REPORT)
    assert (got[6].village, got[6].field.code, got[6].kind, got[6].urgency) == (
        c["khon_pat"], "dat-dai", Kind.COMPLAINT, Urgency.URGENT)
    assert got[6].text.endswith("Ghi chú: Nhiều hộ cùng ý kiến")
    assert got[4].petitioners.get().phone == "0912345678"
    assert not got[6].petitioners.exists()
