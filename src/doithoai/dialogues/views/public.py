"""Public pages of dialogues, no login: the conference announcement, the published plan, and
after the conference its conclusions and results (R11, R32), plus a commune's list.

What is public: a conference of an issued, published or done plan, or a conference held
without a plan (the dates are then a fact); a draft plan's conferences are not (404). A plan
is public once published. Results are public once the conclusion notice is issued.

No personal data on these pages: petitions are listed by field, village, content and state,
never by who sent them; denunciations (by their kind, their words or what their speaker
registered to say) are left out altogether, a complaint or denunciation sent to its procedure
is one line without its words, the village of a complaint's sender or of someone who asked not
to be named is not given, and a petition hidden from the public shows neither its content nor
its answer (as on the tracking page). Content, answers and the conclusion are their public
copies: the names the product knows of the conference (`dialogues.confidential`: petitioners,
registrants) and "ông X", "bà Y" as initials.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

import segno
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import escape
from django.utils.http import urlencode
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from doithoai.core.petition_flow import OPEN_STATES, STATE_LABELS, State
from doithoai.dialogues import confidential
from doithoai.dialogues.choices import ANNOUNCED_PLAN_STATES, PUBLIC_PLAN_STATES, RESULT_STATES
from doithoai.dialogues.models import Conference, Milestone, Plan
from doithoai.dialogues.selectors import oversight
from doithoai.org.models import Agency

# -- what is public ---------------------------------------------------------------------------


def public_conferences():
    return (Conference.objects.filter(
        Q(plan__state__in=ANNOUNCED_PLAN_STATES) | Q(plan__isnull=True, held_on__isnull=False))
        .filter(agency__is_active=True).select_related("agency", "plan"))


def public_plans():
    return Plan.objects.filter(state__in=PUBLIC_PLAN_STATES,
                               agency__is_active=True).select_related("agency", "signer")


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
    communes = Agency.objects.filter(level=Agency.Level.COMMUNE, is_active=True).order_by("name")
    agency = communes.filter(code=code).first() if code else None
    if agency is None and not code and communes[:2].count() == 1:
        agency = communes.first()
    if agency is None:
        return render(request, "dialogues/public/index.html", {
            "communes": communes, "unknown": bool(code)}, status=404 if code else 200)
    conferences = list(public_conferences().filter(agency=agency)
                       .order_by("-held_on", "-pk"))
    return render(request, "dialogues/public/index.html", {
        "agency": agency, "conferences": conferences,
        "plans": list(public_plans().filter(agency=agency).order_by("-year", "-pk")),
        "submit_url": _submit_url(request, agency), "today": timezone.localdate()})


def announcement(request, pk: int):
    conference = get_object_or_404(public_conferences(), pk=pk)
    agency = conference.agency
    submit_url = _submit_url(request, agency, conference)
    opinions_due = (Milestone.objects.filter(conference=conference,
                                             kind=Milestone.Kind.VILLAGE_OPINIONS)
                    .values_list("due_on", flat=True).first())
    return render(request, "dialogues/public/announcement.html", {
        "conference": conference, "agency": agency,
        "agenda": list(conference.agenda.all()),
        "topics": Plan.lines(conference.topics),
        "villages": list(conference.villages.order_by("order", "name")),
        "chair": conference.chair, "co_chair": conference.co_chair,
        "submit_url": submit_url,
        "qr": _qr(submit_url, _("Mã QR mở trang gửi ý kiến: %(url)s") % {"url": submit_url}),
        "opinions_due": opinions_due,
        "today": timezone.localdate(),
        "plan_public": conference.plan is not None
        and conference.plan.state in PUBLIC_PLAN_STATES,
        "has_results": conference.state in RESULT_STATES,
    })


def plan(request, pk: int):
    plan = get_object_or_404(public_plans(), pk=pk)
    return render(request, "dialogues/public/plan.html", {
        "plan": plan, "agency": plan.agency,
        "legal_bases": Plan.lines(plan.legal_bases), "content": Plan.lines(plan.content),
        "programme": Plan.lines(plan.programme),
        "groups": list(plan.groups.all()),
        "conferences": list(public_conferences().filter(plan=plan).order_by("held_on", "pk")),
    })


@dataclass
class PublicItem:
    """One line of the results: an issue (several petitions) or a single petition."""

    title: str
    village: str
    field: str
    unit: str
    count: int
    state: str
    settled: bool
    overdue: bool
    due_date: object = None
    answer: str = ""
    at_conference: bool = False
    hidden: bool = False


# A complaint or denunciation sent to its procedure: not concluded here, its sender not told
# (as the conclusion notice prints it).
SENT_TO_PROCEDURE = "Một nội dung khiếu nại, tố cáo (không nêu thông tin người gửi)."


def _results(conference: Conference, today):
    from doithoai.petitions.models import Answer, Petition
    from doithoai.petitions.selectors.public_text import public

    every = list(Petition.objects.filter(conference=conference)
                 .select_related("field", "village", "unit", "issue")
                 .prefetch_related("petitioners")
                 .order_by("field__order", "village__order", "pk"))
    # Every text as its public copy: the names the product knows of the conference (its
    # petitioners and registrants) as initials.
    known = confidential.of(conference, every)
    names = known.names
    # A denunciation — by its kind, its words or what its speaker registered to say — is not
    # listed at all.
    petitions = [p for p in every if not confidential.is_denunciation(p, known)]
    answers = {a.petition_id: a for a in Answer.objects.filter(
        petition__in=[p.pk for p in petitions], is_current=True, published_at__isnull=False)}
    groups: dict[object, list] = {}
    for p in petitions:
        groups.setdefault(("issue", p.issue_id) if p.issue_id else ("petition", p.pk),
                          []).append(p)
    items = []
    for members in groups.values():
        first = members[0]
        hidden = all(p.hide_from_public for p in members)
        shown = next((p for p in members if not p.hide_from_public), first)
        answer = answers.get(shown.pk)
        states = Counter(p.state for p in members)
        state = states.most_common(1)[0][0]
        open_members = [p for p in members if p.state in OPEN_STATES]
        due = min((p.due_date for p in open_members if p.due_date), default=None)
        procedure = not first.issue_id and first.state == State.TRANSFERRED
        title = (SENT_TO_PROCEDURE if procedure
                 else (first.issue.title if first.issue_id else shown.text) if not hidden
                 else "")
        # Nor where a complaint's sender, or someone who asked not to be named, comes from.
        placeless = any(p.pk in known.unnamed or p.state == State.TRANSFERRED
                        for p in members)
        items.append(PublicItem(
            title=public(title, names),
            village="" if placeless else ", ".join(sorted({
                p.village.name for p in members if p.village})),
            field=first.field.name if first.field else "",
            unit=first.unit.name if first.unit else "",
            count=len(members), state=_(STATE_LABELS[State(state)]),
            settled=not open_members, overdue=bool(due and due < today),
            due_date=due if open_members else None,
            answer=public(answer.text, names) if answer and not hidden else "",
            at_conference=bool(answer and answer.at_conference), hidden=hidden))
    return items


def results(request, pk: int):
    conference = get_object_or_404(public_conferences(), pk=pk)
    if conference.state not in RESULT_STATES:
        raise Http404
    from doithoai.petitions.models import Petition

    today = timezone.localdate()
    petitions = Petition.objects.filter(conference=conference)
    figures = oversight.counts(petitions, today)
    due_dates = sorted(Counter(
        petitions.filter(state__in=OPEN_STATES, due_date__isnull=False)
        .values_list("due_date", flat=True)).items())
    from doithoai.petitions.selectors.public_text import public

    return render(request, "dialogues/public/results.html", {
        "conference": conference, "agency": conference.agency, "figures": figures,
        "conclusion": public(conference.conclusion, confidential.of(conference).names),
        "written": figures.answered_in_writing + figures.open,
        "due_dates": due_dates, "items": _results(conference, today), "today": today,
        "plan_public": conference.plan is not None
        and conference.plan.state in PUBLIC_PLAN_STATES,
    })


urlpatterns = [
    path("", index, name="index"),
    path("hoi-nghi/<int:pk>/", announcement, name="announcement"),
    path("hoi-nghi/<int:pk>/ket-qua/", results, name="results"),
    path("ke-hoach/<int:pk>/", plan, name="plan"),
]
