"""The demo, built on any day: the demo commune's petitions (about 300, in every state, over
every village, field, channel and kind, made through the real services), its plans and
conferences each in its own year, loaded only once; a week later it says how to rebuild."""

import datetime as dt
import re
from io import StringIO

import pytest
import time_machine
from django.conf import settings
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from doithoai.audit.models import AuditEvent
from doithoai.core.deadlines import DUE_SOON, OVERDUE, urgency_flag
from doithoai.core.petition_flow import OPEN_STATES, State
from doithoai.demo import petitions as demo
from doithoai.demo import timeline
from doithoai.dialogues.models import Conference, Plan
from doithoai.live.models import Registration
from doithoai.live.selectors import screen as screens
from doithoai.live.selectors.sessions import queue
from doithoai.org.models import Agency, User
from doithoai.petitions.actions import reminders
from doithoai.petitions.models import (
    Channel,
    Escalation,
    Extension,
    Field,
    Kind,
    Petition,
    Petitioner,
)
from doithoai.petitions.selectors.deadlines import today_info
from doithoai.petitions.selectors.queues import late_or_soon
from doithoai.petitions.sms import LogGateway
from doithoai.workdays.calendar import get_calendar

# Days on which a demo built from "today" is most likely to go wrong: the last day of a
# year, the first (a holiday), inside Tết 2027 (Mùng ba), the Saturday the 02/01/2026 swap
# makes a working day, 29 February, the last day of June (the held conference is then last
# year's). The demo's own run (tests/conftest.py::demo_scenarios) is on 23/11/2026.
RISKY_DAYS = ["2026-12-31", "2027-01-01", "2027-02-08", "2026-01-10", "2028-02-29",
              "2027-06-30"]


@pytest.mark.django_db
@pytest.mark.parametrize("day", RISKY_DAYS)
def test_the_demo_builds_on_any_day(day):
    with time_machine.travel(f"{day} 10:30 +07:00", tick=True):
        today = dt.date.fromisoformat(day)
        assert timezone.localdate() == today
        LogGateway.sent.clear()
        out = StringIO()
        call_command("demo_data", stdout=out)
        story = timeline.build(today, get_calendar())
        check_petitions(out.getvalue(), story)
        check_plans_and_conferences(story)
        check_the_law_on_any_day(story)
        check_loaded_once_and_a_week_later(story)


def check_petitions(output: str, story: timeline.Timeline) -> None:
    assert "Ý kiến mẫu: đã tạo 3" in output
    agency = Agency.objects.get(code=demo.AGENCY_CODE)
    # The figures printed are the queue's own (its "Quá hạn" and "Sắp đến hạn" filters).
    today = today_info()
    late = late_or_soon(Petition.objects.filter(agency=agency), today)
    printed = re.search(r"\((\d+) quá hạn, (\d+) sắp đến hạn\)", output).groups()
    assert printed == (str(late.filter(due_date__lt=today.today).count()),
                       str(late.filter(due_date__gte=today.today).count()))
    # Answer templates and officers' e-mail addresses, so templates and reminders can be tried.
    assert agency.answer_templates.count() >= 4
    assert agency.memberships.filter(user__username="kinhte", user__email__endswith=".example")
    petitions = demo.demo_petitions(agency)
    count = petitions.count()
    assert 280 <= count <= 320
    assert set(petitions.values_list("submission_key", flat=True)) == {
        f"demo-{n}" for n in range(1, count + 1)}

    # every state, village, field, channel and kind
    assert set(petitions.values_list("state", flat=True)) == {s.value for s in State}
    assert set(petitions.values_list("village", flat=True)) == set(
        agency.villages.values_list("pk", flat=True))
    assert set(petitions.exclude(field=None).values_list("field", flat=True)) == set(
        Field.objects.filter(agency=agency).values_list("pk", flat=True))
    # Every channel of intake: "registered to speak, not heard" comes only from a session
    # closed in the live room (the demo's session is in progress).
    assert set(petitions.values_list("channel", flat=True)) == {
        c.value for c in Channel if c != Channel.REGISTERED}
    assert set(petitions.values_list("kind", flat=True)) == {k.value for k in Kind}

    # some overdue, some due soon, some in time; received from the story's first week to today
    today, calendar = story.today, get_calendar()
    flags = [urgency_flag(calendar, due, today, settings.PETITION_DUE_SOON_WORKDAYS)
             for due in petitions.filter(state__in=OPEN_STATES).values_list("due_date",
                                                                            flat=True)]
    assert flags.count(OVERDUE) >= 10 and flags.count(DUE_SOON) >= 5
    assert flags.count(None) >= 10
    received = set(petitions.values_list("received_on", flat=True))
    assert story.petitions_from <= min(received) and max(received) <= today
    # the years the texts name moved with the story (written for 2026)
    texts = " ".join(petitions.values_list("text", flat=True))
    assert f"năm {story.held_year}" in texts
    if story.shift:
        assert "cận nghèo năm 2026" not in texts

    # grouped, extended, escalated, transferred complaints and denunciations, a conference
    assert petitions.exclude(issue=None).values("issue").distinct().count() >= 5
    assert Extension.objects.filter(petition__agency=agency).exists()
    assert Escalation.objects.filter(petition__agency=agency).count() >= 10
    transferred = petitions.filter(state=State.TRANSFERRED)
    assert {Kind.COMPLAINT, Kind.DENUNCIATION} <= set(transferred.values_list("kind",
                                                                             flat=True))
    conference = Conference.objects.get(agency=agency,
                                        title=demo.conference_title(story.held_year))
    assert conference.held_on == story.held_on
    assert petitions.filter(conference=conference).count() >= 15
    assert petitions.filter(conference=conference,
                            state=State.ANSWERED_AT_CONFERENCE).exists()

    # real services: an audit event for every receipt, and more for the moves
    receipts = AuditEvent.objects.filter(
        action="petition.receive", object_type="petitions.petition",
        object_id__in=[str(pk) for pk in petitions.values_list("pk", flat=True)])
    assert receipts.count() == count
    assert AuditEvent.objects.filter(object_type="petitions.petition").count() > 3 * count
    assert AuditEvent.objects.filter(action="petition.approve",
                                     actor__username="chutich").exists()
    assert AuditEvent.objects.filter(action="petition.draft_answer",
                                     actor__username="kinhte").exists()
    # a denunciation's petitioner is never shown to the public
    assert not Petitioner.objects.filter(petition__in=petitions.filter(
        kind=Kind.DENUNCIATION), anonymous_to_public=False).exists()
    # the demo's citizens are not told anything
    assert mail.outbox == [] and LogGateway.sent == []

    # and the reminders have work to do (the demo accounts have no e-mail addresses)
    for username in ("vanphong", "kinhte"):
        User.objects.filter(username=username).update(email=f"{username}@example.com")
    outcome = reminders.run(dry_run=True)
    assert outcome.overdue > 0 and outcome.due_soon > 0


def check_plans_and_conferences(story: timeline.Timeline) -> None:
    """Last year's and this year's plans; a conference held and concluded, one in session
    today, one ahead — each inside its own plan's year."""
    today = story.today
    agency = Agency.objects.get(code=demo.AGENCY_CODE)
    plans = Plan.objects.filter(agency=agency, kind=Plan.Kind.PERIODIC)
    assert {today.year - 1, today.year} <= set(plans.values_list("year", flat=True))
    assert not plans.exclude(state=Plan.State.PUBLISHED).exists()
    for plan in plans:
        assert plan.issued_on <= today and plan.issued_on.year in (plan.year - 1, plan.year)
    conferences = Conference.objects.filter(agency=agency).select_related("plan")
    assert all(c.held_on.year == c.plan.year for c in conferences)
    held = conferences.filter(state=Conference.State.CONCLUDED)
    assert held.filter(held_on__lte=today - dt.timedelta(days=42)).exists()
    assert all(c.conclusion_number and c.concluded_on <= today for c in held)
    live = conferences.get(held_on=today)
    assert live.plan.year == today.year and live.live_session.is_open
    ahead = conferences.get(held_on__gt=today)
    assert ahead.state == Conference.State.PLANNED and ahead.plan.year == ahead.held_on.year
    assert get_calendar().is_workday(ahead.held_on)
    assert ahead.milestones.filter(done_on=None, due_on__gte=today).exists()
    neighbour = Conference.objects.get(agency__code="ubnd-xa-van-quan")
    assert neighbour.state == Conference.State.CONCLUDED and neighbour.held_on < today
    assert neighbour.plan.year == neighbour.held_on.year


def check_the_law_on_any_day(story: timeline.Timeline) -> None:
    """Whatever the day: the session in progress has, among the next three, a denunciation
    registered by phone (confidential by its words) and a speaker who asked not to be named,
    and the hall screen names neither; the held conference's complaint was sent to its
    procedure with guidance, never answered; no complaint or denunciation shows an opinion's
    due date as overdue or due soon."""
    agency = Agency.objects.get(code=demo.AGENCY_CODE)
    session = Conference.objects.get(agency=agency, held_on=story.today).live_session
    following = list(queue(session)[:3])
    assert any(r.source == Registration.Source.QR and r.is_denunciation and r.confidential
               for r in following)
    assert any(r.confidential and not r.is_denunciation for r in following)
    shown = screens.screen(session.conference).following
    assert sum(x.startswith("Người phát biểu số ") for x in shown) == 2
    assert not any("Lộc Thị Tám" in x or "Hoàng Văn Slao" in x for x in shown)
    held = Conference.objects.get(agency=agency, title=demo.conference_title(story.held_year))
    complaint = held.petitions.get(kind=Kind.COMPLAINT, channel=Channel.CONFERENCE)
    assert complaint.state == State.TRANSFERRED and not complaint.answers.exists()
    assert "Chủ trì hướng dẫn thêm: " in complaint.public_note
    today = today_info(story.today)
    sensitive = Petition.objects.filter(agency=agency,
                                        kind__in=(Kind.COMPLAINT, Kind.DENUNCIATION))
    assert sensitive.filter(state__in=OPEN_STATES).exists()
    assert not sensitive.exclude(due_date=None).exists()
    assert {today.flag(p) for p in sensitive} == {None}


def check_loaded_once_and_a_week_later(story: timeline.Timeline) -> None:
    counts = (Petition.objects.count(), Conference.objects.count(), Plan.objects.count())
    events = AuditEvent.objects.count()
    out = StringIO()
    call_command("demo_data", stdout=out)
    assert "Ý kiến mẫu: đã có" in out.getvalue()
    assert "Kế hoạch, hội nghị mẫu: đã có" in out.getvalue()
    assert (Petition.objects.count(), Conference.objects.count(),
            Plan.objects.count()) == counts
    assert AuditEvent.objects.filter(action="petition.receive").count() == counts[0]
    # a week later, the database still holds that day's demo: said, nothing added
    with time_machine.travel(story.today + dt.timedelta(days=7, hours=10)):
        out = StringIO()
        call_command("demo_data", stdout=out)
    message = out.getvalue()
    assert f"được tạo ngày {story.today:%d/%m/%Y}" in message
    assert "doithoai demo_data --reset" in message
    assert (Petition.objects.count(), Conference.objects.count(),
            Plan.objects.count()) == counts
    assert AuditEvent.objects.count() == events


@pytest.mark.django_db
def test_without_the_demo_commune_nothing_is_made():
    outcome = demo.load_demo_petitions(timeline.build(timezone.localdate(), get_calendar()))
    assert outcome.missing_commune and not Petition.objects.exists()
    assert "chưa có xã Điềm He" in outcome.summary()


@pytest.mark.django_db
def test_demo_data_can_leave_the_petitions_out():
    out = StringIO()
    call_command("demo_data", "--no-petitions", stdout=out)
    assert Agency.objects.filter(code=demo.AGENCY_CODE).exists()
    assert not Petition.objects.exists() and "Ý kiến mẫu" not in out.getvalue()

