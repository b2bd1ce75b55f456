"""The speaker registration form (Phiếu đăng ký phát biểu) of the upcoming conference
read back from the .docx: one blank page to copy, name, village, topic, short content and
signature; not a numbered document."""

import unicodedata

import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_LEADER
from docx.oxml.ns import qn

from doithoai.documents.drawing import format_check
from doithoai.documents.drawing.format_check import reading
from doithoai.documents.kinds import phieu_dang_ky_phat_bieu
from doithoai.documents.registry import KINDS
from doithoai.documents.render import render_docx, template_path
from tests import builders
from tests.documents.conftest import nfd, props, read, texts

pytestmark = pytest.mark.django_db
KIND = KINDS["phieu-dang-ky-phat-bieu"]


def scenario(out: dict) -> None:
    """Run once for the module (`made`), then rolled back."""
    conference = builders.upcoming_conference(builders.yearly_plan())
    out["title"] = conference.title
    out["minutes"] = conference.speaker_minutes
    out["form"] = render_docx("phieu-dang-ky-phat-bieu", conference, number=3)
    conference.title = nfd("Hội nghị đối thoại về đường liên thôn Nà Pàn – Bản Chu")
    conference.speaker_minutes = 7
    out["nfd"] = render_docx("phieu-dang-ky-phat-bieu", conference)
    conference.title = "Hội nghị đối thoại " + "về giao thông nông thôn và đất đai " * 6
    out["long"] = render_docx("phieu-dang-ky-phat-bieu", conference)
    conference.title = ""
    out["gaps"] = render_docx("phieu-dang-ky-phat-bieu", conference)


@pytest.fixture(scope="module")
def made(run_scenario):
    return run_scenario(scenario)


@pytest.fixture
def form(made):
    return read(made["form"].docx)


def test_registry_a_form_not_numbered():
    assert (KIND.code, KIND.abbreviation, KIND.source, KIND.template, KIND.numbered) == (
        "phieu-dang-ky-phat-bieu", "", "dialogues.conference", "phieu-dang-ky-phat-bieu.docx",
        False)
    assert template_path(KIND).is_file() and KIND.layout is not None


def test_keeps_the_form_rules(made, form):
    assert made["form"].missing == []
    assert format_check.check(made["form"].docx, KIND) == []
    # a number given by mistake is not printed: a form has none
    assert not any(p.text.startswith("Số:") for p in reading.all_paragraphs(form))
    problems = format_check.check(made["form"].docx, KINDS["giay-moi"])
    assert "Thiếu dòng “Số: …” ở cột trái bảng tiêu đề." in problems


def test_one_page_a4_times_new_roman(form):
    assert len(form.sections) == 1
    s = form.sections[0]
    assert (round(s.page_width.mm), round(s.page_height.mm)) == (210, 297)
    assert (round(s.top_margin.mm), round(s.bottom_margin.mm), round(s.left_margin.mm),
            round(s.right_margin.mm)) == (20, 20, 30, 15)
    assert not form.element.body.findall(f".//{qn('w:sectPr')}")[:-1]
    for p in reading.all_paragraphs(form):
        for r in p.runs:
            if r.text.strip():
                fonts = r._element.rPr.find(qn("w:rFonts"))
                assert {fonts.get(qn(f"w:{k}")) for k in ("ascii", "hAnsi", "eastAsia",
                                                           "cs")} == {"Times New Roman"}


def test_header_title_and_fields(made, form):
    header = form.tables[0]
    assert len(header.rows) == 1
    assert [p.text for p in texts(header.cell(0, 0).paragraphs)] == ["ỦY BAN NHÂN DÂN",
                                                                      "XÃ ĐIỀM HE"]
    assert [p.text for p in texts(header.cell(0, 1).paragraphs)] == [
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"]
    lines = texts(form.paragraphs)
    assert [p.text for p in lines[:2]] == ["PHIẾU ĐĂNG KÝ PHÁT BIỂU",
                                           "Tại h" + made["title"][1:]]
    for p in lines[:2]:
        assert props(p) == {(14, True, False)} and p.alignment == WD_ALIGN_PARAGRAPH.CENTER
    fields = [p for p in form.paragraphs if len(p.paragraph_format.tab_stops)]
    assert [p.text.rstrip("\t") for p in fields] == [
        "Họ và tên: ", "Thôn (tổ dân phố): ", "Số điện thoại (nếu có): ",
        "Vấn đề đăng ký phát biểu (lĩnh vực): "] + [""] * phieu_dang_ky_phat_bieu.SPEAKER_LINES
    for p in fields:
        stop = p.paragraph_format.tab_stops[0]
        assert stop.leader == WD_TAB_LEADER.DOTS and round(stop.position.mm) == 165
        assert p.paragraph_format.alignment == WD_ALIGN_PARAGRAPH.LEFT
    assert "Nội dung tóm tắt:" in [p.text for p in lines]
    note = next(p for p in lines if p.text.startswith("Mỗi lượt phát biểu"))
    assert note.text.startswith(f"Mỗi lượt phát biểu không quá {made['minutes']} phút.")
    assert props(note) == {(13, False, True)}


def test_signature_of_the_speaker(form):
    table = form.tables[-1]
    right = texts(table.cell(0, 1).paragraphs)
    assert [p.text for p in right] == ["Điềm He, ngày      tháng      năm 2026", "NGƯỜI ĐĂNG KÝ",
                                       "(Ký, ghi rõ họ tên)"]
    assert props(right[1]) == {(14, True, False)}
    assert props(right[0]) == {(13, False, True)}
    # room to sign below
    assert len(table.cell(0, 1).paragraphs) - 3 >= 3


def test_missing_title_listed_and_shown_as_gap(made):
    assert made["gaps"].missing == ["tên hội nghị"]
    assert "Tại …" in [p.text for p in read(made["gaps"].docx).paragraphs]
    assert format_check.check(made["gaps"].docx, KIND) == []


def test_nfd_input_comes_out_nfc(made):
    doc = read(made["nfd"].docx)
    assert unicodedata.is_normalized("NFC", doc.element.xml)
    lines = [p.text for p in doc.paragraphs]
    assert "Tại hội nghị đối thoại về đường liên thôn Nà Pàn – Bản Chu" in lines
    assert any(x.startswith("Mỗi lượt phát biểu không quá 7 phút.") for x in lines)


def test_very_long_title_wraps(made):
    doc = read(made["long"].docx)
    assert doc.paragraphs[[p.text for p in doc.paragraphs].index("PHIẾU ĐĂNG KÝ PHÁT BIỂU")
                          + 1].text.startswith("Tại hội nghị đối thoại về giao thông")
    assert format_check.check(made["long"].docx, KIND) == []
