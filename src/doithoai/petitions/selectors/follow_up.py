"""Follow-up (đôn đốc): what each unit still owes and by when, and what waits for the office.

The office's page reads `due_for_units` and `waiting_for_office`; its "Gửi nhắc" is
`actions.reminders.remind_from_page`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Count, F, Q, Window
from django.db.models.functions import RowNumber
from django.utils.translation import gettext as _

from doithoai.core.petition_flow import STATE_LABELS, State
from doithoai.org.access import visible
from doithoai.org.models import Agency, Unit
from doithoai.petitions.models import Petition
from doithoai.petitions.selectors.deadlines import Today, flag_rows

# Waiting for the unit's answer: what a reminder to the unit is about.
UNIT_WAITING = (State.ASSIGNED,)
# Due soon or overdue, but waiting for the office or a leader, not for a unit.
OFFICE_WAITING = (State.RECEIVED, State.CLASSIFIED, State.RETURNED, State.ANSWER_DRAFTED,
                  State.ANSWER_APPROVED)
LIST_LIMIT = 30


@dataclass
class UnitRow:
    unit: Unit
    due_soon: int = 0
    overdue: int = 0
    petitions: list[Petition] = field(default_factory=list)

    @property
    def total(self) -> int:
        return self.due_soon + self.overdue

    @property
    def more(self) -> int:
        return max(self.total - len(self.petitions), 0)


def _due_or_late(qs, today: Today):
    return qs.filter(due_date__lte=today.soon_limit)


def waiting_for_unit(user, today: Today, *, agency: Agency | None = None,
                     unit: Unit | None = None):
    """Visible petitions waiting for a unit's answer, due soon or overdue."""
    qs = visible(Petition, user).filter(state__in=UNIT_WAITING, unit__isnull=False)
    if agency is not None:
        qs = qs.filter(agency=agency)
    if unit is not None:
        qs = qs.filter(unit=unit)
    return _due_or_late(qs, today)


def due_for_units(user, agency: Agency, today: Today) -> list[UnitRow]:
    """Per unit: how many are due soon and overdue, and the first of them by due date."""
    qs = waiting_for_unit(user, today, agency=agency)
    counts = (qs.order_by().values("unit").annotate(
        overdue=Count("pk", filter=Q(due_date__lt=today.today)),
        due_soon=Count("pk", filter=Q(due_date__gte=today.today))))
    rows = {c["unit"]: c for c in counts}
    if not rows:
        return []
    units = Unit.objects.in_bulk(list(rows))
    result = {pk: UnitRow(unit=units[pk], due_soon=c["due_soon"], overdue=c["overdue"])
              for pk, c in rows.items()}
    firsts = (qs.select_related("village", "field")
              .annotate(rank=Window(RowNumber(), partition_by=[F("unit_id")],
                                    order_by=[F("due_date").asc(), F("pk").asc()]))
              .filter(rank__lte=LIST_LIMIT).order_by("unit_id", "due_date", "pk"))
    for petition in flag_rows(list(firsts), today):
        result[petition.unit_id].petitions.append(petition)
    return sorted(result.values(), key=lambda r: (-r.overdue, -r.due_soon, r.unit.order,
                                                  r.unit.name))


def waiting_for_office(user, agency: Agency, today: Today) -> list[dict]:
    """Due soon or overdue, but the office's or a leader's move: per state."""
    qs = _due_or_late(visible(Petition, user).filter(agency=agency, state__in=OFFICE_WAITING),
                      today)
    counts = {c["state"]: c for c in qs.order_by().values("state").annotate(
        overdue=Count("pk", filter=Q(due_date__lt=today.today)),
        due_soon=Count("pk", filter=Q(due_date__gte=today.today)))}
    return [{"state": s, "label": _(STATE_LABELS[s]),
             "overdue": counts[s]["overdue"], "due_soon": counts[s]["due_soon"]}
            for s in OFFICE_WAITING if s in counts]
