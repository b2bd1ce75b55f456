"""The summary report of the opinions sent before a conference (Báo cáo tổng hợp ý kiến, kiến
nghị, BC), read back from the .docx element by element: the demo's upcoming conference (its
villages' opinions, a grouped issue, a complaint, a denunciation, an opinion kept from the
public, the Phòng Kinh tế's prepared answer), its table also as .xlsx; the June conference,
whose opinions were all spoken at the conference (nothing sent before); a conference with no
venue nor signer; NFD text, very long names, and 500 opinions."""

import datetime as dt
import io
import re
import time
import unicodedata

import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from openpyxl import load_workbook

from doithoai.demo.dialogues import UPCOMING_OPINIONS, VILLAGES_SENT_OPINIONS
from doithoai.dialogues.models import Conference, Milestone, PreparedAnswer
from doithoai.documents.drawing import format_check
from doithoai.documents.drawing.conference_text import LETTERS
from doithoai.documents.drawing.format_check import reading
from doithoai.documents.kinds import bao_cao_tong_hop as report
from doithoai.documents.registry import KINDS
from doithoai.documents.render import render_docx
from doithoai.documents.selectors import drafts
from doithoai.org.models import Unit, User, Village
from doithoai.petitions.actions import intake
from doithoai.petitions.models import (
    Channel,
    Field,
    Issue,
    Kind,
    Petition,
    Urgency,
)
from tests.conftest import CONFERENCE_TITLE, UPCOMING_TITLE
from tests.documents.conftest import cells, lines, nfd, props, read, texts

pytestmark = pytest.mark.django_db
CODE = "bao-cao-tong-hop"
KIND = KINDS[CODE]
ISSUED_ON = dt.date(2026, 12, 7)
ISSUE_TITLE = "Sửa cầu tràn đầu thôn Nà Pàn"
COMPLAINT = "Ông Nông Văn Khiếu khiếu nại việc thu hồi đất ruộng của gia đình tôi."
DENUNCIATION = "Tôi tố cáo cán bộ địa chính nhận tiền của dân khi làm sổ đỏ."
HIDDEN = "Đề nghị xem xét hoàn cảnh riêng của gia đình tôi về khoản vay ngân hàng."
SPOKEN = "Ý kiến phát biểu tại hội nghị về chợ phiên."
LARGE = 500


def _receive(agency, clerk, text, *, village, field, kind=Kind.OPINION, channel=None,
             urgency=Urgency.NORMAL, conference, key, people=()):
    return intake.receive(intake.Intake(
        agency=agency, text=text, channel=channel or Channel.SURVEY_FORM,
        received_on=dt.date(2026, 11, 22), kind=kind, field=field, urgency=urgency,
        village_id=village.pk, conference=conference, submission_key=key,
        petitioners=[intake.PetitionerData(full_name=n, village_id=village.pk)
                     for n in people]), actor=clerk)


def _enrich(upcoming):
    """What the villages sent besides the demo's opinions: the same ford raised by another
    village with three signatures (grouped with the first into an issue), a complaint, a
    denunciation, an opinion kept from the public; and one spoken at the conference."""
    agency = upcoming.agency
    clerk = User.objects.get(username="vanphong")
    villages = {v.name: v for v in Village.objects.filter(agency=agency)}
    fields = {f.code: f for f in Field.objects.filter(agency=agency)}
    ford = Petition.objects.get(conference=upcoming, text=UPCOMING_OPINIONS[0][2])
    same = _receive(agency, clerk, "Cầu tràn đầu thôn Nà Pàn ngập nước, học sinh Bản Chu "
                    "không đến trường được.", village=villages["Thôn Bản Chu"],
                    field=fields["giao-thong"], urgency=Urgency.URGENT, conference=upcoming,
                    key="bc-1", people=("Hoàng Văn A", "Lục Thị B", "Nông Văn C"))
    issue = Issue.objects.create(agency=agency, title=ISSUE_TITLE)
    Petition.objects.filter(pk__in=[ford.pk, same.pk]).update(issue=issue)
    _receive(agency, clerk, COMPLAINT, village=villages["Thôn Bản Thẳm"],
             field=fields["dat-dai"], kind=Kind.COMPLAINT, conference=upcoming, key="bc-2",
             people=("Nông Văn Khiếu",))
    _receive(agency, clerk, DENUNCIATION, village=villages["Thôn Khòn Pát"],
             field=fields["dat-dai"], kind=Kind.DENUNCIATION, conference=upcoming, key="bc-3",
             people=("Người tố cáo",))
    hidden = _receive(agency, clerk, HIDDEN, village=villages["Thôn Nà Pàn"],
                      field=fields["chinh-sach-xa-hoi"], kind=Kind.REPORT,
                      channel=Channel.ONLINE, conference=upcoming, key="bc-4")
    Petition.objects.filter(pk=hidden.pk).update(hide_from_public=True)
    _receive(agency, clerk, SPOKEN, village=villages["Thôn Nà Pàn"],
             field=fields["giao-thong"], channel=Channel.CONFERENCE, conference=upcoming,
             key="bc-5")
    return ford


def _large(june):
    """500 opinions sent before the June conference: every village, field, kind and urgency,
    40 of them grouped into 8 issues, a prepared answer to every tenth."""
    agency = june.agency
    villages = list(Village.objects.filter(agency=agency).order_by("order"))
    fields = list(Field.objects.filter(agency=agency).order_by("order"))
    units = list(Unit.objects.filter(agency=agency, kind=Unit.Kind.DEPARTMENT))
    kinds = [Kind.OPINION] * 7 + [Kind.REPORT] * 2 + [Kind.COMPLAINT]
    urgencies = [Urgency.NORMAL] * 6 + [Urgency.PRESSING] * 3 + [Urgency.URGENT]
    issues = [Issue.objects.create(agency=agency, title=f"Vấn đề gộp số {i + 1}")
              for i in range(8)]
    rows = []
    for n in range(LARGE):
        rows.append(Petition(
            agency=agency, tracking_code=f"Z{n:08d}", kind=kinds[n % len(kinds)],
            text=f"Ý kiến số {n + 1}: đề nghị xã quan tâm giải quyết việc của thôn.",
            field=fields[n % len(fields)], urgency=urgencies[n % len(urgencies)],
            village=villages[n % len(villages)],
            channel=[Channel.SURVEY_FORM, Channel.FRONT_SUMMARY, Channel.ONLINE][n % 3],
            received_on=dt.date(2026, 6, 1 + n % 8),
            issue=issues[n // 5] if n < 40 else None,
            unit=units[n // 2 % len(units)] if n % 2 else None,
            state="assigned" if n % 2 else "received", submission_key=f"large-{n}"))
    created = Petition.objects.bulk_create(rows)
    june.petitions.add(*created)
    PreparedAnswer.objects.bulk_create([
        PreparedAnswer(conference=june, petition=p, unit=p.unit,
                       text=f"Trả lời chuẩn bị cho ý kiến {p.tracking_code}.")
        for p in created[40:] if p.unit_id and int(p.tracking_code[1:]) % 10 == 1])
    return created


def scenario(out: dict) -> None:
    """Run once inside the shared demo (tests/documents/conftest.py), then rolled back."""
    upcoming = Conference.objects.select_related("agency", "plan__signer", "chair").get(
        title=UPCOMING_TITLE)
    ford = _enrich(upcoming)
    answer = PreparedAnswer.objects.select_related("unit").get(conference=upcoming)
    out["conf"] = {
        "held_on": upcoming.held_on, "venue": upcoming.venue,
        "signer": upcoming.plan.signer.full_name, "answer": answer.text,
        "answer_unit": answer.unit.name, "ford": ford.text,
        "due": Milestone.objects.get(conference=upcoming,
                                     kind=Milestone.Kind.VILLAGE_OPINIONS).due_on,
        "petitions": Petition.objects.filter(conference=upcoming)
        .exclude(channel=Channel.CONFERENCE).count(),
        "villages": Village.objects.filter(agency=upcoming.agency).count()}
    out["issued"] = render_docx(CODE, upcoming, number=9, issued_on=ISSUED_ON)
    out["draft"] = render_docx(CODE, upcoming)
    out["xlsx"] = drafts.render_table(CODE, upcoming)
    out["table"] = KIND.table(upcoming)

    june = Conference.objects.select_related("agency", "plan__signer", "chair").get(
        title=CONFERENCE_TITLE)
    out["june_spoken"] = list(Petition.objects.filter(conference=june)
                              .values_list("text", flat=True))
    out["june"] = render_docx(CODE, june)

    # Nowhere to hold it, nobody to sign yet.
    upcoming.venue = ""
    upcoming.plan.signer = None
    upcoming.plan.signer_id = None
    upcoming.chair = None
    out["missing"] = render_docx(CODE, upcoming)
    upcoming = Conference.objects.select_related("agency", "plan__signer", "chair").get(
        pk=upcoming.pk)

    Petition.objects.filter(pk=ford.pk).update(text=nfd(
        "Đề nghị sửa cầu tràn đầu thôn Nà Pàn – Bản Chu, mùa mưa nước ngập."))
    Village.objects.filter(name="Thôn Khòn Pát").update(name=nfd("Thôn Khòn Pát"))
    Petition.objects.filter(conference=upcoming, text__startswith="Đề nghị lắp thêm") \
        .update(text=nfd("Đề nghị lắp thêm bóng đèn đoạn đường Khuổi Slằng."))
    upcoming.title = nfd("Hội nghị đối thoại với Nhân dân thôn Nà Pàn – Bản Chu")
    upcoming.venue = nfd("Nhà văn hóa thôn Khòn Pát")
    upcoming.plan.signer.full_name = nfd("Hoàng Thị Diệu Hiền")
    out["nfd"] = render_docx(CODE, upcoming)

    upcoming.plan.signer.full_name = ("Nguyễn Hoàng Phương Thảo Bảo Ngọc Khánh Linh Thị "
                                      "Mai Anh")
    upcoming.agency.header_issuer = ("ỦY BAN NHÂN DÂN / XÃ ĐIỀM HE MỞ RỘNG THEO NGHỊ QUYẾT "
                                     "SÁP NHẬP ĐƠN VỊ HÀNH CHÍNH CẤP XÃ")
    upcoming.venue = "Hội trường " + "Nhà văn hóa trung tâm cụm thôn " * 8
    Village.objects.filter(name="Thôn Bản Chu").update(
        name=("Thôn Bản Chu " + "Khuổi Slằng Nà Pàn Khòn Pát " * 6)[:120].strip())
    Field.objects.filter(agency=upcoming.agency, code="giao-thong").update(
        name=("Giao thông, " + "xây dựng kết cấu hạ tầng nông thôn và đường liên thôn " * 4)
        [:120].strip())
    Unit.objects.filter(agency=upcoming.agency, code="kinh-te").update(
        name=("Phòng Kinh tế " + "hạ tầng và đô thị nông thôn mới " * 8)[:200].strip())
    out["long"] = render_docx(CODE, upcoming)

    _large(june)
    started = time.perf_counter()
    out["large"] = render_docx(CODE, june, number=10, issued_on=dt.date(2026, 6, 9))
    out["large_seconds"] = time.perf_counter() - started
    out["large_xlsx"] = drafts.render_table(CODE, june)


@pytest.fixture(scope="module")
def demo(demo_scenarios):
    return demo_scenarios[__name__]


@pytest.mark.parametrize("key", ["issued", "draft", "june", "missing", "nfd", "long", "large"])
def test_keeps_the_format(demo, key):
    assert format_check.check(demo[key].docx, KIND) == []


def test_registered_as_a_report_with_its_table():
    assert KIND.abbreviation == "BC" and KIND.source == "dialogues.conference"
    assert KIND.template == "bao-cao-tong-hop.docx" and KIND.numbered
    assert KIND.table is report.table


def test_header_number_title_and_summary(demo):
    assert demo["issued"].missing == []
    doc = read(demo["issued"].docx)
    header = doc.tables[0]
    assert [p.text for p in texts(header.cell(0, 0).paragraphs)] == ["ỦY BAN NHÂN DÂN",
                                                                     "XÃ ĐIỀM HE"]
    number = texts(header.cell(1, 0).paragraphs)[0]
    assert number.text == "Số: 09/BC-UBND"
    assert props(number) == {(13, False, False)}
    date = texts(header.cell(1, 1).paragraphs)[0]
    assert date.text == "Điềm He, ngày 07 tháng 12 năm 2026"
    assert props(date) == {(13, False, True)}
    draft = read(demo["draft"].docx)
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


def test_opening_says_which_plan_and_when_where(demo):
    got = lines(read(demo["issued"].docx))
    held = demo["conf"]["held_on"]
    assert got[2].startswith("Thực hiện Kế hoạch số 27/KH-UBND ngày 15 tháng 5 năm 2026 của Ủy "
                             "ban nhân dân xã Điềm He về tổ chức hội nghị đối thoại")
    assert (f"(vào 08 giờ 00 phút, thứ Sáu, ngày {held.day:02d} tháng {held.month} năm "
            f"{held.year}, tại {demo['conf']['venue']})") in got[2]
    assert got[2].endswith("báo cáo tổng hợp ý kiến, kiến nghị của Nhân dân gửi trước hội nghị "
                           "như sau:")


def test_headings_in_order_and_bold(demo):
    doc = read(demo["issued"].docx)
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


def test_body_paragraphs_justified_indented(demo):
    doc = read(demo["issued"].docx)
    body = [p for p in texts(doc.paragraphs)[2:]
            if p.alignment != WD_ALIGN_PARAGRAPH.CENTER]
    assert len(body) > 30
    for p in body:
        assert p.alignment == WD_ALIGN_PARAGRAPH.JUSTIFY, p.text
        assert round(p.paragraph_format.first_line_indent.cm, 2) == 1.27
        assert p.paragraph_format.space_after.pt >= 6
        assert {size for size, _b, _i in props(p)} == {14}


def test_how_the_opinions_came_in(demo):
    got = lines(read(demo["issued"].docx))
    conf = demo["conf"]
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


def test_figures_by_kind_urgency_village(demo):
    got = lines(read(demo["issued"].docx))
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


def test_table_by_field(demo):
    doc = read(demo["issued"].docx)
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


def test_xlsx_has_the_same_figures(demo):
    book = load_workbook(io.BytesIO(demo["xlsx"]))
    sheet = book.active
    values = [[c for c in row] for row in sheet.iter_rows(values_only=True)]
    assert values[0][0] == "ỦY BAN NHÂN DÂN XÃ ĐIỀM HE"
    assert values[2][0] == "Tổng hợp ý kiến, kiến nghị theo lĩnh vực (đơn vị tính: ý kiến)"
    start = next(i for i, r in enumerate(values) if r[0] == "STT")
    docx_rows = cells(read(demo["issued"].docx).tables[1])
    assert list(values[start]) == docx_rows[0]
    n = len(docx_rows) - 1
    for got, printed in zip(values[start + 1:start + 1 + n], docx_rows[1:], strict=True):
        assert [("" if v is None else str(v)) for v in got] == printed
    total = values[start + n]
    assert total[1] == "Tổng cộng" and total[2] == 11 and isinstance(total[2], int)
    assert sheet.cell(row=start + n + 1, column=3).font.bold
    assert values[start + n + 1][0].startswith("Số liệu tính theo từng ý kiến")
    table = demo["table"]
    assert table.total == ["", "Tổng cộng", 11, 8, 1, 2, 4, 2]


def test_each_opinion_by_field_with_its_answer(demo):
    doc = read(demo["issued"].docx)
    got = lines(doc)
    conf = demo["conf"]
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
    # an opinion no unit has been given
    house = next(x for x in entries if "Hoàng Thị Lìu" in x)
    assert section[section.index(house) + 1] == "Đơn vị chuẩn bị trả lời: chưa phân công."


def test_sensitive_opinions_named_without_text_or_sender(demo):
    got = lines(read(demo["issued"].docx))
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


def test_proposals_ending_signature_and_recipients(demo):
    doc = read(demo["issued"].docx)
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
                                       demo["conf"]["signer"]]
    assert all(props(p) == {(14, True, False)} for p in right)


def test_page_numbers_from_page_two(demo):
    section = read(demo["issued"].docx).sections[0]
    assert section.different_first_page_header_footer
    assert "PAGE" in section.header._element.xml
    assert "PAGE" not in section.first_page_header._element.xml
    assert round(section.page_width.mm) == 210 and round(section.left_margin.mm) == 30


def test_june_nothing_sent_before_the_conference(demo):
    """Every opinion of the June conference was spoken at it: the report made before has
    none, says so, and has no table; the draft can still be issued."""
    assert demo["june"].missing == []
    doc = read(demo["june"].docx)
    got = lines(doc)
    assert len(doc.tables) == 2  # the header and the signature: no table of figures
    assert got[2].startswith("Thực hiện Kế hoạch số 27/KH-UBND")
    assert "(vào 08 giờ 00 phút, thứ Sáu, ngày 12 tháng 6 năm 2026, tại Hội trường UBND xã " \
           "Điềm He)" in got[2]
    assert "Có 12/12 thôn đã gửi kết quả lấy ý kiến." in got
    assert ("Đến thời điểm báo cáo, chưa nhận được ý kiến, kiến nghị nào của Nhân dân gửi "
            "trước hội nghị.") in got
    assert "2. Phân loại ý kiến, kiến nghị" not in got
    i = got.index("II. NỘI DUNG Ý KIẾN, KIẾN NGHỊ")
    assert got[i + 1] == "Không có nội dung ý kiến, kiến nghị để tổng hợp."
    assert got[i + 2] == "III. ĐỀ XUẤT, KIẾN NGHỊ"
    assert len(demo["june_spoken"]) > 20
    assert not any(text[:40] in "\n".join(got) for text in demo["june_spoken"])
    assert got[-1].endswith("./.")


def test_missing_fields_listed(demo):
    assert demo["missing"].missing == ["địa điểm", "người ký"]
    doc = read(demo["missing"].docx)
    right = texts(doc.tables[-1].cell(0, 1).paragraphs)
    assert [p.text for p in right] == ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"]


def test_nfd_rendered_nfc(demo):
    doc = read(demo["nfd"].docx)
    assert unicodedata.is_normalized("NFC", doc.element.xml)
    all_text = "\n".join(p.text for p in reading.all_paragraphs(doc))
    assert "Hoàng Thị Diệu Hiền" in all_text
    assert "Đề nghị lắp thêm bóng đèn đoạn đường Khuổi Slằng." in all_text
    assert "tại Nhà văn hóa thôn Khòn Pát)" in all_text
    assert "Thôn Khòn Pát: 03" in all_text
    assert "trước hội nghị đối thoại với Nhân dân thôn Nà Pàn – Bản Chu" in all_text


def test_long_names(demo):
    doc = read(demo["long"].docx)
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


def test_five_hundred_opinions(demo):
    assert demo["large"].missing == []
    assert demo["large_seconds"] < 5
    doc = read(demo["large"].docx)
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
    book = load_workbook(io.BytesIO(demo["large_xlsx"]))
    values = list(book.active.iter_rows(values_only=True))
    total = next(r for r in values if r[1] == "Tổng cộng")
    assert [str(v) if v != "" and v is not None else "" for v in total] == table[-1]
