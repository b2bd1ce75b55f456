"""The staff's lists of petitions, always read through the permission layer: the office's
queue (filtered, searched) and a unit's open work.

Lists keep to orderings that an index serves ((agency, state, due_date) for open work,
(agency, -received_on) otherwise) and page with a keyset cursor, so that the hundredth page of
a province-sized table costs what the first one does. Related rows come with the list
(select_related / prefetch), never one query per row.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Count, F, Q, QuerySet

from doithoai.core.kind_hints import DENUNCIATION, suggested_kind
from doithoai.core.petition_flow import OPEN_STATES, PROCEDURE_KINDS, State
from doithoai.core.text import fold
from doithoai.core.tracking import normalise
from doithoai.org import access
from doithoai.org.access import visible
from doithoai.org.models import Agency, Unit, Village
from doithoai.petitions import occasions, rules
from doithoai.petitions.models import Field, Petition, ReopenRequest
from doithoai.petitions.selectors.deadlines import Today, flag_rows

PAGE_SIZE = 50
MAX_SEARCH_WORDS = 8
# Due filter values (kept in the URL).
DUE_OVERDUE, DUE_SOON_FILTER, DUE_OPEN = "overdue", "soon", "open"
OPEN = sorted(OPEN_STATES)


@dataclass
class QueueFilters:
    agency: Agency | None = None
    field: Field | None = None
    village: Village | None = None
    unit: Unit | None = None
    state: str = ""
    due: str = ""
    channel: str = ""
    kind: str = ""
    conference: object | None = None  # see `occasions`
    received_from: dt.date | None = None
    received_to: dt.date | None = None
    q: str = ""

    @property
    def open_only(self) -> bool:
        return bool(self.due) or self.state in OPEN_STATES


def search_q(query: str) -> Q | None:
    """Every word of the query in the folded text (with or without diacritics), or the
    tracking code exactly when the query reads as one."""
    words = fold(query).split()[:MAX_SEARCH_WORDS]
    if not words:
        return None
    text = Q()
    for word in words:
        text &= Q(search_text__contains=word)
    code = normalise(query)
    return text | Q(tracking_code=code) if code else text


def _filtered(qs: QuerySet, f: QueueFilters, today: Today, *, with_state: bool = True
              ) -> QuerySet:
    simple = {"agency": f.agency, "field": f.field, "village": f.village, "unit": f.unit,
              "channel": f.channel, "kind": f.kind,
              "received_on__gte": f.received_from, "received_on__lte": f.received_to}
    qs = qs.filter(**{k: v for k, v in simple.items() if v not in (None, "")})
    if f.conference is not None:
        qs = occasions.registered().only_of(qs, f.conference)
    if with_state and f.state:
        qs = qs.filter(state=f.state)
    if f.due:
        qs = qs.filter(state__in=OPEN)
        qs = _counting(qs, f.due, today)
    if f.q and (text := search_q(f.q)) is not None:
        qs = qs.filter(text)
    return qs


def _counting(qs: QuerySet, due: str, today: Today) -> QuerySet:
    """Overdue or due soon: open petitions whose opinion's due date runs (never a complaint
    or a denunciation, whatever date it kept)."""
    if due not in (DUE_OVERDUE, DUE_SOON_FILTER):
        return qs
    qs = qs.exclude(kind__in=PROCEDURE_KINDS)
    if due == DUE_OVERDUE:
        return qs.filter(due_date__lt=today.today)
    return qs.filter(due_date__gte=today.today, due_date__lte=today.soon_limit)


def late_or_soon(qs: QuerySet, today: Today) -> QuerySet:
    """What the "Quá hạn" and "Sắp đến hạn" filters count together (the follow-up page's
    whole table): open, on the answer track, due by the due-soon limit."""
    return (qs.filter(state__in=OPEN, due_date__lte=today.soon_limit)
            .exclude(kind__in=PROCEDURE_KINDS))


def asked_again_rows(rows) -> None:
    """Attach `.asked_again` to each row: its sender said, from the tracking page, that the
    answer in force did not settle it, and no new answer has been drafted since (one query
    for the page's rows)."""
    asked = set(ReopenRequest.objects.filter(
        petition__in=[row.pk for row in rows], answer__is_current=True)
        .values_list("petition_id", flat=True)) if rows else set()
    for row in rows:
        row.asked_again = row.pk in asked


def hint_rows(rows):
    """Attach `.kind_hint` to each petition: the kind its words suggest (a complaint or a
    denunciation, `core.kind_hints`) when the recorded kind says otherwise, else None — for
    someone to look at, nothing decided."""
    for row in rows:
        suggested = suggested_kind(row.text)
        # Never a hint away from a denunciation: its confidentiality must win.
        row.kind_hint = (suggested if suggested and suggested != row.kind
                         and row.kind != DENUNCIATION else None)
    return rows


@dataclass
class Page:
    rows: list
    next_cursor: str | None = None
    prev_cursor: str | None = None
    counts: dict[str, int] = field(default_factory=dict)
    total: int = 0


class Keyset:
    """(due_date asc nulls last, pk asc) for open work; (received_on desc, pk desc) else."""

    def __init__(self, by_due: bool):
        self.by_due = by_due

    def ordering(self, reverse: bool = False) -> list:
        if self.by_due:
            if reverse:
                return [F("due_date").desc(nulls_first=True), F("pk").desc()]
            return [F("due_date").asc(nulls_last=True), F("pk").asc()]
        if reverse:
            return [F("received_on").asc(), F("pk").asc()]
        return [F("received_on").desc(), F("pk").desc()]

    def cursor(self, row: Petition) -> str:
        value = row.due_date if self.by_due else row.received_on
        return f"{value.isoformat() if value else 'n'}.{row.pk}"

    @staticmethod
    def parse(cursor: str) -> tuple[dt.date | None, int] | None:
        try:
            day, pk = cursor.split(".")
            return (None if day == "n" else dt.date.fromisoformat(day)), int(pk)
        except (ValueError, AttributeError):
            return None

    def after(self, day: dt.date | None, pk: int) -> Q:
        if self.by_due:
            if day is None:
                return Q(due_date__isnull=True, pk__gt=pk)
            return (Q(due_date__gt=day) | Q(due_date=day, pk__gt=pk)
                    | Q(due_date__isnull=True))
        return Q(received_on__lt=day) | Q(received_on=day, pk__lt=pk)

    def before(self, day: dt.date | None, pk: int) -> Q:
        if self.by_due:
            if day is None:
                return Q(due_date__isnull=False) | Q(due_date__isnull=True, pk__lt=pk)
            return Q(due_date__lt=day) | Q(due_date=day, pk__lt=pk)
        return Q(received_on__gt=day) | Q(received_on=day, pk__gt=pk)

    def page(self, qs: QuerySet, *, after: str = "", before: str = "",
             size: int = PAGE_SIZE) -> Page:
        after_key = self.parse(after) if after else None
        before_key = self.parse(before) if before and not after_key else None
        if before_key is not None:
            rows = list(qs.filter(self.before(*before_key))
                        .order_by(*self.ordering(reverse=True))[:size + 1])
            has_more = len(rows) > size
            rows = rows[:size][::-1]
            page = Page(rows=rows)
            page.prev_cursor = self.cursor(rows[0]) if has_more and rows else None
            page.next_cursor = self.cursor(rows[-1]) if rows else None
            return page
        if after_key is not None:
            qs = qs.filter(self.after(*after_key))
        rows = list(qs.order_by(*self.ordering())[:size + 1])
        has_more = len(rows) > size
        rows = rows[:size]
        page = Page(rows=rows)
        page.next_cursor = self.cursor(rows[-1]) if has_more else None
        page.prev_cursor = self.cursor(rows[0]) if after_key is not None and rows else None
        return page


def state_counts(qs: QuerySet) -> dict[str, int]:
    """How many rows of the queryset are in each state (one GROUP BY)."""
    return {row["state"]: row["n"]
            for row in qs.order_by().values("state").annotate(n=Count("pk"))}


def list_related(qs: QuerySet) -> QuerySet:
    return qs.select_related("agency", "field", "village", "unit", "issue")


def visible_petitions(user) -> QuerySet:
    return visible(Petition, user)


def office_queue(user, f: QueueFilters, today: Today, *, after: str = "", before: str = ""
                 ) -> Page:
    """The office's list: filtered, searched, one keyset page, and counts per state under
    the same filters (the state filter aside, so each count is a way to narrow)."""
    base = visible_petitions(user)
    keyset = Keyset(by_due=f.open_only)
    page = keyset.page(list_related(_filtered(base, f, today)), after=after, before=before)
    flag_rows(page.rows, today)
    hint_rows(page.rows)
    asked_again_rows(page.rows)
    counts = state_counts(_filtered(base, f, today, with_state=False))
    page.counts = {s.value: counts.get(s.value, 0) for s in State}
    page.total = counts.get(f.state, 0) if f.state else sum(counts.values())
    return page


def queue_agencies(user) -> QuerySet:
    """Agencies whose petitions the user may see (for the commune filter)."""
    return visible(Agency, user).filter(level=Agency.Level.COMMUNE).order_by("name")


def queue_agency(user, pk) -> Agency | None:
    """The commune `pk` among those whose petitions the user sees, or None."""
    return queue_agencies(user).filter(pk=pk).first()


def filter_choices(user, agency: Agency | None) -> dict[str, QuerySet]:
    """Choices for the queue's selects: those of one agency (none when several are seen and
    no commune is chosen — a province's 1,500 fields in one select help nobody)."""
    if agency is None:
        return {"fields": Field.objects.none(), "villages": Village.objects.none(),
                "units": Unit.objects.none(), "conferences": None}
    provider = occasions.registered()
    return {
        "fields": visible(Field, user).filter(agency=agency).order_by("order", "name"),
        "villages": visible(Village, user).filter(agency=agency).order_by("order", "name"),
        "units": visible(Unit, user).filter(agency=agency, is_active=True)
        .order_by("order", "name"),
        "conferences": provider.of_agency(agency, user) if provider is not None else None,
    }


def single_agency(user) -> Agency | None:
    """The user's one agency when they see exactly one, else None."""
    agencies = list(queue_agencies(user)[:2])
    return agencies[0] if len(agencies) == 1 else None


def officer_unit_ids(user) -> list[int]:
    return sorted({g.unit_id for g in access.grants_for(user, rules.SEE_UNIT_WORK)
                   if g.unit_id})


def officer_units(user) -> QuerySet[Unit]:
    return Unit.objects.filter(pk__in=officer_unit_ids(user))


def sees(user, petition: Petition) -> bool:
    """Whether the petition is still the user's to see (a unit that returned it is not)."""
    return visible_petitions(user).filter(pk=petition.pk).exists()


def unit_queue(user, today: Today, *, due: str = "", after: str = "", before: str = ""
               ) -> Page:
    """Open petitions assigned to the officer's unit(s), by due date."""
    qs = visible_petitions(user).filter(unit_id__in=officer_unit_ids(user), state__in=OPEN)
    qs = _counting(qs, due, today)
    page = Keyset(by_due=True).page(list_related(qs), after=after, before=before)
    flag_rows(page.rows, today)
    hint_rows(page.rows)
    asked_again_rows(page.rows)
    counts = state_counts(qs)
    page.counts = counts
    page.total = sum(counts.values())
    return page
