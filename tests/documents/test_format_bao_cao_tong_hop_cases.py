"""The summary report of the opinions sent before a conference (bao-cao-tong-hop), read back
from the .docx: the June conference, whose opinions were all spoken at the conference (nothing
sent before); a conference with no venue nor signer; NFD text, very long names, and 500
opinions. The upcoming conference's report part by part: test_format_bao_cao_tong_hop.py."""

import io
import re
import unicodedata

import pytest
from openpyxl import load_workbook

from doithoai.documents.drawing.conference_text import LETTERS
from doithoai.documents.drawing.format_check import reading
from tests.documents.bao_cao_tong_hop_scenario import (
    scenario,
)
from tests.documents.conftest import cells, lines, read, texts

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def made(run_scenario):
    return run_scenario(scenario)


def test_june_nothing_sent_before_the_conference(made):
    """Every opinion of the June conference was spoken at it: the report made before has
    none, says so, and has no table; the draft can still be issued."""
    assert made["june"].missing == []
    doc = read(made["june"].docx)
    got = lines(doc)
    assert len(doc.tables) == 2  # the header and the signature: no table of figures
    assert got[2].startswith("Thực hiện Kế hoạch số 27/KH-UBND")
    assert "(vào 08 giờ 00 phút, thứ Sáu, ngày 12 tháng 6 năm 2026, tại Hội trường UBND xã " \
           "Điềm He)" in got[2]
    assert ("Có 12/12 thôn đã gửi kết quả lấy ý kiến, trong đó 01 thôn gửi sau thời hạn "
            "(Thôn Lùng Vài).") in got
    assert ("Đến thời điểm báo cáo, chưa nhận được ý kiến, kiến nghị nào của Nhân dân gửi "
            "trước hội nghị.") in got
    assert "2. Phân loại ý kiến, kiến nghị" not in got
    i = got.index("II. NỘI DUNG Ý KIẾN, KIẾN NGHỊ")
    assert got[i + 1] == "Không có nội dung ý kiến, kiến nghị để tổng hợp."
    assert got[i + 2] == "III. ĐỀ XUẤT, KIẾN NGHỊ"
    assert len(made["june_spoken"]) >= 10
    assert not any(text[:40] in "\n".join(got) for text in made["june_spoken"])
    assert got[-1].endswith("./.")


def test_missing_fields_listed(made):
    assert made["missing"].missing == ["địa điểm", "người ký"]
    doc = read(made["missing"].docx)
    right = texts(doc.tables[-1].cell(0, 1).paragraphs)
    assert [p.text for p in right] == ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"]


def test_nfd_rendered_nfc(made):
    doc = read(made["nfd"].docx)
    assert unicodedata.is_normalized("NFC", doc.element.xml)
    all_text = "\n".join(p.text for p in reading.all_paragraphs(doc))
    assert "Hoàng Thị Diệu Hiền" in all_text
    assert "Đề nghị lắp thêm bóng đèn đoạn đường Khuổi Slằng." in all_text
    assert "tại Nhà văn hóa thôn Khòn Pát)" in all_text
    # the denunciation from Thôn Khòn Pát is counted apart, without its village
    assert "Thôn Khòn Pát: 02" in all_text
    assert "không nêu thôn (giữ bí mật người gửi): 02" in all_text
    assert "trước hội nghị đối thoại với Nhân dân thôn Nà Pàn – Bản Chu" in all_text


def test_long_names(made):
    doc = read(made["long"].docx)
    header, table, signature = doc.tables
    assert texts(header.cell(0, 0).paragraphs)[-1].text.startswith("XÃ ĐIỀM HE MỞ RỘNG")
    assert tuple(round(c.width.mm) for c in signature.columns) == (80, 85)
    assert texts(signature.cell(0, 1).paragraphs)[-1].text.startswith("Nguyễn Hoàng Phương")
    # the long field name stays in its column, the table keeps its widths
    assert round(sum(c.width.mm for c in table.columns)) == 165
    assert any(r.cells[1].text.startswith("Giao thông, xây dựng kết cấu") for r in table.rows)
    all_text = "\n".join(lines(doc))
    assert "Thôn Bản Chu Khuổi Slằng" in all_text
    assert "- Phòng Kinh tế hạ tầng và đô thị nông thôn mới" in "\n".join(
        p.text for p in signature.cell(0, 0).paragraphs)


def test_five_hundred_opinions(made):
    assert made["large"].missing == []
    doc = read(made["large"].docx)
    got = lines(doc)
    assert "Tính đến ngày 08 tháng 6 năm 2026, Ủy ban nhân dân xã đã tiếp nhận 500 ý kiến, " \
           "kiến nghị của 500 người, cụ thể:" in got
    assert ("Tổng số 500 ý kiến, kiến nghị; sau khi gộp các ý kiến trùng nội dung còn 468 nội "
            "dung (trong đó 08 vấn đề được nhiều ý kiến cùng nêu), tổng hợp theo lĩnh vực tại "
            "mục II. Phân loại như sau:") in got
    table = cells(doc.tables[1])
    assert table[-1][:3] == ["", "Tổng cộng", "500"]
    assert sum(int(r[2]) for r in table[1:-1]) == 500
    assert sum(int(r[7]) for r in table[1:-1]) == int(table[-1][7]) > 0
    section = got[got.index("II. NỘI DUNG Ý KIẾN, KIẾN NGHỊ") + 1:
                  got.index("III. ĐỀ XUẤT, KIẾN NGHỊ")]
    fields = [x for x in section if re.match(r"^\d+\. ", x)]
    assert len(fields) == len(table) - 2
    # 460 opinions alone, 8 issues; the 46 complaints not grouped in an issue counted in
    # one item in each of their 3 fields
    items = [x for x in section if re.match(r"^([a-zđ]\)|-) ", x)]
    assert len(items) == 460 - 46 + 8 + 3
    complaints = [x for x in items if "nội dung khiếu nại" in x]
    assert len(complaints) == 3
    assert sum(int(x.split(" nội dung khiếu nại")[0][2:]) for x in complaints) == 46
    # more items in a field than letters: dashes instead of a), b)…
    by_field, dashed = [], 0
    for x in section:
        if re.match(r"^\d+\. ", x):
            by_field.append([])
        elif x in items:
            by_field[-1].append(x)
    for entries in by_field:
        if len(entries) > 23:
            assert all(x.startswith("- ") for x in entries)
            dashed += 1
        else:
            assert [x.split(")")[0] for x in entries] == list(LETTERS[:len(entries)])
    assert dashed >= 5
    book = load_workbook(io.BytesIO(made["large_xlsx"]))
    values = list(book.active.iter_rows(values_only=True))
    total = next(r for r in values if r[1] == "Tổng cộng")
    assert [str(v) if v != "" and v is not None else "" for v in total] == table[-1]
