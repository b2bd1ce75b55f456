"""Reads of the units' prepared answers (R16): the rows a user sees, what is missing, and
unit by unit for the chair's briefing (R19)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, QuerySet

from doithoai.core.petition_flow import ROUTED_AWAY_STATES
from doithoai.dialogues import rules
from doithoai.dialogues.models import Conference, PreparedAnswer
from doithoai.dialogues.selectors.village_opinions import NO_FIELD, issue_groups, people_of
from doithoai.org import access
from doithoai.org.models import Unit
from doithoai.petitions.models import Petition


@dataclass
class AnswerRow:
    """A petition of the conference, or a grouped issue once (its first petition)."""

    petition: Petition
    members: list[Petition]
    answer: PreparedAnswer | None = None
    can_write: bool = False

    @property
    def issue_title(self) -> str:
        return self.petition.issue.title if self.petition.issue_id else ""

    @property
    def needed(self) -> bool:
        return any(p.unit_id and p.state not in ROUTED_AWAY_STATES for p in self.members)

    @property
    def ready(self) -> bool:
        """Prepared by the unit now assigned (a reassigned petition needs the new unit's)."""
        return self.answer is not None and any(
            self.answer.unit_id == p.unit_id for p in self.members)

    @property
    def villages(self) -> list[str]:
        names = []
        for p in self.members:
            if p.village and p.village.name not in names:
                names.append(p.village.name)
        return names


def _answers(conference: Conference) -> tuple[dict[int, PreparedAnswer], dict[int, PreparedAnswer]]:
    """The conference's prepared answers, by petition and by issue."""
    by_petition, by_issue = {}, {}
    for a in (PreparedAnswer.objects.filter(conference=conference)
              .select_related("unit", "submitted_by", "petition").order_by("petition_id")):
        by_petition[a.petition_id] = a
        if a.petition.issue_id:
            by_issue.setdefault(a.petition.issue_id, a)
    return by_petition, by_issue


def answer_rows(petitions: QuerySet, conference: Conference) -> list[AnswerRow]:
    rows = list(petitions.filter(conference=conference)
                .select_related("field", "village", "unit", "issue").order_by("pk"))
    by_petition, by_issue = _answers(conference)
    result = []
    for group in issue_groups(rows):
        first = group[0]
        answer = by_issue.get(first.issue_id) if first.issue_id else by_petition.get(first.pk)
        result.append(AnswerRow(petition=first, members=group, answer=answer))
    return result


def prepared_answer_rows(user, conference: Conference) -> list[AnswerRow]:
    """What the user sees of the prepared answers: the office every petition, a unit
    officer his unit's; `can_write` where he may write (the service decides in the end)."""
    rows = answer_rows(access.visible(Petition, user), conference)
    open_ = conference.state == Conference.State.PLANNED
    roles = access.roles_for_rows(user, [row.petition for row in rows])
    for row in rows:
        p = row.petition
        may = rules.PREPARE_ANSWER.allows(roles[p.pk])
        row.can_write = open_ and bool(p.unit_id) and row.needed and may
    rows.sort(key=lambda r: (r.petition.unit is None,
                             r.petition.unit.name if r.petition.unit else "",
                             r.petition.field.order if r.petition.field else 999, r.petition.pk))
    return rows


def answer_token(answer: PreparedAnswer | None) -> str:
    """What the form sends back to detect that someone else saved in between."""
    return answer.submitted_at.isoformat() if answer is not None else "new"


@dataclass(frozen=True)
class BriefingAnswer:
    text: str  # the opinion, or the grouped issue's title
    field: str
    villages: tuple[str, ...]
    petitions: int
    petitioners: int
    tracking_codes: tuple[str, ...]
    answer: str  # "" when the unit has not prepared it yet
    is_issue: bool = False


@dataclass(frozen=True)
class UnitAnswers:
    unit_id: int
    unit_name: str
    items: tuple[BriefingAnswer, ...] = field(default_factory=tuple)

    @property
    def ready(self) -> int:
        return sum(1 for i in self.items if i.answer)

    @property
    def missing(self) -> int:
        return len(self.items) - self.ready


def prepared_answers_by_unit(conference: Conference) -> list[UnitAnswers]:
    """What each unit will answer at the conference, unit by unit (every assigned petition
    of the conference, a grouped issue once; `answer` empty where none is prepared)."""
    qs = Petition.objects.annotate(petitioner_count=Count("petitioners"))
    by_unit: dict[int, list[BriefingAnswer]] = defaultdict(list)
    units: dict[int, Unit] = {}
    for row in answer_rows(qs, conference):
        if not row.needed:
            continue
        p = row.petition
        unit = p.unit or next(m.unit for m in row.members if m.unit_id)
        units[unit.pk] = unit
        by_unit[unit.pk].append(BriefingAnswer(
            text=row.issue_title or p.text, field=p.field.name if p.field else NO_FIELD,
            villages=tuple(row.villages), petitions=len(row.members),
            petitioners=sum(people_of(m) for m in row.members),
            tracking_codes=tuple(m.tracking_code for m in row.members),
            answer=row.answer.text if row.ready else "", is_issue=bool(row.issue_title)))
    ordered = sorted(units.values(), key=lambda u: (u.order, u.name))
    return [UnitAnswers(unit_id=u.pk, unit_name=u.name, items=tuple(by_unit[u.pk]))
            for u in ordered]
