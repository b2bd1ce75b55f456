"""Follow-up (đôn đốc): every late and due-soon petition by where it waits, urging a unit or
the leaders, and one urge's page with its written reminder (Công văn đôn đốc)."""

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
from doithoai.org.models import Agency, Unit
from doithoai.petitions import rules
from doithoai.petitions.actions import urges
from doithoai.petitions.forms.queues import to_int
from doithoai.petitions.models import Petition, Urge
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


def _queue_links(stage_rows, agency_q: dict) -> None:
    queue_url = reverse("petitions:queue")
    for row in stage_rows:
        # One state: the queue filtered to it; several: the queue's due filter alone.
        state = {"state": row.states[0]} if len(row.states) == 1 else {}
        row.overdue_url = queue_url + query_string(QueryDict(), due=queues.DUE_OVERDUE,
                                                   **state, **agency_q)
        row.soon_url = queue_url + query_string(QueryDict(), due=queues.DUE_SOON_FILTER,
                                                **state, **agency_q)


@login_required
@require_GET
def follow_up(request):
    agency, several = _follow_up_agency(request, request.GET)
    today = today_info()
    rows = stages = []
    if agency is not None:
        stages = follow_up_selectors.stages(request.user, agency, today)
        rows = follow_up_selectors.due_for_units(request.user, agency, today)
    agency_q = {"agency": agency.pk} if several and agency else {}
    _queue_links(stages, agency_q)
    queue_url = reverse("petitions:queue")
    for row in rows:
        row.queue_url = queue_url + query_string(QueryDict(), unit=row.unit.pk, due="open",
                                                 **agency_q)
    can_remind = agency is not None and access.can(request.user, rules.REMIND, agency)
    return render(request, "petitions/follow_up.html", page_context(
        request, agency=agency, several=several, today=today, rows=rows, stages=stages,
        totals={"overdue": sum(s.overdue for s in stages),
                "due_soon": sum(s.due_soon for s in stages)},
        agencies=queues.queue_agencies(request.user) if several else [],
        can_remind=can_remind, next_url=request.get_full_path(),
    ))


@login_required
@require_POST
def follow_up_remind(request):
    """"Đôn đốc": a unit about all its overdue and due-soon petitions, or about one; or the
    leaders about the drafts awaiting approval. A second one the same day needs a reason."""
    petition = None
    reason = request.POST.get("reason", "")
    target = safe_next(request, reverse("petitions:follow_up"))
    if request.POST.get("leaders"):
        agency = get_visible_object_or_404(request.user, Agency, request.POST["leaders"])
        access.require(request.user, rules.CHANGE, agency)
        call, who = (lambda: urges.urge_leaders(actor=request.user, agency=agency,
                                                reason=reason)), _("Lãnh đạo UBND")
    else:
        if request.POST.get("petition"):
            petition = get_visible_object_or_404(request.user, Petition,
                                                 request.POST["petition"])
            if petition.unit_id is None:
                raise Http404
            unit = petition.unit
        else:
            unit = get_visible_object_or_404(request.user, Unit, request.POST.get("unit"))
        access.require(request.user, rules.CHANGE, unit)
        call, who = (lambda: urges.urge_unit(actor=request.user, unit=unit, petition=petition,
                                             reason=reason)), unit.name
    try:
        outcome = call()
    except (ValidationError, PermissionDenied) as exc:
        for message in error_messages(exc):
            messages.error(request, message)
        return redirect(target)
    if outcome.urge is None:
        messages.info(request, _("%(unit)s không còn ý kiến nào cần nhắc.") % {"unit": who})
        return redirect(target)
    messages.success(request, _("Đã đôn đốc %(unit)s về %(n)s ý kiến (%(how)s).")
                     % {"unit": who, "n": outcome.petitions,
                        "how": urges.how_text(outcome.urge)})
    urge = outcome.urge
    if urge.target == urge.Target.UNIT and not urge.emails and not urge.phones:
        messages.warning(request, _("%(unit)s chưa có thư điện tử hay số điện thoại nhận tin "
                                    "nhắn: hãy in công văn đôn đốc (“In công văn đôn đốc”), "
                                    "trình ký và gửi đơn vị.") % {"unit": who})
    if outcome.failed:
        messages.warning(request, _("Không gửi được: %(channels)s (lần đôn đốc vẫn được ghi "
                                    "nhận; hãy in công văn đôn đốc hoặc thử lại sau).")
                         % {"channels": ", ".join(outcome.failed)})
    return redirect(target)


@login_required
@require_GET
def urge_detail(request, pk: int):
    """One urge: who urged whom, when and how, its petitions, and its written reminder."""
    urge = get_visible_object_or_404(
        request.user, Urge.objects.select_related("agency", "unit", "urged_by"), pk)
    return render(request, "petitions/urge.html", page_context(
        request, urge=urge, how=urges.how_text(urge),
        reminders=follow_up_selectors.urged(urge),
    ))
