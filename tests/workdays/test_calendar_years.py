"""Confirming a year's days off and swaps: the shipped years, the services, the calendar page
and the administrators' notice on the home page. The clock is always pinned."""

import datetime as dt

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from doithoai.audit.models import AuditEvent
from doithoai.core.workdays import FIRST_YEAR, LAST_YEAR
from doithoai.org.models import Role
from doithoai.workdays import actions
from doithoai.workdays.models import CalendarYear
from doithoai.workdays.selectors import years_to_confirm
from tests.factories import AgencyFactory, user_with_role

pytestmark = pytest.mark.django_db

BASIS = "Thông báo của Bộ Nội vụ về lịch nghỉ lễ, Tết năm 2027"
NOTICE_2027 = "Chưa xác nhận ngày nghỉ, làm bù năm 2027"
NOTICE_THIS_YEAR = "Năm nay (2027) chưa được xác nhận ngày nghỉ, làm bù"


def at(text):
    """The clock stopped at `text` (Hanoi time)."""
    return time_machine.travel(f"{text} +07:00", tick=False)


@pytest.fixture
def admin():
    return user_with_role(Role.ADMIN, full_name="Nguyễn Văn Quản")


@pytest.fixture
def clerk():
    return user_with_role(Role.CLERK, agency=AgencyFactory())


def confirm(actor, year=2027, **kw):
    return actions.confirm_year(actor=actor, year=year, legal_basis=kw.pop("basis", BASIS),
                                 reason=kw.pop("reason", "Đã nhập các ngày hoán đổi"), **kw)


def confirmed(year):
    return CalendarYear.objects.filter(year=year, confirmed_at__isnull=False).exists()


# -- shipped data ---------------------------------------------------------------------------


def test_2024_to_2026_are_shipped_confirmed_later_years_are_not():
    for year in (2024, 2025, 2026):
        row = CalendarYear.objects.get(year=year)
        assert row.confirmed and row.legal_basis and row.confirmed_by is None
    assert not CalendarYear.objects.filter(year__gt=2026).exists()


# -- the services ---------------------------------------------------------------------------


def test_confirming_a_year_is_recorded_and_audited(admin):
    with at("2026-12-03 10:00"):
        row = confirm(admin)
    assert row.confirmed and row.confirmed_by == admin and row.legal_basis == BASIS
    event = AuditEvent.objects.get(action="calendar_year.confirm")
    assert event.actor == admin and event.reason == "Đã nhập các ngày hoán đổi"
    assert event.before is None and event.after["year"] == 2027
    assert event.after["confirmed_by"] == admin.pk


def test_confirming_recomputes_deadlines_from_the_first_day_of_the_year(admin, monkeypatch):
    from doithoai.dialogues.actions import milestones
    from doithoai.petitions.actions import deadlines as petition_deadlines

    calls = []
    monkeypatch.setattr(petition_deadlines, "recompute_due_dates",
                        lambda **kw: calls.append(("petitions", kw)))
    monkeypatch.setattr(milestones, "recompute_open_milestones",
                        lambda **kw: calls.append(("milestones", kw)))
    with at("2026-12-03 10:00"):
        confirm(admin)
    since = {"on_or_after": dt.date(2027, 1, 1)}
    # each app recomputes its own on the calendar's signal (in no particular order)
    assert sorted(calls) == [("milestones", since), ("petitions", since)]


def test_only_system_administrators_confirm(clerk):
    with pytest.raises(PermissionDenied):
        confirm(clerk)
    with pytest.raises(PermissionDenied):
        confirm(None)
    assert not confirmed(2027)
    assert not AuditEvent.objects.filter(action__startswith="calendar_year.").exists()


@pytest.mark.parametrize("kw", [{"reason": "  "}, {"basis": ""}])
def test_a_reason_and_the_announcing_document_are_required(admin, kw):
    with pytest.raises(ValidationError):
        confirm(admin, **kw)
    assert not confirmed(2027)


@pytest.mark.parametrize("year", [FIRST_YEAR - 1, LAST_YEAR + 1, 99999])
def test_a_year_outside_the_calendar_is_refused_with_a_message(admin, year):
    with pytest.raises(ValidationError) as caught:
        confirm(admin, year=year)
    assert caught.value.messages == [
        f"Năm {year} nằm ngoài phạm vi của lịch: chỉ xác nhận được các năm từ {FIRST_YEAR} "
        f"đến {LAST_YEAR}."
    ]
    assert not CalendarYear.objects.filter(year=year).exists()


def test_confirming_twice_is_refused(admin):
    with at("2026-12-03 10:00"):
        confirm(admin)
    with at("2026-12-04 10:00"), pytest.raises(ValidationError) as caught:
        confirm(admin, reason="Lần nữa")
    assert caught.value.messages == [
        "Năm 2027 đã được xác nhận ngày 03/12/2026, không xác nhận lại. Nếu xác nhận nhầm, "
        "hãy hủy xác nhận trước."
    ]
    with pytest.raises(ValidationError):
        confirm(admin, year=2026)  # shipped confirmed
    assert AuditEvent.objects.filter(action="calendar_year.confirm").count() == 1


def test_withdrawing_a_mistaken_confirmation_then_confirming_again(admin, clerk):
    confirm(admin)
    with pytest.raises(PermissionDenied):
        actions.withdraw_year_confirmation(actor=clerk, year=2027, reason="Nhầm")
    with pytest.raises(ValidationError):
        actions.withdraw_year_confirmation(actor=admin, year=2027, reason="")
    assert confirmed(2027)
    row = actions.withdraw_year_confirmation(actor=admin, year=2027,
                                              reason="Xác nhận nhầm năm")
    assert not row.confirmed and row.confirmed_by is None
    event = AuditEvent.objects.get(action="calendar_year.withdraw")
    assert event.reason == "Xác nhận nhầm năm"
    assert event.before["confirmed_by"] == admin.pk and event.after["confirmed_at"] is None
    with pytest.raises(ValidationError) as caught:
        actions.withdraw_year_confirmation(actor=admin, year=2027, reason="Lần nữa")
    assert "chưa được xác nhận" in caught.value.messages[0]
    confirm(admin, reason="Đã đối chiếu văn bản")
    assert confirmed(2027)
    before = AuditEvent.objects.filter(action="calendar_year.confirm").latest("seq").before
    assert before["confirmed_at"] is None  # the second confirmation starts from the withdrawn row


def test_a_confirmed_year_leaves_the_calendar_as_it_is(admin):
    from doithoai.workdays.calendar import get_calendar

    start = dt.date(2027, 3, 1)
    due = get_calendar().add_workdays(start, 15)
    confirm(admin)
    assert get_calendar().add_workdays(start, 15) == due


# -- the page -------------------------------------------------------------------------------


def test_page_shows_each_years_confirmation_to_everyone(client, clerk):
    with at("2026-12-03 10:00"):
        client.force_login(clerk)
        html = client.get(reverse("workdays:year")).content.decode()
    assert "Xác nhận lịch các năm" in html
    assert 'id="nam-2024"' in html and 'id="nam-2025"' in html  # years with overrides
    assert "Đã xác nhận ngày nghỉ, làm bù (ngày" in html and "bởi hệ thống)" in html
    row_2027 = html[html.index('id="nam-2027"'):]
    row_2027 = row_2027[:row_2027.index("</tr>")]
    assert ("Chưa xác nhận: các hạn tính trong năm này có thể thay đổi khi Chính phủ công bố "
            "lịch nghỉ") in row_2027
    assert "workdays/nam/" not in html and "xac-nhan" not in html  # no form for a clerk
    assert "calendaroverride" not in html


def test_page_warns_on_an_unconfirmed_year_on_display(client, clerk):
    with at("2026-12-03 10:00"):
        client.force_login(clerk)
        html = client.get(reverse("workdays:year"), {"nam": 2027}).content.decode()
        assert "Năm 2027 chưa được quản trị hệ thống xác nhận ngày nghỉ, làm bù" in html
        html = client.get(reverse("workdays:year"), {"nam": 2026}).content.decode()
        assert "chưa được quản trị hệ thống xác nhận" not in html


def test_an_administrator_confirms_and_withdraws_from_the_page(client, admin):
    with at("2026-12-03 10:00"):
        client.force_login(admin)
        html = client.get(reverse("workdays:year")).content.decode()
        assert reverse("workdays:confirm_year", args=[2027]) in html
        assert reverse("workdays:withdraw_year", args=[2026]) in html
        # where the year's swapped days are entered
        assert reverse("admin:workdays_calendaroverride_add") in html
        url = reverse("workdays:confirm_year", args=[2027])
        response = client.post(url, {"can_cu": BASIS, "ly_do": ""}, follow=True)
        assert not confirmed(2027)
        assert "Hãy ghi lý do thay đổi" in response.content.decode()
        response = client.post(url, {"can_cu": BASIS, "ly_do": "Đã nhập đủ"}, follow=True)
        html = response.content.decode()
    assert confirmed(2027)
    assert "Đã xác nhận ngày nghỉ, làm bù năm 2027." in html
    assert "Đã xác nhận ngày nghỉ, làm bù (ngày 03/12/2026, bởi Nguyễn Văn Quản)" in html
    with at("2026-12-03 11:00"):
        response = client.post(url, {"can_cu": BASIS, "ly_do": "Lần nữa"}, follow=True)
        assert "không xác nhận lại" in response.content.decode()
        response = client.post(reverse("workdays:withdraw_year", args=[2027]),
                               {"ly_do": "Nhầm năm"}, follow=True)
    assert not confirmed(2027)
    assert "Đã hủy xác nhận ngày nghỉ, làm bù năm 2027." in response.content.decode()


def test_the_page_refuses_a_year_outside_the_calendar(client, admin):
    client.force_login(admin)
    response = client.post(reverse("workdays:confirm_year", args=[LAST_YEAR + 1]),
                           {"can_cu": BASIS, "ly_do": "Thử"}, follow=True)
    assert "nằm ngoài phạm vi của lịch" in response.content.decode()


def test_confirming_from_the_page_is_for_administrators_only(client, clerk):
    client.force_login(clerk)
    response = client.post(reverse("workdays:confirm_year", args=[2027]),
                           {"can_cu": BASIS, "ly_do": "Thử"})
    assert response.status_code == 403 and not confirmed(2027)
    response = client.post(reverse("workdays:withdraw_year", args=[2026]), {"ly_do": "Thử"})
    assert response.status_code == 403 and confirmed(2026)


@pytest.mark.parametrize(("start", "n", "warned"), [
    ("2026-11-02", 15, ""),  # 23/11/2026: a confirmed year
    ("2026-12-20", 15, "2027"),  # crosses into 2027
    ("2027-03-01", 5, "2027"),
    ("2026-12-31", 0, ""),  # nothing counted
])
def test_the_calculator_warns_on_an_unconfirmed_year(client, clerk, start, n, warned):
    with at("2026-12-03 10:00"):
        client.force_login(clerk)
        html = client.get(reverse("workdays:year"),
                          {"tu_ngay": start, "so_ngay": n}).content.decode()
    assert "Ngày làm việc thứ" in html
    warning = "Lưu ý: hạn này được tính qua năm"
    if warned:
        assert f"{warning} {warned}, năm chưa được xác nhận ngày nghỉ, làm bù." in html
    else:
        assert warning not in html


# -- the administrators' notice on the home page --------------------------------------------


def home(client, user, when):
    with at(when):
        client.force_login(user)  # signed in at that time: the session must not have expired
        response = client.get(reverse("home"))
    assert response.status_code == 200
    return response.content.decode()


def test_no_notice_before_1_november(client, admin):
    assert NOTICE_2027 not in home(client, admin, "2026-10-31 23:30")


def test_notice_from_1_november_with_a_link_to_the_calendar(client, admin):
    html = home(client, admin, "2026-11-01 00:30")
    assert NOTICE_2027 in html
    assert f'href="{reverse("workdays:year")}?nam=2027#years-heading"' in html


def test_no_notice_once_the_year_is_confirmed(client, admin):
    confirm(admin)
    assert NOTICE_2027 not in home(client, admin, "2026-11-15 09:00")
    assert NOTICE_THIS_YEAR not in home(client, admin, "2027-01-01 09:00")


def test_no_notice_for_other_roles(client, clerk):
    html = home(client, clerk, "2026-11-15 09:00")
    assert NOTICE_2027 not in html and "Lịch ngày nghỉ cần xác nhận" not in html


def test_new_years_day_with_the_year_still_unconfirmed(client, admin):
    # The current year unconfirmed is flagged the whole year: its deadlines are running now.
    html = home(client, admin, "2027-01-01 08:00")
    assert NOTICE_THIS_YEAR in html
    assert f'{reverse("workdays:year")}?nam=2027#years-heading' in html
    assert "Chưa xác nhận ngày nghỉ, làm bù năm 2028" not in html  # before 1/11/2027


def test_years_to_confirm_by_date(admin):
    assert years_to_confirm(dt.date(2026, 10, 31)) == []
    assert years_to_confirm(dt.date(2026, 11, 1)) == [2027]
    assert years_to_confirm(dt.date(2027, 6, 1)) == [2027]
    assert years_to_confirm(dt.date(2027, 11, 1)) == [2027, 2028]
    assert years_to_confirm(dt.date(LAST_YEAR, 12, 31)) == [LAST_YEAR]  # nothing beyond
    confirm(admin)
    assert years_to_confirm(dt.date(2027, 11, 1)) == [2028]


# -- the Django admin -----------------------------------------------------------------------


def test_the_django_admin_shows_confirmations_read_only(client):
    superuser = user_with_role(Role.ADMIN, is_staff=True, is_superuser=True)
    client.force_login(superuser)
    changelist = client.get(reverse("admin:workdays_calendaryear_changelist"))
    assert changelist.status_code == 200 and "2026" in changelist.content.decode()
    row = CalendarYear.objects.get(year=2026)
    change = client.get(reverse("admin:workdays_calendaryear_change", args=[row.pk]))
    assert change.status_code == 200 and 'name="_save"' not in change.content.decode()
    assert client.get(reverse("admin:workdays_calendaryear_add")).status_code == 403
    posted = client.post(reverse("admin:workdays_calendaryear_change", args=[row.pk]),
                         {"year": 2026, "legal_basis": "x"})
    assert posted.status_code == 403
    assert CalendarYear.objects.get(year=2026).legal_basis != "x"
