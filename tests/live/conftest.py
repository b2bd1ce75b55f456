"""A commune with the demo's organisation and a conference held today, its session open."""

import datetime as dt

import pytest
from django.test import Client
from django.utils import timezone

from doithoai.dialogues.actions import plans
from doithoai.dialogues.models import Conference
from doithoai.live.actions import sessions
from doithoai.org.models import Agency, Person, User


@pytest.fixture
def commune(_organisation, db):
    return Agency.objects.get(code="ubnd-xa-diem-he")


@pytest.fixture
def clerk(commune):
    return User.objects.get(username="vanphong")


@pytest.fixture
def conference(commune, clerk):
    """Today's conference (made directly: scheduling refuses a date this close)."""
    plan = plans.create_plan(actor=clerk, agency=commune, year=timezone.localdate().year)
    return Conference.objects.create(
        agency=commune, plan=plan, title="Hội nghị đối thoại với Nhân dân xã Điềm He",
        held_on=timezone.localdate(), starts_at=dt.time(8, 0), venue="Hội trường UBND xã",
        chair=Person.objects.get(agency=commune, position__startswith="Chủ tịch UBND"))


@pytest.fixture
def session(conference, clerk):
    return sessions.open_session(actor=clerk, conference=conference)


@pytest.fixture
def office(clerk):
    """The clerk's browser, signed in."""
    client = Client()
    client.force_login(clerk)
    return client
