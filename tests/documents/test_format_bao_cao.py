"""The reports to the province, read back from the .docx element by element: the results of
the June conference (bao-cao-ket-qua) and the year's dialogue work (bao-cao-nam), each
with its table — the same rows and totals in the .docx and in the .xlsx, the figures those of
`dialogues.selectors.oversight`; a conference not held yet, a year not started, a year without a
conference, a year of 30 conferences, NFD text and very long names. The year's report on its
own: test_format_bao_cao_nam.py; the scenario both read: bao_cao_scenario.py."""

import io
import re
import unicodedata

import openpyxl
import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm

from doithoai.documents.drawing import format_check, report, tables
from doithoai.documents.drawing.format_check import reading
from doithoai.documents.kinds import bao_cao_ket_qua, bao_cao_nam
from tests.documents.bao_cao_scenario import (
    LONG_SIGNER,
    RESULT,
    YEARLY,
    scenario,
    section,
    sheet_rows,
)
from tests.documents.conftest import cells, lines, props, read, texts

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def made(run_scenario):
    return run_scenario(scenario)


RENDERS = [("result", RESULT), ("result_draft", RESULT), ("not_held", RESULT), ("nfd", RESULT),
           ("long", RESULT), ("year", YEARLY), ("year_draft", YEARLY),
           ("not_started", YEARLY), ("no_conference", YEARLY), ("many", YEARLY),
           ("nfd_year", YEARLY), ("long_year", YEARLY)]


@pytest.mark.parametrize(("key", "kind"), RENDERS)
def test_keeps_the_format(made, key, kind):
    assert format_check.check(made[key].docx, kind) == []


def test_registered_with_their_tables():
    assert RESULT.source == "dialogues.conference" and RESULT.abbreviation == "BC"
    assert YEARLY.source == "dialogues.plan" and YEARLY.abbreviation == "BC"
    assert RESULT.table is bao_cao_ket_qua.table and YEARLY.table is bao_cao_nam.table
    # the shipped templates print the tables' own column titles
    assert [c.title for c in bao_cao_ket_qua.COLUMNS] == bao_cao_ket_qua.RESULT_HEADER
    assert [c.title for c in bao_cao_nam.COLUMNS] == bao_cao_nam.YEAR_HEADER
    assert sum(bao_cao_ket_qua.RESULT_WIDTHS) == sum(bao_cao_nam.YEAR_WIDTHS) == 165


@pytest.mark.parametrize(("key", "number", "summary"), [
    ("result", "Số: 64/BC-UBND",
     "Kết quả tổ chức hội nghị đối thoại giữa Chủ tịch UBND xã với Nhân dân năm 2026"),
    ("year", "Số: 65/BC-UBND",
     "Kết quả thực hiện công tác tổ chức hội nghị đối thoại năm 2026")])
def test_number_date_title_and_summary(made, key, number, summary):
    doc = read(made[key].docx)
    header = doc.tables[0]
    assert texts(header.cell(0, 0).paragraphs)[0].text == "ỦY BAN NHÂN DÂN"
    assert texts(header.cell(1, 0).paragraphs)[0].text == number
    assert texts(header.cell(1, 1).paragraphs)[0].text == "Điềm He, ngày 23 tháng 11 năm 2026"
    assert props(texts(header.cell(1, 1).paragraphs)[0]) == {(13, False, True)}
    draft = read(made[f"{key}_draft"].docx).tables[0]
    assert texts(draft.cell(1, 0).paragraphs)[0].text == "Số:      /BC-UBND"
    assert texts(draft.cell(1, 1).paragraphs)[0].text == "Điềm He, ngày      tháng      năm 2026"
    got = texts(doc.paragraphs)
    assert [p.text for p in got[:2]] == ["BÁO CÁO", summary]
    for p in got[:2]:
        assert props(p) == {(14, True, False)}
        assert p.alignment == WD_ALIGN_PARAGRAPH.CENTER


# -- the results of the June conference ---------------------------------------------------------

def test_result_headings_and_body_format(made):
    doc = read(made["result"].docx)
    got = lines(doc)
    assert [x for x in got if re.match(r"^[IVX]+\. ", x)] == [
        "I. CÔNG TÁC CHUẨN BỊ", "II. KẾT QUẢ HỘI NGHỊ", "III. KẾT QUẢ GIẢI QUYẾT SAU HỘI NGHỊ",
        "IV. ĐÁNH GIÁ", "V. ĐỀ XUẤT, KIẾN NGHỊ"]
    assert [x for x in got if re.match(r"^\d\. ", x)] == [
        "1. Thời gian, địa điểm, thành phần", "2. Ý kiến, kiến nghị của Nhân dân tại hội nghị",
        "3. Thông báo kết luận hội nghị", "1. Kết quả đạt được", "2. Tồn tại, hạn chế"]
    for p in texts(doc.paragraphs):
        if re.match(r"^([IVX]+|\d)\. ", p.text):
            assert props(p) == {(14, True, False)}
            assert p.paragraph_format.keep_with_next
    body = next(p for p in doc.paragraphs if p.text.startswith("Thực hiện Điều 43"))
    assert props(body) == {(14, False, False)}
    assert body.alignment == WD_ALIGN_PARAGRAPH.JUSTIFY
    assert body.paragraph_format.first_line_indent == Cm(1.27)
    assert body.paragraph_format.space_after.pt == 6
    assert "Kế hoạch số 27/KH-UBND ngày 15 tháng 5 năm 2026 của Ủy ban nhân dân xã Điềm He" \
        in body.text


def test_result_preparation_from_the_milestones(made):
    got = section(lines(read(made["result"].docx)), "I. CÔNG TÁC CHUẨN BỊ",
                  "II. KẾT QUẢ HỘI NGHỊ")
    assert got[0].startswith("- Ban hành Kế hoạch số 27/KH-UBND ngày 15 tháng 5 năm 2026 về "
                             "tổ chức hội nghị đối thoại")
    announcement = next(x for x in got if x.startswith("- Thông báo công khai"))
    assert "thực hiện ngày 03 tháng 6 năm 2026. Thông báo số 52/TB-UBND" in announcement
    villages = next(x for x in got if x.startswith("- Các thôn tổng hợp, gửi ý kiến"))
    assert "chậm so với thời hạn (hạn ngày 09/06/2026)" in villages
    assert "12/12 thôn đã gửi, trong đó 01 thôn gửi sau thời hạn" in villages
    assert all(x.endswith(";") for x in got[:-1]) and got[-1].endswith(".")


def test_result_session_and_opinions_equal_the_figures(made):
    c = made["counts"]
    got = lines(read(made["result"].docx))
    session = section(got, "1. Thời gian, địa điểm, thành phần",
                      "2. Ý kiến, kiến nghị của Nhân dân tại hội nghị")
    assert session[0] == ("Hội nghị được tổ chức vào 08 giờ 00 phút, thứ Sáu, ngày 12 tháng 6 "
                          "năm 2026, tại Hội trường UBND xã Điềm He; hình thức: trực tiếp tại "
                          "hội trường.")
    assert session[1].startswith("Chủ trì hội nghị: đồng chí Lý Thị Dương, Chủ tịch UBND xã")
    assert session[2] == f"Tham dự hội nghị có {made['june']['attendance']} đại biểu và Nhân dân."
    opinions = section(got, "2. Ý kiến, kiến nghị của Nhân dân tại hội nghị",
                       "3. Thông báo kết luận hội nghị")
    assert opinions[0].startswith(f"- Tổng số ý kiến, kiến nghị: {c.received} ý kiến")
    assert opinions[1] == (f"- Trả lời trực tiếp tại hội nghị: "
                           f"{report.n_text(c.answered_at_conference)} ý kiến;")
    written = c.answered_in_writing + c.open
    assert opinions[2] == (f"- Giao các cơ quan, đơn vị trả lời bằng văn bản: {written:02d} ý "
                           f"kiến, gồm:")
    units = [x for x in opinions if x.startswith("+ ")]
    assert sum(int(re.search(r": (\d+) ý kiến", x).group(1)) for x in units) == written
    assert "+ Phòng Kinh tế: " in "".join(units) and "hạn trả lời chậm nhất ngày" in units[0]
    assert f"- Chuyển cơ quan cấp trên có thẩm quyền: {c.escalated:02d} ý kiến" in " ".join(
        opinions)
    assert f"thủ tục khiếu nại, tố cáo: {c.transferred:02d} ý kiến" in opinions[-1]
    assert opinions[-1].endswith(".")
    conclusion = section(got, "3. Thông báo kết luận hội nghị",
                         "III. KẾT QUẢ GIẢI QUYẾT SAU HỘI NGHỊ")
    assert conclusion[0].startswith("Ngày 18 tháng 6 năm 2026, Ủy ban nhân dân xã ban hành "
                                    "Thông báo kết luận số 58/TB-UBND")


def test_result_follow_up_as_of_the_report_date(made):
    c = made["counts"]
    got = section(lines(read(made["result"].docx)), "III. KẾT QUẢ GIẢI QUYẾT SAU HỘI NGHỊ",
                  "IV. ĐÁNH GIÁ")
    assert got[0] == (f"Tính đến ngày 23 tháng 11 năm 2026, trong số "
                      f"{c.answered_in_writing + c.open:02d} ý kiến giao trả lời bằng văn bản:")
    assert got[1] == (f"- Đã trả lời: {c.answered_in_writing:02d} ý kiến (đúng hạn "
                      f"{report.n_text(c.answered_in_writing_on_time)}, quá hạn "
                      f"{report.n_text(c.answered_late)});")
    assert got[2] == f"- Đang giải quyết, chưa đến hạn: {c.open_not_overdue:02d} ý kiến;"
    assert got[3].startswith(f"- Đang giải quyết, đã quá hạn: {c.open_overdue:02d} ý kiến (")
    # the units as the conference page's progress shows them
    for row in made["progress"]:
        if row.overdue:
            assert f"{row.unit_name or 'chưa giao đơn vị'} {row.overdue:02d}" in got[3]
    table_title = "Tổng hợp ý kiến, kiến nghị và kết quả giải quyết theo lĩnh vực"
    title = next(p for p in read(made["result"].docx).paragraphs if p.text == table_title)
    assert props(title) == {(13, True, False)}
    assert title.alignment == WD_ALIGN_PARAGRAPH.CENTER


def test_result_table_by_field_equals_oversight(made):
    doc = read(made["result"].docx)
    assert len(doc.tables) == 3
    rows = cells(doc.tables[1])
    assert rows[0] == [c.title for c in bao_cao_ket_qua.COLUMNS]
    body, total = rows[1:-1], rows[-1]
    assert [r[0] for r in body] == [str(i) for i in range(1, len(body) + 1)]
    names = [r[1] for r in body]
    assert set(names) == set(made["by_field"])
    order = made["field_order"]
    assert names == sorted(names, key=lambda n: order.index(n) if n in order else len(order))
    for row in body:
        c = made["by_field"][row[1]]
        assert row[2:] == [str(v) for v in (
            c.received, c.answered_at_conference, c.answered_in_writing + c.open,
            c.answered_in_writing, c.answered_late + c.open_overdue,
            c.escalated + c.transferred + c.not_accepted)]
    c = made["counts"]
    assert total == ["", "Tổng cộng", str(c.received), str(c.answered_at_conference),
                     str(c.answered_in_writing + c.open), str(c.answered_in_writing),
                     str(c.answered_late + c.open_overdue),
                     str(c.escalated + c.transferred + c.not_accepted)]
    # a row adds up: on the spot + in writing + routed elsewhere = all raised
    for row in [*body, total]:
        n = [int(x) for x in row[2:]]
        assert n[0] == n[1] + n[2] + n[5]
    # the header bold, figures right-aligned 12 pt, the STT centred, the total bold
    table = doc.tables[1]
    assert props(table.cell(0, 3).paragraphs[0]) == {(12, True, False)}
    assert table.cell(1, 2).paragraphs[0].alignment == WD_ALIGN_PARAGRAPH.RIGHT
    assert table.cell(1, 0).paragraphs[0].alignment == WD_ALIGN_PARAGRAPH.CENTER
    assert props(table.rows[-1].cells[1].paragraphs[0]) == {(12, True, False)}
    notes = next(p for p in doc.paragraphs if p.text.startswith("Số liệu tính đến ngày"))
    assert notes.text.startswith("Số liệu tính đến ngày 23/11/2026.")
    assert props(notes) == {(13, False, True)}


def test_result_xlsx_has_the_same_rows_and_totals(made):
    docx_rows = cells(read(made["result"].docx).tables[1])
    header, rows, total = sheet_rows(made["result_xlsx"])
    assert list(header) == docx_rows[0]
    assert [[tables.cell_text(v) for v in row] for row in rows] == docx_rows[1:-1]
    assert [tables.cell_text(v) for v in total] == docx_rows[-1]
    assert all(isinstance(v, int) for row in rows for v in row[2:])
    c = made["counts"]
    assert total[2] == c.received == sum(row[2] for row in rows)
    assert made["result_table"].total[2:] == total[2:]
    assert openpyxl.load_workbook(io.BytesIO(made["result_xlsx"])).active.title == "Theo lĩnh vực"


def test_result_evaluation_proposals_ending_and_recipients(made):
    c = made["counts"]
    doc = read(made["result"].docx)
    got = lines(doc)
    good = section(got, "1. Kết quả đạt được", "2. Tồn tại, hạn chế")
    assert any(f"trả lời trực tiếp {report.n_text(c.answered_at_conference)} ý kiến "
               f"({round(100 * c.answered_at_conference / c.received)}%)" in x for x in good)
    assert any(f"đúng thời hạn đạt {c.on_time_percent}%" in x for x in good)
    weak = section(got, "2. Tồn tại, hạn chế", "V. ĐỀ XUẤT, KIẾN NGHỊ")
    assert f"- Còn {c.open_overdue:02d} ý kiến đã quá thời hạn nhưng chưa được trả lời." in weak
    assert "- Còn 01 thôn gửi ý kiến, kiến nghị sau thời hạn." in weak
    proposals = section(got, "V. ĐỀ XUẤT, KIẾN NGHỊ", None)
    assert any(x.startswith("- Đề nghị Sở Nội vụ") for x in proposals)
    assert any(f"giải quyết {c.escalated:02d} kiến nghị vượt thẩm quyền cấp xã" in x
               for x in proposals)
    assert got[-1] == ("Trên đây là báo cáo kết quả tổ chức hội nghị đối thoại của Ủy ban nhân "
                       "dân xã Điềm He, kính báo cáo Ủy ban nhân dân tỉnh Lạng Sơn (qua Sở Nội "
                       "vụ) theo dõi, tổng hợp./.")
    left = [p.text for p in texts(doc.tables[-1].cell(0, 0).paragraphs)]
    assert left[:2] == ["Nơi nhận:", "- UBND tỉnh Lạng Sơn (qua Sở Nội vụ);"]
    assert left[-1] == "- Lưu: VT, VP."
    right = [p.text for p in texts(doc.tables[-1].cell(0, 1).paragraphs)]
    assert right == ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", made["june"]["signer"]]
    assert made["result"].missing == []


def test_result_of_a_conference_not_held(made):
    assert made["not_held"].missing == ["hội nghị đã tổ chức"]
    got = lines(read(made["not_held"].docx))
    assert "Chưa ban hành Thông báo kết luận hội nghị." in got
    assert any(x.startswith("Hội nghị dự kiến tổ chức vào 08 giờ 00 phút, thứ Sáu") for x in got)
    assert "- Hội nghị chưa tổ chức, chưa có kết quả trao đổi, đối thoại." in got
    assert not any(x.startswith("Tham dự hội nghị có") for x in got)


def test_nfd_input_renders_nfc(made):
    for key in ("nfd", "nfd_year"):
        doc = read(made[key].docx)
        assert unicodedata.is_normalized("NFC", doc.element.xml)
    doc = read(made["nfd"].docx)
    all_text = [p.text for p in reading.all_paragraphs(doc)]
    assert "Hoàng Thị Diệu Hiền" in all_text
    assert any("tại Nhà văn hóa thôn Khòn Pát" in x for x in all_text)
    assert texts(doc.paragraphs)[1].text == ("Kết quả tổ chức hội nghị đối thoại với Nhân dân "
                                             "thôn Nà Pàn – Bản Chu")
    assert "Giao thông nông thôn Khuổi Slằng" in [row[1] for row in cells(doc.tables[1])]
    _header, rows, _total = sheet_rows(made["nfd_xlsx"])
    assert "Giao thông nông thôn Khuổi Slằng" in [row[1] for row in rows]
    assert all(unicodedata.is_normalized("NFC", row[1]) for row in rows)


def test_very_long_names(made):
    for key in ("long", "long_year"):
        doc = read(made[key].docx)
        header, signature = doc.tables[0], doc.tables[-1]
        assert tuple(round(c.width.mm) for c in signature.columns) == (80, 85)
        assert texts(header.cell(0, 0).paragraphs)[-1].text.startswith("XÃ ĐIỀM HE MỞ RỘNG")
        assert texts(signature.cell(0, 1).paragraphs)[-1].text == LONG_SIGNER
        assert sum(round(c.width.mm) for c in doc.tables[1].columns) == 165
    rows = cells(read(made["long_year"].docx).tables[1])
    assert rows[1][1].startswith("Hội nghị đối thoại cụm thôn Nà Pàn, Bản Chu, Khòn Pát")
