"""Follow-up (đôn đốc): what each unit still owes, and "Gửi nhắc"."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from doithoai.org import access
from doithoai.org.access import get_visible_object_or_404
from doithoai.org.models import Unit
from doithoai.petitions import rules
from doithoai.petitions.actions import reminders
from doithoai.petitions.forms.queues import to_int
from doithoai.petitions.models import Petition
from doithoai.petitions.selectors import follow_up as follow_up_selectors
from doithoai.petitions.selectors import queues
from doithoai.petitions.selectors.deadlines import today_info
from doithoai.petitions.views.navigation import (
    error_messages,
    page_context,
    query_string,
    safe_next,
)


def _follow_up_agency(request, source: QueryDict):
    single = queues.single_agency(request.user)
    if single is not None:
        return single, False
    chosen = queues.queue_agency(request.user, to_int(source.get("agency")))
    return chosen, True


@login_required
@require_GET
def follow_up(request):
    agency, several = _follow_up_agency(request, request.GET)
    today = today_info()
    rows = office = []
    if agency is not None:
        rows = follow_up_selectors.due_for_units(request.user, agency, today)
        office = follow_up_selectors.waiting_for_office(request.user, agency, today)
    queue_url = reverse("petitions:queue")
    agency_q = {"agency": agency.pk} if several and agency else {}
    for row in rows:
        row.queue_url = queue_url + query_string(QueryDict(), unit=row.unit.pk, due="open",
                                                 **agency_q)
    for item in office:
        item["overdue_url"] = queue_url + query_string(QueryDict(), state=item["state"],
                                                       due=queues.DUE_OVERDUE, **agency_q)
        item["soon_url"] = queue_url + query_string(QueryDict(), state=item["state"],
                                                    due=queues.DUE_SOON_FILTER, **agency_q)
    can_remind = agency is not None and access.can(request.user, rules.REMIND, agency)
    return render(request, "petitions/follow_up.html", page_context(
        request, agency=agency, several=several, today=today, rows=rows, office=office,
        agencies=queues.queue_agencies(request.user) if several else [],
        can_remind=can_remind, next_url=request.get_full_path(),
    ))


@login_required
@require_POST
def follow_up_remind(request):
    """"Gửi nhắc": to a unit about all its due soon and overdue petitions, or about one."""
    petition = None
    if request.POST.get("petition"):
        petition = get_visible_object_or_404(request.user, Petition, request.POST["petition"])
        if petition.unit_id is None:
            raise Http404
        unit = petition.unit
    else:
        unit = get_visible_object_or_404(request.user, Unit, request.POST.get("unit"))
    access.require(request.user, rules.CHANGE, unit)
    target = safe_next(request, reverse("petitions:follow_up"))
    try:
        sent = reminders.remind_from_page(request.user, unit=unit, petition=petition)
    except (ValidationError, PermissionDenied) as exc:
        for message in error_messages(exc):
            messages.error(request, message)
        return redirect(target)
    except OSError as exc:  # the mail server refused or is down (smtplib errors are OSErrors)
        messages.error(request, _("Không gửi được thư (%(error)s): chưa ghi nhận lần nhắc này, "
                                  "hãy thử lại sau.") % {"error": exc})
        return redirect(target)
    if sent:
        messages.success(request, _("Đã gửi nhắc %(unit)s về %(n)s ý kiến.")
                         % {"unit": unit.name, "n": len(sent)})
    else:
        messages.info(request, _("%(unit)s không còn ý kiến nào cần nhắc.") % {"unit": unit.name})
    return redirect(target)
