"""Before the conference: the villages' opinions on a board and the Front's summary report
of them (docs/process.md, R14, R16).

Opinions collected before a conference are the petitions attached to it. Reads that a page
shows go through the permission layer (`visible`); the data the documents issue
(`front_report_data`) is plain dataclasses.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from dataclasses import dataclass

from django.db.models import Count, Min, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from doithoai.dialogues.models import Conference, Milestone, VillageReturn
from doithoai.org.access import visible
from doithoai.org.models import Unit, Village
from doithoai.petitions.models import Channel, Field, Kind, Petition, Urgency

URGENCY_RANK = {Urgency.URGENT: 0, Urgency.PRESSING: 1, Urgency.NORMAL: 2}

# Statuses of a village's opinions.
SENT, SENT_LATE, MISSING, OVERDUE = "sent", "late", "missing", "overdue"


def opinions_due(conference: Conference) -> dt.date | None:
    """The day the villages' opinions are due (the VILLAGE_OPINIONS milestone)."""
    return (conference.milestones.filter(kind=Milestone.Kind.VILLAGE_OPINIONS)
            .values_list("due_on", flat=True).first())


def village_return(user, conference: Conference, village: Village) -> VillageReturn | None:
    """The village's return for the conference (who sent its opinions, when), if the user
    sees it."""
    return visible(VillageReturn, user).filter(
        conference=conference, village=village).select_related("opinions_sent_by").first()


def opinions_before(conference: Conference) -> QuerySet:
    """The conference's opinions sent before it: not those spoken at the conference, nor
    those of registrants not heard (petitions made when the session ended)."""
    return Petition.objects.filter(conference=conference).exclude(
        channel__in=(Channel.CONFERENCE, Channel.REGISTERED))


def opinions_status(village_return: VillageReturn, due_on: dt.date | None,
                    today: dt.date | None = None, *, first_in: dt.date | None = None) -> str:
    """sent / late / missing / overdue (not sent, due day past) — the one rule of whether a
    village has sent its opinions, for the board, the reports and the milestone.

    A village has sent once its opinions are in (`first_in`: the day the first of them was
    received, a sheet imported or opinions typed for it), whether or not anyone said so; or
    once someone said so (a village with nothing to send). It sent late when neither came by
    the due day. Whether a said-so village sent late is what was recorded when it was said
    (`opinions_late`), never judged again against a due day that moved later; one whose
    opinions came in unsaid is judged against the due day in force, as milestones are."""
    on_time = first_in is not None and (due_on is None or first_in <= due_on)
    if village_return.opinions_sent_at is not None:
        return SENT_LATE if village_return.opinions_late and not on_time else SENT
    if first_in is not None:
        return SENT if on_time else SENT_LATE
    today = today or timezone.localdate()
    return OVERDUE if due_on is not None and today > due_on else MISSING


@dataclass(frozen=True)
class Sending:
    """Where a covered village stands with its opinions."""

    village_return: VillageReturn
    opinions: int  # sent before the conference (all of them, whoever may see them)
    first_in: dt.date | None
    status: str

    @property
    def village(self) -> Village:
        return self.village_return.village

    @property
    def sent(self) -> bool:
        return self.status in (SENT, SENT_LATE)

    @property
    def late(self) -> bool:
        """Sent after the due day, or not sent and the due day past."""
        return self.status in (SENT_LATE, OVERDUE)

    @property
    def marked(self) -> bool:
        """Someone said the village's opinions are in (the "sent" button)."""
        return self.village_return.opinions_sent_at is not None


def village_sending(conference: Conference, today: dt.date | None = None,
                    returns: list[VillageReturn] | None = None) -> list[Sending]:
    """Every covered village (or those of `returns`, the ones a page may see) with its
    opinions counted and whether it has sent, by `opinions_status`."""
    if returns is None:
        returns = list(VillageReturn.objects.filter(conference=conference)
                       .select_related("village", "opinions_sent_by"))
    counts = {row["village_id"]: row for row in opinions_before(conference).order_by()
              .values("village_id").annotate(n=Count("pk"), first=Min("received_on"))}
    due_on = opinions_due(conference)
    result = []
    for r in sorted(returns, key=lambda r: (r.village.order, r.village.name)):
        row = counts.get(r.village_id, {"n": 0, "first": None})
        result.append(Sending(village_return=r, opinions=row["n"], first_in=row["first"],
                              status=opinions_status(r, due_on, today, first_in=row["first"])))
    return result


# --- the opinion board -----------------------------------------------------------------------

@dataclass(frozen=True)
class Column:
    field_id: int | None  # None: not yet classified
    label: str


@dataclass
class BoardRow:
    village: Village | None  # None: petitions without a village
    label: str
    cells: list[int]
    total: int
    pressing: int  # pressing or urgent
    village_return: VillageReturn | None  # None: the village is not covered
    status: str = ""  # one of SENT, SENT_LATE, MISSING, OVERDUE; "" when not covered
    sending: Sending | None = None  # None: the village is not covered

    @property
    def covered(self) -> bool:
        return self.village_return is not None


@dataclass
class Board:
    conference: Conference
    due_on: dt.date | None
    columns: list[Column]
    rows: list[BoardRow]
    column_totals: list[int]
    total: int
    pressing: int
    by_kind: list[tuple[str, int]]
    by_urgency: list[tuple[str, int]]

    @property
    def covered_rows(self) -> list[BoardRow]:
        return [r for r in self.rows if r.covered]

    @property
    def sent(self) -> list[BoardRow]:
        return [r for r in self.covered_rows if r.status in (SENT, SENT_LATE)]

    @property
    def missing(self) -> list[BoardRow]:
        return [r for r in self.covered_rows if r.status in (MISSING, OVERDUE)]


def conference_petitions(user, conference: Conference) -> QuerySet:
    """The conference's petitions the user may see."""
    return visible(Petition, user).filter(conference=conference)


def opinion_board(user, conference: Conference, today: dt.date | None = None) -> Board:
    """Opinions counted per village × field, by kind and urgency, and which villages have
    sent theirs — all within what the user may see (a village head: his village)."""
    petitions = conference_petitions(user, conference).order_by()
    cells = Counter()
    for row in petitions.values("village_id", "field_id").annotate(n=Count("pk")):
        cells[(row["village_id"], row["field_id"])] = row["n"]
    pressing = dict(petitions.exclude(urgency=Urgency.NORMAL).values_list("village_id")
                    .annotate(n=Count("pk")))
    field_ids = {f for _v, f in cells}
    fields = list(Field.objects.filter(pk__in=field_ids - {None}).order_by("order", "name"))
    columns = [Column(f.pk, f.name) for f in fields]
    if None in field_ids:
        columns.append(Column(None, _("Chưa phân loại")))

    due_on = opinions_due(conference)
    returns = list(visible(VillageReturn, user).filter(conference=conference)
                   .select_related("village", "opinions_sent_by"))
    village_ids = {v for v, _f in cells}
    returned = {r.village_id: r for r in returns}
    sendings = {s.village_return.village_id: s for s in village_sending(conference, today,
                                                                        returns)}
    others = list(Village.objects.filter(pk__in=village_ids - set(returned) - {None}))
    villages = sorted([r.village for r in returns] + others, key=lambda v: (v.order, v.name))
    rows = []
    for village in [*villages, None]:
        if village is None and None not in village_ids:
            continue
        key = village.pk if village else None
        counts = [cells[(key, c.field_id)] for c in columns]
        sending = sendings.get(key)
        rows.append(BoardRow(
            village=village, label=village.name if village else _("Không rõ thôn"),
            cells=counts, total=sum(counts), pressing=pressing.get(key, 0),
            village_return=returned.get(key), sending=sending,
            status=sending.status if sending else ""))
    column_totals = [sum(r.cells[i] for r in rows) for i in range(len(columns))]
    kinds = dict(petitions.values_list("kind").annotate(n=Count("pk")))
    urgencies = dict(petitions.values_list("urgency").annotate(n=Count("pk")))
    return Board(
        conference=conference, due_on=due_on, columns=columns, rows=rows,
        column_totals=column_totals, total=sum(column_totals),
        pressing=sum(pressing.values()),
        by_kind=[(label, kinds.get(value, 0)) for value, label in Kind.choices],
        by_urgency=[(label, urgencies.get(value, 0)) for value, label in Urgency.choices])


def village_petitions(user, conference: Conference, village: Village) -> QuerySet:
    return (conference_petitions(user, conference).filter(village=village)
            .select_related("field", "unit", "issue").order_by("received_on", "pk"))


def opinions_open(conference: Conference, village_return: VillageReturn | None) -> bool:
    """Whether a village can still say its opinions are sent — all of them, or that it has
    none (who may: rules.SEND_OPINIONS; the action decides in the end). A village whose
    opinions are in has sent already (`opinions_status`); saying so records who closed it."""
    return (village_return is not None and village_return.opinions_sent_at is None
            and conference.state == Conference.State.PLANNED)


# --- the Front's summary report (R14, R16) -------------------------------------------------

@dataclass(frozen=True)
class ReportItem:
    """One opinion, or one grouped issue counted once."""

    text: str  # the opinion's text, or the issue's title
    kind: str
    urgency: str
    urgency_code: str
    petitions: int
    petitioners: int
    issue_title: str = ""  # set for a grouped issue
    texts: tuple[str, ...] = ()  # a grouped issue's opinions, each once
    tracking_codes: tuple[str, ...] = ()
    villages: tuple[str, ...] = ()

    @property
    def is_issue(self) -> bool:
        return bool(self.issue_title)


@dataclass(frozen=True)
class VillageGroup:
    name: str
    items: tuple[ReportItem, ...]

    @property
    def petitions(self) -> int:
        return sum(i.petitions for i in self.items)


@dataclass(frozen=True)
class FieldGroup:
    name: str
    villages: tuple[VillageGroup, ...]

    @property
    def items(self) -> int:
        return sum(len(v.items) for v in self.villages)

    @property
    def petitions(self) -> int:
        return sum(v.petitions for v in self.villages)

    @property
    def petitioners(self) -> int:
        return sum(i.petitioners for v in self.villages for i in v.items)


@dataclass(frozen=True)
class FrontReport:
    agency_name: str
    front_name: str  # the Front committee that signs the report
    conference_title: str
    held_on: dt.date | None
    venue: str
    made_on: dt.date
    fields: tuple[FieldGroup, ...]
    total_items: int  # opinions, a grouped issue counted once
    total_petitions: int
    total_petitioners: int
    issues: int
    by_kind: tuple[tuple[str, int], ...]
    by_urgency: tuple[tuple[str, int], ...]
    by_village: tuple[tuple[str, int], ...]
    villages_sent: tuple[str, ...] = ()
    villages_missing: tuple[str, ...] = ()
    villages_late: tuple[str, ...] = ()  # sent after the due day


NO_FIELD, NO_VILLAGE, MANY_VILLAGES = "Chưa phân loại", "Không rõ thôn", "Nhiều thôn"


def issue_groups(petitions: list[Petition]) -> list[list[Petition]]:
    """Petitions of one issue together (in the order of their first one), others alone."""
    groups: dict[object, list[Petition]] = {}
    for p in petitions:
        groups.setdefault(("issue", p.issue_id) if p.issue_id else ("one", p.pk), []).append(p)
    return list(groups.values())


def people_of(petition: Petition) -> int:
    """A petition with no petitioner recorded still stands for one person."""
    return max(1, petition.petitioner_count)


def _front_name(conference: Conference) -> str:
    agency = conference.agency
    unit = (Unit.objects.filter(agency=agency, kind=Unit.Kind.FRONT, is_active=True)
            .order_by("order", "name").first())
    name = unit.name if unit else "Ủy ban Mặt trận Tổ quốc Việt Nam"
    place = getattr(agency, "place_name", "")
    return f"{name} {place}" if place and place not in name else name


def front_report_data(conference: Conference, petitions: QuerySet | None = None,
                      today: dt.date | None = None) -> FrontReport:
    """The Fatherland Front's summary of the opinions sent before the conference: by field,
    then by village; a grouped issue once, with how many people raised it. `petitions`
    narrows it (a page passes what its user may see); by default all of the conference's.
    Texts are plain Vietnamese (stored data, whatever the page language)."""
    qs = petitions if petitions is not None else Petition.objects.all()
    rows = list(qs.filter(conference=conference).select_related("field", "village", "issue")
                .annotate(petitioner_count=Count("petitioners")).order_by("received_on", "pk"))
    by_field: dict[tuple, dict[tuple, list[ReportItem]]] = defaultdict(lambda: defaultdict(list))
    kinds, urgencies, villages = Counter(), Counter(), Counter()
    village_order: dict[str, tuple] = {}
    labels_kind, labels_urgency = dict(Kind.choices), dict(Urgency.choices)
    issues = 0
    for group in issue_groups(rows):
        first = group[0]
        worst = min(group, key=lambda p: URGENCY_RANK.get(p.urgency, 9)).urgency
        names = []
        for p in group:
            name = p.village.name if p.village else NO_VILLAGE
            if name not in names:
                names.append(name)
            if p.village:
                village_order[name] = (0, p.village.order, name)
        texts = []
        for p in group:
            if p.text not in texts:
                texts.append(p.text)
        item = ReportItem(
            text=first.issue.title if first.issue_id else first.text,
            kind=str(labels_kind.get(first.kind, first.kind)),
            urgency=str(labels_urgency.get(worst, worst)), urgency_code=worst,
            petitions=len(group), petitioners=sum(people_of(p) for p in group),
            issue_title=first.issue.title if first.issue_id else "",
            texts=tuple(texts) if first.issue_id else (),
            tracking_codes=tuple(p.tracking_code for p in group), villages=tuple(names))
        issues += 1 if first.issue_id else 0
        f_key = ((0, first.field.order, first.field.name) if first.field else (1, 0, NO_FIELD))
        v_name = names[0] if len(names) == 1 else MANY_VILLAGES
        v_key = village_order.get(v_name) or ((2, 0, v_name) if v_name == MANY_VILLAGES
                                              else (1, 0, v_name))
        by_field[f_key][v_key].append(item)
        kinds[item.kind] += 1
        urgencies[worst] += 1
        for p in group:
            villages[p.village.name if p.village else NO_VILLAGE] += 1
    fields = []
    for f_key in sorted(by_field):
        groups = []
        for v_key in sorted(by_field[f_key]):
            items = sorted(by_field[f_key][v_key],
                           key=lambda i: URGENCY_RANK.get(i.urgency_code, 9))
            groups.append(VillageGroup(name=v_key[2], items=tuple(items)))
        fields.append(FieldGroup(name=f_key[2], villages=tuple(groups)))
    sending = village_sending(conference, today)
    return FrontReport(
        agency_name=conference.agency.name, front_name=_front_name(conference),
        conference_title=conference.title,
        held_on=conference.held_on, venue=conference.venue,
        made_on=today or timezone.localdate(), fields=tuple(fields),
        total_items=sum(f.items for f in fields), total_petitions=len(rows),
        total_petitioners=sum(f.petitioners for f in fields), issues=issues,
        by_kind=tuple((str(label), kinds.get(str(label), 0)) for _v, label in Kind.choices),
        by_urgency=tuple((str(label), urgencies.get(value, 0))
                         for value, label in Urgency.choices),
        by_village=tuple(sorted(villages.items(),
                                key=lambda kv: village_order.get(kv[0], (1, 0, kv[0])))),
        villages_sent=tuple(s.village.name for s in sending if s.sent),
        villages_missing=tuple(s.village.name for s in sending if not s.sent),
        villages_late=tuple(s.village.name for s in sending if s.status == SENT_LATE))
