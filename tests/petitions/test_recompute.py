"""Changing the working-day calendar moves open petitions' due dates, in the same
transaction as the change, each move in the audit log."""

import datetime as dt

import pytest

from doithoai.audit.models import AuditEvent
from doithoai.core.petition_flow import State
from doithoai.org.models import Role
from doithoai.petitions.actions import assignments, procedures
from doithoai.petitions.actions import deadlines as petition_deadlines
from doithoai.petitions.models import Petition
from doithoai.workdays import actions as calendar_actions
from doithoai.workdays.models import CalendarOverride
from tests.factories import user_with_role

CULTURAL_DAY = dt.date(2026, 11, 24)


@pytest.fixture
def admin(db):
    return user_with_role(Role.ADMIN)


def _moves(petition):
    return list(AuditEvent.objects.filter(action="petition.recompute_due",
                                          object_id=str(petition.pk))
                .order_by("seq").values_list("before", "after", "reason"))


def test_switching_on_24_november_moves_an_open_due_date_audited(receive, people, admin):
    open_one = receive(received_on=dt.date(2026, 11, 3))
    assert open_one.due_date == CULTURAL_DAY  # 15 working days after 3/11/2026
    closed = receive(received_on=dt.date(2026, 11, 3))
    procedures.not_accept(actor=people["clerk"], petition=closed, reason="Trùng nội dung",
                          where_to_go="Xem trả lời trước")
    override = CalendarOverride.objects.get(date=CULTURAL_DAY)
    assert not override.enabled  # shipped switched off

    calendar_actions.set_override_enabled(actor=admin, override=override, enabled=True,
                                           reason="Nghị quyết đã có hiệu lực")

    open_one.refresh_from_db()
    assert open_one.due_date == dt.date(2026, 11, 25)
    assert _moves(open_one) == [({"due_date": "2026-11-24"}, {"due_date": "2026-11-25"},
                                 "Lịch ngày làm việc thay đổi")]
    closed.refresh_from_db()
    assert closed.state == State.NOT_ACCEPTED and closed.due_date == CULTURAL_DAY
    assert _moves(closed) == []

    calendar_actions.set_override_enabled(actor=admin, override=override, enabled=False,
                                           reason="Tạm dừng áp dụng")
    open_one.refresh_from_db()
    assert open_one.due_date == CULTURAL_DAY
    assert len(_moves(open_one)) == 2


def test_creating_and_updating_an_override_recompute_too(receive, admin):
    p = receive(received_on=dt.date(2026, 11, 2))
    assert p.due_date == dt.date(2026, 11, 23)
    friday_off = calendar_actions.create_override(
        actor=admin, reason="Nghỉ bù", override=CalendarOverride(
            date=dt.date(2026, 11, 20), kind="off", reason="Nghỉ bù thử nghiệm",
            legal_basis="Thông báo số 1/TB-UBND"))
    p.refresh_from_db()
    assert p.due_date == dt.date(2026, 11, 24)
    calendar_actions.update_override(actor=admin, override=friday_off,
                                      changes={"date": dt.date(2026, 12, 1)},
                                      reason="Đổi ngày nghỉ bù")
    p.refresh_from_db()
    assert p.due_date == dt.date(2026, 11, 23)
    assert len(_moves(p)) == 2


def test_an_extended_due_date_stays_as_decided(receive, commune, people, admin):
    p = receive(received_on=dt.date(2026, 11, 3))
    p = assignments.assign(actor=people["clerk"], petition=p, unit=people["unit"])
    p = petition_deadlines.extend(actor=people["officer"], petition=p, new_due_date=CULTURAL_DAY
                                  + dt.timedelta(days=7), reason="Cần khảo sát")
    override = CalendarOverride.objects.get(date=CULTURAL_DAY)
    calendar_actions.set_override_enabled(actor=admin, override=override, enabled=True,
                                           reason="Áp dụng")
    p.refresh_from_db()
    assert p.due_date == dt.date(2026, 12, 1) and _moves(p) == []


def test_the_change_and_the_recomputation_commit_together(receive, admin, monkeypatch):
    p = receive(received_on=dt.date(2026, 11, 3))

    def failing(**kwargs):
        raise RuntimeError("database went away")

    monkeypatch.setattr(petition_deadlines, "recompute_due_dates", failing)
    override = CalendarOverride.objects.get(date=CULTURAL_DAY)
    with pytest.raises(RuntimeError):
        calendar_actions.set_override_enabled(actor=admin, override=override, enabled=True,
                                               reason="Áp dụng")
    override.refresh_from_db()
    assert not override.enabled  # rolled back with the failed recomputation
    assert not AuditEvent.objects.filter(action="calendar_override.enable").exists()
    p.refresh_from_db()
    assert p.due_date == CULTURAL_DAY


def test_reopened_and_earlier_due_dates_are_left_alone(receive, people):
    import datetime as dt

    reopened = receive()
    procedures.not_accept(actor=people["clerk"], petition=reopened, reason="thử",
                          where_to_go="UBND xã")
    reopened = procedures.close(actor=people["clerk"], petition=reopened)
    reopened = procedures.reopen(actor=people["clerk"], petition=reopened,
                                 reason="Công dân chưa đồng ý")
    earlier = receive(received_on=dt.date(2026, 9, 1))
    kept = {p.pk: p.due_date for p in (reopened, earlier)}
    assert petition_deadlines.recompute_due_dates(on_or_after=dt.date(2026, 11, 24)) == 0
    for pk, due in kept.items():
        assert Petition.objects.get(pk=pk).due_date == due


def test_confirming_a_year_brings_its_due_dates_in_line_with_the_calendar(receive, admin):
    """A swap entered without the services (a script, an import) has not moved anything yet;
    confirming the year recomputes every open due date from its first day."""
    import time_machine

    with time_machine.travel("2027-01-05 09:00 +07:00", tick=False):
        p = receive(received_on=dt.date(2027, 1, 4))
        assert p.due_date == dt.date(2027, 1, 25)  # 15 working days, nothing off in January
        CalendarOverride.objects.create(
            date=dt.date(2027, 1, 15), kind="off", reason="Ngày nghỉ hoán đổi",
            legal_basis="Thông báo của Bộ Nội vụ về lịch nghỉ năm 2027")
        p.refresh_from_db()
        assert p.due_date == dt.date(2027, 1, 25)  # not recomputed yet
        calendar_actions.confirm_year(
            actor=admin, year=2027, legal_basis="Thông báo của Bộ Nội vụ về lịch nghỉ năm 2027",
            reason="Đã nhập các ngày hoán đổi")
    p.refresh_from_db()
    assert p.due_date == dt.date(2027, 1, 26)
    assert _moves(p) == [({"due_date": "2027-01-25"}, {"due_date": "2027-01-26"},
                          "Lịch ngày làm việc thay đổi")]
