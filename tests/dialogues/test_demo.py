"""The demo's plans and conferences: made through the real services, loaded once."""

from io import StringIO

from django.core.management import call_command
from django.utils import timezone

from doithoai.audit.models import AuditEvent
from doithoai.demo import dialogues as demo
from doithoai.dialogues.models import Conference, Plan
from doithoai.dialogues.selectors.milestones import milestone_status
from doithoai.org.models import Agency
from tests.conftest import CONFERENCE_TITLE, UPCOMING_TITLE, run_checks


def scenario(out: dict) -> None:
    """Runs in the run's one build of the full demo (tests/conftest.py::demo_scenarios)."""
    run_checks(out, lambda: check_plans_and_conferences(out["demo_output"]))


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
