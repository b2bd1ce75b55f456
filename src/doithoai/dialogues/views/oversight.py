"""The level above: the province's roll-up of its communes, the request to plan, and the yearly
figures of one agency (R03, R29, R30).

The roll-up is a page of the provincial overseer (and of system administrators): anyone else
gets 403, since the page is a function, not an object whose existence could leak. A province
outside the overseer's scope, or an agency outside the user's, is 404.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from doithoai.dialogues import rules
from doithoai.dialogues.actions import plan_requests
from doithoai.dialogues.forms.plan_requests import RequestForm
from doithoai.dialogues.selectors import oversight
from doithoai.org import access
from doithoai.org.access import get_visible_object_or_404
from doithoai.org.models import Agency

FILTERS = {
    "": gettext_lazy("Tất cả các xã"),
    "chua-ke-hoach": gettext_lazy("Chưa có kế hoạch"),
    "qua-han": gettext_lazy("Có ý kiến quá hạn"),
}
SORTS = {
    "ten": (gettext_lazy("Tên xã"), lambda r: r.agency.name, False),
    "y-kien": (gettext_lazy("Số ý kiến (nhiều trước)"), lambda r: r.counts.received, True),
    "dung-han": (gettext_lazy("Tỷ lệ đúng hạn (thấp trước)"),
                 lambda r: (r.counts.on_time_percent is None,
                            r.counts.on_time_percent or 0), False),
    "qua-han": (gettext_lazy("Số quá hạn (nhiều trước)"),
                lambda r: r.counts.open_overdue, True),
}


def _year(value, default: int) -> int:
    try:
        year = int(value)
    except (TypeError, ValueError):
        return default
    return year if 2000 <= year <= 2100 else default


@login_required
def rollup(request):
    provinces = list(oversight.overseen_provinces(request.user))
    if not provinces:
        raise PermissionDenied(str(rules.FOLLOW_COMMUNES.refusal))
    chosen = request.POST.get("tinh") or request.GET.get("tinh")
    if chosen:
        province = next((p for p in provinces if str(p.pk) == chosen), None)
        if province is None:
            raise Http404
    else:
        province = provinces[0]
    today = timezone.localdate()
    year = _year(request.POST.get("nam") or request.GET.get("nam"), today.year)
    communes = oversight.communes_of(province)
    form = None
    if request.method == "POST":
        form = RequestForm(request.POST, communes=communes)
        if form.is_valid():
            try:
                sent = plan_requests.request_plans(
                    actor=request.user, province_agency=province,
                    agencies=form.cleaned_data["agencies"], year=year,
                    message=form.cleaned_data["message"])
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                messages.success(request, _("Đã gửi đề nghị xây dựng kế hoạch năm %(year)s "
                                            "đến %(n)s xã.") % {"year": year, "n": len(sent)})
                query = urlencode({"tinh": province.pk, "nam": year})
                return redirect(f"{reverse('dialogues:rollup')}?{query}")
    data = oversight.rollup(province, year, today)
    without_plan = [r.agency for r in data.rows if not r.has_plan]
    if form is None:
        form = RequestForm(initial={
            "agencies": [a.pk for a in without_plan],
            "message": oversight.default_request_message(province, year)}, communes=communes)
    show = request.GET.get("loc", "")
    show = show if show in FILTERS else ""
    rows = data.rows
    if show == "chua-ke-hoach":
        rows = [r for r in rows if not r.has_plan]
    elif show == "qua-han":
        rows = [r for r in rows if r.counts.open_overdue]
    sort = request.GET.get("sap", "ten")
    sort = sort if sort in SORTS else "ten"
    _label, key, reverse_order = SORTS[sort]
    rows = sorted(rows, key=key, reverse=reverse_order)
    years = sorted({today.year - 1, today.year, today.year + 1, year,
                    *oversight.plan_years(province)}, reverse=True)
    return render(request, "dialogues/oversight/rollup.html", {
        "data": data, "rows": rows, "province": province, "provinces": provinces,
        "year": year, "years": years, "filters": FILTERS, "show": show,
        "sorts": {k: v[0] for k, v in SORTS.items()}, "sort": sort, "form": form,
        "without_plan": without_plan,
        "can_request": access.can(request.user, rules.REQUEST_PLANS, province),
    }, status=400 if request.method == "POST" else 200)


@login_required
def yearly_figures(request, agency_pk: int, year: int):
    agency = get_visible_object_or_404(request.user, Agency, agency_pk)
    access.require(request.user, rules.READ_FIGURES, agency)
    if not 2000 <= year <= 2100:
        raise Http404
    figures = oversight.yearly_figures(agency, year)
    return render(request, "dialogues/oversight/yearly_figures.html", {
        "figures": figures, "agency": agency, "year": year,
        "is_overseer": oversight.oversees(request.user, agency),
    })


urlpatterns = [
    path("tinh/", rollup, name="rollup"),
    path("so-lieu/<int:agency_pk>/<int:year>/", yearly_figures, name="yearly_figures"),
]
