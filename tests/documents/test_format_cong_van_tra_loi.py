"""The written answer to a petitioner (công văn trả lời, "Số: 12/UBND-VP", "V/v …" under it)
read back from the .docx element by element: a petition with a published answer, several
petitioners, a denunciation and a transferred complaint (no letter), a draft answer, no
answer, no name, no signer, the vice-chairman who approved, NFD text, very long names and
text; then issuing through the petition page, which fills the answer's number (audited)."""

from __future__ import annotations

import datetime as dt
import unicodedata

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn

from doithoai.audit.models import AuditEvent
from doithoai.core import decree30
from doithoai.documents.actions import register as register_actions
from doithoai.documents.drawing import format_check
from doithoai.documents.drawing.context import letter_symbol
from doithoai.documents.drawing.format_check import reading
from doithoai.documents.kinds import cong_van_tra_loi as letter
from doithoai.documents.models import Document, DocumentRegister, register_code
from doithoai.documents.registry import KINDS
from doithoai.documents.render import render_docx, template_path
from doithoai.org.models import Person, Unit, User, Village
from doithoai.petitions.actions import answers, assignments
from doithoai.petitions.actions import intake as petition_intake
from doithoai.petitions.models import Answer, Channel, Kind, Petition, Petitioner
from tests import builders
from tests.documents.conftest import lines, nfd, props, read, texts

pytestmark = pytest.mark.django_db
SIGN = "UBND-DVCI"
CODE = "cong-van-tra-loi"
KIND = KINDS[CODE]
ISSUED_ON = dt.date(2026, 11, 5)
LONG_NAME = "Nguyễn Hoàng Phương Thảo Bảo Ngọc Khánh Linh Thị Mai Anh Hồng Nhung Diệu Hiền"
CASES = ("issued", "draft", "several", "denunciation", "transferred", "drafted", "no_answer",
         "anonymous", "vice", "nfd", "long", "no_signer")


def cell(doc, row, col, table=0) -> list:
    return texts(doc.tables[table].cell(row, col).paragraphs)


def _facts(petition: Petition) -> dict:
    answer = letter.current_answer(petition)
    return {"pk": petition.pk, "code": petition.tracking_code, "text": petition.text,
            "received_on": petition.received_on, "unit": petition.unit.name,
            "answer": answer.text,
            "people": [(p.full_name, p.address) for p in petition.petitioners.order_by("pk")]}


def _refusal(petition: Petition) -> str:
    clerk = User.objects.get(username="vanphong")
    try:
        register_actions.issue(signed=True, actor=clerk, kind_code=CODE, obj=petition)
    except ValidationError as exc:
        return " ".join(exc.messages)
    raise AssertionError("issued")


def scenario(out: dict) -> None:
    """Run once for the module (`made`), then rolled back."""
    letters = builders.letters()
    published = letters["published"]
    # An answer sent with the number of its own letter: reprinted as it was.
    out["sent"] = render_docx(CODE, letters["sent"])
    out["sent_number"] = letter.current_answer(letters["sent"]).document_number
    out["sent_refusal"] = _refusal(letters["sent"])
    out["pub"] = _facts(published)
    out["sign"] = letter_symbol(published.agency, published.unit)  # "UBND-DVCI"
    out["chair"] = Person.objects.get(agency=published.agency,
                                      position__istartswith="Chủ tịch UBND").full_name
    out["issued"] = render_docx(CODE, published, number=12, issued_on=ISSUED_ON)
    out["draft"] = render_docx(CODE, published)

    # Several petitioners: a petition grouped with others in an issue, one more person added.
    grouped = letters["grouped"]
    Petitioner.objects.create(petition=grouped, full_name="Lộc Thị Hạnh",
                              village=Village.objects.get(name="Thôn Nà Hu"))
    out["several_people"] = [p.full_name for p in grouped.petitioners.order_by("pk")]
    out["siblings"] = list(Petitioner.objects.filter(petition__issue=grouped.issue)
                           .exclude(petition=grouped).exclude(full_name="")
                           .values_list("full_name", flat=True))
    out["several"] = render_docx(CODE, grouped, number=13, issued_on=ISSUED_ON)

    denunciation = letters["denunciation"]
    out["denunciation_facts"] = _facts_private(denunciation)
    out["denunciation"] = render_docx(CODE, denunciation)
    out["denunciation_refusal"] = _refusal(denunciation)
    transferred = letters["complaint"]
    out["transferred"] = render_docx(CODE, transferred)

    drafted = letters["drafted"]
    out["drafted_answer"] = letter.current_answer(drafted).text
    out["drafted"] = render_docx(CODE, drafted)
    no_answer = letters["assigned"]
    out["no_answer"] = render_docx(CODE, no_answer)
    anonymous = letters["anonymous"]
    out["anonymous"] = render_docx(CODE, anonymous)
    out["anonymous_refusal"] = _refusal(anonymous)

    # Approved by the vice-chairman: he signs for the chairman.
    Answer.objects.filter(petition=published, is_current=True).update(
        approved_by=User.objects.get(username="phochutich"))
    out["vice"] = render_docx(CODE, published, number=14, issued_on=ISSUED_ON)

    Petitioner.objects.filter(petition=published).update(full_name=nfd("Hoàng Thị Diệu Hiền"))
    Answer.objects.filter(petition=published, is_current=True).update(
        text=nfd("Phòng Kinh tế đã khảo sát đường Khuổi Slằng.\nXã sửa ngầm tràn trong quý I."))
    published.text = nfd("Đường Khuổi Slằng – Nà Pàn xuống cấp.")
    out["nfd"] = render_docx(CODE, published, number=15, issued_on=ISSUED_ON)

    Petitioner.objects.filter(petition=published).update(
        full_name=LONG_NAME, address="Xóm " + "Nhà văn hóa trung tâm cụm thôn " * 6)
    Answer.objects.filter(petition=published, is_current=True).update(
        text="\n".join(f"Nội dung trả lời đoạn {i}: " + "xã đã kiểm tra, xử lý. " * 12
                       for i in range(1, 41)))
    published.text = "Đề nghị sửa đường. " * 520  # close to the 10 000 characters allowed
    published.agency.header_issuer = ("ỦY BAN NHÂN DÂN / XÃ ĐIỀM HE MỞ RỘNG THEO NGHỊ QUYẾT "
                                      "SÁP NHẬP ĐƠN VỊ HÀNH CHÍNH CẤP XÃ")
    out["long"] = render_docx(CODE, published, number=16, issued_on=ISSUED_ON)

    # Nobody to sign: the chairman's post is empty and the approver no longer leads.
    Person.objects.filter(agency=published.agency, position__icontains="Chủ tịch UBND").update(
        position="Chuyên viên")
    out["no_signer"] = render_docx(CODE, Petition.objects.get(pk=published.pk))


def _facts_private(petition: Petition) -> dict:
    return {"text": petition.text, "code": petition.tracking_code,
            "people": [p.full_name for p in petition.petitioners.all() if p.full_name]}


@pytest.fixture(scope="module")
def made(run_scenario):
    return run_scenario(scenario)


@pytest.fixture
def issued(made):
    return read(made["issued"].docx)


# --- the format, element by element --------------------------------------------------------

@pytest.mark.parametrize("key", CASES)
def test_every_case_keeps_the_format(made, key):
    assert format_check.check(made[key].docx, KIND) == []


def test_registered_without_type_abbreviation_with_its_template():
    assert KIND.abbreviation == "" and KIND.numbered and KIND.source == "petitions.petition"
    assert template_path(KIND).is_file()
    assert register_code(KIND.abbreviation) == "CV"  # the register of công văn


def test_page_and_fonts(issued):
    s = issued.sections[0]
    assert (round(s.page_width.mm), round(s.page_height.mm)) == (210, 297)
    assert (round(s.top_margin.mm), round(s.bottom_margin.mm), round(s.left_margin.mm),
            round(s.right_margin.mm)) == (20, 20, 30, 15)
    runs = [r for p in reading.all_paragraphs(issued) for r in p.runs if r.text.strip()]
    assert len(runs) > 20
    for r in runs:
        fonts = r._element.rPr.find(qn("w:rFonts"))
        assert {fonts.get(qn(f"w:{k}")) for k in ("ascii", "hAnsi", "eastAsia", "cs")} == \
            {"Times New Roman"}, r.text
        assert str(r.font.color.rgb) == "000000"


def test_header_issuer_and_national_title(issued):
    table = issued.tables[0]
    assert issued.element.body[0].tag == qn("w:tbl")
    assert len(table.columns) == 2 and len(table.rows) == 2
    assert {el.get(qn("w:val")) for el in table._tbl.tblPr.find(qn("w:tblBorders"))} == {"nil"}
    left = cell(issued, 0, 0)
    assert [p.text for p in left] == ["ỦY BAN NHÂN DÂN", "XÃ ĐIỀM HE"]
    assert all(props(p) == {(13, True, False)} for p in left)
    rule = table.cell(0, 0).paragraphs[-1]
    assert rule.text == "" and rule._p.pPr.find(f"{qn('w:pBdr')}/{qn('w:bottom')}") is not None
    right = cell(issued, 0, 1)
    assert [p.text for p in right] == ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
                                       "Độc lập - Tự do - Hạnh phúc"]
    assert props(right[0]) == {(12, True, False)} and props(right[1]) == {(13, True, False)}


def test_number_without_type_then_summary_under_it_and_date_level(issued):
    number, *summary = cell(issued, 1, 0)
    assert number.text == f"Số: 12/{SIGN}"
    assert props(number) == {(13, False, False)}
    # "V/v …" under the number: 12 pt, upright, regular, centred, 6 pt below the number.
    assert [p.text for p in summary] == ["V/v trả lời ý kiến, kiến nghị", "của công dân"]
    for p in summary:
        assert props(p) == {(12, False, False)}
        assert p.alignment == WD_ALIGN_PARAGRAPH.CENTER
    paragraphs = issued.tables[0].cell(1, 0).paragraphs
    spacer = paragraphs[paragraphs.index(next(p for p in paragraphs if p.text == number.text))
                        + 1]
    assert spacer.text == "" and spacer.paragraph_format.space_after.pt == 0
    (date,) = cell(issued, 1, 1)
    assert date.text == "Điềm He, ngày 05 tháng 11 năm 2026"
    assert props(date) == {(13, False, True)}


def test_draft_has_blank_number_and_date(made):
    doc = read(made["draft"].docx)
    assert made["sign"] == SIGN  # the unit that drafted the answer: Trung tâm Dịch vụ công ích
    assert cell(doc, 1, 0)[0].text == f"Số:      /{SIGN}"
    assert cell(doc, 1, 1)[0].text == "Điềm He, ngày      tháng      năm 2026"
    assert made["draft"].missing == []


def test_no_title_block_but_kinh_gui(issued, made):
    first = texts(issued.paragraphs)[0]
    name, address = made["pub"]["people"][0]
    assert first.text == f"Kính gửi: Ông/Bà {name}, {letter.in_text(address)}"
    assert address.startswith("Thôn ") and first.text.endswith(", xã Điềm He")
    assert props(first) == {(14, False, False)}
    assert first.alignment == WD_ALIGN_PARAGRAPH.CENTER
    assert not any(p.text in ("CÔNG VĂN", "THÔNG BÁO") for p in issued.paragraphs)


def test_body_tells_what_was_received_and_the_answer(issued, made):
    got = lines(issued)
    pub = made["pub"]
    received = decree30.date_text(pub["received_on"])
    assert got[1].startswith(f"Ủy ban nhân dân xã Điềm He nhận được ý kiến, kiến nghị của "
                             f"Ông/Bà gửi {received} (qua ")
    assert f"; mã tra cứu {pub['code']}) với nội dung: “" in got[1]
    assert got[1].endswith(" ".join(pub["text"].split()).rstrip(" .;") + "”.")
    assert got[2] == (f"Sau khi xem xét, trên cơ sở đề xuất của {pub['unit']}, Ủy ban nhân dân "
                      f"xã trả lời như sau:")
    assert got[3] == pub["answer"]
    assert got[4] == "Ủy ban nhân dân xã trả lời để Ông/Bà được biết./."
    assert len(got) == 5
    for p in texts(issued.paragraphs)[1:]:
        assert props(p) == {(14, False, False)}
        assert p.alignment == WD_ALIGN_PARAGRAPH.JUSTIFY
        assert round(p.paragraph_format.first_line_indent.cm, 2) == 1.27
        assert p.paragraph_format.space_after.pt >= 6


def test_signature_and_recipients(issued, made):
    right = [p.text for p in cell(issued, 0, 1, table=-1)]
    assert right == ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", made["chair"]]
    assert all(props(p) == {(14, True, False)} for p in cell(issued, 0, 1, table=-1))
    left = cell(issued, 0, 0, table=-1)
    assert left[0].text == "Nơi nhận:" and props(left[0]) == {(12, True, True)}
    assert [p.text for p in left[1:]] == ["- Như trên;", f"- {made['pub']['unit']};",
                                          "- Lưu: VT, VP."]
    assert all(props(p) == {(11, False, False)} for p in left[1:])


def test_vice_chairman_who_approved_signs_for_the_chairman(made):
    doc = read(made["vice"].docx)
    assert [p.text for p in cell(doc, 0, 1, table=-1)] == [
        "TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Hoàng Văn Tuấn"]
    assert made["vice"].missing == []


def test_page_numbers_from_page_two(issued):
    section = issued.sections[0]
    assert section.different_first_page_header_footer
    assert any(reading.has_page_field(p) for p in section.header.paragraphs)
    assert not any(reading.has_page_field(p)
                   for p in section.first_page_header.paragraphs)


# --- who it is addressed to ----------------------------------------------------------------

def test_several_petitioners_one_line_each(made):
    doc = read(made["several"].docx)
    got = texts(doc.paragraphs)
    people = made["several_people"]
    assert len(people) >= 2 and people[-1] == "Lộc Thị Hạnh"
    assert got[0].text == "Kính gửi:"
    items = [p.text for p in got[1:1 + len(people)]]
    assert [i.split(",")[0] for i in items] == [f"- Ông/Bà {name}" for name in people]
    assert all(i.endswith(";") for i in items[:-1]) and items[-1].endswith(".")
    assert items[-1] == "- Ông/Bà Lộc Thị Hạnh, thôn Nà Hu, xã Điềm He."
    for p in got[:1 + len(people)]:
        assert props(p) == {(14, False, False)}
    # the dashes stand in line under the colon of "Kính gửi:"
    greeting_left = got[0].paragraph_format.left_indent.mm
    for p in got[1:1 + len(people)]:
        pf = p.paragraph_format
        assert round(pf.left_indent.mm + pf.first_line_indent.mm) == round(greeting_left + 18)
    body = [p.text for p in got[1 + len(people):]]
    assert "của các Ông/Bà có tên trên gửi" in body[0]
    assert body[-1] == "Ủy ban nhân dân xã trả lời để các Ông/Bà được biết./."
    # only this petition's petitioners: the others of its issue get their own letters
    all_text = "\n".join(p.text for p in reading.all_paragraphs(doc))
    assert not any(name in all_text for name in made["siblings"] if name not in people)


def test_denunciation_gets_no_letter_and_stays_secret(made):
    reason = ("không lập công văn trả lời cho đơn tố cáo (giải quyết theo Luật Tố cáo 2018, "
              "giữ bí mật người tố cáo)")
    assert made["denunciation"].missing == [reason]
    assert made["denunciation_refusal"] == f"Chưa ban hành được, còn thiếu: {reason}."
    doc = read(made["denunciation"].docx)
    all_text = "\n".join(p.text for p in reading.all_paragraphs(doc))
    facts = made["denunciation_facts"]
    assert facts["people"] and not any(name in all_text for name in facts["people"])
    assert facts["text"][:40] not in all_text and facts["code"] not in all_text
    assert "Kính gửi: Ông/Bà …" in all_text
    assert made["transferred"].missing == [
        "không lập công văn trả lời cho đơn đã chuyển giải quyết theo thủ tục khiếu nại, tố cáo"]


def test_missing_fields_listed_and_draft_still_renders(made):
    assert made["drafted"].missing == ["lãnh đạo duyệt nội dung trả lời"]
    assert made["drafted_answer"].strip() in lines(read(made["drafted"].docx))
    assert made["no_answer"].missing == ["nội dung trả lời"]
    assert "…" in lines(read(made["no_answer"].docx))
    unnamed = ("họ tên người gửi (ý kiến không ghi tên nên không gửi được công văn trả lời)")
    assert made["anonymous"].missing == [unnamed]
    assert made["anonymous_refusal"] == f"Chưa ban hành được, còn thiếu: {unnamed}."
    got = lines(read(made["anonymous"].docx))
    assert got[0] == "Kính gửi: Ông/Bà …" and "của công dân gửi" in got[1]
    assert made["no_signer"].missing == ["người ký"]
    doc = read(made["no_signer"].docx)
    assert [p.text for p in cell(doc, 0, 1, table=-1)] == ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"]


def test_nfd_input_comes_out_nfc(made):
    doc = read(made["nfd"].docx)
    assert unicodedata.is_normalized("NFC", doc.element.xml)
    got = lines(doc)
    assert got[0].startswith("Kính gửi: Ông/Bà Hoàng Thị Diệu Hiền, ")
    assert "“Đường Khuổi Slằng – Nà Pàn xuống cấp”." in got[1]
    assert got[3:5] == ["Phòng Kinh tế đã khảo sát đường Khuổi Slằng.",
                        "Xã sửa ngầm tràn trong quý I."]


def test_very_long_names_and_text_wrap_inside_fixed_tables(made):
    doc = read(made["long"].docx)
    header, signature = doc.tables
    assert tuple(round(c.width.mm) for c in header.columns) == (64, 101)
    assert tuple(round(c.width.mm) for c in signature.columns) == (80, 85)
    assert cell(doc, 0, 0)[-1].text.startswith("XÃ ĐIỀM HE MỞ RỘNG")
    got = lines(doc)
    assert got[0].startswith(f"Kính gửi: Ông/Bà {LONG_NAME}, xóm Nhà văn hóa")
    assert len(got[1]) > 9000
    assert sum(1 for x in got if x.startswith("Nội dung trả lời đoạn ")) == 40
    assert got[-1].endswith("được biết./.")
    # the signature block stays on one page with the closing sentence before it
    assert all(row._tr.trPr.find(qn("w:cantSplit")) is not None for row in signature.rows)


def test_format_check_finds_a_letter_without_kinh_gui_or_summary(made):
    doc = read(made["issued"].docx)
    for r in texts(doc.paragraphs)[0].runs:
        r.text = r.text.replace("Kính gửi: ", "Gửi ")
    for p in doc.tables[0].cell(1, 0).paragraphs:
        for r in p.runs:
            r.text = r.text.replace("V/v ", "Về việc ")
    import io

    buffer = io.BytesIO()
    doc.save(buffer)
    problems = format_check.check(buffer.getvalue(), KIND)
    assert "Công văn phải có “Kính gửi: …” trước nội dung." in problems
    assert "Công văn phải có trích yếu “V/v …” dưới số, ký hiệu (cột trái tiêu đề)." in problems


# --- issuing from the petition page ---------------------------------------------------------

def _answered(commune, document_number: str = "", **intake) -> Petition:
    """A petition of the demo commune taken through the real services: received by the
    office, assigned to Phòng Kinh tế, answered by its officer (under `document_number`, the
    letter it was sent as, or none),
    approved by the chairwoman and published."""
    clerk, leader = (User.objects.get(username=u) for u in ("vanphong", "chutich"))
    village = Village.objects.get(agency=commune, name="Thôn Bản Chu")
    p = petition_intake.receive(petition_intake.Intake(
        agency=commune, text="Đường từ thôn Bản Chu đi Nà Pàn xuống cấp, đề nghị sửa chữa.",
        channel=Channel.OFFICE, received_on=timezone.localdate(), village_id=village.pk,
        petitioners=[petition_intake.PetitionerData(full_name="Hoàng Văn Pản",
                                                    village_id=village.pk)], **intake), actor=clerk)
    if p.kind == Kind.DENUNCIATION:
        return p
    p = assignments.classify(actor=clerk, petition=p, kind=Kind.OPINION, field=None,
                             urgency="normal", village_id=village.pk, version=p.version)
    p = assignments.assign(actor=clerk, petition=p, version=p.version,
                           unit=Unit.objects.get(agency=commune, code="kinh-te"))
    answers.draft_answer(actor=User.objects.get(username="kinhte"), petition=p,
                         text="Xã đưa tuyến đường vào kế hoạch năm 2027.", version=p.version,
                         document_number=document_number,
                         document_date=timezone.localdate() if document_number else None)
    p.refresh_from_db()
    p = answers.approve_answer(actor=leader, petition=p, version=p.version)
    return answers.publish_answer(actor=clerk, petition=p, version=p.version)


def test_the_clerk_issues_from_the_petition_page_and_the_answer_names_the_letter(client,
                                                                                  commune):
    petition = _answered(commune)
    page_url = reverse("petitions:detail", args=[petition.pk])
    issue_url = reverse("documents:issue", args=[CODE, petition.pk])
    client.force_login(User.objects.get(username="vanphong"))
    page = client.get(page_url).content.decode()
    assert "Công văn trả lời ý kiến, kiến nghị" in page
    assert reverse("documents:draft_docx", args=[CODE, petition.pk]) in page
    assert issue_url in page and "Ban hành (cấp số" in page

    today = timezone.localdate()
    response = client.post(issue_url, {"da_ky": "on", "ngay": today.isoformat(), "next": page_url})
    assert response.status_code == 302 and response["Location"] == page_url
    document = Document.objects.get(kind=CODE)
    # The register of công văn, the sign of the unit that drafted the answer (Phòng Kinh tế).
    assert document.number_text == "01/UBND-KT" and document.register.code == "CV"
    answer = Answer.objects.get(petition=petition, is_current=True)
    assert (answer.document_number, answer.document_date) == ("01/UBND-KT", today)
    event = AuditEvent.objects.get(action="answer.letter_issued")
    assert event.object_id == str(answer.pk) and event.actor.username == "vanphong"
    assert event.before["document_number"] == "" and \
        event.after["document_number"] == "01/UBND-KT"
    page = client.get(page_url).content.decode()
    assert "Số 01/UBND-KT" in page and "Ban hành (cấp số" not in page
    public = client.get(reverse("public:track_code", args=[petition.tracking_code]))
    assert "Văn bản số 01/UBND-KT" in public.content.decode()

    # A correction replaces the number the answer names.
    correction = register_actions.correct(actor=User.objects.get(username="vanphong"),
                                          document=document,
                                  reason="Sửa địa chỉ người nhận")
    register_actions.issue(signed=True, actor=User.objects.get(username="vanphong"), kind_code=CODE,
                           obj=petition)
    answer.refresh_from_db()
    correction.refresh_from_db()
    assert answer.document_number == correction.number_text == "02/UBND-KT"
    # An answer already sent on a number of its own is not numbered a second time.
    other = _answered(commune, document_number="45/UBND-KT")
    with pytest.raises(ValidationError, match="Đã trả lời bằng văn bản số 45/UBND-KT"):
        register_actions.issue(
            signed=True, actor=User.objects.get(username="vanphong"), kind_code=CODE,
            obj=other)
    assert Document.objects.filter(object_id=other.pk).count() == 0


def test_an_answer_sent_on_its_own_number_is_reprinted_with_it(made):
    doc = read(made["sent"].docx)
    assert cell(doc, 1, 0)[0].text == f"Số: {made['sent_number']}"
    assert "ngày      tháng" not in cell(doc, 1, 1)[0].text
    assert "Đã trả lời bằng văn bản số" in made["sent_refusal"]


def test_a_unit_officer_sees_the_panel_but_cannot_issue(client, commune):
    petition = _answered(commune)
    client.force_login(User.objects.get(username="kinhte"))
    page = client.get(reverse("petitions:detail", args=[petition.pk])).content.decode()
    assert reverse("documents:draft_docx", args=[CODE, petition.pk]) in page
    issue_url = reverse("documents:issue", args=[CODE, petition.pk])
    assert issue_url not in page
    assert client.post(issue_url, {}).status_code == 403
    assert not Document.objects.exists()


def test_a_denunciation_is_refused_and_numbers_nothing(commune):
    petition = _answered(commune, kind=Kind.DENUNCIATION)
    with pytest.raises(ValidationError, match="tố cáo"):
        register_actions.issue(
            signed=True, actor=User.objects.get(username="vanphong"), kind_code=CODE,
            obj=petition)
    assert not Document.objects.exists() and not DocumentRegister.objects.exists()
