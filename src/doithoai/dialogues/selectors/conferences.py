"""Reads for the conference pages: the conference a user may see, progress per unit, the
milestones, the carry-over report (R31) and the chair's briefing (R19).

Everything else here starts from a conference the caller already fetched through the
permission layer (`visible_conference`); petitions are counted with one GROUP BY per table,
never one query per row.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, F, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from doithoai.core.petition_flow import OPEN_STATES, SETTLED_STATES
from doithoai.dialogues.models import Conference, Invitation, ParticipantGroup, PreparedAnswer
from doithoai.dialogues.selectors import oversight
from doithoai.org.access import get_visible_object_or_404, visible
from doithoai.org.models import Village
from doithoai.petitions.models import Petition, Urgency

OPEN = sorted(OPEN_STATES)
PRESSING = (Urgency.PRESSING, Urgency.URGENT)
UNCLASSIFIED = _("Chưa phân loại lĩnh vực")


def visible_conference(user, pk) -> Conference:
    """The conference of a page, with the agency, plan and officials it shows (404 outside the
    user's scope)."""
    qs = Conference.objects.select_related("agency", "plan", "chair", "co_chair", "secretary")
    return get_visible_object_or_404(user, qs, pk)


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
    rows = (oversight._annotated(petitions).order_by()
            .values(conference_id=F("conference_link__conference_id"))
            .annotate(**oversight._aggregates(today)))
    return {row.pop("conference_id"): oversight.Counts(**row) for row in rows}


def carry_over(conference: Conference, today: dt.date | None = None) -> list[CarryOver]:
    """What became of the petitions of each earlier conference of the agency."""
    today = _today(today)
    previous = list(previous_conferences(conference, today))
    counts = counts_by_conference(Petition.objects.filter(conference__in=previous), today)
    reports = {c.pk: CarryOver(c, counts.get(c.pk, oversight.Counts())) for c in previous}
    for p in (Petition.objects.filter(conference__in=previous, state__in=OPEN)
              .annotate(conference_id=F("conference_link__conference_id"))
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


def briefing(conference: Conference, user, today: dt.date | None = None) -> Briefing:
    """The chair's briefing, of what the reader may see: a village head or a unit officer who
    opens it reads only his own village's or unit's petitions (a denouncer's words and
    village never reach another's screen)."""
    petitions = list(visible(Petition.objects.filter(conference=conference), user)
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
    for a in (conference.prepared_answers.filter(petition__in=[p.pk for p in petitions])
              .select_related("unit", "petition")
              .order_by("unit__order", "unit__name", "petition__tracking_code")):
        answers[a.unit.name].append(a)
    return Briefing(
        planned_seats=planned_seats(conference),
        delegates=conference.delegates.count(),
        petitions=len(petitions), fields=fields,
        answers_by_unit=list(answers.items()),
        carry_over_open=carry_over_open_count(conference, today),
        villages=covered_villages(conference))


def planned_seats(conference: Conference) -> int:
    """How many people the composition invites: commune seats, village seats per covered
    village, citizen representatives per village (a village's own quota where set)."""
    if not conference.plan_id:
        return conference.delegates.count()
    villages = covered_villages(conference)
    quotas = dict(conference.village_returns.exclude(citizen_seats=None)
                  .values_list("village_id", "citizen_seats"))
    total = 0
    for group in conference.plan.groups.all():
        if group.side == ParticipantGroup.Side.COMMUNE or group.side == \
                ParticipantGroup.Side.EXTRA:
            total += group.seats
        elif group.side == ParticipantGroup.Side.VILLAGE:
            total += group.seats * len(villages)
        else:
            total += sum(quotas.get(v.pk, group.seats) for v in villages)
    return total


def check_hall(conference: Conference) -> str | None:
    """A refusal message when the invited people do not fit the hall."""
    if not conference.hall_capacity:
        return None
    seats = planned_seats(conference)
    if seats > conference.hall_capacity:
        return (_("Thành phần mời %(seats)s người nhưng hội trường chỉ có %(cap)s chỗ: hãy "
                  "giảm số đại biểu mỗi thôn, tổ chức theo cụm thôn hoặc chọn hội trường lớn "
                  "hơn.") % {"seats": seats, "cap": conference.hall_capacity})
    return None


def covered_villages(conference: Conference) -> list[Village]:
    chosen = list(conference.villages.all())
    if chosen:
        return chosen
    return list(Village.objects.filter(agency=conference.agency_id, is_active=True))


def checked_in_count(conference: Conference) -> int:
    """People checked in at the door. Check-ins before the conference day (a rehearsal of the
    door, say) are not attendance."""
    checked = Invitation.objects.filter(delegate__conference=conference).exclude(
        checked_in_at=None)
    if conference.held_on is not None:
        start = timezone.make_aware(dt.datetime.combine(conference.held_on, dt.time.min))
        checked = checked.filter(checked_in_at__gte=start)
    return checked.count()


def unsettled(conference: Conference):
    """The conference's petitions still waiting for an answer."""
    return Petition.objects.filter(conference=conference).exclude(state__in=SETTLED_STATES)
