"""Today, as the pages count it: which open petitions are overdue and which due soon."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.utils import timezone

from doithoai.core.deadlines import DUE_SOON, OVERDUE
from doithoai.core.petition_flow import OPEN_STATES, PROCEDURE_KINDS
from doithoai.petitions.models import Petition
from doithoai.workdays.calendar import get_calendar


@dataclass(frozen=True)
class Today:
    """Today and the last due date that counts as "due soon" (computed once per request)."""

    today: dt.date
    soon_limit: dt.date

    def flag(self, petition: Petition) -> str | None:
        """OVERDUE / DUE_SOON for an open petition with a due date, else None. Never for a
        complaint or a denunciation: no opinion's answer is owed (its own procedure)."""
        if (petition.state not in OPEN_STATES or petition.due_date is None
                or petition.kind in PROCEDURE_KINDS):
            return None
        if petition.due_date < self.today:
            return OVERDUE
        if petition.due_date <= self.soon_limit:
            return DUE_SOON
        return None


def today_info(today: dt.date | None = None) -> Today:
    today = today or timezone.localdate()
    limit = get_calendar().add_workdays(today, settings.PETITION_DUE_SOON_WORKDAYS)
    return Today(today=today, soon_limit=limit)


def flag_rows(rows, today: Today):
    """Attach `.flag` to each petition (for the badges)."""
    for row in rows:
        row.flag = today.flag(row)
    return rows
