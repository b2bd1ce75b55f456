"""The opinion survey form (Phiếu lấy ý kiến) of the upcoming conference read back from
the .docx: one page per covered village, the village printed, lines to write on, name and phone
optional, the QR code to the online form; not a numbered document."""

import unicodedata

import pytest
from django.test import override_settings
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_LEADER
from docx.oxml.ns import qn

from doithoai.core.qr import png
from doithoai.dialogues.models import Conference, Milestone
from doithoai.dialogues.selectors import conferences
from doithoai.documents.drawing import blank_form, format_check
from doithoai.documents.drawing import conference_text as ct
from doithoai.documents.drawing.format_check import reading
from doithoai.documents.kinds import phieu_lay_y_kien as forms
from doithoai.documents.registry import KINDS
from doithoai.documents.render import render_docx, template_path
from tests import builders
from tests.documents.conftest import nfd, props, read, texts

pytestmark = pytest.mark.django_db
KIND = KINDS["phieu-lay-y-kien"]


def scenario(out: dict) -> None:
    """Run once for the module (`made`), then rolled back."""
    conference = builders.upcoming_conference(builders.yearly_plan())
    out["pk"], out["title"] = conference.pk, conference.title
    out["villages"] = [v.name for v in forms.villages(conference)]
    out["covered"] = len(conferences.covered_villages(conference))
    out["due"] = conference.milestones.get(kind=Milestone.Kind.VILLAGE_OPINIONS).due_on
    out["form"] = render_docx("phieu-lay-y-kien", conference)
    with override_settings(PUBLIC_BASE_URL="https://doithoai.langson.gov.vn/"):
        out["public"] = render_docx("phieu-lay-y-kien", conference)
    village = forms.villages(conference)[0]
    village.name = nfd("Khòn Pát")
    village.save()
    conference.title = nfd("Hội nghị đối thoại về đường liên thôn Nà Pàn – Bản Chu")
    conference.save()
    out["nfd"] = render_docx("phieu-lay-y-kien", conference)
    village.name = "Khu dân cư tập trung " * 5  # 105 of 120 characters
    village.save()
    conference.title = "Hội nghị đối thoại " + "về giao thông nông thôn và đất đai " * 6
    conference.save()
    out["long"] = render_docx("phieu-lay-y-kien", conference)
    conference.milestones.filter(kind=Milestone.Kind.VILLAGE_OPINIONS).delete()
    conference.title = ""
    conference.save()
    out["gaps"] = render_docx("phieu-lay-y-kien", conference)


@pytest.fixture(scope="module")
def made(run_scenario):
    return run_scenario(scenario)


@pytest.fixture
def form(made):
    return read(made["form"].docx)


def test_registry_a_form_not_numbered():
    assert (KIND.code, KIND.abbreviation, KIND.source, KIND.template, KIND.numbered) == (
        "phieu-lay-y-kien", "", "dialogues.conference", "phieu-lay-y-kien.docx", False)
    assert template_path(KIND).is_file() and KIND.layout is not None
    assert all(kind.numbered for code, kind in KINDS.items()
               if code not in ("phieu-lay-y-kien", "phieu-dang-ky-phat-bieu"))


def test_the_form_keeps_the_form_rules_and_numbered_checks_still_bite(made):
    assert made["form"].missing == []
    assert format_check.check(made["form"].docx, KIND) == []
    # The same paper checked as a numbered document lacks what a numbered one must have.
    problems = format_check.check(made["form"].docx, KINDS["giay-moi"])
    assert "Thiếu dòng “Số: …” ở cột trái bảng tiêu đề." in problems
    assert any(p.startswith("Thiếu dòng địa danh và ngày tháng") for p in problems)
    assert "Nội dung văn bản phải kết thúc bằng dấu “./.”." in problems


def test_one_page_per_covered_village_in_order(made, form):
    n = len(made["villages"])
    assert n == made["covered"] and n > 3
    assert len(form.sections) == n
    for s in form.sections:
        assert (round(s.page_width.mm), round(s.page_height.mm)) == (210, 297)
        assert (round(s.left_margin.mm), round(s.right_margin.mm)) == (30, 15)
        assert s.different_first_page_header_footer
    lines = [p for p in texts(form.paragraphs) if p.text.startswith(("Thôn ", "Tổ ", "Khu "))]
    expected = [ct.village_line(name) for name in made["villages"]]
    assert [p.text.rstrip("\t") for p in lines] == expected
    assert all(name.startswith(("Thôn ", "Tổ dân phố", "Khu ")) for name in expected)
    assert not any(x.startswith("Thôn Thôn") for x in expected)
    assert next(r for r in lines[0].runs if r.text.strip()).font.bold


def test_header_without_number_or_date(form):
    header = form.tables[0]
    assert form.element.body[0].tag == qn("w:tbl")
    assert len(header.rows) == 1 and len(header.columns) == 2
    assert {el.get(qn("w:val")) for el in header._tbl.tblPr.find(qn("w:tblBorders"))} == {"nil"}
    assert [p.text for p in texts(header.cell(0, 0).paragraphs)] == ["ỦY BAN NHÂN DÂN",
                                                                      "XÃ ĐIỀM HE"]
    assert [p.text for p in texts(header.cell(0, 1).paragraphs)] == [
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"]
    for cell in (header.cell(0, 0), header.cell(0, 1)):
        rule = cell.paragraphs[-1]
        assert rule.text == "" and rule._p.pPr.find(f"{qn('w:pBdr')}/{qn('w:bottom')}") \
            is not None
    assert not any(p.text.startswith("Số:") for p in reading.all_paragraphs(form))


def test_title_fields_and_lines(made, form):
    lines = texts(form.paragraphs)
    title, summary = lines[0], lines[1]
    assert title.text == "PHIẾU LẤY Ý KIẾN"
    assert summary.text == "Về các nội dung đối thoại tại h" + made["title"][1:]
    for p in (title, summary):
        assert props(p) == {(14, True, False)} and p.alignment == WD_ALIGN_PARAGRAPH.CENTER
    paragraphs = form.paragraphs
    end = next(i for i, p in enumerate(paragraphs)
               if p._p.pPr is not None and p._p.pPr.find(qn("w:sectPr")) is not None)
    page = paragraphs[:end]  # the first village's page
    fields = [p for p in page if p.paragraph_format.tab_stops and len(p.paragraph_format
                                                                       .tab_stops)]
    labels = [p.text.rstrip("\t") for p in fields]
    assert labels[1:3] == ["Họ và tên (không bắt buộc): ", "Số điện thoại (không bắt buộc): "]
    assert labels[3:] == [""] * blank_form.WRITING_LINES
    for p in fields:
        stop = p.paragraph_format.tab_stops[0]
        assert stop.leader == WD_TAB_LEADER.DOTS and round(stop.position.mm) == 165
        assert p.text.endswith("\t")
    note = next(p for p in page if p.text.startswith("Phiếu gửi Trưởng thôn"))
    d = made["due"]
    assert f"trước ngày {d.day:02d}/{d.month:02d}/{d.year}." in note.text
    for p in texts(page):
        assert {size for size, _b, _i in props(p)} <= {12, 13, 14}


def test_qr_code_to_the_online_form_on_every_page(made, form):
    url = f"http://127.0.0.1:8000/gui-y-kien/?xa=ubnd-xa-diem-he&hoi-nghi={made['pk']}"
    assert [p.text for p in form.paragraphs if p.text.startswith("http")] == \
        [url] * len(made["villages"])
    blips = list(form.element.body.iter(qn("a:blip")))
    assert len(blips) == len(made["villages"])
    blobs = {form.part.related_parts[b.get(qn("r:embed"))].blob for b in blips}
    assert blobs == {png(url)}  # one picture part, shown on every page
    public = read(made["public"].docx)
    assert (f"https://doithoai.langson.gov.vn/gui-y-kien/?xa=ubnd-xa-diem-he&hoi-nghi="
            f"{made['pk']}") in [p.text for p in public.paragraphs]


def test_signature_of_the_writer(form):
    table = form.tables[1]
    right = [p.text for p in texts(table.cell(0, 1).paragraphs)]
    assert right == ["Điềm He, ngày      tháng      năm 2026", "NGƯỜI VIẾT PHIẾU",
                     "(Ký, ghi họ tên nếu muốn)"]
    assert not texts(table.cell(0, 0).paragraphs)


def test_times_new_roman_everywhere(form):
    for p in reading.all_paragraphs(form):
        for r in p.runs:
            if r.text.strip():
                fonts = r._element.rPr.find(qn("w:rFonts"))
                assert fonts.get(qn("w:ascii")) == fonts.get(qn("w:cs")) == "Times New Roman"


def test_missing_fields_listed_and_shown_as_gaps(made):
    assert made["gaps"].missing == ["tên hội nghị", "hạn thôn gửi ý kiến"]
    lines = [p.text for p in read(made["gaps"].docx).paragraphs]
    assert "Về các nội dung đối thoại tại …" in lines
    assert any("trước …. Có thể" in x for x in lines)
    assert format_check.check(made["gaps"].docx, KIND) == []


def test_a_conference_without_villages_gives_one_blank_form(commune):
    for village in commune.villages.all():
        village.is_active = False
        village.save()
    conference = Conference.objects.create(agency=commune, title="Hội nghị đối thoại thử")
    rendered = render_docx("phieu-lay-y-kien", conference)
    assert "thôn, tổ dân phố tham gia" in rendered.missing
    doc = read(rendered.docx)
    assert len(doc.sections) == 1
    assert "Thôn (tổ dân phố): \t" in [p.text for p in doc.paragraphs]


def test_nfd_input_comes_out_nfc(made):
    doc = read(made["nfd"].docx)
    assert unicodedata.is_normalized("NFC", doc.element.xml)
    lines = [p.text for p in doc.paragraphs]
    assert "Thôn Khòn Pát\t" in lines
    assert ("Về các nội dung đối thoại tại hội nghị đối thoại về đường liên thôn Nà Pàn – "
            "Bản Chu") in lines
    assert format_check.check(made["nfd"].docx, KIND) == []


def test_very_long_names_wrap(made):
    doc = read(made["long"].docx)
    assert any(p.text.startswith("Khu dân cư tập trung Khu dân cư") for p in doc.paragraphs)
    assert doc.tables[0]._tbl.tblPr.find(qn("w:tblLayout")).get(qn("w:type")) == "fixed"
    assert format_check.check(made["long"].docx, KIND) == []
