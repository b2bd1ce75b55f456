"""The text rules of Decree 30/2020 (docs/law.md#document-format), as tables of cases."""

import datetime as dt

import pytest

from doithoai.core import decree30


@pytest.mark.parametrize(("n", "text"), [(1, "01"), (5, "05"), (9, "09"), (10, "10"),
                                         (27, "27"), (123, "123")])
def test_number_text_leading_zero_below_ten(n, text):
    assert decree30.number_text(n) == text


@pytest.mark.parametrize("n", [0, -3])
def test_number_text_refuses_non_positive(n):
    with pytest.raises(ValueError):
        decree30.number_text(n)


@pytest.mark.parametrize(("number", "abbr", "symbol", "line"), [
    (27, "KH", "UBND", "Số: 27/KH-UBND"),
    (5, "TB", "UBND", "Số: 05/TB-UBND"),
    (None, "KH", "UBND", "Số:      /KH-UBND"),
    (12, "", "UBND-VP", "Số: 12/UBND-VP"),
    (None, "", "UBND-VX", "Số:      /UBND-VX"),
])
def test_number_line(number, abbr, symbol, line):
    assert decree30.number_line(number, abbr, symbol) == line


@pytest.mark.parametrize(("date", "line"), [
    (dt.date(2020, 2, 5), "Song An, ngày 05 tháng 02 năm 2020"),
    (dt.date(2026, 1, 9), "Song An, ngày 09 tháng 01 năm 2026"),
    (dt.date(2026, 6, 15), "Song An, ngày 15 tháng 6 năm 2026"),
    (dt.date(2026, 3, 1), "Song An, ngày 01 tháng 3 năm 2026"),
    (dt.date(2026, 12, 1), "Song An, ngày 01 tháng 12 năm 2026"),
    (dt.date(2026, 10, 31), "Song An, ngày 31 tháng 10 năm 2026"),
    (dt.date(2026, 11, 10), "Song An, ngày 10 tháng 11 năm 2026"),
])
def test_date_line_leading_zero_for_days_below_ten_and_january_february(date, line):
    assert decree30.date_line("Song An", date) == line


def test_draft_date_line_leaves_day_and_month_blank():
    assert decree30.date_line("Điềm He", None, year=2026) == \
        "Điềm He, ngày      tháng      năm 2026"
    assert decree30.date_line("Điềm He", None) == "Điềm He, ngày      tháng      năm       "


@pytest.mark.parametrize(("kind", "abbr"), [
    ("ke-hoach", "KH"), ("thong-bao", "TB"), ("bao-cao", "BC"), ("bien-ban", "BB"),
    ("giay-moi", "GM"), ("quyet-dinh", "QĐ"), ("chuong-trinh", "CTr"), ("to-trinh", "TTr"),
    ("huong-dan", "HD"), ("phieu-gui", "PG"), ("phieu-chuyen", "PC"), ("cong-van", ""),
])
def test_type_abbreviations(kind, abbr):
    assert decree30.TYPE_ABBR[kind] == abbr


@pytest.mark.parametrize(("lines", "keep_unit", "expected"), [
    (["Thường trực Đảng ủy xã;", "Thường trực HĐND xã;", "Lưu: VT."], "VP",
     ["- Thường trực Đảng ủy xã;", "- Thường trực HĐND xã;", "- Lưu: VT, VP."]),
    (["- Như trên", "Lưu: VT, VHXH."], "VP", ["- Như trên;", "- Lưu: VT, VHXH."]),
    (["Lưu: VT", "UBND tỉnh (b/c)."], "", ["- UBND tỉnh (b/c);", "- Lưu: VT."]),
    (["Sở Nội vụ", "  ", "Trưởng thôn"], "", ["- Sở Nội vụ;", "- Trưởng thôn;", "- Lưu: VT."]),
    ([], "VP", ["- Lưu: VT, VP."]),
])
def test_recipients(lines, keep_unit, expected):
    assert decree30.recipients(lines, keep_unit=keep_unit) == expected


@pytest.mark.parametrize(("lines", "expected"), [
    (["Căn cứ Luật A", "Căn cứ Luật B;", "Căn cứ Nghị định C."],
     ["Căn cứ Luật A;", "Căn cứ Luật B;", "Căn cứ Nghị định C."]),
    (["Căn cứ Luật A;"], ["Căn cứ Luật A."]),
    (["", "Căn cứ Luật A", " "], ["Căn cứ Luật A."]),
])
def test_legal_bases_end_with_semicolon_and_last_full_stop(lines, expected):
    assert decree30.legal_bases(lines) == expected


@pytest.mark.parametrize(("capacity", "position", "lines"), [
    ("TM.", "CHỦ TỊCH", ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"]),
    ("KT.", "Phó Chủ tịch", ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"]),
    ("Q.", "CHỦ TỊCH", ["TM. ỦY BAN NHÂN DÂN", "Q. CHỦ TỊCH"]),
    ("TL.", "CHÁNH VĂN PHÒNG", ["TL. CHỦ TỊCH", "CHÁNH VĂN PHÒNG"]),
    ("", "CHỦ TỊCH", ["CHỦ TỊCH"]),
])
def test_signature_lines(capacity, position, lines):
    assert decree30.signature_lines(capacity, position) == lines


@pytest.mark.parametrize(("text", "ended"), [
    ("Trên đây là Kế hoạch", "Trên đây là Kế hoạch./."),
    ("Trên đây là Kế hoạch.", "Trên đây là Kế hoạch./."),
    ("Xong./.", "Xong./."),
])
def test_with_ending(text, ended):
    assert decree30.with_ending(text) == ended
