"""The demo's participants (`doithoai.demo.participants`) on a conference of the commune: the
lists the villages sent (two have not), the invitations sent and answered, and on the day the
check-ins at the door."""

import datetime as dt

from django.utils import timezone

from doithoai.demo import participants
from doithoai.dialogues.models import Invitation, Milestone
from doithoai.dialogues.selectors import delegates as delegates_reads
from tests.dialogues.participants_helpers import Side


def test_demo_participants_upcoming(conference, clerk):
    summary = participants.demo_participants(conference, clerk)
    assert summary["missing_villages"] == 2
    rows = delegates_reads.village_rows(conference)
    assert sum(1 for r in rows if not r.village_return.delegates_sent_at) == 2
    assert conference.delegates.filter(side=Side.CITIZEN).count() == 10 * 3
    invs = Invitation.objects.filter(delegate__conference=conference)
    # The two villages that have not sent left their seats unnamed: no invitation yet.
    assert invs.count() == delegates_reads.addressable(conference.delegates.all()).count()
    assert delegates_reads.sending_summary(conference).unnamed > 0
    assert not invs.filter(sent_at=None).exists()
    assert invs.filter(state=Invitation.State.CONFIRMED).exists()
    assert invs.filter(state=Invitation.State.DECLINED).exists()
    assert not invs.exclude(checked_in_at=None).exists()


def test_demo_participants_held(conference, clerk):
    # The conference day has come: the deadlines have passed, one list came late.
    day = timezone.localdate()
    type(conference).objects.filter(pk=conference.pk).update(held_on=day)
    conference.milestones.filter(kind=Milestone.Kind.DELEGATE_LISTS).update(
        due_on=day - dt.timedelta(days=3))
    conference.milestones.filter(kind=Milestone.Kind.INVITATIONS).update(
        due_on=day - dt.timedelta(days=9))
    conference.refresh_from_db()
    summary = participants.demo_participants(conference, clerk, held=True)
    rows = delegates_reads.village_rows(conference)
    assert sum(r.late for r in rows) == 1
    invs = Invitation.objects.filter(delegate__conference=conference)
    assert not invs.filter(sent_late=True).exists()
    checked = invs.exclude(checked_in_at=None).count()
    assert checked == summary["checked_in"] and checked > invs.count() * 0.6
    assert not invs.filter(state=Invitation.State.DECLINED).exclude(checked_in_at=None).exists()
