"""The summary report of the opinions sent before a conference (Báo cáo tổng hợp ý kiến, kiến
nghị, BC), read back from the .docx element by element: the upcoming conference (its
villages' opinions, a grouped issue, a complaint, a denunciation, an opinion kept from the
public, the Phòng Kinh tế's prepared answer), its table also as .xlsx. The other cases (the
June conference, no venue nor signer, NFD text, long names, 500 opinions):
test_format_bao_cao_tong_hop_cases.py; the scenario both read: bao_cao_tong_hop_scenario.py."""

import io
import re

import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from openpyxl import load_workbook

from doithoai.demo.dialogues import VILLAGES_SENT_OPINIONS
from doithoai.documents.drawing import format_check
from doithoai.documents.kinds import bao_cao_tong_hop as report
from tests.documents.bao_cao_tong_hop_scenario import (
    COMPLAINT,
    DENUNCIATION,
    HIDDEN,
    ISSUE_TITLE,
    KIND,
    SPOKEN,
    scenario,
)
from tests.documents.conftest import cells, lines, props, read, texts

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def made(run_scenario):
    return run_scenario(scenario)



@pytest.mark.parametrize("key", ["issued", "draft", "june", "missing", "nfd", "long", "large"])
def test_keeps_the_format(made, key):
    assert format_check.check(made[key].docx, KIND) == []


def test_registered_as_a_report_with_its_table():
    assert KIND.abbreviation == "BC" and KIND.source == "dialogues.conference"
    assert KIND.template == "bao-cao-tong-hop.docx" and KIND.numbered
    assert KIND.table is report.table


def test_header_number_title_and_summary(made):
    assert made["issued"].missing == []
    doc = read(made["issued"].docx)
    header = doc.tables[0]
    assert [p.text for p in texts(header.cell(0, 0).paragraphs)] == ["ỦY BAN NHÂN DÂN",
                                                                     "XÃ ĐIỀM HE"]
    number = texts(header.cell(1, 0).paragraphs)[0]
    assert number.text == "Số: 09/BC-UBND"
    assert props(number) == {(13, False, False)}
    date = texts(header.cell(1, 1).paragraphs)[0]
    assert date.text == "Điềm He, ngày 07 tháng 12 năm 2026"
    assert props(date) == {(13, False, True)}
    draft = read(made["draft"].docx)
    assert texts(draft.tables[0].cell(1, 0).paragraphs)[0].text == "Số:      /BC-UBND"
    assert texts(draft.tables[0].cell(1, 1).paragraphs)[0].text == \
        "Điềm He, ngày      tháng      năm 2026"
    got = texts(doc.paragraphs)
    assert got[0].text == "BÁO CÁO"
    assert got[1].text == ("Tổng hợp ý kiến, kiến nghị của Nhân dân trước hội nghị đối thoại "
                           "giữa Chủ tịch UBND xã với Nhân dân cuối năm 2026")
    for p in got[:2]:
        assert props(p) == {(14, True, False)}
        assert p.alignment == WD_ALIGN_PARAGRAPH.CENTER


def test_opening_says_which_plan_and_when_where(made):
    got = lines(read(made["issued"].docx))
    held = made["conf"]["held_on"]
    assert got[2].startswith("Thực hiện Kế hoạch số 27/KH-UBND ngày 15 tháng 5 năm 2026 của Ủy "
                             "ban nhân dân xã Điềm He về tổ chức hội nghị đối thoại")
    assert (f"(vào 08 giờ 00 phút, thứ Sáu, ngày {held.day:02d} tháng {held.month} năm "
            f"{held.year}, tại {made['conf']['venue']})") in got[2]
    assert got[2].endswith("báo cáo tổng hợp ý kiến, kiến nghị của Nhân dân gửi trước hội nghị "
                           "như sau:")


def test_headings_in_order_and_bold(made):
    doc = read(made["issued"].docx)
    got = lines(doc)
    roman = [x for x in got if re.match(r"^[IVX]+\. ", x)]
    assert roman == ["I. KẾT QUẢ TIẾP NHẬN Ý KIẾN, KIẾN NGHỊ", "II. NỘI DUNG Ý KIẾN, KIẾN NGHỊ",
                     "III. ĐỀ XUẤT, KIẾN NGHỊ"]
    for p in doc.paragraphs:
        if re.match(r"^([IVX]+|\d+)\. ", p.text):
            assert props(p) == {(14, True, False)}, p.text
            assert p.paragraph_format.keep_with_next
    start = got.index(roman[0])
    assert got[start + 1] == "1. Tình hình tiếp nhận"
    assert "2. Phân loại ý kiến, kiến nghị" in got[start:got.index(roman[1])]


def test_body_paragraphs_justified_indented(made):
    doc = read(made["issued"].docx)
    body = [p for p in texts(doc.paragraphs)[2:]
            if p.alignment != WD_ALIGN_PARAGRAPH.CENTER]
    assert len(body) > 30
    for p in body:
        assert p.alignment == WD_ALIGN_PARAGRAPH.JUSTIFY, p.text
        assert round(p.paragraph_format.first_line_indent.cm, 2) == 1.27
        assert p.paragraph_format.space_after.pt >= 6
        assert {size for size, _b, _i in props(p)} == {14}


def test_how_the_opinions_came_in(made):
    got = lines(read(made["issued"].docx))
    conf = made["conf"]
    start = got.index("1. Tình hình tiếp nhận")
    section = got[start + 1:got.index("2. Phân loại ý kiến, kiến nghị")]
    assert section[0].startswith("Ủy ban MTTQ Việt Nam xã Điềm He đã chỉ đạo Ban công tác Mặt "
                                 "trận các thôn phối hợp với Trưởng thôn phát phiếu lấy ý kiến")
    sent = ", ".join(VILLAGES_SENT_OPINIONS)
    assert section[1].startswith(f"Có 04/{conf['villages']} thôn đã gửi kết quả lấy ý kiến "
                                 f"(")
    for name in VILLAGES_SENT_OPINIONS:
        assert name in section[1].split(";")[0]
    assert sent  # the four villages that sent, the others named as not yet
    due = conf["due"]
    assert section[1].endswith(f"(hạn gửi ngày {due.day:02d} tháng {due.month} năm "
                               f"{due.year}).")
    # 7 demo opinions + 4 sent before: the one spoken at the conference is not counted;
    # the three signatures of one of them make 13 people
    assert conf["petitions"] == 11
    assert section[2] == ("Tính đến ngày 22 tháng 11 năm 2026, Ủy ban nhân dân xã đã tiếp nhận "
                          "11 ý kiến, kiến nghị của 13 người, cụ thể:")
    assert section[3:] == ["- Qua phiếu lấy ý kiến ở các thôn: 10 ý kiến;",
                           "- Gửi trực tuyến: 01 ý kiến."]


def test_figures_by_kind_urgency_village(made):
    got = lines(read(made["issued"].docx))
    start = got.index("2. Phân loại ý kiến, kiến nghị")
    assert got[start + 1] == ("Tổng số 11 ý kiến, kiến nghị; sau khi gộp các ý kiến trùng nội "
                              "dung còn 10 nội dung (trong đó 01 vấn đề được nhiều ý kiến cùng "
                              "nêu), tổng hợp theo lĩnh vực tại mục II. Phân loại như sau:")
    assert got[start + 2] == ("- Theo loại: ý kiến, kiến nghị: 08; phản ánh: 01; khiếu nại: 01; "
                              "tố cáo: 01;")
    assert got[start + 3] == "- Theo mức độ: khẩn: 01; cấp thiết: 03; thường: 07;"
    assert got[start + 4].startswith("- Theo thôn: ")
    assert "Thôn Nà Pàn: 03" in got[start + 4] and "Thôn Bản Chu: 03" in got[start + 4]
    assert got[start + 5] == "- Theo lĩnh vực: chi tiết tại bảng dưới đây."
    title = got[start + 6]
    assert title == "Tổng hợp ý kiến, kiến nghị theo lĩnh vực (đơn vị tính: ý kiến)"


def test_table_by_field(made):
    doc = read(made["issued"].docx)
    assert len(doc.tables) == 3
    table = doc.tables[1]
    rows = cells(table)
    assert rows[0] == ["STT", "Lĩnh vực", "Tổng số ý kiến", "Ý kiến, kiến nghị", "Phản ánh",
                       "Khiếu nại, tố cáo", "Cấp thiết, khẩn", "Đã có nội dung trả lời"]
    assert [r[0] for r in rows[1:-1]] == [str(i) for i in range(1, len(rows) - 1)]
    traffic = next(r for r in rows if r[1] == "Giao thông")
    assert traffic[2:] == ["2", "2", "0", "0", "2", "2"]  # the grouped ford, answered once
    land = next(r for r in rows if r[1] == "Đất đai")
    assert land[2:] == ["3", "1", "0", "2", "0", "0"]
    assert rows[-1] == ["", "Tổng cộng", "11", "8", "1", "2", "4", "2"]
    # numbers right-aligned, STT centred, header and total bold, 12 pt
    header = table.rows[0].cells
    for cell in header:
        p = texts(cell.paragraphs)[0]
        assert props(p) == {(12, True, False)} and p.alignment == WD_ALIGN_PARAGRAPH.CENTER
    body = table.rows[1].cells
    assert texts(body[0].paragraphs)[0].alignment == WD_ALIGN_PARAGRAPH.CENTER
    assert texts(body[2].paragraphs)[0].alignment == WD_ALIGN_PARAGRAPH.RIGHT
    assert texts(body[1].paragraphs)[0].alignment == WD_ALIGN_PARAGRAPH.LEFT
    assert props(texts(body[1].paragraphs)[0]) == {(12, False, False)}
    assert props(texts(table.rows[-1].cells[1].paragraphs)[0]) == {(12, True, False)}
    # bordered, full text width, the header row repeated on every page
    borders = table._tbl.tblPr.find(qn("w:tblBorders"))
    assert {el.get(qn("w:val")) for el in borders} == {"single"}
    assert round(sum(c.width.mm for c in table.columns)) == 165
    assert table.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None


def test_xlsx_has_the_same_figures(made):
    book = load_workbook(io.BytesIO(made["xlsx"]))
    sheet = book.active
    values = [[c for c in row] for row in sheet.iter_rows(values_only=True)]
    assert values[0][0] == "ỦY BAN NHÂN DÂN XÃ ĐIỀM HE"
    assert values[2][0] == "Tổng hợp ý kiến, kiến nghị theo lĩnh vực (đơn vị tính: ý kiến)"
    start = next(i for i, r in enumerate(values) if r[0] == "STT")
    docx_rows = cells(read(made["issued"].docx).tables[1])
    assert list(values[start]) == docx_rows[0]
    n = len(docx_rows) - 1
    for got, printed in zip(values[start + 1:start + 1 + n], docx_rows[1:], strict=True):
        assert [("" if v is None else str(v)) for v in got] == printed
    total = values[start + n]
    assert total[1] == "Tổng cộng" and total[2] == 11 and isinstance(total[2], int)
    assert sheet.cell(row=start + n + 1, column=3).font.bold
    assert values[start + n + 1][0].startswith("Số liệu tính theo từng ý kiến")
    table = made["table"]
    assert table.total == ["", "Tổng cộng", 11, 8, 1, 2, 4, 2]


def test_each_opinion_by_field_with_its_answer(made):
    doc = read(made["issued"].docx)
    got = lines(doc)
    conf = made["conf"]
    section = got[got.index("II. NỘI DUNG Ý KIẾN, KIẾN NGHỊ") + 1:
                  got.index("III. ĐỀ XUẤT, KIẾN NGHỊ")]
    fields = [x for x in section if re.match(r"^\d+\. ", x)]
    assert fields[0] == "1. Đất đai (03 ý kiến)"
    assert "2. Giao thông (02 ý kiến)" in fields
    # 11 opinions, two of them one issue, a complaint and a denunciation counted as one item
    entries = [x for x in section if re.match(r"^[a-zđ]\) ", x)]
    assert len(entries) == 9
    assert len([x for x in section if x.startswith(("Trả lời/hướng giải quyết",
                                                     "Đơn vị chuẩn bị trả lời:",
                                                     "Hướng giải quyết:"))]) == 9
    # the grouped issue once, with its villages and how many people; the unit's answer
    grouped = next(x for x in entries if ISSUE_TITLE in x)
    assert grouped == (f"a) Thôn Nà Pàn, Thôn Bản Chu (02 ý kiến cùng nội dung, 04 người, "
                       f"khẩn): {ISSUE_TITLE}.")
    after = section[section.index(grouped) + 1]
    assert after == (f"Trả lời/hướng giải quyết ({conf['answer_unit']}): {conf['answer']}")
    p = next(p for p in doc.paragraphs if p.text == after)
    assert [(r.text, r.font.bold) for r in p.runs if r.text] == [
        (f"Trả lời/hướng giải quyết ({conf['answer_unit']}): ", True), (conf["answer"], False)]
    # an opinion without an answer yet: its unit named
    light = next(x for x in entries if "bóng đèn chiếu sáng" in x)
    assert light.startswith("a) Thôn Nà Pàn (01 người): Đề nghị lắp thêm bóng đèn")
    assert section[section.index(light) + 1] == \
        "Đơn vị chuẩn bị trả lời: Phòng Kinh tế; chưa có nội dung trả lời."
    # an opinion no unit has been given; the neighbour it names written as initials (the
    # report is read out at the conference and sent out of the office)
    house = next(x for x in entries if "hộ nghèo bà H. T. L." in x)
    assert not any("Hoàng Thị Lìu" in x for x in got)
    assert section[section.index(house) + 1] == "Đơn vị chuẩn bị trả lời: chưa phân công."


def test_sensitive_opinions_named_without_text_or_sender(made):
    got = lines(read(made["issued"].docx))
    all_text = "\n".join(got)
    for secret in (COMPLAINT, DENUNCIATION, HIDDEN, "Nông Văn Khiếu", "địa chính",
                   "khoản vay"):
        assert secret not in all_text
    line = ("b) 01 nội dung khiếu nại và 01 nội dung tố cáo (không nêu nội dung và thông tin "
            "người gửi).")
    assert line in got
    i = got.index(line)
    assert got[i + 1] == ("Hướng giải quyết: Tiếp nhận, xử lý theo quy định của pháp luật về "
                          "khiếu nại, tố cáo; kết quả thông báo cho người gửi.")
    assert any(x.endswith("Thôn Nà Pàn (01 người, phản ánh): Một ý kiến không công khai nội "
                          "dung theo đề nghị của người gửi.") for x in got)
    # spoken at the conference: not an opinion sent before it
    assert SPOKEN not in all_text


def test_proposals_ending_signature_and_recipients(made):
    doc = read(made["issued"].docx)
    got = lines(doc)
    proposals = got[got.index("III. ĐỀ XUẤT, KIẾN NGHỊ") + 1:-1]
    assert proposals[0].startswith("- Đề nghị Phòng Kinh tế, Trạm Y tế xã, Phòng Văn hóa - Xã "
                                   "hội hoàn thiện nội dung trả lời 05 nội dung chưa có trả lời")
    assert any("Trưởng thôn, Ban công tác Mặt trận các thôn chưa gửi ý kiến" in x
               for x in proposals)
    assert all(x.startswith("- ") and x.endswith(";") for x in proposals[:-1])
    assert proposals[-1].endswith("sau hội nghị.")
    assert got[-1] == ("Trên đây là báo cáo tổng hợp ý kiến, kiến nghị của Nhân dân trước hội "
                       "nghị đối thoại giữa Chủ tịch UBND xã với Nhân dân cuối năm 2026, Ủy ban "
                       "nhân dân xã Điềm He báo cáo Thường trực Đảng ủy, Thường trực HĐND xã và "
                       "trình bày tại hội nghị./.")
    signature = doc.tables[-1]
    left = texts(signature.cell(0, 0).paragraphs)
    assert left[0].text == "Nơi nhận:" and props(left[0]) == {(12, True, True)}
    assert [p.text for p in left[1:]] == [
        "- Thường trực Đảng ủy xã;", "- Thường trực HĐND xã;", "- Ủy ban MTTQ Việt Nam xã;",
        "- Chủ tịch, các Phó Chủ tịch UBND xã;", "- Phòng Kinh tế;", "- Trạm Y tế xã;",
        "- Phòng Văn hóa - Xã hội;", "- Lưu: VT, VP."]
    assert all(props(p) == {(11, False, False)} for p in left[1:])
    right = texts(signature.cell(0, 1).paragraphs)
    assert [p.text for p in right] == ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH",
                                       made["conf"]["signer"]]
    assert all(props(p) == {(14, True, False)} for p in right)


def test_page_numbers_from_page_two(made):
    section = read(made["issued"].docx).sections[0]
    assert section.different_first_page_header_footer
    assert "PAGE" in section.header._element.xml
    assert "PAGE" not in section.first_page_header._element.xml
    assert round(section.page_width.mm) == 210 and round(section.left_margin.mm) == 30
