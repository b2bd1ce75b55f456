"""The calendar in force: shipped overrides, switching them, the command and the page."""

import datetime as dt
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import CommandError, call_command
from django.urls import reverse

from doithoai.audit.models import AuditEvent
from doithoai.workdays import actions
from doithoai.workdays.calendar import get_calendar
from doithoai.workdays.models import CalendarOverride

D = dt.date
CULTURAL_DAY = D(2026, 11, 24)

# docs/law.md#official-civil-servant-calendar, for the calendar read from the database.
WEEKDAYS_OFF = {
    2024: "1/1 8/2 9/2 12/2 13/2 14/2 18/4 29/4 30/4 1/5 2/9 3/9",
    2025: "1/1 27/1 28/1 29/1 30/1 31/1 7/4 30/4 1/5 2/5 1/9 2/9",
    2026: "1/1 2/1 16/2 17/2 18/2 19/2 20/2 27/4 30/4 1/5 31/8 1/9 2/9",
}
SATURDAYS_WORKED = {2024: "4/5", 2025: "26/4", 2026: "10/1 22/8"}

pytestmark = pytest.mark.django_db


def dates(year, text):
    return [D(year, int(m), int(d)) for d, m in (item.split("/") for item in text.split())]


@pytest.fixture
def admin_user():
    return get_user_model().objects.create_superuser(
        username="quantri", password="mat-khau-quan-tri-1"
    )


@pytest.fixture
def clerk():
    return get_user_model().objects.create_user(username="vanthu", password="mat-khau-van-thu-1")


def cultural_day():
    return CalendarOverride.objects.get(date=CULTURAL_DAY)


def run(*args):
    out = StringIO()
    call_command("workdays", *args, stdout=out)
    return out.getvalue().strip()


# -- shipped data -------------------------------------------------------------------------


def test_official_swaps_are_shipped_with_their_legal_basis():
    shipped = {o.date: o for o in CalendarOverride.objects.all()}
    for day in [D(2024, 5, 4), D(2025, 4, 26), D(2026, 1, 2), D(2026, 1, 10), D(2026, 8, 22)]:
        assert shipped[day].enabled
        assert shipped[day].legal_basis
        assert shipped[day].reason.startswith(("Ngày làm bù", "Ngày nghỉ hoán đổi"))


@pytest.mark.parametrize("year", [2024, 2025, 2026])
def test_calendar_from_the_database_matches_the_official_table(year):
    calendar = get_calendar()
    days, d = [], D(year, 1, 1)
    while d.year == year:
        days.append(d)
        d += dt.timedelta(days=1)
    assert [d for d in days if d.weekday() < 5 and not calendar.is_workday(d)] == dates(
        year, WEEKDAYS_OFF[year]
    )
    assert [d for d in days if d.weekday() >= 5 and calendar.is_workday(d)] == dates(
        year, SATURDAYS_WORKED[year]
    )


def test_cultural_day_is_shipped_disabled_and_is_a_working_day():
    override = cultural_day()
    assert not override.enabled
    assert override.kind == "off"
    assert "80-NQ/TW" in override.legal_basis
    assert get_calendar().is_workday(CULTURAL_DAY)


# -- switching an override -----------------------------------------------------------------


def test_switching_the_cultural_day_on_changes_deadlines(admin_user):
    before = get_calendar()
    assert before.add_workdays(D(2026, 11, 23), 1) == CULTURAL_DAY
    actions.set_override_enabled(
        actor=admin_user, override=cultural_day(), enabled=True, reason="Đã có văn bản"
    )
    after = get_calendar()
    assert after is not before  # the cache noticed the change
    assert not after.is_workday(CULTURAL_DAY)
    assert after.day_status(CULTURAL_DAY).reason == "Ngày Văn hóa Việt Nam"
    assert after.add_workdays(D(2026, 11, 23), 1) == D(2026, 11, 25)
    event = AuditEvent.objects.filter(action="calendar_override.enable").get()
    assert event.before["enabled"] is False and event.after["enabled"] is True
    assert event.reason == "Đã có văn bản"


def test_the_cache_is_reused_until_the_table_changes(admin_user, django_assert_num_queries):
    first = get_calendar()
    with django_assert_num_queries(1):  # only the cheap (count, latest change) query
        assert get_calendar() is first
    actions.create_override(
        actor=admin_user,
        override=CalendarOverride(
            date=D(2027, 1, 4), kind="off", reason="Nghỉ thử", legal_basis="Văn bản thử"
        ),
        reason="Kiểm thử",
    )
    assert not get_calendar().is_workday(D(2027, 1, 4))
    override = CalendarOverride.objects.get(date=D(2027, 1, 4))
    actions.update_override(
        actor=admin_user, override=override, changes={"kind": "work"}, reason="Sửa"
    )
    assert get_calendar().is_workday(D(2027, 1, 4))
    assert AuditEvent.objects.filter(action__startswith="calendar_override.").count() == 2


def test_a_change_made_elsewhere_is_seen():
    # Another process (or a script) saving a row bumps updated_at: the key changes.
    first = get_calendar()
    override = cultural_day()
    override.enabled = True
    override.save()
    assert not get_calendar().is_workday(CULTURAL_DAY)
    CalendarOverride.objects.filter(date=D(2026, 1, 10)).delete()
    assert not get_calendar().is_workday(D(2026, 1, 10))
    assert get_calendar() is not first


def test_changing_the_calendar_is_for_system_administrators_only(clerk):
    with pytest.raises(PermissionDenied):
        actions.set_override_enabled(
            actor=clerk, override=cultural_day(), enabled=True, reason="x"
        )
    assert not cultural_day().enabled


def test_a_change_needs_a_reason(admin_user):
    with pytest.raises(ValidationError):
        actions.set_override_enabled(
            actor=admin_user, override=cultural_day(), enabled=True, reason="  "
        )
    assert not cultural_day().enabled


# -- the command --------------------------------------------------------------------------


def test_command_examples():
    assert run("add", "2026-02-10", "15") == "2026-03-10"
    assert run("count", "2026-02-10", "2026-03-10") == "15"
    assert run("count", "2026-03-10", "2026-02-10") == "-15"
    assert run("check", "2026-01-10") == "working Ngày làm bù cho ngày nghỉ Thứ Sáu 02/01/2026"
    assert run("check", "2026-01-17") == "off Thứ Bảy"
    assert run("check", "2026-02-17") == "off Tết Nguyên Đán"
    assert run("check", "2026-03-10") == "working Thứ Ba"
    assert run("check", "2026-11-24") == "working Thứ Ba"


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["add", "2026-02-30", "5"], "Ngày không hợp lệ: 2026-02-30"),
        (["add", "10/02/2026", "5"], "Ngày không hợp lệ: 10/02/2026"),
        (["add", "2026-02-10", "-3"], "Số ngày không hợp lệ: -3"),
        (["add", "2026-02-10", "mười"], "Số ngày không hợp lệ: mười"),
        (["add", "2026-02-10", "99999999999"], "Số ngày không hợp lệ"),
        (["add", "2100-12-20", "30"], "Ngoài phạm vi lịch"),
        (["check", "2101-01-01"], "Ngoài phạm vi lịch"),
        (["count", "2026-01-01", "x"], "Ngày không hợp lệ: x"),
        (["check"], "Error"),
        (["add", "2026-02-10"], "Error"),
        (["nope"], "Error"),
        ([], "Error"),
    ],
)
def test_command_refuses_bad_input_with_a_message(args, expected):
    with pytest.raises(CommandError) as caught:
        run(*args)
    assert expected in str(caught.value)
    assert "\n" not in str(caught.value)
    assert caught.value.returncode != 0


# -- the page -----------------------------------------------------------------------------


def test_page_lists_the_year_for_a_signed_in_user(client, clerk):
    client.force_login(clerk)
    html = client.get(reverse("workdays:year"), {"nam": 2026}).content.decode()
    assert "Lịch ngày làm việc năm 2026" in html
    assert "Ngày làm bù cho ngày nghỉ Thứ Sáu 02/01/2026" in html
    assert "Ngày Văn hóa Việt Nam" in html and "chưa áp dụng" in html
    assert "80-NQ/TW" in html
    assert "Tết Nguyên Đán" in html
    assert 'name="ly_do"' not in html  # no switch for a non-administrator


def test_page_needs_a_login(client):
    response = client.get(reverse("workdays:year"))
    assert response.status_code == 302


def test_page_computes_a_deadline(client, clerk):
    client.force_login(clerk)
    html = client.get(
        reverse("workdays:year"), {"nam": 2026, "tu_ngay": "2026-02-10", "so_ngay": 15}
    ).content.decode()
    assert "Ngày làm việc thứ 15 sau ngày 10/02/2026 là Thứ Ba, 10/03/2026." in html


@pytest.mark.parametrize(
    "params", [{"tu_ngay": "2026-02-30", "so_ngay": 5}, {"tu_ngay": "2026-02-10", "so_ngay": -1},
               {"nam": "abc"}, {"nam": 99999}, {"tu_ngay": "2100-12-30", "so_ngay": 30}]
)
def test_page_survives_bad_input(client, clerk, params):
    client.force_login(clerk)
    response = client.get(reverse("workdays:year"), params)
    assert response.status_code == 200
    assert "Ngày làm việc thứ" not in response.content.decode()


def test_toggle_is_refused_for_non_administrators(client, clerk):
    client.force_login(clerk)
    url = reverse("workdays:toggle", args=[cultural_day().pk])
    response = client.post(url, {"enabled": "1", "ly_do": "Thử"})
    assert response.status_code == 403
    assert not cultural_day().enabled


def test_toggle_by_an_administrator(client, admin_user):
    client.force_login(admin_user)
    url = reverse("workdays:toggle", args=[cultural_day().pk])
    assert client.post(url, {"enabled": "1", "ly_do": ""}).status_code == 302
    assert not cultural_day().enabled  # no reason, no change
    response = client.post(url, {"enabled": "1", "ly_do": "Đã có văn bản"}, follow=True)
    assert cultural_day().enabled
    assert "Đã bật điều chỉnh ngày 24/11/2026." in response.content.decode()
    assert not get_calendar().is_workday(CULTURAL_DAY)


def test_admin_saves_go_through_the_services(client, admin_user):
    client.force_login(admin_user)
    url = reverse("admin:workdays_calendaroverride_change", args=[cultural_day().pk])
    override = cultural_day()
    data = {
        "date": "2026-11-24", "kind": "off", "reason": override.reason,
        "legal_basis": override.legal_basis, "enabled": "on", "note": override.note,
        "change_reason": "Bật từ trang quản trị",
    }
    assert client.post(url, data).status_code == 302
    assert cultural_day().enabled
    event = AuditEvent.objects.get(action="calendar_override.update")
    assert event.reason == "Bật từ trang quản trị"
