"""Follow-up (đôn đốc): every overdue and due-soon petition of a commune, by where it waits
(`core.petition_flow.WAITS_WITH`): with the office to classify and assign, with a unit to
answer, with a leader to approve, with the office again to publish — and when each unit, the
leaders and each petition were last urged, and by whom.

Counted as the queue counts its "Quá hạn" and "Sắp đến hạn" filters (`queues.late_or_soon`):
open, not a complaint or a denunciation, due before today or by the due-soon limit. Every
figure is one GROUP BY and every list a window or a slice served by the (agency, state,
due_date) index; nothing loops over the petitions of a province.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Count, F, OuterRef, Q, QuerySet, Subquery, Window
from django.db.models.functions import RowNumber
from django.utils.translation import gettext as _

from doithoai.core.petition_flow import STAGE_LABELS, Stage, states_of
from doithoai.org.access import visible
from doithoai.org.models import Agency, Unit
from doithoai.petitions.models import Petition, Reminder, Urge
from doithoai.petitions.selectors.deadlines import Today, flag_rows
from doithoai.petitions.selectors.queues import late_or_soon

# Waiting for the unit's answer: what an urge to a unit is about.
UNIT_WAITING = states_of(Stage.UNIT)
# Waiting for a leader's approval: what an urge to the leaders is about.
LEADER_WAITING = states_of(Stage.LEADER)
LIST_LIMIT = 30


@dataclass(kw_only=True)
class Counted:
    """A line of the page: how many are overdue and due soon, the first of them listed."""

    overdue: int = 0
    due_soon: int = 0
    petitions: list[Petition] = field(default_factory=list)
    last_urge: Urge | None = None

    @property
    def total(self) -> int:
        return self.due_soon + self.overdue

    @property
    def more(self) -> int:
        return max(self.total - len(self.petitions), 0)


@dataclass(kw_only=True)
class UnitRow(Counted):
    unit: Unit


@dataclass(kw_only=True)
class StageRow(Counted):
    """One line of the table "where it waits" (`last_urge`: the leaders', on their line)."""

    stage: Stage
    label: str
    states: tuple


def with_last_urge(qs: QuerySet) -> QuerySet:
    """Each petition with the moment and the author of its last urge (None: never urged)."""
    last = (Reminder.objects.filter(petition=OuterRef("pk"), kind=Reminder.Kind.MANUAL)
            .order_by("-created_at", "-pk"))
    return qs.annotate(
        last_urged_at=Subquery(last.values("created_at")[:1]),
        last_urged_by_name=Subquery(last.values("sent_by__full_name")[:1]),
        last_urged_by_username=Subquery(last.values("sent_by__username")[:1]))


def waiting(user, today: Today, *, agency: Agency | None = None, unit: Unit | None = None,
            states=UNIT_WAITING) -> QuerySet:
    """Visible petitions due soon or overdue in `states` (a unit's by default)."""
    qs = late_or_soon(visible(Petition, user), today).filter(state__in=list(states))
    if agency is not None:
        qs = qs.filter(agency=agency)
    if unit is not None:
        qs = qs.filter(unit=unit)
    return qs


def waiting_for_unit(user, today: Today, *, agency: Agency | None = None,
                     unit: Unit | None = None) -> QuerySet:
    return waiting(user, today, agency=agency, unit=unit).filter(unit__isnull=False)


def _split(qs: QuerySet, key: str, today: Today) -> dict:
    return {row[key]: row for row in qs.order_by().values(key).annotate(
        overdue=Count("pk", filter=Q(due_date__lt=today.today)),
        due_soon=Count("pk", filter=Q(due_date__gte=today.today)))}


def _listed(qs: QuerySet) -> QuerySet:
    return with_last_urge(qs.select_related("village", "field", "unit"))


def stages(user, agency: Agency, today: Today) -> list[StageRow]:
    """The table "where it waits": every stage, with its counts and first petitions."""
    base = late_or_soon(visible(Petition, user).filter(agency=agency), today)
    counts = _split(base, "state", today)
    rows = []
    for stage in Stage:
        states = states_of(stage)
        row = StageRow(stage=stage, label=_(STAGE_LABELS[stage]), states=states)
        for state in states:
            row.overdue += counts.get(state, {}).get("overdue", 0)
            row.due_soon += counts.get(state, {}).get("due_soon", 0)
        if row.total and stage != Stage.UNIT:  # a unit's are listed under the unit
            row.petitions = flag_rows(list(_listed(base.filter(state__in=list(states)))
                                           .order_by("due_date", "pk")[:LIST_LIMIT]), today)
        rows.append(row)
    leaders = next(r for r in rows if r.stage == Stage.LEADER)
    leaders.last_urge = last_leaders_urge(agency)
    return rows


def last_leaders_urge(agency: Agency) -> Urge | None:
    return (Urge.objects.filter(agency=agency, target=Urge.Target.LEADERS)
            .select_related("urged_by").order_by("-urged_at", "-pk").first())


def last_unit_urges(agency: Agency, unit_ids) -> dict[int, Urge]:
    """The last urge of each unit (one query, a window per unit)."""
    urges = (Urge.objects.filter(agency=agency, target=Urge.Target.UNIT, unit_id__in=unit_ids)
             .select_related("urged_by")
             .annotate(rank=Window(RowNumber(), partition_by=[F("unit_id")],
                                   order_by=[F("urged_at").desc(), F("pk").desc()]))
             .filter(rank=1))
    return {u.unit_id: u for u in urges}


def due_for_units(user, agency: Agency, today: Today) -> list[UnitRow]:
    """Per unit: how many are due soon and overdue, its first petitions by due date, and when
    it was last urged."""
    qs = waiting_for_unit(user, today, agency=agency)
    rows = _split(qs, "unit", today)
    if not rows:
        return []
    units = Unit.objects.in_bulk(list(rows))
    urges = last_unit_urges(agency, list(rows))
    result = {pk: UnitRow(unit=units[pk], due_soon=c["due_soon"], overdue=c["overdue"],
                          last_urge=urges.get(pk))
              for pk, c in rows.items()}
    firsts = (_listed(qs)
              .annotate(rank=Window(RowNumber(), partition_by=[F("unit_id")],
                                    order_by=[F("due_date").asc(), F("pk").asc()]))
              .filter(rank__lte=LIST_LIMIT).order_by("unit_id", "due_date", "pk"))
    for petition in flag_rows(list(firsts), today):
        result[petition.unit_id].petitions.append(petition)
    return sorted(result.values(), key=lambda r: (-r.overdue, -r.due_soon, r.unit.order,
                                                  r.unit.name))


def urged(urge: Urge) -> list[Reminder]:
    """An urge's petitions (its reminders: each with the due date it had), by due date."""
    return list(Reminder.objects.filter(urge=urge)
                .select_related("petition__village", "petition__field", "petition__unit")
                .order_by("due_date", "petition_id"))
