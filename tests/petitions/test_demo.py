"""The demo commune's petitions: about 300, in every state, over every village, field,
channel and kind, made through the real services, and loaded only once."""

import datetime as dt
from io import StringIO

import pytest
from django.conf import settings
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from doithoai.audit.models import AuditEvent
from doithoai.core.deadlines import DUE_SOON, OVERDUE, urgency_flag
from doithoai.core.petition_flow import OPEN_STATES, State
from doithoai.dialogues.models import Conference
from doithoai.org.models import Agency, User
from doithoai.petitions import demo, reminders
from doithoai.petitions.models import (
    Channel,
    Escalation,
    Extension,
    Field,
    Kind,
    Petition,
    Petitioner,
)
from doithoai.petitions.sms import LogGateway
from doithoai.workdays.calendar import get_calendar


@pytest.mark.django_db
def test_demo_petitions_cover_everything_and_load_once():
    LogGateway.sent.clear()
    out = StringIO()
    call_command("demo_data", stdout=out)
    assert "Ý kiến mẫu: đã tạo 3" in out.getvalue()
    agency = Agency.objects.get(code=demo.AGENCY_CODE)
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
    assert set(petitions.values_list("channel", flat=True)) == {c.value for c in Channel}
    assert set(petitions.values_list("kind", flat=True)) == {k.value for k in Kind}

    # some overdue, some due soon, some in time
    today, calendar = timezone.localdate(), get_calendar()
    flags = [urgency_flag(calendar, due, today, settings.PETITION_DUE_SOON_WORKDAYS)
             for due in petitions.filter(state__in=OPEN_STATES).values_list("due_date",
                                                                            flat=True)]
    assert flags.count(OVERDUE) >= 10 and flags.count(DUE_SOON) >= 5
    assert flags.count(None) >= 10
    assert all(d.year == 2026 for d in petitions.exclude(received_on__gt=today)
               .values_list("received_on", flat=True))
    assert not petitions.filter(received_on__gt=today).exists()

    # grouped, extended, escalated, transferred complaints and denunciations, a conference
    assert petitions.exclude(issue=None).values("issue").distinct().count() >= 5
    assert Extension.objects.filter(petition__agency=agency).exists()
    assert Escalation.objects.filter(petition__agency=agency).count() >= 10
    transferred = petitions.filter(state=State.TRANSFERRED)
    assert {Kind.COMPLAINT, Kind.DENUNCIATION} <= set(transferred.values_list("kind",
                                                                             flat=True))
    conference = Conference.objects.get(agency=agency, title=demo.CONFERENCE_TITLE)
    assert conference.held_on == dt.date(2026, 6, 12)
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

    # idempotent
    out = StringIO()
    call_command("demo_data", stdout=out)
    assert f"đã có {count} ý kiến mẫu" in out.getvalue()
    assert demo.demo_petitions(agency).count() == count
    assert receipts.count() == count
    all_receipts = AuditEvent.objects.filter(action="petition.receive").count()
    assert all_receipts == Petition.objects.count()  # the plans' demo adds none twice either
    assert Conference.objects.filter(title=demo.CONFERENCE_TITLE).count() == 1

    # and the reminders have work to do (the demo accounts have no e-mail addresses)
    for username in ("vanphong", "kinhte"):
        User.objects.filter(username=username).update(email=f"{username}@example.com")
    outcome = reminders.run(dry_run=True)
    assert outcome.overdue > 0 and outcome.due_soon > 0


@pytest.mark.django_db
def test_without_the_demo_commune_nothing_is_made():
    outcome = demo.load_demo_petitions()
    assert outcome.missing_commune and not Petition.objects.exists()
    assert "chưa có xã Điềm He" in outcome.summary()


@pytest.mark.django_db
def test_demo_data_can_leave_the_petitions_out():
    out = StringIO()
    call_command("demo_data", "--no-petitions", stdout=out)
    assert Agency.objects.filter(code=demo.AGENCY_CODE).exists()
    assert not Petition.objects.exists() and "Ý kiến mẫu" not in out.getvalue()

