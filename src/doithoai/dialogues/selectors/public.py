"""Reads for the conferences' public pages (no login): what is public, a commune's list, the
announcement's villages, and the results page's figures and items.

What is public: a conference of an issued, published or done plan, or a conference held
without a plan (the dates are then a fact); a draft plan's conferences are not. A plan is
public once published. The results list no personal data: petitions by field, village, content
and state, never by who sent them; denunciations (by their kind, their words or what their
speaker registered to say) left out altogether, a complaint or denunciation sent to its
procedure one line without its words, the village of a complaint's sender or of someone who
asked not to be named not given, and a petition hidden from the public showing neither its
content nor its answer. Texts are their public copies: the names the product knows of the
conference (`dialogues.confidential`) and "ông X", "bà Y" as initials.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass

from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from doithoai.core.petition_flow import OPEN_STATES, STATE_LABELS, State, on_its_procedure
from doithoai.dialogues import confidential
from doithoai.dialogues.choices import ANNOUNCED_PLAN_STATES, PUBLIC_PLAN_STATES
from doithoai.dialogues.models import Conference, Plan
from doithoai.dialogues.selectors import oversight
from doithoai.org.models import Agency, Village
from doithoai.petitions.models import Answer, Petition
from doithoai.petitions.selectors.public_text import public

# -- what is public ---------------------------------------------------------------------------


def public_conferences() -> QuerySet[Conference]:
    return (Conference.objects.filter(
        Q(plan__state__in=ANNOUNCED_PLAN_STATES) | Q(plan__isnull=True, held_on__isnull=False))
        .filter(agency__is_active=True).select_related("agency", "plan"))


def public_plans() -> QuerySet[Plan]:
    return Plan.objects.filter(state__in=PUBLIC_PLAN_STATES,
                               agency__is_active=True).select_related("agency", "signer")


def is_public(conference: Conference) -> bool:
    """Whether the conference has a public announcement."""
    return public_conferences().filter(pk=conference.pk).exists()


# -- a commune's list -------------------------------------------------------------------------


def communes() -> QuerySet[Agency]:
    """The communes, by name."""
    return Agency.objects.filter(level=Agency.Level.COMMUNE, is_active=True).order_by("name")


def commune(code: str) -> Agency | None:
    """The commune an address names (`?xa=`); without a code, the only commune when there is
    just one."""
    found = communes()
    if code:
        return found.filter(code=code).first()
    return found.first() if found[:2].count() == 1 else None


def conferences_of(agency: Agency) -> list[Conference]:
    """The commune's public conferences, the latest first."""
    return list(public_conferences().filter(agency=agency).order_by("-held_on", "-pk"))


def plans_of(agency: Agency) -> list[Plan]:
    """The commune's public plans, the latest first."""
    return list(public_plans().filter(agency=agency).order_by("-year", "-pk"))


def conferences_of_plan(plan: Plan) -> list[Conference]:
    return list(public_conferences().filter(plan=plan).order_by("held_on", "pk"))


def villages_of(conference: Conference) -> list[Village]:
    """The villages the announcement names, in the agency's order."""
    return list(conference.villages.order_by("order", "name"))


# -- the results ------------------------------------------------------------------------------


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


def figures(conference: Conference, today: dt.date) -> oversight.Counts:
    return oversight.counts(Petition.objects.filter(conference=conference), today)


def due_dates(conference: Conference) -> list[tuple[dt.date, int]]:
    """The due days of the opinions still open, each with how many fall due on it."""
    return sorted(Counter(
        Petition.objects.filter(conference=conference)
        .filter(state__in=OPEN_STATES, due_date__isnull=False)
        .values_list("due_date", flat=True)).items())


def conclusion(conference: Conference) -> str:
    """The chair's conclusion as the public reads it."""
    known = confidential.of(conference)
    return public(conference.conclusion, known.names, known.secret)


def items(conference: Conference, today: dt.date) -> list[PublicItem]:
    every = list(Petition.objects.filter(conference=conference)
                 .select_related("field", "village", "unit", "issue")
                 .prefetch_related("petitioners")
                 .order_by("field__order", "village__order", "pk"))
    # Every text as its public copy: the names the product knows of the conference (its
    # petitioners and registrants) as initials, those never to be named as "một công dân".
    known = confidential.of(conference, every)
    names, secret = known.names, known.secret
    # A denunciation — by its kind, its words or what its speaker registered to say — is not
    # listed at all.
    petitions = [p for p in every if not confidential.is_denunciation(p, known)]
    answers = {a.petition_id: a for a in Answer.objects.filter(
        petition__in=[p.pk for p in petitions], is_current=True, published_at__isnull=False)}
    groups: dict[object, list] = {}
    for p in petitions:
        groups.setdefault(("issue", p.issue_id) if p.issue_id else ("petition", p.pk),
                          []).append(p)
    result = []
    for members in groups.values():
        first = members[0]
        hidden = all(p.hide_from_public for p in members)
        shown = next((p for p in members if not p.hide_from_public), first)
        answer = answers.get(shown.pk)
        states = Counter(p.state for p in members)
        state = states.most_common(1)[0][0]
        open_members = [p for p in members if p.state in OPEN_STATES]
        due = min((p.due_date for p in open_members if p.due_date), default=None)
        procedure = not first.issue_id and on_its_procedure(first.kind, first.state)
        title = (SENT_TO_PROCEDURE if procedure
                 else (first.issue.title if first.issue_id else shown.text) if not hidden
                 else "")
        # Nor where a complaint's sender, or someone who asked not to be named, comes from.
        placeless = any(p.pk in known.unnamed or on_its_procedure(p.kind, p.state)
                        for p in members)
        result.append(PublicItem(
            title=public(title, names, secret),
            village="" if placeless else ", ".join(sorted({
                p.village.name for p in members if p.village})),
            field=first.field.name if first.field else "",
            unit=first.unit.name if first.unit else "",
            count=len(members), state=_(STATE_LABELS[State(state)]),
            settled=not open_members, overdue=bool(due and due < today),
            due_date=due if open_members else None,
            answer=public(answer.text, names, secret) if answer and not hidden else "",
            at_conference=bool(answer and answer.at_conference), hidden=hidden))
    return result
