"""The demo's conference in progress loaded at any hour (demo.live): its times are today's,
in order, never in the future, and the speaker at the floor has had it for minutes. Apart
from tests/live/test_demo.py, whose module-wide demo would already hold the conference."""

import datetime as dt

import pytest
import time_machine
from django.utils import timezone

from doithoai.demo import live as demo
from doithoai.demo import timeline
from doithoai.dialogues.actions import plans
from doithoai.live.models import Session
from doithoai.live.selectors.sessions import speaking
from doithoai.org.models import User
from doithoai.workdays.calendar import get_calendar
from tests.conftest import LIVE_TITLE


@pytest.mark.parametrize("at", ["2026-11-23 00:20 +07:00", "2026-11-23 07:10 +07:00",
                                "2026-11-23 21:30 +07:00"])
def test_loaded_at_any_hour(commune, at):
    """Loaded just after midnight, before the start or in the evening: the session is
    today's, its times in order, none in the future, the speaker at the floor for minutes."""
    agency = commune
    clerk, leader = (User.objects.get(username=u) for u in ("vanphong", "chutich"))
    with time_machine.travel(at, tick=True):
        plan = plans.create_plan(actor=clerk, agency=agency, year=2026)
        story = timeline.build(timezone.localdate(), get_calendar())
        assert demo.load(plan, clerk, leader, story)
        assert demo.load(plan, clerk, leader, story) is None  # once
        session = Session.objects.get(conference__title=LIVE_TITLE)
        now, today = timezone.now(), timezone.localdate()
        stamps = [session.opened_at, session.item_started_at]
        stamps += [r.created_at for r in session.registrations.all()]
        stamps += [s for r in session.registrations.exclude(called_at=None)
                   for s in (r.called_at, r.finished_at) if s]
        assert all(timezone.localtime(s).date() == today and s <= now for s in stamps)
        assert session.opened_at == min(stamps)
        speaker = speaking(session)
        assert now - speaker.called_at < dt.timedelta(minutes=5)
        assert speaker.called_at == max(stamps)
