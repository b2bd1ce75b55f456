"""Reads about milestones: one of a conference's steps, a step's status, a conference's
timeline and its summary."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from doithoai.dialogues.models import Conference, Milestone
from doithoai.workdays.selectors import confirmed_years


def milestone_of(conference: Conference, pk) -> Milestone | None:
    """The conference's milestone `pk` (with its unit), or None."""
    return conference.milestones.filter(pk=pk).select_related("unit").first()


def of_kind(conference: Conference, kind: str) -> Milestone | None:
    """The conference's statutory step of this kind (the villages' opinions, the prepared
    answers…), or None."""
    return conference.milestones.filter(kind=kind).first()


def milestone_status(m: Milestone, today: dt.date | None = None) -> str:
    """done / done_late / overdue / due (due soon or later) / unscheduled."""
    today = today or timezone.localdate()
    if m.done_on:
        return "done_late" if m.due_on and m.done_on > m.due_on else "done"
    if m.due_on is None:
        return "unscheduled"
    return "overdue" if today > m.due_on else "due"


@dataclass
class MilestoneRow:
    milestone: Milestone
    status: str

    @property
    def label(self) -> str:
        return str(STATUS_LABELS[self.status])


STATUS_LABELS = {"done": _("Đã hoàn thành"), "done_late": _("Hoàn thành muộn"),
                 "due": _("Chưa đến hạn"), "overdue": _("Quá hạn"),
                 "unscheduled": _("Chưa có hạn")}


def timeline(conference: Conference, today: dt.date | None = None) -> list[MilestoneRow]:
    """Every milestone in date order (those without a date last), with its status."""
    today = today or timezone.localdate()
    milestones = (conference.milestones.select_related("unit", "done_by", "task")
                  .order_by("due_on", "order", "pk"))
    rows = [MilestoneRow(m, milestone_status(m, today)) for m in milestones]
    rows.sort(key=lambda r: (r.milestone.due_on is None, r.milestone.due_on or dt.date.min,
                             r.milestone.order, r.milestone.pk))
    return rows


@dataclass
class MilestoneSummary:
    total: int
    done: int
    overdue: int
    next_due: Milestone | None
    # Years of the steps still to do whose days off an administrator has not confirmed yet:
    # their dates may move (recomputed when the year's swapped days are entered).
    unconfirmed_years: list[int] = field(default_factory=list)

    @property
    def unconfirmed_text(self) -> str:
        return ", ".join(str(y) for y in self.unconfirmed_years)


def milestone_summary(conference: Conference, today: dt.date | None = None
                      ) -> MilestoneSummary:
    rows = timeline(conference, today)
    pending = [r.milestone for r in rows if r.status == "due"]
    years = {m.due_on.year for m in pending if m.due_on}
    return MilestoneSummary(
        total=len(rows), done=sum(r.status in ("done", "done_late") for r in rows),
        overdue=sum(r.status == "overdue" for r in rows),
        next_due=pending[0] if pending else None,
        unconfirmed_years=sorted(years - confirmed_years(years)))
