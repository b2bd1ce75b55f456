"""The level above: a province's view of its communes' dialogues, the yearly figures for the
report to the Department of Home Affairs (R30), and the province's request to plan (R03).

Every figure is counted by the database (conditional aggregates, one query per grouping), so
a province of hundreds of communes and millions of petitions costs a handful of queries.

How a petition counts (each petition falls in exactly one of these):
- answered: its current answer is published (state published or answered at the conference,
  or closed after such an answer); at the conference always counts as on time; a written
  answer is on time when published on or before the due date (local day);
- escalated / transferred to the complaints or denunciations procedure;
- not accepted;
- open: someone still owes an answer; overdue when its due date has passed.

Beside these, what the citizens said from the tracking page: the ratings of the answers in
force (satisfied or not), and the petitions a citizen reopened ("Chưa được giải quyết") out of
those answered at least once.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Count, Exists, F, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import TruncDate
from django.utils import timezone
from django.utils.translation import gettext as _

from doithoai.core.petition_flow import OPEN_STATES
from doithoai.core.petition_flow import State as S
from doithoai.dialogues import rules
from doithoai.dialogues.models import Conference, Plan, PlanRequest
from doithoai.org import access
from doithoai.org.access import OFFICE_ROLES, scope_of
from doithoai.org.models import Agency
from doithoai.petitions.models import (
    Answer,
    AnswerRating,
    Escalation,
    Kind,
    Petition,
    ReopenRequest,
)

HELD_STATES = (Conference.State.HELD, Conference.State.CONCLUDED, Conference.State.CLOSED)


# -- who is above whom ------------------------------------------------------------------------


def overseen_provinces(user) -> QuerySet:
    """The province agencies whose roll-up the user may open: where he holds FOLLOW_COMMUNES
    (every province for a system administrator)."""
    scope = scope_of(user)
    provinces = Agency.objects.filter(level=Agency.Level.PROVINCE, is_active=True)
    if scope.is_admin:
        return provinces.order_by("name")
    ids = set().union(*(g.agency_ids
                        for g in access.grants_for(user, rules.FOLLOW_COMMUNES)))
    return provinces.filter(pk__in=ids).order_by("name")


def oversees(user, agency: Agency) -> bool:
    """Whether the user follows the province the agency belongs to."""
    return bool(overseen_provinces(user).filter(pk=agency.parent_id).exists())


def plan_years(province: Agency) -> list[int]:
    """The years the province's communes have plans for."""
    return list(Plan.objects.filter(agency__parent=province).values_list(
        "year", flat=True).distinct())


def communes_of(province: Agency) -> QuerySet:
    return Agency.objects.filter(parent=province, level=Agency.Level.COMMUNE,
                                 is_active=True).order_by("name")


# -- counting ---------------------------------------------------------------------------------


def year_conferences_q(year: int, prefix: str = "") -> Q:
    """Conferences that belong to a year: those of the year's plans, and those held that
    year without a plan."""
    return (Q(**{f"{prefix}plan__year": year})
            | Q(**{f"{prefix}plan__isnull": True, f"{prefix}held_on__year": year}))


def _annotated(petitions: QuerySet) -> QuerySet:

    current = Answer.objects.filter(petition=OuterRef("pk"), is_current=True,
                                    published_at__isnull=False)
    return petitions.annotate(
        answered_on=Subquery(current.annotate(day=TruncDate("published_at"))
                             .values("day")[:1]),
        at_conference=Exists(current.filter(at_conference=True)),
        was_escalated=Exists(Escalation.objects.filter(petition=OuterRef("pk"))),
        # the citizen's word from the tracking page: his rating of the answer in force, and
        # whether he ever said an answer did not settle it
        rated=Exists(AnswerRating.objects.filter(petition=OuterRef("pk"),
                                                 answer__is_current=True)),
        rated_satisfied=Exists(AnswerRating.objects.filter(
            petition=OuterRef("pk"), answer__is_current=True, satisfied=True)),
        was_reopened=Exists(ReopenRequest.objects.filter(petition=OuterRef("pk"))),
    )


def _conditions(today: dt.date) -> dict[str, Q]:
    answered = (Q(state__in=(S.PUBLISHED, S.ANSWERED_AT_CONFERENCE))
                | Q(state=S.CLOSED, answered_on__isnull=False))
    closed_unanswered = Q(state=S.CLOSED, answered_on__isnull=True)
    written = answered & Q(at_conference=False)
    return {
        "received": Q(),
        "answered": answered,
        "answered_at_conference": answered & Q(at_conference=True),
        "answered_in_writing": written,
        "answered_on_time": answered & (Q(at_conference=True) | Q(due_date__isnull=True)
                                        | Q(answered_on__lte=F("due_date"))),
        "answered_late": written & Q(answered_on__gt=F("due_date")),
        "escalated": Q(state=S.ESCALATED) | (closed_unanswered & Q(was_escalated=True)),
        "transferred": Q(state=S.TRANSFERRED) | (closed_unanswered & Q(was_escalated=False,
                                                                        due_date__isnull=True)),
        "not_accepted": Q(state=S.NOT_ACCEPTED) | (closed_unanswered & Q(
            was_escalated=False, due_date__isnull=False)),
        "open": Q(state__in=OPEN_STATES),
        "open_overdue": Q(state__in=OPEN_STATES, due_date__lt=today),
        "ratings": Q(rated=True),
        "ratings_satisfied": Q(rated_satisfied=True),
        # answered once at least: answered now, or reopened by the citizen since
        "ever_answered": answered | Q(was_reopened=True),
        "reopened_by_citizen": Q(was_reopened=True),
    }


def _aggregates(today: dt.date) -> dict:
    return {name: Count("pk", filter=cond) if cond else Count("pk")
            for name, cond in _conditions(today).items()}


@dataclass
class Counts:
    received: int = 0
    answered: int = 0
    answered_at_conference: int = 0
    answered_in_writing: int = 0
    answered_on_time: int = 0
    answered_late: int = 0
    escalated: int = 0
    transferred: int = 0
    not_accepted: int = 0
    open: int = 0
    open_overdue: int = 0
    ratings: int = 0
    ratings_satisfied: int = 0
    ever_answered: int = 0
    reopened_by_citizen: int = 0

    @property
    def open_not_overdue(self) -> int:
        return self.open - self.open_overdue

    @property
    def answered_in_writing_on_time(self) -> int:
        return self.answered_in_writing - self.answered_late

    @property
    def deadline_tested(self) -> int:
        """Petitions whose deadline has been put to the test: answered, or overdue."""
        return self.answered + self.open_overdue

    @property
    def on_time_percent(self) -> int | None:
        """Answered on time out of those answered or already overdue (None when none)."""
        if not self.deadline_tested:
            return None
        return round(100 * self.answered_on_time / self.deadline_tested)

    @property
    def satisfied_percent(self) -> int | None:
        """Satisfied out of the answers in force the citizens rated (None when none)."""
        return round(100 * self.ratings_satisfied / self.ratings) if self.ratings else None

    @property
    def reopen_percent(self) -> int | None:
        """Reopened by the citizen ("Chưa được giải quyết") out of those ever answered."""
        if not self.ever_answered:
            return None
        return round(100 * self.reopened_by_citizen / self.ever_answered)

    def add(self, other: Counts) -> None:
        for name in self.__dataclass_fields__:
            setattr(self, name, getattr(self, name) + getattr(other, name))


def counts(petitions: QuerySet, today: dt.date | None = None) -> Counts:
    """The figures of a set of petitions, in one query."""
    today = today or timezone.localdate()
    return Counts(**_annotated(petitions).aggregate(**_aggregates(today)))


def counts_by_agency(petitions: QuerySet, today: dt.date | None = None) -> dict[int, Counts]:
    """The figures per agency, in one query."""
    today = today or timezone.localdate()
    rows = (_annotated(petitions).order_by().values("agency_id")
            .annotate(**_aggregates(today)))
    return {row.pop("agency_id"): Counts(**row) for row in rows}


@dataclass
class Line:
    label: str
    count: int


@dataclass
class PetitionFigures:
    counts: Counts
    by_kind: list[Line]
    by_field: list[Line]


def _figures(petitions: QuerySet, today: dt.date) -> PetitionFigures:

    kinds = dict(Kind.choices)
    by_kind = [Line(str(kinds.get(row["kind"], row["kind"])), row["n"])
               for row in petitions.order_by().values("kind").annotate(n=Count("pk"))
               .order_by("-n", "kind")]
    by_field = [Line(row["field__name"] or _("Chưa phân loại lĩnh vực"), row["n"])
                for row in petitions.order_by().values("field__name", "field__order")
                .annotate(n=Count("pk")).order_by("field__order", "field__name")]
    return PetitionFigures(counts=counts(petitions, today), by_kind=by_kind, by_field=by_field)


def _main_plan(plans: list[Plan]) -> Plan | None:
    """The year's main plan: the periodic one if any, else the first."""
    periodic = [p for p in plans if p.kind == Plan.Kind.PERIODIC]
    return (periodic or plans or [None])[0]


@dataclass
class ConferenceLine:
    conference: Conference
    received: int


@dataclass
class YearlyFigures:
    """What the yearly report (R30) needs for one agency and year."""

    agency: Agency
    year: int
    today: dt.date
    plans: list[Plan]
    conferences: list[ConferenceLine]
    of_conferences: PetitionFigures
    of_year: PetitionFigures
    plan_requests: list[PlanRequest] = field(default_factory=list)

    @property
    def plan(self) -> Plan | None:
        return _main_plan(self.plans)

    @property
    def held(self) -> list[ConferenceLine]:
        return [c for c in self.conferences if c.conference.state in HELD_STATES]

    @property
    def attendance(self) -> int:
        return sum(c.conference.attendance or 0 for c in self.held)

    def table(self) -> list[tuple[str, int, int]]:
        """The report's lines: (label, of the year's conferences, of all the year's)."""
        a, b = self.of_conferences.counts, self.of_year.counts
        lines = [
            (_("Tổng số ý kiến, kiến nghị"), "received"),
            (_("Đã trả lời trực tiếp tại hội nghị"), "answered_at_conference"),
            (_("Đã trả lời bằng văn bản đúng hạn"), "answered_in_writing_on_time"),
            (_("Đã trả lời bằng văn bản quá hạn"), "answered_late"),
            (_("Đã chuyển cơ quan cấp trên"), "escalated"),
            (_("Chuyển giải quyết theo thủ tục khiếu nại, tố cáo"), "transferred"),
            (_("Không tiếp nhận"), "not_accepted"),
            (_("Đang giải quyết, chưa đến hạn"), "open_not_overdue"),
            (_("Đang giải quyết, đã quá hạn"), "open_overdue"),
        ]
        return [(label, getattr(a, name), getattr(b, name)) for label, name in lines]

    def breakdown(self, attr: str) -> list[tuple[str, int, int]]:
        """By kind or by field: (label, of the conferences, of the year)."""
        a = {line.label: line.count for line in getattr(self.of_conferences, attr)}
        b = {line.label: line.count for line in getattr(self.of_year, attr)}
        labels = [line.label for line in getattr(self.of_year, attr)]
        labels += [label for label in a if label not in b]
        return [(label, a.get(label, 0), b.get(label, 0)) for label in labels]

    @property
    def by_kind(self) -> list[tuple[str, int, int]]:
        return self.breakdown("by_kind")

    @property
    def by_field(self) -> list[tuple[str, int, int]]:
        return self.breakdown("by_field")


def yearly_figures(agency: Agency, year: int, today: dt.date | None = None) -> YearlyFigures:
    """The year's plan, conferences and petitions of one agency (a few aggregate queries)."""

    today = today or timezone.localdate()
    plans = list(Plan.objects.filter(agency=agency, year=year).order_by("created_at", "pk"))
    conferences = list(
        Conference.objects.filter(year_conferences_q(year), agency=agency)
        .select_related("live_session")  # its state as said: "Đang họp" while in session
        .annotate(n=Count("petitions")).order_by("held_on", "pk"))
    of_conferences = Petition.objects.filter(year_conferences_q(year, "conference__"),
                                             agency=agency)
    of_year = Petition.objects.filter(agency=agency, received_on__year=year)
    return YearlyFigures(
        agency=agency, year=year, today=today, plans=plans,
        conferences=[ConferenceLine(c, c.n) for c in conferences],
        of_conferences=_figures(of_conferences, today), of_year=_figures(of_year, today),
        plan_requests=list(PlanRequest.objects.filter(agency=agency, year=year)
                           .order_by("requested_at")))


# -- the province's roll-up -------------------------------------------------------------------


@dataclass
class RollupRow:
    agency: Agency
    plans: list[Plan]
    held_on: list[dt.date]
    upcoming: list[dt.date | None]
    counts: Counts
    requested_on: dt.date | None = None
    meeting: list[dt.date] = field(default_factory=list)  # in session in the hall now

    @property
    def plan(self) -> Plan | None:
        return _main_plan(self.plans)

    @property
    def has_plan(self) -> bool:
        return bool(self.plans)


@dataclass
class Rollup:
    province: Agency
    year: int
    today: dt.date
    rows: list[RollupRow]
    totals: Counts

    @property
    def without_plan(self) -> int:
        return sum(1 for r in self.rows if not r.has_plan)

    @property
    def with_plan(self) -> int:
        return len(self.rows) - self.without_plan

    @property
    def held_conferences(self) -> int:
        return sum(len(r.held_on) for r in self.rows)


def rollup(province: Agency, year: int, today: dt.date | None = None) -> Rollup:
    """Per commune of the province: plans, conferences, petitions; five queries in all."""

    today = today or timezone.localdate()
    communes = list(communes_of(province))
    ids = [c.pk for c in communes]
    plans: dict[int, list[Plan]] = {}
    for plan in Plan.objects.filter(agency_id__in=ids, year=year).order_by("created_at", "pk"):
        plans.setdefault(plan.agency_id, []).append(plan)
    held: dict[int, list] = {}
    upcoming: dict[int, list] = {}
    meeting: dict[int, list] = {}
    for agency_id, state, held_on, session in (
            Conference.objects.filter(year_conferences_q(year), agency_id__in=ids)
            .order_by("held_on", "pk")
            .values_list("agency_id", "state", "held_on", "live_session__state")):
        # in session: still "planned" until its minutes are adopted, but not "ahead"
        group = held if state in HELD_STATES else meeting if session == "open" else upcoming
        group.setdefault(agency_id, []).append(held_on)
    by_agency = counts_by_agency(
        Petition.objects.filter(year_conferences_q(year, "conference__"), agency_id__in=ids),
        today)
    requested = {}
    for agency_id, at in (PlanRequest.objects.filter(agency_id__in=ids, year=year)
                          .order_by("requested_at").values_list("agency_id", "requested_at")):
        requested[agency_id] = timezone.localtime(at).date()
    rows, totals = [], Counts()
    for commune in communes:
        c = by_agency.get(commune.pk, Counts())
        totals.add(c)
        rows.append(RollupRow(agency=commune, plans=plans.get(commune.pk, []),
                              held_on=held.get(commune.pk, []),
                              upcoming=upcoming.get(commune.pk, []), counts=c,
                              requested_on=requested.get(commune.pk),
                              meeting=meeting.get(commune.pk, [])))
    return Rollup(province=province, year=year, today=today, rows=rows, totals=totals)


# -- asking communes to plan (R03) ------------------------------------------------------------


def default_request_message(province: Agency, year: int) -> str:
    """The request's prefilled text: plain Vietnamese, stored and sent as it is."""
    return (f"{province.name} đề nghị Ủy ban nhân dân xã xây dựng, ban hành kế hoạch tổ chức "
            f"hội nghị trao đổi, đối thoại giữa chính quyền địa phương với Nhân dân năm {year} "
            f"theo Điều 43 Luật Tổ chức chính quyền địa phương năm 2025, và cập nhật kế hoạch "
            f"lên hệ thống để theo dõi chung.")










def open_plan_requests(user) -> list[PlanRequest]:
    """Requests to plan addressed to the user's commune office that no plan answers yet
    (for the home page's card)."""
    scope = scope_of(user)
    ids = set().union(*(g.agency_ids for g in scope.grants if g.role in OFFICE_ROLES))
    if not ids:
        return []
    answered = Plan.objects.filter(agency=OuterRef("agency"), year=OuterRef("year"))
    return list(PlanRequest.objects.filter(agency_id__in=ids).exclude(Exists(answered))
                .select_related("agency__parent", "requested_by")
                .order_by("year", "-requested_at"))
