"""A commune with the demo's units, villages and people (no petitions), its clerk and leader,
and helpers to make a plan and a conference through the real services."""

import datetime as dt

import pytest

from doithoai.dialogues.actions import conferences, plans
from doithoai.dialogues.actions import delegates as delegates_actions
from doithoai.org.models import Agency, Role, User
from tests.factories import user_with_role

TODAY = dt.date(2026, 11, 23)  # a Monday
HELD_ON = dt.date(2026, 12, 18)  # a Friday, four weeks ahead
ISSUED_ON = dt.date(2026, 5, 15)  # plans are issued before the year's conferences


@pytest.fixture(autouse=True)
def _on_a_fixed_day(frozen_today):
    """Every test here lives on TODAY (see tests/conftest.py)."""


@pytest.fixture
def commune(_organisation, db):
    return Agency.objects.get(code="ubnd-xa-diem-he")


@pytest.fixture
def clerk(commune):
    return User.objects.get(username="vanphong")


@pytest.fixture
def leader(commune):
    return User.objects.get(username="chutich")


@pytest.fixture
def outsider(commune):
    """The clerk of another commune."""
    return User.objects.get(username="vanphong.vanquan")


@pytest.fixture
def plan(commune, clerk):
    return plans.create_plan(actor=clerk, agency=commune, year=2026)


@pytest.fixture
def conference(plan, clerk):
    return conferences.schedule_conference(
        actor=clerk, plan=plan, data={"held_on": HELD_ON, "hall_capacity": 400},
        today=TODAY)


@pytest.fixture
def supervisor(commune):
    return user_with_role(Role.SUPERVISOR, agency=commune)


# The participants' tests (test_participants.py, test_invitations.py): the plan's composition
# turned into delegates, and two people of the commune.
@pytest.fixture
def built(conference, clerk):
    delegates_actions.build_delegates(actor=clerk, conference=conference)
    return conference


@pytest.fixture
def village_head(commune):
    return User.objects.get(username="truongthon")  # Thôn Nà Pàn


@pytest.fixture
def front(commune):
    return User.objects.get(username="mattran")
