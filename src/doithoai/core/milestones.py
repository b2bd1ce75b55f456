"""The statutory steps around a conference: when each is due and the rule behind it.

Pure: the calendar and the plan's settings are passed in. Each rule gives a due date counted
from the conference day (docs/law.md#conference-deadlines, docs/law.md#counting-time) and a
sentence that explains it, stored with the milestone so the timeline can say why a date is
what it is.

Days off (docs/law.md#days-off-before-and-after-an-event): a step due "N days before" the
conference whose day falls on a day off is done on the working day before it (the work must
be done by the conference, and nobody is at the office that day); the sentence says so. A
step due after the conference whose last day is off moves to the next working day (Civil
Code Art. 148). Steps counted in working days always fall on one.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from doithoai.core import dates
from doithoai.core.deadlines import ANSWER_WORKDAYS, COMPLEX_ANSWER_WORKDAYS
from doithoai.core.workdays import WorkCalendar, days_before

# Units send the answers they prepared by the working day before the conference (DH).
PREPARED_ANSWERS_WORKDAYS_BEFORE = 1


class Kind:
    ANNOUNCEMENT = "announcement"
    INVITATIONS = "invitations"
    VILLAGE_OPINIONS = "village_opinions"
    DELEGATE_LISTS = "delegate_lists"
    PREPARED_ANSWERS = "prepared_answers"
    CONCLUSION_NOTICE = "conclusion_notice"
    RESULTS_ANNOUNCED = "results_announced"
    WRITTEN_ANSWERS = "written_answers"
    TASK = "task"


@dataclass(frozen=True)
class Settings:
    """A plan's deadlines (defaults: the law and the seeds' practice,
    docs/law.md#conference-deadlines)."""

    announce_days_before: int = 7  # law: at least 7 days before
    invite_workdays_before: int = 7  # TD: invitations 7 working days before
    village_days_before: int = 3  # DH: village opinions and delegate lists 3 days before
    conclusion_workdays_after: int = 5  # TD: conclusion notice within 5 working days
    results_days_after: int = 10  # law: results announced within 10 days
    answer_workdays: int = ANSWER_WORKDAYS
    complex_answer_workdays: int = COMPLEX_ANSWER_WORKDAYS


@dataclass(frozen=True)
class Due:
    kind: str
    due_on: dt.date
    rule: str  # plain Vietnamese: stored data, whatever the page language
    is_legal: bool  # set by law (not only by the plan's practice)
    title: str = ""  # what is to be done, when the caller names it (a unit's task)


def _before(calendar: WorkCalendar, held_on: dt.date, n: int) -> tuple[dt.date, str]:
    """"At least N days before": D − N, or the working day before it when that day is off;
    with the clause the rule sentence then ends with (empty when nothing moved)."""
    day = days_before(held_on, n)
    due = calendar.roll_back(day)
    if due == day:
        return due, ""
    return due, (f"; ngày {dates.day(day)} là ngày nghỉ: thực hiện trước, vào ngày làm việc "
                 f"{dates.day(due)}")


def _after(calendar: WorkCalendar, held_on: dt.date, n: int) -> tuple[dt.date, str]:
    """"Within N days after": D + N, or the next working day when that day is off (Civil
    Code Art. 148); with the clause the rule sentence then ends with."""
    day = held_on + dt.timedelta(days=n)
    due = calendar.add_days_civil(held_on, n)
    if due == day:
        return due, ""
    return due, (f"; ngày {dates.day(day)} là ngày nghỉ: hạn là ngày làm việc tiếp theo "
                 f"{dates.day(due)} (Điều 148 Bộ luật Dân sự)")


def statutory(calendar: WorkCalendar, held_on: dt.date, s: Settings) -> list[Due]:
    """Every statutory milestone of a conference held on `held_on`, in time order."""
    announce_on, announce_moved = _before(calendar, held_on, s.announce_days_before)
    village_on, village_moved = _before(calendar, held_on, s.village_days_before)
    results_on, results_moved = _after(calendar, held_on, s.results_days_after)
    return [
        Due(Kind.ANNOUNCEMENT, announce_on,
            f"Thông báo công khai chậm nhất {s.announce_days_before} ngày trước hội nghị "
            f"{dates.day(held_on)} (Điều 43 Luật Tổ chức chính quyền địa phương 2025)"
            f"{announce_moved}", True),
        Due(Kind.INVITATIONS, calendar.subtract_workdays(held_on, s.invite_workdays_before),
            f"Gửi giấy mời chậm nhất {s.invite_workdays_before} ngày làm việc trước hội nghị "
            f"{dates.day(held_on)}", False),
        Due(Kind.VILLAGE_OPINIONS, village_on,
            f"Thôn gửi ý kiến của Nhân dân chậm nhất {s.village_days_before} ngày trước hội "
            f"nghị {dates.day(held_on)}{village_moved}", False),
        Due(Kind.DELEGATE_LISTS, village_on,
            f"Thôn gửi danh sách đại biểu chậm nhất {s.village_days_before} ngày trước hội "
            f"nghị {dates.day(held_on)}{village_moved}", False),
        Due(Kind.PREPARED_ANSWERS,
            calendar.subtract_workdays(held_on, PREPARED_ANSWERS_WORKDAYS_BEFORE),
            f"Các đơn vị gửi nội dung trả lời trước ngày hội nghị {dates.day(held_on)}", False),
        Due(Kind.CONCLUSION_NOTICE, calendar.add_workdays(held_on, s.conclusion_workdays_after),
            f"Ban hành thông báo kết luận trong {s.conclusion_workdays_after} ngày làm việc "
            f"sau hội nghị {dates.day(held_on)}", False),
        Due(Kind.RESULTS_ANNOUNCED, results_on,
            f"Công bố kết quả hội nghị trong {s.results_days_after} ngày sau hội nghị "
            f"{dates.day(held_on)} (Điều 43 Luật Tổ chức chính quyền địa phương 2025)"
            f"{results_moved}", True),
        Due(Kind.WRITTEN_ANSWERS, calendar.add_workdays(held_on, s.answer_workdays),
            f"Trả lời bằng văn bản trong {s.answer_workdays} ngày làm việc sau hội nghị "
            f"{dates.day(held_on)} ({s.complex_answer_workdays} ngày với vụ việc phức tạp)", False),
    ]


def task_due(calendar: WorkCalendar, held_on: dt.date, offset_days: int) -> Due:
    """A plan task due `offset_days` calendar days from the conference (negative: before).

    After the conference, a last day that is off moves to the next working day (Civil Code
    Art. 148); before it, to the working day before (the work must be done by then).
    """
    if offset_days < 0:
        due, moved = _before(calendar, held_on, -offset_days)
        rule = f"Chậm nhất {-offset_days} ngày trước hội nghị {dates.day(held_on)}{moved}"
    elif offset_days == 0:
        due, rule = held_on, f"Trong ngày hội nghị {dates.day(held_on)}"
    else:
        due, moved = _after(calendar, held_on, offset_days)
        rule = f"Trong {offset_days} ngày sau hội nghị {dates.day(held_on)}{moved}"
    return Due(Kind.TASK, due, rule, False)
