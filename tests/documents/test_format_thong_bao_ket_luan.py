"""The conclusion notice (Thông báo kết luận, TB) of the June conference, read back from
the .docx element by element; a conference not held yet; NFD text and very long names."""

import datetime as dt
import re
import unicodedata

import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH

from doithoai.core.petition_flow import State
from doithoai.documents.drawing import format_check
from doithoai.documents.drawing.format_check import reading
from doithoai.documents.registry import KINDS
from doithoai.documents.render import render_docx
from doithoai.petitions.models import Issue, Petition
from tests import builders
from tests.documents.conftest import lines, nfd, props, read, texts

pytestmark = pytest.mark.django_db
KIND = KINDS["thong-bao-ket-luan"]


def scenario(out: dict) -> None:
    """Run once for the module (`made`), then rolled back."""
    plan = builders.yearly_plan()
    june = builders.june_conference(plan)
    petitions = list(Petition.objects.filter(conference=june).select_related("unit")
                     .order_by("pk"))
    out["june"] = {"conclusion": june.conclusion, "held_on": june.held_on,
                   "signer": june.plan.signer.full_name}
    # Two petitions about one road grouped into an Issue.
    road = [p for p in petitions if p.state == State.ASSIGNED][:1]
    issue = Issue.objects.create(agency=june.agency, title="Sửa ngầm tràn Khuổi Slằng")
    open_states = (State.ASSIGNED, State.CLASSIFIED, State.ANSWER_DRAFTED)
    other = next(p for p in petitions if p.state in open_states and p != road[0])
    Petition.objects.filter(pk__in=[road[0].pk, other.pk]).update(issue=issue)
    out["issue_pks"] = (road[0].pk, other.pk)
    out["assigned"] = Petition.objects.select_related("unit").get(pk=road[0].pk)
    out["issued"] = render_docx("thong-bao-ket-luan", june, number=58,
                                issued_on=june.concluded_on)
    out["draft"] = render_docx("thong-bao-ket-luan", june)
    out["petitions"] = Petition.objects.filter(conference=june).select_related(
        "field", "village", "unit").prefetch_related("answers").order_by("pk")
    out["petitions"] = list(out["petitions"])
    upcoming = builders.upcoming_conference(plan)
    out["not_held"] = render_docx("thong-bao-ket-luan", upcoming)
    june.title = nfd("Hội nghị đối thoại với Nhân dân thôn Nà Pàn – Bản Chu")
    june.venue = nfd("Nhà văn hóa thôn Khòn Pát")
    june.plan.signer.full_name = nfd("Hoàng Thị Diệu Hiền")
    june.conclusion = nfd("Giao Phòng Kinh tế sửa đường Khuổi Slằng.")
    out["nfd"] = render_docx("thong-bao-ket-luan", june)
    june.plan.signer.full_name = "Nguyễn Hoàng Phương Thảo Bảo Ngọc Khánh Linh Thị Mai Anh"
    june.agency.header_issuer = ("ỦY BAN NHÂN DÂN / XÃ ĐIỀM HE MỞ RỘNG THEO NGHỊ QUYẾT "
                                 "SÁP NHẬP ĐƠN VỊ HÀNH CHÍNH CẤP XÃ")
    june.venue = "Hội trường " + "Nhà văn hóa trung tâm cụm thôn " * 8
    out["long"] = render_docx("thong-bao-ket-luan", june)


@pytest.fixture(scope="module")
def made(run_scenario):
    return run_scenario(scenario)


@pytest.mark.parametrize("key", ["issued", "draft", "not_held", "nfd", "long"])
def test_keeps_the_format(made, key):
    assert format_check.check(made[key].docx, KIND) == []


def test_number_title_and_summary(made):
    assert made["issued"].missing == []
    doc = read(made["issued"].docx)
    assert texts(doc.tables[0].cell(1, 0).paragraphs)[0].text == "Số: 58/TB-UBND"
    assert texts(doc.tables[0].cell(1, 1).paragraphs)[0].text == \
        "Điềm He, ngày 18 tháng 6 năm 2026"
    draft = read(made["draft"].docx)
    assert texts(draft.tables[0].cell(1, 0).paragraphs)[0].text == "Số:      /TB-UBND"
    got = texts(doc.paragraphs)
    assert got[0].text == "THÔNG BÁO"
    assert got[1].text == ("Kết luận hội nghị đối thoại giữa Chủ tịch UBND xã với Nhân dân "
                           "năm 2026")
    for p in got[:2]:
        assert props(p) == {(14, True, False)}
        assert p.alignment == WD_ALIGN_PARAGRAPH.CENTER


def test_opening_outcome_and_general_conclusion(made):
    got = lines(read(made["issued"].docx))
    assert got[2].startswith("Vào thứ Sáu, ngày 12 tháng 6 năm 2026, tại Hội trường UBND xã "
                             "Điềm He, Ủy ban nhân dân xã Điềm He tổ chức hội nghị đối thoại")
    assert "do đồng chí Lý Thị Dương, Chủ tịch UBND xã chủ trì." in got[2]
    headings = [x for x in got if re.match(r"^[IVX]+\. ", x)]
    assert headings == ["I. KẾT QUẢ HỘI NGHỊ", "II. KẾT LUẬN CHUNG",
                        "III. KẾT LUẬN CÁC Ý KIẾN, KIẾN NGHỊ CỤ THỂ", "IV. TỔ CHỨC THỰC HIỆN"]
    i = got.index("II. KẾT LUẬN CHUNG")
    assert got[i + 1] == made["june"]["conclusion"]


def test_each_opinion_with_its_conclusion_unit_and_due_date(made):
    doc = read(made["issued"].docx)
    got = lines(doc)
    start = got.index("III. KẾT LUẬN CÁC Ý KIẾN, KIẾN NGHỊ CỤ THỂ")
    end = got.index("IV. TỔ CHỨC THỰC HIỆN")
    section = got[start + 1:end]
    fields = [x for x in section if re.match(r"^\d+\. ", x)]
    assert fields[0].startswith("1. ") and len(fields) == len(set(fields)) >= 5
    entries = [x for x in section if re.match(r"^[a-zđ]\) ", x)]
    outcomes = [x for x in section if x.startswith("Kết luận: ")]
    assert len(entries) == len(outcomes)
    # every petition counted once; the two grouped in an Issue make one entry
    assert len(entries) == len(made["petitions"]) - 1
    grouped = next(x for x in entries if "Sửa ngầm tràn Khuổi Slằng" in x)
    assert grouped.endswith(": 02 ý kiến cùng nội dung.")
    assigned = made["assigned"]
    # the issue answers by the latest due date of its petitions
    due = max(p.due_date for p in made["petitions"] if p.pk in made["issue_pks"])
    after = section[section.index(grouped) + 1]
    assert after == (f"Kết luận: Giao {assigned.unit.name} xem xét, giải quyết và trả lời bằng "
                     f"văn bản cho công dân; thời hạn: trước ngày {due:%d/%m/%Y}.")
    # answered on the spot: the answer given at the conference
    spot = next(p for p in made["petitions"] if p.state == State.ANSWERED_AT_CONFERENCE
                and p.pk not in made["issue_pks"])
    answer = next(a for a in spot.answers.all() if a.is_current and a.at_conference)
    line = next(x for x in section if x.startswith(f"{spot.village.name}: ") or
                f") {spot.village.name}: {spot.text[:30]}" in x)
    assert section[section.index(line) + 1].startswith("Kết luận: Đã trả lời tại hội nghị")
    assert answer.text.strip().rstrip(".") in section[section.index(line) + 1]
    # a complaint sent to its procedure: named without its text
    assert any(x.endswith("Một nội dung khiếu nại, tố cáo (không nêu thông tin người gửi)")
               for x in entries)
    assert not any("Mã Thị Sinh" in x for x in got)
    # the label of a conclusion bold, its text regular
    p = next(p for p in doc.paragraphs if p.text.startswith("Kết luận: "))
    assert [(r.text, r.font.bold) for r in p.runs if r.text][:2] == [
        ("Kết luận: ", True), (p.text[len("Kết luận: "):], False)]


def test_letters_follow_vietnamese_order(made):
    got = lines(read(made["issued"].docx))
    letters = []
    for x in got:
        if re.match(r"^\d+\. ", x):
            letters.append([])
        elif re.match(r"^[a-zđ]\) ", x) and letters:
            letters[-1].append(x.split(")")[0])
    longest = max(letters, key=len)
    assert longest == ["a", "b", "c", "d", "đ", "e", "g", "h"][:len(longest)]
    assert len(longest) >= 5


def test_ending_and_recipients(made):
    doc = read(made["issued"].docx)
    assert lines(doc)[-1].endswith("được biết, thực hiện./.")
    left = [p.text for p in texts(doc.tables[-1].cell(0, 0).paragraphs)]
    assert "- Phòng Kinh tế;" in left and "- Trưởng các thôn;" in left
    assert left[-1] == "- Lưu: VT, VP."
    right = [p.text for p in texts(doc.tables[-1].cell(0, 1).paragraphs)]
    assert right == ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", made["june"]["signer"]]


def test_not_held_cannot_be_issued(made):
    assert made["not_held"].missing == ["hội nghị đã tổ chức", "nội dung kết luận"]
    got = lines(read(made["not_held"].docx))
    # no outcome recorded yet: the general conclusion comes first, as a gap
    assert "I. KẾT QUẢ HỘI NGHỊ" not in got
    i = got.index("I. KẾT LUẬN CHUNG")
    assert got[i + 1] == "…"
    assert got[i + 2] == "II. KẾT LUẬN CÁC Ý KIẾN, KIẾN NGHỊ CỤ THỂ"


def test_nfd_and_long_names(made):
    doc = read(made["nfd"].docx)
    assert unicodedata.is_normalized("NFC", doc.element.xml)
    all_text = [p.text for p in reading.all_paragraphs(doc)]
    assert "Hoàng Thị Diệu Hiền" in all_text
    assert "Giao Phòng Kinh tế sửa đường Khuổi Slằng." in all_text
    assert any("tại Nhà văn hóa thôn Khòn Pát" in x for x in all_text)
    long = read(made["long"].docx)
    header, signature = long.tables
    assert tuple(round(c.width.mm) for c in signature.columns) == (80, 85)
    assert texts(header.cell(0, 0).paragraphs)[-1].text.startswith("XÃ ĐIỀM HE MỞ RỘNG")
    assert texts(signature.cell(0, 1).paragraphs)[-1].text.startswith("Nguyễn Hoàng Phương")
    assert dt.date(2026, 6, 12) == made["june"]["held_on"]
