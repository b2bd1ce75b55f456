"""The calendar page: a year's days off and worked Saturdays, and a deadline calculator."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from doithoai.core.workdays import FIRST_YEAR, LAST_YEAR, WEEKDAY_NAMES, CalendarError
from doithoai.org.access import scope_of
from doithoai.workdays import services
from doithoai.workdays.calendar import get_calendar
from doithoai.workdays.forms import DeadlineForm, ToggleForm, YearForm
from doithoai.workdays.models import CalendarOverride
from doithoai.workdays.queries import year_rows


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
    return {"start": start, "n": n, "date": result, "weekday": WEEKDAY_NAMES[result.weekday()]}


@login_required
def year(request):
    this_year = timezone.localdate().year
    year_form = YearForm(request.GET if "nam" in request.GET else None)
    shown = year_form.cleaned_data["nam"] if year_form.is_valid() else this_year
    deadline_form = DeadlineForm(request.GET if "tu_ngay" in request.GET else None)
    return render(request, "workdays/year.html", {
        "year": shown,
        "year_form": year_form,
        "first_year": FIRST_YEAR,
        "last_year": LAST_YEAR,
        "previous_year": shown - 1,
        "next_year": shown + 1,
        "rows": year_rows(shown),
        "deadline_form": deadline_form,
        "deadline": _deadline(deadline_form),
        "can_toggle": scope_of(request.user).is_admin,
    })


@login_required
@require_POST
def toggle(request, pk: int):
    if not scope_of(request.user).is_admin:
        raise PermissionDenied
    override = get_object_or_404(CalendarOverride, pk=pk)
    back = f"{reverse('workdays:year')}?nam={override.date.year}"
    form = ToggleForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return redirect(back)
    try:
        services.set_override_enabled(
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
    messages.success(request, text % {"date": override.date.strftime("%d/%m/%Y")})
    return redirect(back)
