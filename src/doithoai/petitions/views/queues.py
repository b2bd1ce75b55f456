"""The lists: the office's queue (filters, search, bulk assign and group) and a unit's work.

Read-only roles (supervisor, provincial overseer) see the lists; any POST from them is 403
and changes nothing.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from doithoai.core.petition_flow import STATE_LABELS, State
from doithoai.org import access
from doithoai.org.models import Unit
from doithoai.petitions import rules
from doithoai.petitions.actions import assignments, issues
from doithoai.petitions.forms import queues as forms
from doithoai.petitions.selectors import queues
from doithoai.petitions.selectors.deadlines import today_info
from doithoai.petitions.views.navigation import (
    error_messages,
    page_context,
    pager,
    query_string,
    safe_next,
    unit_officer_only,
)


@login_required
@require_GET
def queue(request):
    if unit_officer_only(request.user):
        return redirect("petitions:unit_queue")
    form = forms.QueueFilterForm(request.GET, user=request.user)
    filters = form.filters()
    today = today_info()
    page = queues.office_queue(request.user, filters, today,
                               after=request.GET.get("after", ""),
                               before=request.GET.get("before", ""))
    agency = form.chosen_agency
    # No commune chosen among several: the bulk actions are a system administrator's only.
    can_act = (access.can(request.user, rules.WORK_QUEUE, agency) if agency is not None
               else access.holds(request.user, rules.WORK_ANY_QUEUE))
    states = [{"value": s.value, "label": _(STATE_LABELS[s]), "count": page.counts[s.value],
               "url": query_string(request.GET, state=s.value), "current": filters.state == s.value}
              for s in State]
    return render(request, "petitions/queue.html", page_context(
        request, form=form, filters=filters, page=page, today=today, states=states,
        all_states_url=query_string(request.GET, state=None), all_count=sum(page.counts.values()),
        pager=pager(request, page),
        several_agencies=form.several_agencies,
        bulk=forms.BulkForm(user=request.user, agency=form.chosen_agency) if can_act else None,
        agency=form.chosen_agency, next_url=request.get_full_path(),
    ))


@login_required
@require_POST
def queue_action(request):
    """Bulk actions of the queue: assign the checked petitions, or group them as one issue."""
    # Asked before the agency is known (the form names it): the office of some agency.
    access.require_held(request.user, rules.WORK_QUEUE)
    agency = (queues.single_agency(request.user)
              or queues.queue_agency(request.user, forms.to_int(request.POST.get("agency"))))
    form = forms.BulkForm(request.POST, user=request.user, agency=agency)
    target = safe_next(request, reverse("petitions:queue"))
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return redirect(target)
    data = form.cleaned_data
    petitions = list(data["ids"])
    if data["op"] == forms.BulkForm.ASSIGN:
        done, refused = assignments.bulk_assign(actor=request.user, petitions=petitions,
                                                unit=data["unit"], reason=data["reason"])
        _bulk_summary(request, data["unit"], done, refused)
    else:
        try:
            issue = issues.group_into_issue(actor=request.user, petitions=petitions,
                                            title=data["title"], reason=data["reason"])
        except (ValidationError, PermissionDenied) as exc:
            for message in error_messages(exc):
                messages.error(request, message)
        else:
            messages.success(request, _("Đã gộp %(n)s ý kiến vào vấn đề “%(title)s”.")
                             % {"n": len(petitions), "title": issue.title})
    return redirect(target)


def _bulk_summary(request, unit: Unit, done: list, refused: list) -> None:
    if not refused:
        messages.success(request, _("Đã giao %(done)s ý kiến cho %(unit)s.")
                         % {"done": len(done), "unit": unit.name})
        return
    details = "; ".join(f"{p.tracking_code} — {reason}" for p, reason in refused)
    messages.warning(request, _("Đã giao %(done)s ý kiến cho %(unit)s; %(refused)s ý kiến "
                                "không giao được: %(details)s")
                     % {"done": len(done), "unit": unit.name, "refused": len(refused),
                        "details": details})


@login_required
@require_GET
def unit_queue(request):
    if not queues.officer_unit_ids(request.user):
        return redirect("petitions:queue")
    today = today_info()
    due = request.GET.get("due", "")
    due = due if due in (queues.DUE_OVERDUE, queues.DUE_SOON_FILTER) else ""
    page = queues.unit_queue(request.user, today, due=due, after=request.GET.get("after", ""),
                             before=request.GET.get("before", ""))
    units = queues.officer_units(request.user)
    return render(request, "petitions/unit_queue.html", page_context(
        request, page=page, today=today, units=units, due=due, pager=pager(request, page),
        due_links=[(value, label, query_string(request.GET, due=value))
                   for value, label in ((None, _("Tất cả việc đang mở")),
                                        (queues.DUE_SOON_FILTER, _("Sắp đến hạn")),
                                        (queues.DUE_OVERDUE, _("Quá hạn")))],
    ))
