"""The demo's dates, drawn from the day it is loaded: the same story on any day of any year.

The story was written for 2026 (the plan of the 2026 seed): a yearly conference on the
second Friday of June, held and concluded; a thematic one in session today; one ahead. Its
dates move with the day the demo is built:
- the held conference is the latest second-Friday-of-June at least `HELD_AT_LEAST_DAYS_AGO`
  days back (its answers are due, some overdue): from January to late July that is last
  year's June, so its plan is last year's;
- the conference in session is today, under this year's plan (issued before today, in
  December of last year when today is early January);
- the one ahead is the first working Friday at least `AHEAD_DAYS` days ahead, under the plan
  of its own year (next year's near the end of a year);
- the neighbour commune held its conference on the fourth Friday of September, in the latest
  September far enough back;
- last year's yearly conference, when the held one is this year's, is told briefly (a few
  opinions, all answered), so that "what became of the previous conference" has content;
- the petitions of the story are received from the first week of the held conference's year
  up to today.
Texts that name a year ("năm 2026", "quý I năm 2027") are shifted by as many years as the
story moved (`shift_years`).

Pure: the working-day calendar is passed in.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from doithoai.core.workdays import WorkCalendar

STORY_YEAR = 2026  # the year the demo's texts were written for
HELD_AT_LEAST_DAYS_AGO = 42  # answers due 15 working days after: some are overdue by now
AHEAD_DAYS = 12  # invitations and the announcement due within days, returns within two weeks
PLAN_ISSUED = (5, 15)  # the yearly plan is issued in mid-May, before the June conference
NEIGHBOUR_PLAN_ISSUED = (7, 20)
NEIGHBOUR_SCHEDULED = (8, 1)
FRIDAY = 4
_ONE_DAY = dt.timedelta(days=1)


def _nth_friday(year: int, month: int, n: int) -> dt.date:
    first = dt.date(year, month, 1)
    return first + dt.timedelta(days=(FRIDAY - first.weekday()) % 7 + 7 * (n - 1))


def _latest_before(today: dt.date, month: int, n: int) -> dt.date:
    """The n-th Friday of `month` in the latest year where it lies far enough back."""
    day = _nth_friday(today.year, month, n)
    if (today - day).days < HELD_AT_LEAST_DAYS_AGO:
        day = _nth_friday(today.year - 1, month, n)
    return day


def workday_on_or_before(calendar: WorkCalendar, day: dt.date) -> dt.date:
    while not calendar.is_workday(day):
        day -= _ONE_DAY
    return day


def _working_friday_on_or_before(calendar: WorkCalendar, day: dt.date) -> dt.date:
    while not calendar.is_workday(day):
        day -= dt.timedelta(days=7)
    return day


@dataclass(frozen=True)
class Timeline:
    today: dt.date
    held_on: dt.date  # the yearly conference, held and concluded
    plan_issued_on: dt.date  # its plan
    current_plan_issued_on: dt.date  # this year's plan (the same plan when held this year)
    ahead_on: dt.date  # the conference being prepared
    ahead_plan_issued_on: dt.date  # its plan (the same as this year's unless next year's)
    neighbour_held_on: dt.date
    neighbour_plan_issued_on: dt.date
    neighbour_scheduled_on: dt.date
    petitions_from: dt.date
    # last year's yearly conference, briefly told, when the held one is this year's
    previous_held_on: dt.date | None

    @property
    def year(self) -> int:
        return self.today.year

    @property
    def held_year(self) -> int:
        return self.held_on.year

    @property
    def shift(self) -> int:
        """How many years the story moved from the year its texts were written for."""
        return self.held_year - STORY_YEAR

    @property
    def years(self) -> list[int]:
        """Every plan year of the demo commune, oldest first: last year's (so that there is
        a previous conference), this year's and the one ahead's."""
        return sorted({self.year - 1, self.held_year, self.year, self.ahead_on.year})

    def text(self, text: str) -> str:
        return shift_years(text, self.shift)


def build(today: dt.date, calendar: WorkCalendar) -> Timeline:
    held = _working_friday_on_or_before(calendar, _latest_before(today, 6, 2))
    plan_issued = workday_on_or_before(calendar, dt.date(held.year, *PLAN_ISSUED))
    if today.year == held.year:
        current_issued = plan_issued
    else:  # this year's plan was issued a fortnight before today (December, early in January)
        current_issued = workday_on_or_before(
            calendar, min(dt.date(today.year, *PLAN_ISSUED), today - dt.timedelta(days=14)))
    ahead = today + dt.timedelta(days=AHEAD_DAYS)
    while ahead.weekday() != FRIDAY or not calendar.is_workday(ahead):
        ahead += _ONE_DAY
    if ahead.year == today.year:
        ahead_issued = current_issued
    else:  # next year's plan, issued in December
        ahead_issued = workday_on_or_before(calendar, today - _ONE_DAY)
    neighbour = _working_friday_on_or_before(calendar, _latest_before(today, 9, 4))
    first_week = dt.date(held.year, 1, 5)
    while not calendar.is_workday(first_week):
        first_week += _ONE_DAY
    return Timeline(
        today=today, held_on=held, plan_issued_on=plan_issued,
        current_plan_issued_on=current_issued, ahead_on=ahead,
        ahead_plan_issued_on=ahead_issued, neighbour_held_on=neighbour,
        neighbour_plan_issued_on=workday_on_or_before(
            calendar, dt.date(neighbour.year, *NEIGHBOUR_PLAN_ISSUED)),
        neighbour_scheduled_on=dt.date(neighbour.year, *NEIGHBOUR_SCHEDULED),
        petitions_from=first_week,
        previous_held_on=None if held.year < today.year else _working_friday_on_or_before(
            calendar, _nth_friday(held.year - 1, 6, 2)))


# A year of the story: after "năm" or in a date ("12/8/2025"); never a law's year ("Luật
# Khiếu nại 2011", "Luật Tổ chức chính quyền địa phương 2025"), which stays what it is.
_YEAR = re.compile(r"(?:(?<=năm )|(?<=/))(20[12]\d)(?!\d)")


def shift_years(text: str, shift: int) -> str:
    """"quý I năm 2027" → "quý I năm 2028" when the story moved one year on."""
    if not shift:
        return text
    return _YEAR.sub(lambda m: str(int(m.group(1)) + shift), text)
