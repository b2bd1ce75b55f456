"""The year's report to the province (bao-cao-nam), read back from the .docx: its headings,
conferences and figures, its table (the same rows and totals in the .docx and the .xlsx, the
figures those of `dialogues.selectors.oversight`), a year still open, not started, without a
conference, and of 30 conferences. What both reports share: test_format_bao_cao.py."""

import re

import pytest

from doithoai.documents.drawing import report, tables
from doithoai.documents.kinds import bao_cao_nam
from tests.documents.bao_cao_scenario import (
    MANY,
    scenario,
    section,
    sheet_rows,
)
from tests.documents.conftest import cells, lines, read, texts

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def made(run_scenario):
    return run_scenario(scenario)


# -- the year's report ------------------------------------------------------------------------

def test_year_headings_conferences_and_figures(made):
    data = made["yearly"]
    got = lines(read(made["year"].docx))
    assert [x for x in got if re.match(r"^[IVX]+\. ", x)] == [
        "I. CÔNG TÁC LÃNH ĐẠO, CHỈ ĐẠO VÀ BAN HÀNH KẾ HOẠCH",
        "II. KẾT QUẢ TỔ CHỨC HỘI NGHỊ ĐỐI THOẠI", "III. NHỮNG NỘI DUNG CÒN ĐANG GIẢI QUYẾT",
        "IV. ĐÁNH GIÁ", "V. ĐỀ XUẤT, KIẾN NGHỊ"]
    assert got[2].endswith("(số liệu tính đến ngày 23 tháng 11 năm 2026) như sau:")
    plans = section(got, "I. CÔNG TÁC LÃNH ĐẠO, CHỈ ĐẠO VÀ BAN HÀNH KẾ HOẠCH",
                    "II. KẾT QUẢ TỔ CHỨC HỘI NGHỊ ĐỐI THOẠI")
    assert plans[0].startswith("- Ban hành Kế hoạch số 27/KH-UBND ngày 15 tháng 5 năm 2026")
    part = section(got, "1. Các hội nghị trong năm",
                   "2. Kết quả tiếp nhận, giải quyết ý kiến, kiến nghị")
    assert part[0] == (f"Trong năm 2026, Ủy ban nhân dân xã Điềm He đã tổ chức "
                       f"{len(data.held):02d} hội nghị đối thoại với Nhân dân, tổng số "
                       f"{data.attendance} lượt người tham dự; "
                       f"{len(data.conferences) - len(data.held):02d} hội nghị đang chuẩn bị.")
    entries = part[1:]
    # June's, today's (its session under way: not yet recorded as held) and the upcoming one
    assert [x[:2] for x in entries] == ["a)", "b)", "c)"][:len(data.conferences)]
    assert entries[0].startswith(f"a) {made['titles'][0]}: tổ chức vào thứ Sáu, ngày 12 tháng "
                                 f"6 năm 2026, tại Hội trường UBND xã Điềm He; "
                                 f"{data.held[0].conference.attendance} người dự; "
                                 f"{data.held[0].received} ý kiến, kiến nghị")
    assert "Thông báo kết luận số 58/TB-UBND ngày 18/06/2026" in entries[0]
    assert "dự kiến tổ chức" in entries[1] and "đang chuẩn bị" in entries[1]
    figures = section(got, "2. Kết quả tiếp nhận, giải quyết ý kiến, kiến nghị",
                      "Kết quả tổ chức hội nghị đối thoại và giải quyết ý kiến, kiến nghị năm "
                      "2026")
    a, b = data.of_conferences.counts, data.of_year.counts
    n = report.n_text
    assert figures[0].startswith("a) ") and figures[0].endswith(f": {n(a.received)} ý kiến, "
                                                                f"trong đó:")
    assert figures[1].startswith(f"- Đã trả lời: {n(a.answered)} ý kiến (tại hội nghị "
                                 f"{n(a.answered_at_conference)};")
    b_head = next(i for i, x in enumerate(figures) if x.startswith("b) "))
    assert figures[b_head].endswith(f": {n(b.received)} ý kiến, trong đó:")
    assert (f"- Đang giải quyết: {n(b.open)} ý kiến (chưa đến hạn {n(b.open_not_overdue)}, "
            f"đã quá hạn {n(b.open_overdue)}).") == figures[-1]
    assert any(x.startswith("- Các lĩnh vực được Nhân dân quan tâm nhiều nhất: ")
               for x in figures[:b_head])


def test_year_table_equals_yearly_figures(made):
    data = made["yearly"]
    rows = cells(read(made["year"].docx).tables[1])
    assert rows[0] == [c.title for c in bao_cao_nam.COLUMNS]
    body, total = rows[1:-1], rows[-1]
    assert [r[1] for r in body] == made["titles"]
    assert body[0][2] == "12/06/2026"
    assert body[1][2].endswith("(dự kiến)") and body[1][3] == ""
    for row, line in zip(body, data.conferences, strict=True):
        c = made["per_conference"][line.conference.pk]
        assert row[4] == str(line.received) == str(c.received)
        assert row[5:] == [str(c.answered), str(c.answered_on_time),
                           str(c.answered_late + c.open_overdue), str(c.open)]
    a = data.of_conferences.counts
    assert total == ["", "Tổng cộng", "", str(data.attendance), str(a.received), str(a.answered),
                     str(a.answered_on_time), str(a.answered_late + a.open_overdue), str(a.open)]


def test_year_xlsx_has_the_same_rows_and_totals(made):
    docx_rows = cells(read(made["year"].docx).tables[1])
    header, rows, total = sheet_rows(made["year_xlsx"])
    assert list(header) == docx_rows[0]
    assert [[tables.cell_text(v) for v in row] for row in rows] == docx_rows[1:-1]
    assert [tables.cell_text(v) for v in total] == docx_rows[-1]
    assert total[4] == made["yearly"].of_conferences.counts.received == sum(r[4] for r in rows)


def test_year_still_open_evaluation_and_ending(made):
    data = made["yearly"]
    a = data.of_conferences.counts
    doc = read(made["year"].docx)
    got = lines(doc)
    still = section(got, "III. NHỮNG NỘI DUNG CÒN ĐANG GIẢI QUYẾT", "IV. ĐÁNH GIÁ")
    june = made["per_conference"][data.held[0].conference.pk]
    assert still[0] == (f"- Hội nghị ngày 12/06/2026: còn {june.open:02d} ý kiến đang giải "
                        f"quyết, trong đó {june.open_overdue:02d} ý kiến đã quá hạn;")
    assert any(f"{a.escalated:02d} ý kiến đã chuyển cơ quan cấp trên" in x for x in still)
    good = section(got, "1. Kết quả đạt được", "2. Tồn tại, hạn chế")
    assert any(f"đúng thời hạn đạt {a.on_time_percent}%" in x for x in good)
    assert got[-1].endswith("kính báo cáo Ủy ban nhân dân tỉnh Lạng Sơn (qua Sở Nội vụ) theo "
                            "dõi, tổng hợp./.")
    right = [p.text for p in texts(doc.tables[-1].cell(0, 1).paragraphs)]
    assert right == ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", made["june"]["signer"]]
    assert made["year"].missing == []


def test_year_not_started_and_year_without_conference(made):
    assert made["not_started"].missing == ["số liệu của năm 2027 (năm chưa bắt đầu)"]
    assert made["no_conference"].missing == []
    for key, year, held, verb in (
            ("not_started", 2027, "Tính đến ngày 23 tháng 11 năm 2026, Ủy ban nhân dân xã "
                                  "Điềm He chưa tổ chức hội nghị đối thoại nào trong năm 2027.",
             "Chưa"),
            ("no_conference", 2023, "Trong năm 2023, Ủy ban nhân dân xã Điềm He không tổ chức "
                                    "hội nghị đối thoại nào.", "Không")):
        doc = read(made[key].docx)
        got = lines(doc)
        assert held in got
        assert f"- {verb} tổ chức hội nghị đối thoại năm {year} (Luật quy định tổ chức ít " \
               f"nhất mỗi năm một lần)." in got
        assert any(x.startswith("- Dự thảo Kế hoạch") and x.endswith("chưa ban hành;")
                   for x in got)
        assert len(doc.tables) == 2  # no empty table of conferences
        assert got[-1].endswith("theo dõi, tổng hợp./.")
    got = lines(read(made["not_started"].docx))
    assert "a) Ý kiến, kiến nghị của Nhân dân gửi đến các hội nghị trong năm: không có." in got
    assert section(got, "III. NHỮNG NỘI DUNG CÒN ĐANG GIẢI QUYẾT", "IV. ĐÁNH GIÁ") == [
        "- Không có ý kiến, kiến nghị nào đang giải quyết."]


def test_a_year_of_many_conferences(made):
    doc = read(made["many"].docx)
    rows = cells(doc.tables[1])
    assert len(rows) == 1 + MANY + 1
    assert rows[1][1] == "Hội nghị đối thoại với Nhân dân cụm thôn số 1"
    assert rows[MANY][0] == str(MANY)
    attendance = sum(60 + i for i in range(MANY))
    assert rows[-1][3] == f"{attendance:,}".replace(",", ".")
    assert rows[-1][4] == str(sum(1 + i % 3 for i in range(MANY)))
    got = lines(doc)
    # too many to tell one by one in the text: the table does, and the totals are in words
    assert not any(x.startswith(("a) Hội nghị", "- Hội nghị đối thoại với")) for x in got)
    assert (f"Trong năm 2024, Ủy ban nhân dân xã Điềm He đã tổ chức {MANY} hội nghị đối thoại "
            f"với Nhân dân, tổng số {rows[-1][3]} lượt người tham dự; kết quả từng hội nghị tại "
            f"bảng tổng hợp ở mục 2 dưới đây.") in got
    still = section(got, "III. NHỮNG NỘI DUNG CÒN ĐANG GIẢI QUYẾT", "IV. ĐÁNH GIÁ")
    assert still[0].startswith("- Các hội nghị trong năm còn 20 ý kiến đang giải quyết")
    header, body, total = sheet_rows(made["many_xlsx"])
    assert len(body) == MANY and total[3] == attendance
    # the header row repeats on every page, rows are not split across pages
    xml = doc.tables[1]._tbl.xml
    assert "<w:tblHeader/>" in xml and xml.count("<w:cantSplit/>") == len(rows)
