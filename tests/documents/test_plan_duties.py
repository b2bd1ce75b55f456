"""The plan's "Tổ chức thực hiện" read back from its .docx: every body's duties with their
deadlines, as the Điềm He plan writes them, counted from the plan's own settings (a plan with
other settings says other numbers), dated once its conference is, and the same lines on the
plan's page (one source)."""

import datetime as dt
import html
import io
import re

import pypdf
import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from doithoai.core import dates
from doithoai.dialogues.actions import plans
from doithoai.dialogues.models import Milestone
from doithoai.documents.drawing import pdf
from doithoai.documents.render import render_docx
from doithoai.org.models import User
from tests import builders
from tests.documents.conftest import lines, read

pytestmark = pytest.mark.django_db

OTHER_SETTINGS = {"announce_days_before": 10, "invite_workdays_before": 8,
                  "village_days_before": 5, "conclusion_workdays_after": 4,
                  "results_days_after": 9, "answer_workdays": 12, "complex_answer_workdays": 25}
OFFICE, FRONT = "Văn phòng HĐND và UBND xã", "Đề nghị Ủy ban MTTQ Việt Nam xã"
BROADCAST, DEPARTMENTS = "Trung tâm Dịch vụ công ích xã", \
    "Các phòng chuyên môn, đơn vị trực thuộc UBND xã Điềm He"
VILLAGES = "Trưởng các thôn"


def sections(docx: bytes) -> dict[str, list[str]]:
    """Section IV of the plan: {body: its duty lines} in the document's order."""
    text = lines(read(docx))
    iv, v = text.index("IV. TỔ CHỨC THỰC HIỆN"), text.index("V. KINH PHÍ THỰC HIỆN")
    result: dict[str, list[str]] = {}
    body = None
    for line in text[iv + 1:v]:
        heading = re.match(r"^\d+\. (.+)$", line)
        if heading:
            body = heading.group(1)
            result[body] = []
        else:
            result[body].append(line)
    return result


def duty(section: list[str], words: str) -> str:
    (line,) = [line for line in section if words in line]
    return line


def test_every_body_has_its_duties_with_deadlines(commune):
    plan = builders.yearly_plan()
    got = sections(render_docx("ke-hoach", plan, number=27, issued_on=plan.issued_on).docx)
    assert list(got) == [OFFICE, FRONT, "Phòng Văn hóa - Xã hội", BROADCAST, "Công an xã",
                         DEPARTMENTS, VILLAGES, "Công tác phối hợp"]
    office = got[OFFICE]
    assert duty(office, "giấy mời đại biểu").endswith(
        "Thời hạn: chậm nhất 07 ngày làm việc trước hội nghị.")
    assert duty(office, "Thông báo kết luận").endswith(
        "Thời hạn: chậm nhất 05 ngày làm việc sau hội nghị.")
    assert duty(office, "Công khai kết quả hội nghị").endswith(
        "gửi Trưởng các thôn. Thời hạn: chậm nhất 10 ngày sau hội nghị.")
    assert duty(office, "Sở Nội vụ") == (
        "- Định kỳ hằng năm tổng hợp, báo cáo kết quả tổ chức hội nghị đối thoại năm 2026 gửi "
        "UBND tỉnh Lạng Sơn (qua Sở Nội vụ) theo quy định. Thời hạn: sau hội nghị cuối cùng "
        "của năm 2026, theo thời hạn báo cáo của UBND tỉnh Lạng Sơn.")
    # the units' own tasks, each with its days from the conference
    assert duty(office, "kinh tế - xã hội").endswith(
        "Thời hạn: chậm nhất 03 ngày trước hội nghị.")
    assert duty(got[BROADCAST], "ghi hình").endswith("Thời hạn: trong ngày hội nghị.")
    assert duty(got[BROADCAST], "phương tiện thông tin đại chúng").endswith(
        "Thời hạn: chậm nhất 07 ngày trước hội nghị.")
    assert [line.rsplit("Thời hạn: ", 1)[1] for line in got[FRONT]] == [
        "chậm nhất 03 ngày trước hội nghị."] * 2
    assert "phát phiếu lấy ý kiến" in got[FRONT][0]
    assert "danh sách đại biểu" in got[FRONT][1]
    prepare, answer = got[DEPARTMENTS]
    assert "Chuẩn bị nội dung trả lời" in prepare
    assert prepare.endswith("Thời hạn: chậm nhất 01 ngày làm việc trước hội nghị.")
    assert "trả lời bằng văn bản" in answer
    assert answer.endswith("Thời hạn: chậm nhất 15 ngày làm việc sau hội nghị (vụ việc phức "
                           "tạp không quá 30 ngày làm việc).")
    inform, collect, results = got[VILLAGES]
    assert "Tuyên truyền" in inform and inform.endswith("chậm nhất 07 ngày trước hội nghị.")
    assert "phát phiếu lấy ý kiến" in collect and "gửi Ủy ban MTTQ Việt Nam xã" in collect
    assert collect.endswith("chậm nhất 03 ngày trước hội nghị.")
    assert "Thông báo kết quả hội nghị đến Nhân dân" in results
    assert results.endswith("chậm nhất 10 ngày sau hội nghị.")
    # the coordination is no longer the village heads' place
    assert got["Công tác phối hợp"] == [
        "Đề nghị Thường trực HĐND, Ủy ban MTTQ Việt Nam xã Điềm He tham dự để theo dõi, giám "
        "sát việc thực hiện."]


def test_the_plans_own_settings_give_every_deadline(commune):
    """Settings other than the defaults: each statutory duty says the plan's number."""
    plan = builders.yearly_plan()
    clerk = User.objects.get(username="vanphong")
    plan = plans.update_plan(actor=clerk, plan=plan, data=OTHER_SETTINGS, version=plan.version,
                             reason="UBND tỉnh đề nghị thông báo sớm hơn")
    got = sections(render_docx("ke-hoach", plan, number=27, issued_on=plan.issued_on).docx)
    office, villages = got[OFFICE], got[VILLAGES]
    assert duty(office, "giấy mời đại biểu").endswith("chậm nhất 08 ngày làm việc trước hội nghị.")
    assert duty(office, "Thông báo kết luận").endswith("chậm nhất 04 ngày làm việc sau hội nghị.")
    assert duty(office, "Công khai kết quả").endswith("chậm nhất 09 ngày sau hội nghị.")
    assert duty(got[BROADCAST], "thông tin đại chúng").endswith(
        "chậm nhất 10 ngày trước hội nghị.")
    assert all(line.endswith("chậm nhất 05 ngày trước hội nghị.") for line in got[FRONT])
    assert got[DEPARTMENTS][1].endswith("chậm nhất 12 ngày làm việc sau hội nghị (vụ việc "
                                        "phức tạp không quá 25 ngày làm việc).")
    assert villages[0].endswith("chậm nhất 10 ngày trước hội nghị.")
    assert villages[1].endswith("chậm nhất 05 ngày trước hội nghị.")
    assert villages[2].endswith("chậm nhất 09 ngày sau hội nghị.")
    statutory = [*got[FRONT], *got[DEPARTMENTS], *villages]
    for default in ("07 ngày", "03 ngày", "05 ngày làm việc", "10 ngày sau", "15 ngày",
                    "30 ngày"):
        assert not any(default in line for line in statutory), default


def test_a_dated_conference_gives_each_duty_its_date(commune):
    plan = builders.yearly_plan()
    conference = builders.schedule(plan, "Hội nghị đối thoại năm 2026", dt.date(2026, 12, 17),
                                   today=builders.TODAY)
    due = dict(conference.milestones.exclude(kind=Milestone.Kind.TASK)
               .values_list("kind", "due_on"))
    got = sections(render_docx("ke-hoach", plan, number=27, issued_on=plan.issued_on).docx)
    office = got[OFFICE]
    assert duty(office, "giấy mời").endswith(
        f"Thời hạn: chậm nhất ngày {dates.day(due['invitations'])}.")
    assert duty(office, "Thông báo kết luận").endswith(
        f"chậm nhất ngày {dates.day(due['conclusion_notice'])}.")
    assert due["village_opinions"] == dt.date(2026, 12, 14)
    assert got[FRONT][0].endswith("Thời hạn: chậm nhất ngày 14/12/2026.")
    assert got[DEPARTMENTS][1].endswith(
        f"chậm nhất ngày {dates.day(due['written_answers'])} (vụ việc phức tạp không quá 30 "
        f"ngày làm việc sau hội nghị).")
    assert duty(got[BROADCAST], "ghi hình").endswith("trong ngày hội nghị 17/12/2026.")
    everything = [line for body in got.values() for line in body]
    assert not any(re.search(r"\d ngày (làm việc )?(trước|sau) hội nghị\.", line)
                   for line in everything)


def _page_text(client, plan) -> str:
    client.force_login(User.objects.get(username="vanphong"))
    page = client.get(reverse("dialogues:plan_detail", args=[plan.pk])).content.decode()
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", page)))


def test_the_plan_page_shows_the_documents_duties(client, commune):
    """One source: each line of section IV, with its deadline, is on the plan's page."""
    plan = builders.yearly_plan()
    clerk = User.objects.get(username="vanphong")
    plan = plans.update_plan(actor=clerk, plan=plan, data=OTHER_SETTINGS, version=plan.version,
                             reason="UBND tỉnh đề nghị thông báo sớm hơn")
    got = sections(render_docx("ke-hoach", plan, number=27, issued_on=plan.issued_on).docx)
    page = _page_text(client, plan)
    for number, (body, duties) in enumerate(got.items(), start=1):
        assert f"{number}. {body}" in page
        for line in duties:
            assert line.removeprefix("- ") in page, line


def test_the_plan_keeps_the_length_of_the_seed_plans(commune):
    """The seed plans run to 3–5 pages: the duties must not make it a booklet."""
    plan = builders.yearly_plan()
    docx = render_docx("ke-hoach", plan, number=27, issued_on=plan.issued_on).docx
    pages = len(pypdf.PdfReader(io.BytesIO(pdf.to_pdf(docx))).pages)
    assert 3 <= pages <= 6, pages


def test_the_yearly_report_carries_the_provinces_date(client, draft_plan):
    """The office records the date the province asked for; the plan prints it. A date
    outside the plan's year (or early the next) is refused and changes nothing."""
    clerk = User.objects.get(username="vanphong")
    client.force_login(clerk)
    edit = client.get(reverse("dialogues:plan_edit", args=[draft_plan.pk])).content.decode()
    assert 'type="date" name="yearly_report_due_on"' in edit
    for wrong in (dt.date(2026, 12, 31), dt.date(2028, 4, 1)):
        with pytest.raises(ValidationError, match="phải trong năm 2027 hoặc đầu năm sau"):
            plans.update_plan(actor=clerk, plan=draft_plan, version=draft_plan.version,
                              data={"yearly_report_due_on": wrong})
    draft_plan.refresh_from_db()
    assert draft_plan.yearly_report_due_on is None
    plan = plans.update_plan(actor=clerk, plan=draft_plan, version=draft_plan.version,
                             data={"yearly_report_due_on": dt.date(2027, 12, 15)})
    got = sections(render_docx("ke-hoach", plan).docx)
    assert duty(got[OFFICE], "Sở Nội vụ").endswith(
        "(qua Sở Nội vụ) theo quy định. Thời hạn: chậm nhất ngày 15/12/2027.")
