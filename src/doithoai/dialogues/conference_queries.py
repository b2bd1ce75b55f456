"""Reads for the conference pages: progress per unit, the milestones, the carry-over report
(R31) and the chair's briefing (R19).

Everything here starts from a conference the caller already fetched through the permission
layer; petitions are counted with one GROUP BY per table, never one query per row.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from doithoai.core.petition_flow import OPEN_STATES, SETTLED_STATES
from doithoai.dialogues import oversight, services
from doithoai.dialogues.models import Conference, Milestone, PreparedAnswer
from doithoai.petitions.models import Petition, Urgency
from doithoai.workdays.selectors import confirmed_years

OPEN = sorted(OPEN_STATES)
PRESSING = (Urgency.PRESSING, Urgency.URGENT)
UNCLASSIFIED = _("Chưa phân loại lĩnh vực")


def _today(today: dt.date | None) -> dt.date:
    return today or timezone.localdate()


# -- progress of a conference's petitions, per unit -----------------------------------------


@dataclass
class UnitProgress:
    unit_id: int | None
    unit_name: str
    total: int
    settled: int
    due: int
    overdue: int


def unit_progress(conference: Conference, today: dt.date | None = None) -> list[UnitProgress]:
    """Per unit: how many petitions of the conference are answered (or routed away), still
    due, overdue. Unassigned petitions come last under their own line."""
    today = _today(today)
    open_q = Q(state__in=OPEN)
    rows = (Petition.objects.filter(conference=conference)
            .values("unit_id", "unit__name")
            .annotate(total=Count("pk"),
                      settled=Count("pk", filter=Q(state__in=SETTLED_STATES)),
                      overdue=Count("pk", filter=open_q & Q(due_date__lt=today)),
                      open=Count("pk", filter=open_q))
            .order_by("unit__name"))
    result = [UnitProgress(r["unit_id"], r["unit__name"] or "", r["total"], r["settled"],
                           r["open"] - r["overdue"], r["overdue"]) for r in rows]
    result.sort(key=lambda p: (p.unit_id is None, p.unit_name))
    return result


def progress_totals(rows: list[UnitProgress]) -> UnitProgress:
    return UnitProgress(None, "", sum(r.total for r in rows), sum(r.settled for r in rows),
                        sum(r.due for r in rows), sum(r.overdue for r in rows))


# -- milestones -------------------------------------------------------------------------------


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
    today = _today(today)
    milestones = (conference.milestones.select_related("unit", "done_by", "task")
                  .order_by("due_on", "order", "pk"))
    rows = [MilestoneRow(m, services.milestone_status(m, today)) for m in milestones]
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


# -- carry-over (R31) -------------------------------------------------------------------------


@dataclass
class CarryOver:
    """What became of one earlier conference's petitions, counted by the roll-up's own rule
    (`oversight.counts`): an answer given at the conference is on time; a written one is on
    time when published (local day) on or before its due date."""

    conference: Conference
    counts: oversight.Counts = field(default_factory=oversight.Counts)
    open_rows: list[Petition] = field(default_factory=list)

    @property
    def total(self) -> int:
        return self.counts.received

    @property
    def on_time(self) -> int:
        return self.counts.answered_on_time

    @property
    def late(self) -> int:
        return self.counts.answered_late

    @property
    def open(self) -> int:
        return self.counts.open

    @property
    def open_overdue(self) -> int:
        return self.counts.open_overdue

    @property
    def routed(self) -> int:
        c = self.counts
        return c.escalated + c.transferred + c.not_accepted


def previous_conferences(conference: Conference, today: dt.date | None = None):
    """The agency's conferences held before this one (before today when it has no date)."""
    before = conference.held_on or _today(today)
    return (Conference.objects.filter(agency=conference.agency_id, held_on__lt=before)
            .exclude(pk=conference.pk).order_by("held_on", "pk"))


def counts_by_conference(petitions: QuerySet, today: dt.date) -> dict[int, oversight.Counts]:
    """`oversight.counts` per conference, in one GROUP BY query (the same conditions as the
    province's roll-up and the yearly report, so the figures always agree)."""
    rows = (oversight._annotated(petitions).order_by().values("conference_id")
            .annotate(**oversight._aggregates(today)))
    return {row.pop("conference_id"): oversight.Counts(**row) for row in rows}


def carry_over(conference: Conference, today: dt.date | None = None) -> list[CarryOver]:
    """What became of the petitions of each earlier conference of the agency."""
    today = _today(today)
    previous = list(previous_conferences(conference, today))
    counts = counts_by_conference(Petition.objects.filter(conference__in=previous), today)
    reports = {c.pk: CarryOver(c, counts.get(c.pk, oversight.Counts())) for c in previous}
    for p in (Petition.objects.filter(conference__in=previous, state__in=OPEN)
              .select_related("unit", "village", "field").order_by("due_date", "tracking_code")):
        p.is_overdue = p.due_date is not None and p.due_date < today
        reports[p.conference_id].open_rows.append(p)
    return list(reports.values())


def carry_over_open_count(conference: Conference, today: dt.date | None = None) -> int:
    previous = previous_conferences(conference, today)
    return Petition.objects.filter(conference__in=previous, state__in=OPEN).count()


# -- the chair's briefing (R19) -------------------------------------------------------------


@dataclass
class FieldGroup:
    name: str
    total: int = 0
    pressing: int = 0  # cấp thiết or khẩn: what sorts the fields
    only_pressing: int = 0  # cấp thiết
    urgent: int = 0  # khẩn
    issues: list[tuple[str, int]] = field(default_factory=list)
    pressing_rows: list[Petition] = field(default_factory=list)


@dataclass
class Briefing:
    planned_seats: int
    delegates: int
    petitions: int
    fields: list[FieldGroup]
    answers_by_unit: list[tuple[str, list[PreparedAnswer]]]
    carry_over_open: int
    villages: list


def briefing(conference: Conference, today: dt.date | None = None) -> Briefing:
    petitions = list(Petition.objects.filter(conference=conference)
                     .select_related("field", "issue", "village").order_by("tracking_code"))
    groups: dict[str, FieldGroup] = {}
    issue_counts: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for p in petitions:
        name = p.field.name if p.field else str(UNCLASSIFIED)
        group = groups.setdefault(name, FieldGroup(name))
        group.total += 1
        if p.urgency in PRESSING:
            group.pressing += 1
            if p.urgency == Urgency.URGENT:
                group.urgent += 1
            else:
                group.only_pressing += 1
            group.pressing_rows.append(p)
        if p.issue_id:
            issue_counts[name][p.issue.title] += 1
    for group in groups.values():
        group.pressing_rows.sort(key=lambda p: p.urgency != Urgency.URGENT)  # khẩn first
    for name, counts in issue_counts.items():
        groups[name].issues = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    fields = sorted(groups.values(), key=lambda g: (-g.pressing, -g.total, g.name))
    answers: dict[str, list[PreparedAnswer]] = defaultdict(list)
    for a in (conference.prepared_answers.select_related("unit", "petition")
              .order_by("unit__order", "unit__name", "petition__tracking_code")):
        answers[a.unit.name].append(a)
    return Briefing(
        planned_seats=services.planned_seats(conference),
        delegates=conference.delegates.count(),
        petitions=len(petitions), fields=fields,
        answers_by_unit=list(answers.items()),
        carry_over_open=carry_over_open_count(conference, today),
        villages=services.covered_villages(conference))
