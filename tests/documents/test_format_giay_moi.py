"""The invitations (Giấy mời) of the upcoming conference read back from the .docx, rule
by rule: one invitation per invitee, each on its own page (a section of its own), with the
check-in code printed and as a QR code; NFD text, very long names and 500 invitees."""

import datetime as dt
import unicodedata

import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn

from doithoai.core import tracking
from doithoai.core.qr import png
from doithoai.dialogues.models import Conference, Delegate, Invitation
from doithoai.dialogues.selectors import delegates as delegates_reads
from doithoai.documents.drawing import format_check
from doithoai.documents.drawing.format_check import reading
from doithoai.documents.kinds import giay_moi as invitation_context
from doithoai.documents.registry import KINDS
from doithoai.documents.render import render_docx, template_path
from doithoai.org.models import Person
from tests import builders
from tests.documents.conftest import nfd, props, read, texts

pytestmark = pytest.mark.django_db
KIND = KINDS["giay-moi"]
ISSUED_ON = dt.date(2026, 11, 27)


def section_breaks(doc):
    return [p for p in doc.paragraphs
            if p._p.pPr is not None and p._p.pPr.find(qn("w:sectPr")) is not None]


def image_blobs(doc):
    part = doc.part
    blobs = []
    for blip in doc.element.body.iter(qn("a:blip")):
        blobs.append(part.related_parts[blip.get(qn("r:embed"))].blob)
    return blobs


def scenario(out: dict) -> None:
    """Run once for the module (`made`), then rolled back."""
    conference = builders.upcoming_conference(builders.yearly_plan())
    invited = list(invitation_context.delegates(conference))
    out["invited"] = [(d.full_name, d.position, d.invitation.code, d.person_id)
                      for d in invited]
    out["listed"] = [d.pk for d in delegates_reads.in_list_order(
        conference.delegates.filter(invitation__isnull=False))
        if d.person_id != conference.chair_id]
    out["order"] = [d.pk for d in invited]
    out["chair"] = conference.chair
    out["title"] = conference.title
    out["issued"] = render_docx("giay-moi", conference, number=5, issued_on=ISSUED_ON)
    out["draft"] = render_docx("giay-moi", conference)
    out["one"] = render_docx("giay-moi-dai-bieu", invited[1], number=5, issued_on=ISSUED_ON)
    out["one/who"] = invited[1].invitation.code
    first = invited[0]
    first.full_name = nfd("Hoàng Thị Diệu Hiền")
    first.position = nfd("Trưởng ban Công tác Mặt trận thôn Khòn Pát")
    first.save()
    conference.venue = nfd("Nhà văn hóa thôn Nà Pàn")
    conference.save()
    out["nfd"] = render_docx("giay-moi", conference, number=5, issued_on=ISSUED_ON)
    first.full_name = "Nguyễn Hoàng Phương Thảo Bảo Ngọc Khánh Linh Thị Mai Anh Đào"
    first.position = "Phó Trưởng ban Thanh tra nhân dân " * 4
    first.save()
    out["long"] = render_docx("giay-moi", conference, number=5, issued_on=ISSUED_ON)
    conference.venue, conference.starts_at, conference.chair = "", None, None
    conference.save()
    out["gaps"] = render_docx("giay-moi", conference)


@pytest.fixture(scope="module")
def made(run_scenario):
    return run_scenario(scenario)


@pytest.fixture
def issued(made):
    return read(made["issued"].docx)


def test_registry_and_shipped_template():
    assert (KIND.code, KIND.abbreviation, KIND.source, KIND.template) == (
        "giay-moi", "GM", "dialogues.conference", "giay-moi.docx")
    assert template_path(KIND).is_file()
    assert KIND.layout is not None


def test_the_invitations_keep_every_rule(made):
    assert len(made["invited"]) > 50
    assert made["issued"].missing == []
    assert format_check.check(made["issued"].docx, KIND) == []
    assert format_check.check(made["draft"].docx, KIND) == []


def test_one_invitation_per_invitee_in_list_order_without_the_signer(made, issued):
    assert made["order"] == made["listed"]
    assert made["chair"].pk not in {person for *_, person in made["invited"]}
    n = len(made["invited"])
    assert len(issued.tables) == 2 * n  # a header and a signature table each
    addressed = [p.text for p in texts(issued.paragraphs) if p.text.startswith("Kính gửi: ")]
    expected = []
    for name, position, _code, _person in made["invited"]:
        assert name or position
        expected.append(f"Kính gửi: Ông/Bà {name}" if name else f"Kính gửi: {position}")
    assert [a[:len(e)] for a, e in zip(addressed, expected, strict=True)] == expected
    village_head = next(a for a in addressed if "Trưởng thôn" in a)
    assert not village_head.endswith("Trưởng thôn")  # says which village
    assert "Trưởng thôn Thôn" not in village_head and "thôn thôn" not in village_head.lower()


def test_each_invitation_on_its_own_page_numbered_from_its_second(made, issued):
    n = len(made["invited"])
    breaks = section_breaks(issued)
    assert len(breaks) == n - 1 and len(issued.sections) == n
    for p in breaks:
        assert p.text == ""
        sect = p._p.pPr.find(qn("w:sectPr"))
        assert sect.find(qn("w:type")).get(qn("w:val")) == "nextPage"
        assert sect.find(qn("w:pgNumType")).get(qn("w:start")) == "1"
    for s in issued.sections:
        assert (round(s.page_width.mm), round(s.page_height.mm)) == (210, 297)
        assert (round(s.top_margin.mm), round(s.bottom_margin.mm), round(s.left_margin.mm),
                round(s.right_margin.mm)) == (20, 20, 30, 15)
        assert s.different_first_page_header_footer
        assert "PAGE" in "".join(el.text for el in s.header._element.iter(qn("w:instrText")))
        assert not list(s.first_page_header._element.iter(qn("w:instrText")))


def test_times_new_roman_black_everywhere(issued):
    runs = [r for p in reading.all_paragraphs(issued) for r in p.runs if r.text.strip()]
    for r in runs:
        fonts = r._element.rPr.find(qn("w:rFonts"))
        assert {fonts.get(qn(f"w:{k}")) for k in ("ascii", "hAnsi", "eastAsia", "cs")} == \
            {"Times New Roman"}, r.text
        assert str(r.font.color.rgb) == "000000"


def test_header_number_and_date_on_every_invitation(made, issued):
    headers = issued.tables[0::2]
    assert len(headers) == len(made["invited"])
    for table in headers:
        assert [p.text for p in texts(table.cell(0, 0).paragraphs)] == ["ỦY BAN NHÂN DÂN",
                                                                         "XÃ ĐIỀM HE"]
        assert [p.text for p in texts(table.cell(0, 1).paragraphs)] == [
            "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"]
        (number,) = texts(table.cell(1, 0).paragraphs)
        (date,) = texts(table.cell(1, 1).paragraphs)
        assert number.text == "Số: 05/GM-UBND" and props(number) == {(13, False, False)}
        assert date.text == "Điềm He, ngày 27 tháng 11 năm 2026"
        assert props(date) == {(13, False, True)}
    draft = read(made["draft"].docx).tables[0]
    assert texts(draft.cell(1, 0).paragraphs)[0].text == "Số:      /GM-UBND"
    assert texts(draft.cell(1, 1).paragraphs)[0].text == "Điềm He, ngày      tháng      năm 2026"


def test_title_summary_and_body(made, issued):
    lines = texts(issued.paragraphs)
    titles = [i for i, p in enumerate(lines) if p.text == "GIẤY MỜI"]
    assert len(titles) == len(made["invited"])
    title, summary = lines[titles[0]], lines[titles[0] + 1]
    assert summary.text == "Dự h" + made["title"][1:]
    for p in (title, summary):
        assert props(p) == {(14, True, False)} and p.alignment == WD_ALIGN_PARAGRAPH.CENTER
    one = [p.text for p in lines[titles[0]:titles[1]]]
    assert one[3].startswith("Ủy ban nhân dân xã Điềm He trân trọng kính mời Ông/Bà tới dự h")
    assert one[4] == "1. Thời gian: 08 giờ 00 phút, thứ Sáu, ngày 11 tháng 12 năm 2026."
    assert one[5].startswith("2. Địa điểm: ")
    assert one[6] == "3. Nội dung"
    assert one[-1].endswith("Rất mong Ông/Bà đến dự đúng thời gian./.")
    for p in lines[titles[0] + 3:titles[1]]:
        if p.alignment == WD_ALIGN_PARAGRAPH.CENTER:
            continue
        pf = p.paragraph_format
        assert pf.alignment == WD_ALIGN_PARAGRAPH.JUSTIFY, p.text
        assert round(pf.first_line_indent.cm, 2) == 1.27 and pf.space_after.pt >= 6
        assert pf.line_spacing == 1.0
        assert {size for size, _b, _i in props(p)} == {14}


def test_check_in_code_printed_and_as_qr_image(made, issued):
    codes = [code for _n, _p, code, _person in made["invited"]]
    printed = [p for p in texts(issued.paragraphs) if p.text.startswith("Mã điểm danh: ")]
    assert [p.text for p in printed] == [f"Mã điểm danh: {c}" for c in codes]
    for p in printed:
        assert p.alignment == WD_ALIGN_PARAGRAPH.CENTER
        code_run = p.runs[-1]
        assert (code_run.font.size.pt, code_run.font.bold) == (16, True)
    drawings = list(issued.element.body.iter(qn("w:drawing")))
    assert len(drawings) == len(codes)
    # each picture is the QR code of that invitation's code, in order, about 22 mm wide
    assert image_blobs(issued) == [png(c) for c in codes]
    extent = drawings[0].find(f".//{qn('wp:extent')}")
    assert round(int(extent.get("cx")) / 36000) == 22
    qr_paragraph = next(p for p in issued.paragraphs if p._p.find(f".//{qn('w:drawing')}")
                        is not None)
    assert qr_paragraph.alignment == WD_ALIGN_PARAGRAPH.CENTER


def test_signature_block_on_every_invitation(made, issued):
    for table in issued.tables[1::2]:
        left = texts(table.cell(0, 0).paragraphs)
        assert [p.text for p in left] == ["Nơi nhận:", "- Như trên;", "- Lưu: VT, VP."]
        right = texts(table.cell(0, 1).paragraphs)
        assert [p.text for p in right] == ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH",
                                           made["chair"].full_name]
        for p in right:
            assert props(p) == {(14, True, False)}


def test_missing_fields_listed_and_draft_shows_gaps(made):
    assert made["gaps"].missing == ["giờ bắt đầu", "địa điểm", "người ký (chủ trì hội nghị)"]
    lines = [p.text for p in texts(read(made["gaps"].docx).paragraphs)]
    assert "1. Thời gian: … giờ, thứ Sáu, ngày 11 tháng 12 năm 2026." in lines
    assert "2. Địa điểm: …" in lines


def test_no_invitation_yet_renders_one_blank_invitation(commune):
    conference = Conference.objects.create(agency=commune, title="Hội nghị đối thoại thử")
    rendered = render_docx("giay-moi", conference)
    assert rendered.missing == ["ngày tổ chức", "giờ bắt đầu", "địa điểm",
                                "người ký (chủ trì hội nghị)",
                                "đại biểu có giấy mời (mã điểm danh)"]
    doc = read(rendered.docx)
    assert "Kính gửi: …" in [p.text for p in doc.paragraphs]
    assert not list(doc.element.body.iter(qn("w:drawing")))


def test_nfd_input_comes_out_nfc(made):
    doc = read(made["nfd"].docx)
    assert unicodedata.is_normalized("NFC", doc.element.xml)
    lines = [p.text for p in doc.paragraphs]
    assert ("Kính gửi: Ông/Bà Hoàng Thị Diệu Hiền — Trưởng ban Công tác Mặt trận thôn "
            "Khòn Pát") in lines
    assert "2. Địa điểm: Nhà văn hóa thôn Nà Pàn." in lines
    assert format_check.check(made["nfd"].docx, KIND) == []


def test_very_long_names_wrap(made):
    doc = read(made["long"].docx)
    first = next(p for p in doc.paragraphs if p.text.startswith("Kính gửi: "))
    assert "Nguyễn Hoàng Phương Thảo Bảo Ngọc Khánh Linh Thị Mai Anh Đào" in first.text
    assert first.alignment == WD_ALIGN_PARAGRAPH.CENTER
    for table in doc.tables[:2]:
        assert table._tbl.tblPr.find(qn("w:tblLayout")).get(qn("w:type")) == "fixed"
    assert format_check.check(made["long"].docx, KIND) == []


def test_500_invitees_merged_in_one_file(commune):
    chair = Person.objects.filter(agency=commune, position__startswith="Chủ tịch UBND").first()
    conference = Conference.objects.create(
        agency=commune, title="Hội nghị đối thoại với Nhân dân năm 2026",
        held_on=dt.date(2026, 12, 11), starts_at=dt.time(8), venue="Hội trường UBND xã",
        chair=chair, topics="Giao thông nông thôn\nĐất đai")
    villages = list(commune.villages.all()) if hasattr(commune, "villages") else []
    delegates = Delegate.objects.bulk_create([
        Delegate(conference=conference, side="citizen",
                 village=villages[i % len(villages)] if villages else None,
                 full_name=f"Nông Văn Đại Biểu {i:03d}", position="Đại diện Nhân dân")
        for i in range(500)])
    codes, seen = [], set()
    while len(codes) < 500:
        code = tracking.new_code()
        if code not in seen:
            seen.add(code)
            codes.append(code)
    Invitation.objects.bulk_create([Invitation(delegate=d, code=c)
                                    for d, c in zip(delegates, codes, strict=True)])
    # How fast it is merged is measured by bench/documents.py, not here.
    rendered = render_docx("giay-moi", conference, number=12, issued_on=ISSUED_ON)
    assert rendered.missing == []
    doc = read(rendered.docx)
    assert len(doc.sections) == 500 and len(section_breaks(doc)) == 499
    assert len(list(doc.element.body.iter(qn("w:drawing")))) == 500
    assert sum(p.text.startswith("Kính gửi: Ông/Bà Nông Văn Đại Biểu") for p in doc.paragraphs
               ) == 500
    assert format_check.check(rendered.docx, KIND) == []


def test_one_invitees_invitation_is_his_page_of_the_conferences(made):
    kind = KINDS["giay-moi-dai-bieu"]
    assert format_check.check(made["one"].docx, kind) == []
    doc = read(made["one"].docx)
    text = "\n".join(p.text for p in doc.paragraphs)
    assert text.count("Mã điểm danh") == 1 and made["one/who"] in text
    assert len(doc.sections) == 1
    assert made["one"].missing == []
