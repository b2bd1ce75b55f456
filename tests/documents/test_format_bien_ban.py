"""The minutes (Biên bản, BB) of the June conference, read back from the .docx element by
element: header, title, time and place, composition with the check-in count, programme, every
opinion with its answer or assignment (privacy kept), the chair's conclusion, the closing, the
secretary's and the chair's signatures and the recipients; a conference not held yet; missing
fields; NFD text and very long names; a record of 200 speakers."""

import datetime as dt
import re
import unicodedata

import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH

from doithoai.core.petition_flow import State
from doithoai.dialogues.choices import Mode
from doithoai.dialogues.models import Conference
from doithoai.dialogues.selectors import conferences
from doithoai.documents.drawing import format_check
from doithoai.documents.drawing.format_check import reading
from doithoai.documents.kinds import bien_ban
from doithoai.documents.registry import KINDS
from doithoai.documents.render import render_docx
from doithoai.live.selectors.minutes import speakers
from doithoai.petitions.models import Channel, Kind, Petition, Petitioner
from tests import builders
from tests.builders import JUNE_TITLE
from tests.documents.conftest import lines, nfd, props, read, texts

pytestmark = pytest.mark.django_db
KIND = KINDS["bien-ban"]
MANY = 200
SPEAKER_RE = re.compile(r"^(\d+)\. (.+?): (.*)$")


def section(got: list[str], start: str, end: str) -> list[str]:
    return got[got.index(start) + 1:got.index(end)]


def _many_speakers(june: Conference) -> Conference:
    """A held conference whose record has MANY opinions spoken in the hall, then two sent
    before and read at the conference."""
    conference = Conference.objects.create(
        agency=june.agency, plan=june.plan, title="Hội nghị đối thoại chuyên đề đất đai năm 2026",
        state=Conference.State.HELD, held_on=dt.date(2026, 6, 26), starts_at=dt.time(14, 0),
        venue="Nhà văn hóa thôn Nà Pàn", chair=june.chair, secretary=june.secretary)
    village = june.petitions.exclude(village=None).first().village
    spoken = Petition.objects.bulk_create([Petition(
        agency=june.agency, tracking_code=f"BB{i:07d}", channel=Channel.CONFERENCE,
        text=f"Ý kiến số {i:03d}: đề nghị sửa đường nội đồng.", village=village,
        received_on=conference.held_on, state=State.CLASSIFIED)
        for i in range(1, MANY + 1)])
    Petitioner.objects.bulk_create([Petitioner(petition=p, full_name=f"Hoàng Văn Người {i:03d}")
                                    for i, p in enumerate(spoken, 1)])
    sent_before = Petition.objects.bulk_create([Petition(
        agency=june.agency, tracking_code=f"BC{i:07d}", channel=Channel.SURVEY_FORM,
        text=f"Ý kiến gửi trước số {i}.", village=village,
        received_on=conference.held_on - dt.timedelta(days=5), state=State.CLASSIFIED)
        for i in (1, 2)])
    conference.petitions.add(*spoken, *sent_before)
    return conference


def scenario(out: dict) -> None:
    """Run once for the module (`made`), then rolled back."""
    plan = builders.yearly_plan()
    june = builders.june_conference(plan)
    petitions = list(Petition.objects.filter(conference=june).select_related(
        "village", "unit").prefetch_related("answers", "petitioners", "extensions")
        .order_by("received_on", "created_at", "pk"))
    # One opinion the citizen asked to keep out of public texts.
    hidden = next(p for p in petitions if p.state == State.ANSWERED_AT_CONFERENCE
                  and all(not x.anonymous_to_public for x in p.petitioners.all())
                  and [q.text for q in petitions].count(p.text) == 1)
    Petition.objects.filter(pk=hidden.pk).update(hide_from_public=True)
    out["june"] = {
        **{role: (person.full_name, person.position) for role, person in (
            ("chair", june.chair), ("co_chair", june.co_chair),
            ("secretary", june.secretary))},
        "conclusion": june.conclusion, "held_on": june.held_on,
        "checked_in": conferences.checked_in_count(june), "invited": june.delegates.count(),
        "agenda": [a.title for a in june.agenda.all()],
    }
    out["petitions"], out["hidden"] = petitions, hidden
    out["speakers"] = speakers(june)
    out["issued"] = render_docx("bien-ban", june, number=12, issued_on=june.held_on)
    out["draft"] = render_docx("bien-ban", june)
    upcoming = builders.upcoming_conference(plan)
    out["not_held"] = render_docx("bien-ban", upcoming)
    out["bare"] = bien_ban.missing(Conference(agency=june.agency, title="Hội nghị mới"))
    for mode, link in ((Mode.ONLINE, "https://hop.langson.gov.vn/diem-he"), (Mode.ONLINE, ""),
                       (Mode.HYBRID, "https://hop.langson.gov.vn/diem-he"), (Mode.HYBRID, "")):
        june.mode, june.online_link = mode, link
        out[f"{mode}/{link}"] = render_docx("bien-ban", june)
    june.mode, june.online_link = Mode.IN_PERSON, ""
    many = _many_speakers(june)
    out["many_speakers"] = speakers(many)
    out["many"] = render_docx("bien-ban", many, number=13, issued_on=many.held_on)
    june.title = nfd("Hội nghị đối thoại với Nhân dân thôn Nà Pàn – Bản Chu")
    june.venue = nfd("Nhà văn hóa thôn Khòn Pát")
    june.secretary.full_name = nfd("Hoàng Thị Diệu Hiền")
    june.conclusion = nfd("Giao Phòng Kinh tế sửa đường Khuổi Slằng.")
    out["nfd"] = render_docx("bien-ban", june)
    june.chair.full_name = "Nguyễn Hoàng Phương Thảo Bảo Ngọc Khánh Linh Thị Mai Anh"
    june.secretary.full_name = "Tôn Nữ Hoàng Thị Diệu Hiền Minh Châu Ngọc Bích Phương"
    june.agency.header_issuer = ("ỦY BAN NHÂN DÂN / XÃ ĐIỀM HE MỞ RỘNG THEO NGHỊ QUYẾT "
                                 "SÁP NHẬP ĐƠN VỊ HÀNH CHÍNH CẤP XÃ")
    june.venue = "Hội trường " + "Nhà văn hóa trung tâm cụm thôn " * 8
    out["long"] = render_docx("bien-ban", june)
    out["notice"] = render_docx("thong-bao-ket-luan", june)


@pytest.fixture(scope="module")
def made(run_scenario):
    return run_scenario(scenario)


@pytest.mark.parametrize("key", ["issued", "draft", "not_held", "nfd", "long", "many"])
def test_keeps_the_format(made, key):
    assert format_check.check(made[key].docx, KIND) == []


def test_a_tm_signature_is_not_a_minutes_signature(made):
    problems = format_check.check(made["notice"].docx, KIND)
    assert "Tên loại văn bản phải là “BIÊN BẢN”." in problems
    assert "Chữ ký của thư ký phải có chức danh “THƯ KÝ” (không ghi “TM.”)." in problems
    assert "Chữ ký của chủ trì phải có chức danh “CHỦ TRÌ” (không ghi “TM.”)." in problems


def test_header_number_title_and_summary(made):
    assert made["issued"].missing == []
    doc = read(made["issued"].docx)
    header = doc.tables[0]
    assert [p.text for p in texts(header.cell(0, 0).paragraphs)] == ["ỦY BAN NHÂN DÂN",
                                                                     "XÃ ĐIỀM HE"]
    assert texts(header.cell(1, 0).paragraphs)[0].text == "Số: 12/BB-UBND"
    date = texts(header.cell(1, 1).paragraphs)[0]
    assert date.text == "Điềm He, ngày 12 tháng 6 năm 2026"
    assert props(date) == {(13, False, True)}
    draft = read(made["draft"].docx)
    assert texts(draft.tables[0].cell(1, 0).paragraphs)[0].text == "Số:      /BB-UBND"
    assert texts(draft.tables[0].cell(1, 1).paragraphs)[0].text == \
        "Điềm He, ngày      tháng      năm 2026"
    got = texts(doc.paragraphs)
    assert [p.text for p in got[:2]] == ["BIÊN BẢN", JUNE_TITLE]
    for p in got[:2]:
        assert props(p) == {(14, True, False)}
        assert p.alignment == WD_ALIGN_PARAGRAPH.CENTER
    section = doc.sections[0]
    assert section.different_first_page_header_footer
    assert "PAGE" in section.header.paragraphs[0]._p.xml
    assert "PAGE" not in section.first_page_header.paragraphs[0]._p.xml


def test_time_place_and_composition(made):
    doc = read(made["issued"].docx)
    got = lines(doc)
    june = made["june"]
    assert got[2] == "Thời gian: Vào hồi 08 giờ 00 phút, thứ Sáu, ngày 12 tháng 6 năm 2026."
    assert got[3] == "Địa điểm: Hội trường UBND xã Điềm He."
    time_line = texts(doc.paragraphs)[2]
    assert [(r.text, r.font.bold) for r in time_line.runs if r.text][0] == ("Thời gian: ", True)
    headings = [x for x in got if re.match(r"^[IVX]+\. ", x)]
    assert headings == ["I. THÀNH PHẦN", "II. NỘI DUNG HỘI NGHỊ", "III. KẾT LUẬN CỦA CHỦ TRÌ"]
    for p in texts(doc.paragraphs):
        if p.text in headings:
            assert props(p) == {(14, True, False)}
    part = section(got, "I. THÀNH PHẦN", "II. NỘI DUNG HỘI NGHỊ")
    chair, co_chair, secretary = june["chair"], june["co_chair"], june["secretary"]
    assert part[:3] == [
        f"1. Chủ trì: Đồng chí {chair[0]}, {chair[1]}.",
        f"2. Đồng chủ trì: Đồng chí {co_chair[0]}, {co_chair[1]}.",
        f"3. Thư ký: Đồng chí {secretary[0]}, {secretary[1]}."]
    assert part[3] == f"4. Đại biểu được mời: {june['invited']} người, gồm:"
    assert part[4] == "a) Đại biểu xã:"
    assert "b) Đại biểu thôn và đại diện Nhân dân:" in part
    assert "- Trưởng thôn (12 người);" in part
    assert "- Đại diện Nhân dân (30 người)." in part
    assert part[-1] == (f"5. Tổng số đại biểu và Nhân dân dự: {june['checked_in']} người "
                        f"(theo danh sách điểm danh).")
    assert june["checked_in"] > 0


@pytest.mark.parametrize(("mode", "link", "place"), [
    (Mode.ONLINE, "https://hop.langson.gov.vn/diem-he",
     "Trực tuyến, tại địa chỉ https://hop.langson.gov.vn/diem-he."),
    (Mode.ONLINE, "", "Trực tuyến."),
    (Mode.HYBRID, "https://hop.langson.gov.vn/diem-he",
     "Hội trường UBND xã Điềm He, kết hợp trực tuyến tại địa chỉ "
     "https://hop.langson.gov.vn/diem-he."),
    (Mode.HYBRID, "", "Hội trường UBND xã Điềm He, kết hợp trực tuyến."),
])
def test_the_place_of_a_conference_held_online(made, mode, link, place):
    assert lines(read(made[f"{mode}/{link}"].docx))[3] == f"Địa điểm: {place}"


def test_programme_in_order(made):
    got = lines(read(made["issued"].docx))
    part = section(got, "II. NỘI DUNG HỘI NGHỊ", "III. KẾT LUẬN CỦA CHỦ TRÌ")
    assert part[0] == "Hội nghị tiến hành theo chương trình sau:"
    agenda = made["june"]["agenda"]
    assert part[1:1 + len(agenda)] == [
        f"- {t}" + ("." if i == len(agenda) - 1 else ";") for i, t in enumerate(agenda)]


def _speaker_lines(got: list[str]) -> list[tuple[str, str]]:
    """(speaker line, the line after it: the answer or the chair's direction)."""
    part = section(got, "II. NỘI DUNG HỘI NGHỊ", "III. KẾT LUẬN CỦA CHỦ TRÌ")
    return [(x, part[i + 1]) for i, x in enumerate(part) if SPEAKER_RE.match(x)]


def test_every_opinion_with_its_answer_or_assignment(made):
    doc = read(made["issued"].docx)
    got = lines(doc)
    petitions = made["petitions"]
    assert got[got.index("Hội nghị tiến hành theo chương trình sau:") + len(
        made["june"]["agenda"]) + 1] == (
        f"Tại hội nghị có {len(petitions)} lượt ý kiến phát biểu của Nhân dân. Nội dung ý kiến "
        f"và ý kiến trả lời, giải quyết như sau:")
    pairs = _speaker_lines(got)
    assert [int(SPEAKER_RE.match(x).group(1)) for x, _reply in pairs] == \
        list(range(1, len(petitions) + 1))
    by_text = {}
    for p, (line, reply) in zip(petitions, pairs, strict=True):
        by_text[p.pk] = (line, reply)
    # answered in the hall: "Trả lời: <who>: <answer>"
    spot = next(p for p in petitions if p.state == State.ANSWERED_AT_CONFERENCE
                and p.pk != made["hidden"].pk and not p.is_sensitive)
    answer = next(a for a in spot.answers.all() if a.is_current and a.at_conference)
    line, reply = by_text[spot.pk]
    assert spot.text.strip().rstrip(".") in line
    assert reply.startswith(f"Trả lời: {answer.answered_by}: {answer.text.strip().rstrip('.')}")
    # assigned in the hall: the unit and the deadline set then (before a later extension)
    extended = next(p for p in petitions if p.extensions.all() and not p.petitioners.all())
    first_due = min(extended.extensions.all(), key=lambda e: e.pk).old_due_date
    assert first_due != extended.due_date
    assert by_text[extended.pk][1] == (
        f"Chủ trì giao {extended.unit.name} xem xét, giải quyết, trả lời bằng văn bản cho công "
        f"dân trước ngày {first_due.day:02d} tháng {first_due.month} năm {first_due.year}.")
    assert "Ý kiến của Nhân dân thôn Pác Lùng: Ông Lộc Văn Sáng đề nghị" in by_text[extended.pk][0]
    # sent up to the province
    escalated = next(p for p in petitions if p.state == State.ESCALATED)
    assert by_text[escalated.pk][1] == (
        "Chủ trì tiếp thu; Ủy ban nhân dân xã chuyển ý kiến đến Ủy ban nhân dân tỉnh Lạng Sơn "
        "xem xét, giải quyết theo thẩm quyền.")
    # the speaker: "Ông/Bà <name> (thôn …)" in bold, the opinion regular
    named = next(p for p in petitions if p.petitioners.all() and not p.hide_from_public
                 and not any(x.anonymous_to_public for x in p.petitioners.all()))
    person = named.petitioners.all()[0]
    title = "Bà" if " Thị " in person.full_name else "Ông"
    village = "thôn " + named.village.name.removeprefix("Thôn ")
    assert f" {title} {person.full_name}" in by_text[named.pk][0]
    assert f"({village}): " in by_text[named.pk][0]
    p = next(p for p in doc.paragraphs if p.text == by_text[named.pk][0])
    runs = [(r.text, r.font.bold) for r in p.runs if r.text]
    assert runs[0][1] is True and runs[0][0].endswith(f"({village}): ")
    assert runs[1] == (named.text.strip(), False)
    reply_p = next(p for p in doc.paragraphs if p.text.startswith("Trả lời: "))
    assert [(r.text, r.font.bold) for r in reply_p.runs if r.text][0] == ("Trả lời: ", True)


def test_privacy(made):
    got = lines(read(made["issued"].docx))
    pairs = dict(_speaker_lines(got))
    petitions = made["petitions"]
    # a complaint: neither its text nor its sender, nor the village
    complaint = next(p for p in petitions if p.state == State.TRANSFERRED)
    assert complaint.kind == Kind.COMPLAINT
    assert not any("Mã Thị Sinh" in x or "thu hồi đất vườn" in x for x in got)
    line = next(x for x in pairs if "khiếu nại, tố cáo" in x)
    assert SPEAKER_RE.match(line).group(2, 3) == (
        "Một công dân", "Nêu nội dung khiếu nại, tố cáo (nội dung và thông tin người gửi "
                        "không ghi vào biên bản).")
    assert pairs[line] == ("Chủ trì tiếp nhận, chuyển giải quyết theo quy định của pháp luật về "
                           "khiếu nại, tố cáo.")
    # an opinion kept from the public: neither its text nor the answer's
    hidden = made["hidden"]
    answer = next(a for a in hidden.answers.all() if a.at_conference)
    assert not any(hidden.text.strip()[:40] in x for x in got)
    line = next(x for x in pairs if "không công khai nội dung" in x)
    assert pairs[line] == f"Trả lời: {answer.answered_by} đã trả lời trực tiếp tại hội nghị."
    # a speaker who asked not to be named publicly
    anonymous = next(p for p in petitions if p.petitioners.all()
                     and all(x.anonymous_to_public for x in p.petitioners.all()))
    village = "thôn " + anonymous.village.name.removeprefix("Thôn ")
    assert any(SPEAKER_RE.match(x).group(2) == f"Một công dân ({village})"
               and anonymous.text.strip().rstrip(".") in x for x in pairs)
    assert not any(x.full_name in line for x in anonymous.petitioners.all()
                   for line in pairs if anonymous.text.strip()[:30] in line)


def test_conclusion_closing_and_signatures(made):
    doc = read(made["issued"].docx)
    got = lines(doc)
    june = made["june"]
    part = got[got.index("III. KẾT LUẬN CỦA CHỦ TRÌ") + 1:]
    assert part[0] == (f"Đồng chí {june['chair'][0]}, {june['chair'][1]}, chủ trì hội nghị "
                       f"kết luận:")
    assert part[1] == june["conclusion"]
    assert part[-1] == ("Hội nghị kết thúc vào hồi … giờ … cùng ngày. Biên bản đã được thông "
                        "qua tại hội nghị, các thành viên dự họp nhất trí./.")
    table = doc.tables[-1]
    assert tuple(round(c.width.mm, 1) for c in table.columns) == (82.5, 82.5)
    left = texts(table.cell(0, 0).paragraphs)
    right = texts(table.cell(0, 1).paragraphs)
    assert [p.text for p in left] == ["THƯ KÝ", june["secretary"][0]]
    assert [p.text for p in right] == ["CHỦ TRÌ", june["chair"][0]]
    for p in left + right:
        assert props(p) == {(14, True, False)}
        assert p.alignment == WD_ALIGN_PARAGRAPH.CENTER
    # room to sign between the role and the name
    cell = [p._p for p in table.cell(0, 1).paragraphs]
    assert cell.index(right[1]._p) - cell.index(right[0]._p) >= 5
    assert not any("TM." in p.text for row in table.rows for c in row.cells
                   for p in c.paragraphs)
    recipients = texts(table.cell(1, 0).paragraphs)
    assert recipients[0].text == "Nơi nhận:"
    assert props(recipients[0]) == {(12, True, True)}
    assert [p.text for p in recipients[1:]] == [
        "- Thường trực Đảng ủy xã;", "- Thường trực HĐND xã;", "- Ủy ban MTTQ Việt Nam xã;",
        "- Chủ tịch, các Phó Chủ tịch UBND xã;", "- Lưu: VT, hồ sơ hội nghị."]
    assert {s for p in recipients[1:] for s in props(p)} == {(11, False, False)}
    assert not texts(table.cell(1, 1).paragraphs)


def test_fonts_and_body(made):
    doc = read(made["issued"].docx)
    for p in texts(doc.paragraphs)[2:]:
        assert p.alignment == WD_ALIGN_PARAGRAPH.JUSTIFY
        assert round(p.paragraph_format.first_line_indent.cm, 2) == 1.27
        assert p.paragraph_format.space_after.pt >= 6
        for r in p.runs:
            if r.text.strip():
                assert r.font.name == "Times New Roman"
                assert r.font.size.pt == 14


def test_not_held_and_missing_fields(made):
    assert made["not_held"].missing == ["hội nghị đã tổ chức"]
    got = lines(read(made["not_held"].docx))
    assert "5. Tổng số đại biểu và Nhân dân dự: … người." in got
    assert got[got.index("III. KẾT LUẬN CỦA CHỦ TRÌ") + 2] == "…"
    assert got[-1].startswith("Hội nghị kết thúc vào hồi … giờ … cùng ngày.")
    assert made["bare"] == ["hội nghị đã tổ chức", "ngày tổ chức", "địa điểm", "chủ trì",
                            "thư ký"]


def test_speakers_come_from_one_function(made):
    speakers = made["speakers"]
    assert len(speakers) == len(made["petitions"])
    assert all(s.spoken for s in speakers)
    many = made["many_speakers"]
    assert [s.spoken for s in many] == [True] * MANY + [False, False]
    assert many[0].who.startswith("Ông Hoàng Văn Người 001 (thôn ")
    assert (many[0].reply_label, many[-1].spoken) == ("", False)


def test_two_hundred_speakers(made):
    doc = read(made["many"].docx)
    got = lines(doc)
    assert f"Tại hội nghị có {MANY} lượt ý kiến phát biểu của Nhân dân. Nội dung ý kiến và ý " \
           f"kiến trả lời, giải quyết như sau:" in got
    pairs = _speaker_lines(got)
    assert len(pairs) == MANY + 2
    for i, (line, reply) in enumerate(pairs[:MANY], 1):
        number, who, text = SPEAKER_RE.match(line).groups()
        assert (int(number), text) == (i, f"Ý kiến số {i:03d}: đề nghị sửa đường nội đồng.")
        assert who.startswith(f"Ông Hoàng Văn Người {i:03d} (thôn ")
        assert reply.startswith("Chủ trì tiếp thu, giao Văn phòng")
    read_intro = ("Các ý kiến, kiến nghị của Nhân dân gửi trước hội nghị (02 ý kiến), được Thư "
                  "ký đọc tại hội nghị, và ý kiến trả lời:")
    assert read_intro in got
    assert got.index(read_intro) > got.index(pairs[MANY - 1][1])
    assert [SPEAKER_RE.match(x).group(1, 3) for x, _r in pairs[MANY:]] == [
        (str(MANY + 1), "Ý kiến gửi trước số 1."), (str(MANY + 2), "Ý kiến gửi trước số 2.")]
    assert got[2] == "Thời gian: Vào hồi 14 giờ 00 phút, thứ Sáu, ngày 26 tháng 6 năm 2026."
    # every speaker paragraph keeps its layout: bold speaker, regular opinion, body format
    heard = {line for line, _reply in pairs}
    speakers = [p for p in doc.paragraphs if p.text in heard]
    assert len(speakers) == MANY + 2
    for p in speakers:
        runs = [r for r in p.runs if r.text]
        assert [r.font.bold for r in runs] == [True, False]
        assert p.alignment == WD_ALIGN_PARAGRAPH.JUSTIFY
    assert got[-1].endswith("các thành viên dự họp nhất trí./.")


def test_nfd_and_long_names(made):
    doc = read(made["nfd"].docx)
    assert unicodedata.is_normalized("NFC", doc.element.xml)
    all_text = [p.text for p in reading.all_paragraphs(doc)]
    assert "Hội nghị đối thoại với Nhân dân thôn Nà Pàn – Bản Chu" in all_text
    assert "Hoàng Thị Diệu Hiền" in all_text
    assert "Địa điểm: Nhà văn hóa thôn Khòn Pát." in all_text
    assert "Giao Phòng Kinh tế sửa đường Khuổi Slằng." in all_text
    long = read(made["long"].docx)
    header, signature = long.tables[0], long.tables[-1]
    assert texts(header.cell(0, 0).paragraphs)[-1].text.startswith("XÃ ĐIỀM HE MỞ RỘNG")
    assert texts(signature.cell(0, 1).paragraphs)[-1].text.startswith("Nguyễn Hoàng Phương")
    assert texts(signature.cell(0, 0).paragraphs)[-1].text.startswith("Tôn Nữ Hoàng")
    assert dt.date(2026, 6, 12) == made["june"]["held_on"]
