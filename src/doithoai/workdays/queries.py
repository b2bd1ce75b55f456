"""Reads for the calendar page."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from doithoai.core.workdays import WEEKDAY_NAMES, DayStatus
from doithoai.workdays.calendar import get_calendar
from doithoai.workdays.models import CalendarOverride


@dataclass(frozen=True)
class DayRow:
    date: dt.date
    weekday: str
    status: DayStatus  # the status in force (disabled overrides don't count)
    override: CalendarOverride | None  # the override row, enabled or not


def year_rows(year: int) -> list[DayRow]:
    """Every day of `year` off the plain Monday–Friday rule, plus every override row."""
    calendar = get_calendar()
    overrides = {o.date: o for o in CalendarOverride.objects.filter(date__year=year)}
    days = {d for d, _ in calendar.special_days(year)} | set(overrides)
    return [
        DayRow(d, WEEKDAY_NAMES[d.weekday()], calendar.day_status(d), overrides.get(d))
        for d in sorted(days)
    ]
