"""Public pages of dialogues, no login: the conference announcement, the published plan, and
after the conference its conclusions and results (R11, R32), plus a commune's list.

What is public, and what the results may say (no personal data), is read by
`dialogues.selectors.public`: a draft plan's conferences are not public (404); results are
public once the conclusion notice is issued.
"""

from __future__ import annotations

import segno
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import escape
from django.utils.http import urlencode
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from doithoai.dialogues.choices import PUBLIC_PLAN_STATES, RESULT_STATES
from doithoai.dialogues.models import Conference, Plan
from doithoai.dialogues.selectors import public as public_reads
from doithoai.dialogues.selectors import village_opinions
from doithoai.org.models import Agency


def _submit_url(request, agency: Agency, conference: Conference | None = None) -> str:
    """The online form; from a conference's announcement, the opinion joins that
    conference."""
    query = {"xa": agency.code}
    if conference is not None and conference.state == Conference.State.PLANNED:
        query["hoi-nghi"] = conference.pk
    return request.build_absolute_uri(f"{reverse('public:submit')}?{urlencode(query)}")


def _qr(url: str, label: str) -> str:
    svg = segno.make(url, error="m").svg_inline(scale=4, svgclass="qr-code", border=2)
    return mark_safe(svg.replace("<svg ", f'<svg role="img" aria-label="{escape(label)}" ', 1))


# -- pages ------------------------------------------------------------------------------------


def index(request):
    code = request.GET.get("xa", "")
    agency = public_reads.commune(code)
    if agency is None:
        return render(request, "dialogues/public/index.html", {
            "communes": public_reads.communes(), "unknown": bool(code)},
            status=404 if code else 200)
    return render(request, "dialogues/public/index.html", {
        "agency": agency, "conferences": public_reads.conferences_of(agency),
        "plans": public_reads.plans_of(agency),
        "submit_url": _submit_url(request, agency), "today": timezone.localdate()})


def announcement(request, pk: int):
    conference = get_object_or_404(public_reads.public_conferences(), pk=pk)
    agency = conference.agency
    submit_url = _submit_url(request, agency, conference)
    return render(request, "dialogues/public/announcement.html", {
        "conference": conference, "agency": agency,
        "agenda": list(conference.agenda.all()),
        "topics": Plan.lines(conference.topics),
        "villages": public_reads.villages_of(conference),
        "chair": conference.chair, "co_chair": conference.co_chair,
        "submit_url": submit_url,
        "qr": _qr(submit_url, _("Mã QR mở trang gửi ý kiến: %(url)s") % {"url": submit_url}),
        "opinions_due": village_opinions.opinions_due(conference),
        "today": timezone.localdate(),
        "plan_public": conference.plan is not None
        and conference.plan.state in PUBLIC_PLAN_STATES,
        "has_results": conference.state in RESULT_STATES,
    })


def plan(request, pk: int):
    plan = get_object_or_404(public_reads.public_plans(), pk=pk)
    return render(request, "dialogues/public/plan.html", {
        "plan": plan, "agency": plan.agency,
        "legal_bases": Plan.lines(plan.legal_bases), "content": Plan.lines(plan.content),
        "programme": Plan.lines(plan.programme),
        "groups": list(plan.groups.all()),
        "conferences": public_reads.conferences_of_plan(plan),
    })


def results(request, pk: int):
    conference = get_object_or_404(public_reads.public_conferences(), pk=pk)
    if conference.state not in RESULT_STATES:
        raise Http404
    today = timezone.localdate()
    figures = public_reads.figures(conference, today)
    return render(request, "dialogues/public/results.html", {
        "conference": conference, "agency": conference.agency, "figures": figures,
        "conclusion": public_reads.conclusion(conference),
        "written": figures.answered_in_writing + figures.open,
        "due_dates": public_reads.due_dates(conference),
        "items": public_reads.items(conference, today), "today": today,
        "plan_public": conference.plan is not None
        and conference.plan.state in PUBLIC_PLAN_STATES,
    })


urlpatterns = [
    path("", index, name="index"),
    path("hoi-nghi/<int:pk>/", announcement, name="announcement"),
    path("hoi-nghi/<int:pk>/ket-qua/", results, name="results"),
    path("ke-hoach/<int:pk>/", plan, name="plan"),
]
