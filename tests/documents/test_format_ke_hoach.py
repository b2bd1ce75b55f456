"""The yearly plan 27/KH-UBND (tests/builders.py) read back from its .docx, rule by rule
(docs/law.md#document-format)."""

import io
import re
import unicodedata

import pytest
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Pt

from doithoai.documents.drawing import format_check
from doithoai.documents.drawing.format_check import reading
from doithoai.documents.registry import KINDS
from doithoai.documents.render import render_docx, template_path
from tests.documents.conftest import read, texts

pytestmark = pytest.mark.django_db
KIND = KINDS["ke-hoach"]
BLANK_NUMBER = "Số:      /KH-UBND"


def cell_texts(table, row, col):
    return texts(table.cell(row, col).paragraphs)


def body_paragraphs(doc):
    return texts(doc.paragraphs)


def only_run_props(p):
    runs = [r for r in p.runs if r.text.strip()]
    assert runs, p.text
    return {(r.font.size.pt if r.font.size else None, r.font.bold, r.font.italic) for r in runs}


def bottom_border(p):
    return p._p.pPr.find(f"{qn('w:pBdr')}/{qn('w:bottom')}")


def rule_width_mm(p, container_mm):
    pf = p.paragraph_format
    return container_mm - pf.left_indent.mm - pf.right_indent.mm


@pytest.fixture
def issued(made):
    return read(made["issued"].docx)


def test_the_yearly_plan_keeps_every_rule(made):
    assert format_check.check(made["issued"].docx, KIND) == []
    assert format_check.check(made["draft"].docx, KIND) == []
    assert made["issued"].missing == []


def test_page_a4_portrait_with_decree_margins(issued):
    s = issued.sections[0]
    assert (round(s.page_width.mm), round(s.page_height.mm)) == (210, 297)
    assert round(s.top_margin.mm) == 20 and round(s.bottom_margin.mm) == 20
    assert round(s.left_margin.mm) == 30 and round(s.right_margin.mm) == 15


def test_times_new_roman_black_on_every_run_and_style(issued):
    runs = [r for p in reading.all_paragraphs(issued) for r in p.runs]
    assert len(runs) > 100
    for r in runs:
        fonts = r._element.rPr.find(qn("w:rFonts"))
        assert {fonts.get(qn(f"w:{k}")) for k in ("ascii", "hAnsi", "eastAsia", "cs")} == \
            {"Times New Roman"}, r.text
        assert str(r.font.color.rgb) == "000000"
    normal = issued.styles["Normal"].element.rPr.find(qn("w:rFonts"))
    assert normal.get(qn("w:eastAsia")) == "Times New Roman"


def test_header_table_two_borderless_columns(issued):
    table = issued.tables[0]
    assert issued.element.body[0].tag == qn("w:tbl")
    assert len(table.columns) == 2 and len(table.rows) == 2
    borders = table._tbl.tblPr.find(qn("w:tblBorders"))
    assert {el.get(qn("w:val")) for el in borders} == {"nil"}
    left = cell_texts(table, 0, 0)
    assert [p.text for p in left] == ["ỦY BAN NHÂN DÂN", "XÃ ĐIỀM HE"]
    for p in left:
        assert only_run_props(p) == {(13, True, False)}
        assert p.alignment == WD_ALIGN_PARAGRAPH.CENTER
    rule = table.cell(0, 0).paragraphs[-1]
    assert rule.text == "" and bottom_border(rule).get(qn("w:val")) == "single"
    # 1/3 to 1/2 of "ỦY BAN NHÂN DÂN" (about 45 mm at 13 pt bold)
    assert 15 <= rule_width_mm(rule, table.columns[0].width.mm) <= 22.5


def test_header_right_column_national_title_motto_rule(issued):
    table = issued.tables[0]
    right = cell_texts(table, 0, 1)
    assert [p.text for p in right] == ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
                                       "Độc lập - Tự do - Hạnh phúc"]
    assert only_run_props(right[0]) == {(12, True, False)}
    assert only_run_props(right[1]) == {(13, True, False)}
    rule = table.cell(0, 1).paragraphs[-1]
    assert rule.text == "" and bottom_border(rule) is not None
    # as long as the motto (≈ 57 mm at 13 pt bold Times New Roman)
    assert 54 <= rule_width_mm(rule, table.columns[1].width.mm) <= 60


def test_number_and_date_on_the_same_row(issued, made):
    table = issued.tables[0]
    (number,) = cell_texts(table, 1, 0)
    (date,) = cell_texts(table, 1, 1)
    assert number.text == "Số: 27/KH-UBND"
    assert only_run_props(number) == {(13, False, False)}
    assert made["issued_on"].isoformat() == "2026-05-15"
    assert date.text == "Điềm He, ngày 15 tháng 5 năm 2026"
    assert only_run_props(date) == {(13, False, True)}
    assert date.alignment == WD_ALIGN_PARAGRAPH.CENTER


def test_draft_shows_blank_number_and_date(made):
    doc = read(made["draft"].docx)
    table = doc.tables[0]
    assert cell_texts(table, 1, 0)[0].text == BLANK_NUMBER
    assert cell_texts(table, 1, 1)[0].text == "Điềm He, ngày      tháng      năm 2026"


def test_title_and_summary_with_rule(issued, made):
    paragraphs = issued.paragraphs
    first = next(i for i, p in enumerate(paragraphs) if p.text.strip())
    title, summary, rule = paragraphs[first], paragraphs[first + 1], paragraphs[first + 2]
    assert title.text == "KẾ HOẠCH"
    assert only_run_props(title) == {(14, True, False)}
    assert summary.text == made["plan_title"]
    assert only_run_props(summary) == {(14, True, False)}
    assert title.alignment == summary.alignment == WD_ALIGN_PARAGRAPH.CENTER
    assert rule.text == "" and bottom_border(rule) is not None
    width = rule_width_mm(rule, 165)
    assert 40 <= width <= 82  # 1/3–1/2 of a full summary line


def test_legal_bases_italic_one_per_line(issued):
    bases = [p for p in body_paragraphs(issued) if p.text.startswith("Căn cứ")]
    assert len(bases) == 4
    for p in bases[:-1]:
        assert p.text.endswith(";")
    assert bases[-1].text.endswith(".")
    for p in bases:
        assert only_run_props(p) == {(14, False, True)}


def test_body_size_alignment_indent_spacing(issued):
    paragraphs = body_paragraphs(issued)
    start = next(i for i, p in enumerate(paragraphs) if p.text.startswith("Căn cứ"))
    checked = 0
    for p in paragraphs[start:]:
        pf = p.paragraph_format
        if pf.alignment == WD_ALIGN_PARAGRAPH.CENTER:
            continue  # the banner's wording
        assert pf.alignment == WD_ALIGN_PARAGRAPH.JUSTIFY, p.text
        assert round(pf.first_line_indent.cm, 2) == 1.27
        assert pf.space_after >= Pt(6)
        # Decree 30 allows single to 1.5 lines; the builder sets 1.15 on every body paragraph
        # (None would mean the paragraph lost its own spacing and inherits Word's default).
        assert pf.line_spacing == pytest.approx(1.15)
        assert {size for size, _b, _i in only_run_props(p)} == {14}
        checked += 1
    assert checked > 60


def test_headings_roman_bold_uppercase_then_numbered(issued):
    paragraphs = body_paragraphs(issued)
    roman = [p for p in paragraphs if re.match(r"^[IVX]+\. ", p.text)]
    assert [p.text for p in roman] == [
        "I. MỤC ĐÍCH, YÊU CẦU", "II. THỜI GIAN, ĐỊA ĐIỂM, THÀNH PHẦN",
        "III. HÌNH THỨC, NỘI DUNG, CHƯƠNG TRÌNH", "IV. TỔ CHỨC THỰC HIỆN",
        "V. KINH PHÍ THỰC HIỆN"]
    for p in roman:
        assert only_run_props(p) == {(14, True, False)}
        assert p.paragraph_format.keep_with_next
    numbered = [p.text for p in paragraphs if re.match(r"^\d+\. ", p.text)]
    assert numbered[:5] == ["1. Mục đích", "2. Yêu cầu", "1. Thời gian, địa điểm",
                            "2. Thành phần", "1. Hình thức: Đối thoại trực tiếp tại hội "
                            "trường; có thể kết hợp trực tuyến."]
    form = next(p for p in paragraphs if p.text.startswith("1. Hình thức"))
    assert [(r.text, r.font.bold) for r in form.runs if r.text][0] == ("1. Hình thức: ", True)


def test_composition_grouped_with_seats_per_village(issued, made):
    lines = [p.text for p in body_paragraphs(issued)]
    a, b = lines.index("a) Đại biểu xã"), lines.index("b) Đại biểu thôn")
    commune = [label for side, label, _ in made["groups"] if side == "commune"]
    assert lines[a + 1:b] == [f"- {x};" for x in commune[:-1]] + [f"- {commune[-1]}."]
    assert "- Đại diện Nhân dân (dự kiến 03 đại biểu/thôn)." in lines[b:]
    assert "- Trưởng thôn;" in lines[b:]


def test_tasks_numbered_by_unit_then_coordination(issued, made):
    """The office, the Front, the units with tasks, the departments, the village heads (the
    Điềm He plan's order), then the coordination; each unit's tasks first in its section."""
    lines = [p.text for p in body_paragraphs(issued)]
    iv, v = lines.index("IV. TỔ CHỨC THỰC HIỆN"), lines.index("V. KINH PHÍ THỰC HIỆN")
    units = list(dict.fromkeys(unit for unit, _ in made["tasks"]))
    headings = [x for x in lines[iv:v] if re.match(r"^\d+\. ", x)]
    bodies = [units[0], "Đề nghị Ủy ban MTTQ Việt Nam xã", *units[1:],
              "Các phòng chuyên môn, đơn vị trực thuộc UBND xã Điềm He", "Trưởng các thôn"]
    expected = [f"{i}. {u}" for i, u in enumerate(bodies, start=1)]
    assert headings == expected + [f"{len(bodies) + 1}. Công tác phối hợp"]
    office_tasks = [text for unit, text in made["tasks"] if unit == units[0]]
    first = lines.index(headings[0])
    got = lines[first + 1:first + 1 + len(office_tasks)]
    assert [line.split(" Thời hạn: ")[0] for line in got] == [f"- {t}" for t in office_tasks]


def test_banner_centred_bold(issued):
    paragraphs = body_paragraphs(issued)
    i = next(i for i, p in enumerate(paragraphs) if p.text == "4. Nội dung trang trí khánh tiết")
    banner = paragraphs[i + 1:i + 4]
    assert [p.text for p in banner][1] == "HỘI NGHỊ"
    for p in banner:
        assert p.alignment == WD_ALIGN_PARAGRAPH.CENTER
        assert only_run_props(p) == {(14, True, False)}


def test_text_ends_with_closing_sentence(issued, made):
    paragraphs = body_paragraphs(issued)
    last = paragraphs[-1]
    title = made["plan_title"]
    assert last.text == f"Trên đây là Kế hoạch {title[0].lower()}{title[1:]}./."


def test_signature_block(issued, made):
    table = issued.tables[-1]
    assert len(issued.tables) == 2 and len(table.columns) == 2
    assert {el.get(qn("w:val")) for el in table._tbl.tblPr.find(qn("w:tblBorders"))} == {"nil"}
    left = cell_texts(table, 0, 0)
    assert left[0].text == "Nơi nhận:"
    assert only_run_props(left[0]) == {(12, True, True)}
    items = left[1:]
    assert items[-1].text == "- Lưu: VT, VP."
    assert all(p.text.startswith("- ") and p.text.endswith(";") for p in items[:-1])
    expected = [line.rstrip(";.") for line in made["recipients"].splitlines()][:-1]
    assert [p.text[2:-1] for p in items[:-1]] == expected
    for p in items:
        assert only_run_props(p) == {(11, False, False)}
    right = table.cell(0, 1).paragraphs
    lines = texts(right)
    assert [p.text for p in lines] == ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", made["signer"]]
    for p in lines:
        assert only_run_props(p) == {(14, True, False)}
        assert p.alignment == WD_ALIGN_PARAGRAPH.CENTER
    # room to sign between the position and the name
    gap = right.index(next(p for p in right if p.text == made["signer"])) - \
        right.index(next(p for p in right if p.text == "CHỦ TỊCH"))
    assert gap >= 4


def test_page_numbers_in_header_from_page_two(issued):
    s = issued.sections[0]
    assert s.different_first_page_header_footer
    header = s.header.paragraphs[0]
    assert header.alignment == WD_ALIGN_PARAGRAPH.CENTER
    assert "PAGE" in "".join(el.text for el in header._p.iter(qn("w:instrText")))
    assert {r.font.size.pt for r in header.runs} == {13}
    assert not any(r.font.italic or r.font.bold for r in header.runs)
    first = s.first_page_header
    assert not first.is_linked_to_previous
    assert not list(first._element.iter(qn("w:instrText")))


def test_nfd_input_comes_out_nfc(made):
    doc = read(made["nfd"].docx)
    xml = doc.element.xml
    assert unicodedata.is_normalized("NFC", xml)
    texts_ = [p.text for p in reading.all_paragraphs(doc)]
    assert "Tổ chức hội nghị đối thoại về đường liên thôn Nà Pàn – Bản Chu" in texts_
    assert "Hoàng Thị Diệu Hiền" in texts_
    assert "- Địa điểm: Nhà văn hóa thôn Khòn Pát." in texts_
    assert format_check.check(made["nfd"].docx, KIND) == []


def test_very_long_names_wrap_inside_fixed_tables(made):
    doc = read(made["long"].docx)
    assert len(doc.tables) == 2
    header, signature = doc.tables
    for table, widths in ((header, (64, 101)), (signature, (80, 85))):
        assert table._tbl.tblPr.find(qn("w:tblLayout")).get(qn("w:type")) == "fixed"
        assert len(table.columns) == 2
        assert tuple(round(c.width.mm) for c in table.columns) == widths
    issuer = [p.text for p in cell_texts(header, 0, 0)]
    assert issuer[-1].startswith("XÃ ĐIỀM HE MỞ RỘNG")
    names = [p.text for p in cell_texts(signature, 0, 1)]
    assert names[-1].startswith("Nguyễn Hoàng Phương Thảo")
    assert format_check.check(made["long"].docx, KIND) == []


def _changed(data: bytes, change) -> bytes:
    doc = Document(io.BytesIO(data))
    change(doc)
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()


def _to_arial(doc):
    """What a clerk does in Word: select all, choose Arial."""
    for el in doc.element.iter(qn("w:rFonts")):
        for attr in ("ascii", "hAnsi", "eastAsia", "cs"):
            el.set(qn(f"w:{attr}"), "Arial")


def _drop_header_table(doc):
    body = doc.element.body
    body.remove(body.find(qn("w:tbl")))


def _italic_off(doc):
    for p in doc.paragraphs:
        for r in p.runs:
            r.font.italic = False


def _no_page_numbers(doc):
    doc.sections[0].different_first_page_header_footer = False
    for el in list(doc.sections[0].header._element.iter(qn("w:instrText"))):
        el.text = " DATE "


def _margins(doc):
    doc.sections[0].left_margin = doc.sections[0].right_margin


@pytest.mark.parametrize(("change", "expected"), [
    (_to_arial, "Phông chữ phải là Times New Roman ở mọi chỗ; đang có: Arial."),
    (_drop_header_table, "Thiếu bảng tiêu đề hai cột"),
    (_italic_off, "Căn cứ ban hành phải in nghiêng."),
    (_no_page_numbers, "Thiếu số trang ở đầu trang"),
    (_margins, "Lề trái 15 mm, phải từ 30 đến 35 mm."),
])
def test_an_agency_template_breaking_the_format_is_found(draft_plan, change, expected):
    """What the register does with an uploaded template: render it with real data, check."""
    shipped = render_docx("ke-hoach", draft_plan).docx
    assert format_check.check(shipped, KIND) == []
    template = _changed(template_path(KIND).read_bytes(), change)
    rendered = render_docx("ke-hoach", draft_plan, template=template).docx
    problems = format_check.check(rendered, KIND)
    assert any(p.startswith(expected) for p in problems), problems


def test_not_a_docx_is_refused():
    assert format_check.check(b"not a zip", KIND) == [
        "Không đọc được tệp: không phải văn bản Word .docx."]
