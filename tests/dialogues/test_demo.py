"""The demo's plans and conferences: made through the real services, loaded once."""

import io
from io import StringIO

from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from docx import Document

from doithoai.audit.models import AuditEvent
from doithoai.core.petition_flow import State
from doithoai.demo import dialogues as demo
from doithoai.dialogues.models import Conference, Plan
from doithoai.dialogues.selectors.milestones import milestone_status
from doithoai.documents.drawing.format_check import reading
from doithoai.documents.models import Document as DocumentRecord
from doithoai.org.models import Agency
from doithoai.petitions.models import Channel, Kind
from tests.conftest import CONFERENCE_TITLE, UPCOMING_TITLE, run_checks


def scenario(out: dict) -> None:
    """Runs in the run's one build of the full demo (tests/conftest.py::demo_scenarios)."""
    def checks():
        check_plans_and_conferences(out["demo_output"])
        check_june_complaint()

    run_checks(out, checks)


def test_demo_plans_and_conferences(db, demo_scenarios):
    failure = demo_scenarios[__name__]["failure"]
    assert failure is None, failure


def check_plans_and_conferences(output: str) -> None:
    assert "kế hoạch số 27/KH-UBND năm 2026 của xã Điềm He" in output
    diem_he = Agency.objects.get(code=demo.DIEM_HE)
    plan = Plan.objects.get(agency=diem_he, year=2026)
    assert plan.state == Plan.State.PUBLISHED and plan.number == "27/KH-UBND"

    june = plan.conferences.get(title=CONFERENCE_TITLE)
    assert june.state == Conference.State.CONCLUDED and june.conclusion_number == "58/TB-UBND"
    # the demo petitions of the June conference hang on the plan's conference
    assert june.petitions.count() >= 20
    statuses = {m.kind: milestone_status(m) for m in june.milestones.exclude(kind="task")}
    assert statuses["conclusion_notice"] == "done"
    assert statuses["village_opinions"] == "done_late"  # Thôn Lùng Vài sent late
    late = june.village_returns.filter(opinions_late=True)
    assert list(late.values_list("village__name", flat=True)) == ["Thôn Lùng Vài"]

    upcoming = plan.conferences.get(title=UPCOMING_TITLE)
    assert upcoming.state == Conference.State.PLANNED
    assert upcoming.held_on > timezone.localdate()
    open_steps = [m for m in upcoming.milestones.all() if milestone_status(m) == "due"]
    assert len(open_steps) >= 10
    sent = upcoming.village_returns.exclude(opinions_sent_at=None)
    assert sent.count() == len(demo.VILLAGES_SENT_OPINIONS)
    assert upcoming.village_returns.filter(opinions_sent_at=None).exists()

    # last year's conference, so that this year's has a previous one to follow up
    previous = Plan.objects.get(agency=diem_he, year=2025)
    assert previous.number == "25/KH-UBND"
    assert previous.conferences.get().state == Conference.State.CONCLUDED

    van_quan = Agency.objects.get(code=demo.VAN_QUAN)
    assert Plan.objects.filter(agency=van_quan, year=2026).exists()
    assert Conference.objects.get(agency=van_quan).state == Conference.State.CONCLUDED

    events = AuditEvent.objects.count()
    out = StringIO()
    call_command("demo_data", stdout=out)
    assert "Kế hoạch, hội nghị mẫu: đã có" in out.getvalue()
    # Last year's; June, upcoming and today's (the live room's, see tests/live/test_demo.py);
    # Văn Quan's
    assert Plan.objects.count() == 3 and Conference.objects.count() == 5
    assert AuditEvent.objects.count() == events


def _document_text(document) -> str:
    with document.file.open("rb") as f:
        doc = Document(io.BytesIO(f.read()))
    return "\n".join(p.text for p in reading.all_paragraphs(doc))


def check_june_complaint() -> None:
    """The held conference's complaint went to its procedure as the live room sends one: the
    law's guidance and the chair's remark told to the citizen, never an answer; the public
    results page, the tracking page and the issued Thông báo kết luận say it was sent to its
    procedure and name nobody."""
    june = Conference.objects.get(title=CONFERENCE_TITLE)
    complaint = june.petitions.get(kind=Kind.COMPLAINT, channel=Channel.CONFERENCE)
    assert complaint.state == State.TRANSFERRED and complaint.due_date is None
    assert complaint.petitioners.get().full_name == demo.JUNE_COMPLAINANT
    assert complaint.public_note.startswith("Giải quyết theo Luật Khiếu nại năm 2011.")
    assert complaint.public_note.endswith(
        "Chủ trì hướng dẫn thêm: " + demo.JUNE_COMPLAINT_REMARK)
    assert not complaint.answers.exists()
    assert "chuyển 1 nội dung khiếu nại giải quyết theo thủ tục" in june.outcome
    secrets = ("Mã Thị Sinh", "M. T. S.", "thu hồi đất vườn")

    page = Client().get(reverse("dialogues_public:results", args=[june.pk])).content.decode()
    assert "Một nội dung khiếu nại, tố cáo (không nêu thông tin người gửi)." in page
    assert "Chuyển theo thủ tục khiếu nại, tố cáo" in page
    assert "Chuyển giải quyết theo thủ tục khiếu nại, tố cáo" in page  # the figure
    for secret in secrets:
        assert secret not in page, secret

    tracking = Client().get(reverse("public:track_code", args=[complaint.tracking_code]))
    tracking = tracking.content.decode()
    assert "Chuyển giải quyết theo thủ tục khiếu nại, tố cáo" in tracking
    assert "Luật Khiếu nại năm 2011" in tracking and "Mã Thị Sinh" not in tracking
    assert "Đã trả lời" not in tracking

    notice = DocumentRecord.objects.get(kind="thong-bao-ket-luan", object_id=june.pk,
                                        state=DocumentRecord.State.ISSUED)
    text = _document_text(notice)
    lines = text.splitlines()
    line = next(x for x in lines
                if "Một nội dung khiếu nại, tố cáo (không nêu thông tin người gửi)" in x)
    assert lines[lines.index(line) + 1] == (
        "Kết luận: Nội dung là khiếu nại, tố cáo: được tiếp nhận, xử lý theo quy định của "
        "pháp luật về khiếu nại, tố cáo.")
    assert "Thôn" not in line  # nor where she lives
    # the chair who answered in the hall is named in office, as the opening names her
    assert "Đã trả lời tại hội nghị (Bà Lý Thị Dương, Chủ tịch UBND xã)" in text
    for secret in secrets:
        assert secret not in text, secret
