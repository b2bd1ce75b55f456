"""Which open petitions are owed a reminder today, and which kind."""

from __future__ import annotations

import datetime as dt

from django.db.models import Exists, OuterRef, Q, QuerySet

from doithoai.core.petition_flow import OPEN_STATES, State
from doithoai.petitions.models import Petition, Reminder

# The unit's move; every other open state is the office's (or its leader's).
UNIT_STATES = (State.ASSIGNED,)
OFFICE_STATES = tuple(sorted(OPEN_STATES - set(UNIT_STATES)))


def _reminded(kind: str) -> Exists:
    return Exists(Reminder.objects.filter(petition=OuterRef("pk"), kind=kind,
                                          due_date=OuterRef("due_date")))


def pending(today: dt.date, soon_limit: dt.date) -> QuerySet[Petition]:
    """Open petitions owed a reminder today that has not been sent for their due date."""
    return (Petition.objects
            .filter(state__in=list(OPEN_STATES), due_date__isnull=False,
                    due_date__lte=soon_limit)
            .filter(Q(~_reminded(Reminder.Kind.OVERDUE), due_date__lt=today)
                    | Q(~_reminded(Reminder.Kind.DUE_SOON), due_date__gte=today))
            .order_by())


def kind_on(due: dt.date, today: dt.date) -> str:
    return Reminder.Kind.OVERDUE if due < today else Reminder.Kind.DUE_SOON
