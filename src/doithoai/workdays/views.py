"""The calendar page: a year's days off and worked Saturdays, whether each year's swaps are
confirmed, and a deadline calculator."""

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from doithoai.core import dates
from doithoai.core.workdays import FIRST_YEAR, LAST_YEAR, WEEKDAY_NAMES, CalendarError
from doithoai.org import access
from doithoai.workdays import actions, rules
from doithoai.workdays.calendar import get_calendar
from doithoai.workdays.forms import (
    ConfirmYearForm,
    DeadlineForm,
    ToggleForm,
    WithdrawYearForm,
    YearForm,
)
from doithoai.workdays.selectors import confirmed_years, override_of, year_rows, year_statuses


def _deadline(form: DeadlineForm):
    """The calculator's answer, or None (errors are put on the form)."""
    if not form.is_bound or not form.is_valid():
        return None
    start, n = form.cleaned_data["tu_ngay"], form.cleaned_data["so_ngay"]
    try:
        result = get_calendar().add_workdays(start, n)
    except CalendarError:
        form.add_error(None, _("Không tính được: ngày nằm ngoài phạm vi lịch đã biết."))
        return None
    # The days counted are (start, result]: any of their years not confirmed may move it.
    first_counted = start + dt.timedelta(days=1) if n else start
    crossed = range(first_counted.year, result.year + 1)
    unconfirmed = sorted(set(crossed) - confirmed_years(crossed))
    return {"start": start, "n": n, "date": result, "weekday": WEEKDAY_NAMES[result.weekday()],
            "unconfirmed_years": ", ".join(str(y) for y in unconfirmed)}


@login_required
def year(request):
    today = timezone.localdate()
    this_year = today.year
    year_form = YearForm(request.GET if "nam" in request.GET else None)
    shown = year_form.cleaned_data["nam"] if year_form.is_valid() else this_year
    deadline_form = DeadlineForm(request.GET if "tu_ngay" in request.GET else None)
    years = year_statuses(today, also=[shown])
    return render(request, "workdays/year.html", {
        "year": shown,
        "year_form": year_form,
        "first_year": FIRST_YEAR,
        "last_year": LAST_YEAR,
        "previous_year": shown - 1,
        "next_year": shown + 1,
        "rows": year_rows(shown),
        "years": years,
        "shown_status": next((s for s in years if s.year == shown), None),
        "deadline_form": deadline_form,
        "deadline": _deadline(deadline_form),
        "can_toggle": access.holds(request.user, rules.CHANGE_CALENDAR),
    })


@login_required
@require_POST
def toggle(request, pk: int):
    access.require_held(request.user, rules.CHANGE_CALENDAR)
    override = override_of(pk)
    if override is None:
        raise Http404
    back = f"{reverse('workdays:year')}?nam={override.date.year}"
    form = ToggleForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return redirect(back)
    try:
        actions.set_override_enabled(
            actor=request.user, override=override,
            enabled=form.cleaned_data["enabled"], reason=form.cleaned_data["ly_do"],
        )
    except ValidationError as exc:
        for error in exc.messages:
            messages.error(request, error)
        return redirect(back)
    if form.cleaned_data["enabled"]:
        text = _("Đã bật điều chỉnh ngày %(date)s.")
    else:
        text = _("Đã tắt điều chỉnh ngày %(date)s.")
    messages.success(request, text % {"date": dates.day(override.date)})
    return redirect(back)


def _refused(request, errors) -> None:
    for error in errors:
        messages.error(request, error)


def _form_errors(form) -> list[str]:
    return [error for errors in form.errors.values() for error in errors]


def _year_action(request, year: int, form_class, call, done: str):
    """An administrator's change to a year's confirmation: the form, the service, then back
    to that year's calendar with what was done or why it was refused."""
    access.require_held(request.user, rules.CHANGE_CALENDAR)
    back = f"{reverse('workdays:year')}?nam={year}"
    form = form_class(request.POST)
    if not form.is_valid():
        _refused(request, _form_errors(form))
        return redirect(back)
    try:
        call(form.cleaned_data)
    except ValidationError as exc:
        _refused(request, exc.messages)
        return redirect(back)
    messages.success(request, done)
    return redirect(back)


@login_required
@require_POST
def confirm_year(request, year: int):
    return _year_action(
        request, year, ConfirmYearForm,
        lambda d: actions.confirm_year(actor=request.user, year=year,
                                        legal_basis=d["can_cu"], reason=d["ly_do"]),
        _("Đã xác nhận ngày nghỉ, làm bù năm %(year)s. Các hạn đang mở đã được tính lại theo "
          "lịch hiện hành.") % {"year": year})


@login_required
@require_POST
def withdraw_year(request, year: int):
    return _year_action(
        request, year, WithdrawYearForm,
        lambda d: actions.withdraw_year_confirmation(actor=request.user, year=year,
                                                      reason=d["ly_do"]),
        _("Đã hủy xác nhận ngày nghỉ, làm bù năm %(year)s.") % {"year": year})
