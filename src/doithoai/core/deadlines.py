"""Due dates of petitions: which rule applies, the date it gives, and how urgent it is now.

Pure: the calendar is passed in. Every due date is stored with the rule that produced it
(code and a readable description) so that it can be explained and recomputed.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from doithoai.core import dates
from doithoai.core.workdays import WorkCalendar

# Written answers to what was said at a conference or sent in (docs/law.md#conference-deadlines):
# working days after the conference, or after receipt for a petition sent outside one.
ANSWER_WORKDAYS = 15
COMPLEX_ANSWER_WORKDAYS = 30
# A due date is "due soon" within this many working days of today (the reminders, the queues'
# flag); settings may change it (PETITION_DUE_SOON_WORKDAYS).
DUE_SOON_WORKDAYS = 3


@dataclass(frozen=True)
class DeadlineRule:
    code: str
    workdays: int
    anchor: str  # "conference" or "receipt"

    def describe(self, anchor_date: dt.date) -> str:
        after = "hội nghị" if self.anchor == "conference" else "ngày tiếp nhận"
        return f"{self.workdays} ngày làm việc kể từ sau {after} {dates.day(anchor_date)}"


def rule_for(*, anchor: str, complex_case: bool, simple_days: int, complex_days: int
             ) -> DeadlineRule:
    days = complex_days if complex_case else simple_days
    kind = "phuc-tap" if complex_case else "thuong"
    return DeadlineRule(code=f"{anchor}-{kind}-{days}", workdays=days, anchor=anchor)


def due_date(calendar: WorkCalendar, rule: DeadlineRule, anchor_date: dt.date) -> dt.date:
    return calendar.add_workdays(anchor_date, rule.workdays)


DUE_SOON, OVERDUE = "due_soon", "overdue"


def urgency_flag(calendar: WorkCalendar, due: dt.date | None, today: dt.date,
                 soon_workdays: int = DUE_SOON_WORKDAYS) -> str | None:
    """OVERDUE after the due date, DUE_SOON within `soon_workdays` working days of it."""
    if due is None:
        return None
    if today > due:
        return OVERDUE
    if due <= calendar.add_workdays(today, soon_workdays):
        return DUE_SOON
    return None
