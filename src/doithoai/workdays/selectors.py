"""Reads for the calendar page and the home page's calendar notices."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count
from django.db.models.functions import ExtractYear

from doithoai.core.workdays import FIRST_YEAR, LAST_YEAR, WEEKDAY_NAMES, DayStatus
from doithoai.workdays.calendar import get_calendar
from doithoai.workdays.models import CalendarOverride, CalendarYear

# From this day of year Y (month, day), an unconfirmed year Y+1 is flagged to administrators:
# the government announces the next year's swaps during the year before, often late.
NEXT_YEAR_NOTICE_FROM = (11, 1)


@dataclass(frozen=True)
class DayRow:
    date: dt.date
    weekday: str
    status: DayStatus  # the status in force (disabled overrides don't count)
    override: CalendarOverride | None  # the override row, enabled or not


def override_of(pk: int) -> CalendarOverride | None:
    """One day the office set apart from the law's calendar."""
    return CalendarOverride.objects.filter(pk=pk).first()


def year_rows(year: int) -> list[DayRow]:
    """Every day of `year` off the plain Monday–Friday rule, plus every override row."""
    calendar = get_calendar()
    overrides = {o.date: o for o in CalendarOverride.objects.filter(date__year=year)}
    days = {d for d, _ in calendar.special_days(year)} | set(overrides)
    return [
        DayRow(d, WEEKDAY_NAMES[d.weekday()], calendar.day_status(d), overrides.get(d))
        for d in sorted(days)
    ]


@dataclass(frozen=True)
class YearStatus:
    year: int
    record: CalendarYear | None  # None: never confirmed
    overrides: int  # override rows of the year, enabled or not

    @property
    def confirmed(self) -> bool:
        return self.record is not None and self.record.confirmed


def confirmed_years(years) -> set[int]:
    """Those of `years` that a system administrator has confirmed."""
    return set(CalendarYear.objects.filter(year__in=list(years), confirmed_at__isnull=False)
               .values_list("year", flat=True))


def year_statuses(today: dt.date, also=()) -> list[YearStatus]:
    """The years worth showing: this year and the next, every year with overrides or a
    confirmation row, and `also` (the year on display); only those the calendar covers."""
    counts = dict(CalendarOverride.objects.order_by().annotate(y=ExtractYear("date")).values("y")
                  .annotate(n=Count("pk")).values_list("y", "n"))
    records = {r.year: r for r in CalendarYear.objects.select_related("confirmed_by")}
    years = {today.year, today.year + 1, *counts, *records, *also}
    return [YearStatus(y, records.get(y), counts.get(y, 0))
            for y in sorted(years) if FIRST_YEAR <= y <= LAST_YEAR]


def years_to_confirm(today: dt.date) -> list[int]:
    """The years an administrator should confirm now: the current year whenever it is not
    confirmed (deadlines are running in it), and from 1 November the next one too."""
    candidates = [today.year]
    if (today.month, today.day) >= NEXT_YEAR_NOTICE_FROM:
        candidates.append(today.year + 1)
    candidates = [y for y in candidates if FIRST_YEAR <= y <= LAST_YEAR]
    done = confirmed_years(candidates)
    return [y for y in candidates if y not in done]
