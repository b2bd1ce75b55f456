"""Before the conference: the villages' opinions, the Front's summary report of them and the
units' prepared answers (docs/process.md, R14, R16, R19).

Opinions collected before a conference are the petitions attached to it. Reads that a page
shows go through the permission layer (`visible`); the data functions the documents issue
and the chair's briefing reuse (`front_report_data`, `prepared_answers_by_unit`) return
plain dataclasses. Each change is one function, one transaction, one audit event; when the
last village has sent its opinions, or the last assigned petition has its prepared answer,
the conference's milestone is confirmed by the product itself.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from doithoai.audit.services import record, snapshot
from doithoai.core.petition_flow import SETTLED_STATES
from doithoai.core.petition_flow import State as PetitionState
from doithoai.core.text import nfc
from doithoai.dialogues import services
from doithoai.dialogues.models import Conference, Milestone, PreparedAnswer, VillageReturn
from doithoai.org.access import require_role, roles_for_rows, visible
from doithoai.org.models import Role, Unit, Village
from doithoai.petitions.models import Field, Kind, Petition, Urgency

OPINION_ROLES = frozenset({Role.VILLAGE_HEAD, Role.FRONT_OFFICER, Role.CLERK, Role.LEADER})
ANSWER_ROLES = frozenset({Role.UNIT_OFFICER, Role.CLERK, Role.LEADER})
# Petitions routed away from the commune's own answer need no prepared answer.
ROUTED_AWAY = frozenset({PetitionState.NOT_ACCEPTED, PetitionState.TRANSFERRED,
                         PetitionState.ESCALATED})
URGENCY_RANK = {Urgency.URGENT: 0, Urgency.PRESSING: 1, Urgency.NORMAL: 2}
MAX_ANSWER = 10_000

# Statuses of a village's opinions.
SENT, SENT_LATE, MISSING, OVERDUE = "sent", "late", "missing", "overdue"


def _d(day: dt.date) -> str:
    return day.strftime("%d/%m/%Y")


def opinions_due(conference: Conference) -> dt.date | None:
    """The day the villages' opinions are due (the VILLAGE_OPINIONS milestone)."""
    return (conference.milestones.filter(kind=Milestone.Kind.VILLAGE_OPINIONS)
            .values_list("due_on", flat=True).first())


def opinions_status(village_return: VillageReturn, due_on: dt.date | None,
                    today: dt.date | None = None) -> str:
    """sent / late / missing / overdue (not sent, due day past). Whether a village sent late
    is what was recorded when it sent (`opinions_late`), never judged again against a due
    day that moved later."""
    if village_return.opinions_sent_at is not None:
        return SENT_LATE if village_return.opinions_late else SENT
    today = today or timezone.localdate()
    return OVERDUE if due_on is not None and today > due_on else MISSING


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
    others = list(Village.objects.filter(pk__in=village_ids - set(returned) - {None}))
    villages = sorted([r.village for r in returns] + others, key=lambda v: (v.order, v.name))
    rows = []
    for village in [*villages, None]:
        if village is None and None not in village_ids:
            continue
        key = village.pk if village else None
        counts = [cells[(key, c.field_id)] for c in columns]
        ret = returned.get(key)
        rows.append(BoardRow(
            village=village, label=village.name if village else _("Không rõ thôn"),
            cells=counts, total=sum(counts), pressing=pressing.get(key, 0),
            village_return=ret,
            status=opinions_status(ret, due_on, today) if ret else ""))
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


# --- a village sends its opinions --------------------------------------------------------------

@dataclass(frozen=True)
class OpinionsSent:
    village_return: VillageReturn
    opinions: int
    late: bool
    due_on: dt.date | None
    all_sent: bool


def send_village_opinions(*, actor, conference: Conference, village: Village,
                          now: dt.datetime | None = None) -> OpinionsSent:
    """The village's opinions are in: the village head (his village only), the Front
    officer or the office says so. Once only; after the due day it is recorded as late.
    When every covered village has sent, the milestone is confirmed."""
    require_role(actor, village, OPINION_ROLES,
                 _("Chỉ trưởng thôn của thôn này, Mặt trận hoặc Văn phòng được xác nhận "
                   "thôn đã gửi ý kiến."))
    if village.agency_id != conference.agency_id or village.pk not in {
            v.pk for v in services.covered_villages(conference)}:
        raise ValidationError(_("%(village)s không thuộc phạm vi của hội nghị này.")
                              % {"village": village.name})
    now = now or timezone.now()
    with transaction.atomic():
        conference = Conference.objects.select_for_update().get(pk=conference.pk)
        village_return, _created = VillageReturn.objects.get_or_create(
            conference=conference, village=village)
        village_return = VillageReturn.objects.select_for_update().get(pk=village_return.pk)
        if conference.state != Conference.State.PLANNED:
            raise ValidationError(_("Hội nghị đã diễn ra: không nhận thêm ý kiến gửi trước "
                                    "hội nghị."))
        if village_return.opinions_sent_at is not None:
            raise ValidationError(
                _("%(village)s đã gửi ý kiến lúc %(when)s, không gửi lại được.")
                % {"village": village.name,
                   "when": timezone.localtime(village_return.opinions_sent_at)
                   .strftime("%H:%M %d/%m/%Y")})
        due_on = opinions_due(conference)
        late = due_on is not None and timezone.localdate(now) > due_on
        opinions = Petition.objects.filter(conference=conference, village=village).count()
        before = snapshot(village_return)
        village_return.opinions_sent_at = now
        village_return.opinions_sent_by = actor if actor and actor.is_authenticated else None
        village_return.opinions_late = late
        village_return.save(update_fields=["opinions_sent_at", "opinions_sent_by",
                                           "opinions_late"])
        record(actor=actor, action="village.opinions_sent", obj=village_return, before=before,
               after={**snapshot(village_return), "late": late, "opinions": opinions,
                      "due_on": due_on.isoformat() if due_on else None},
               reason=(f"Gửi sau hạn {_d(due_on)}" if late else ""))
        covered = {v.pk for v in services.covered_villages(conference)}
        waiting = (VillageReturn.objects.filter(conference=conference, village_id__in=covered,
                                                opinions_sent_at=None).count()
                   + len(covered - set(VillageReturn.objects.filter(conference=conference)
                                       .values_list("village_id", flat=True))))
        all_sent = waiting == 0
        if all_sent:
            services.confirm_automatic(
                conference, Milestone.Kind.VILLAGE_OPINIONS,
                f"Cả {len(covered)} thôn đã gửi ý kiến (thôn gửi cuối: {village.name}, "
                f"{timezone.localtime(now):%H:%M %d/%m/%Y})", actor,
                done_on=timezone.localdate(now))
    return OpinionsSent(village_return=village_return, opinions=opinions, late=late,
                        due_on=due_on, all_sent=all_sent)


def can_send_opinions(roles: frozenset[str], conference: Conference,
                      village_return: VillageReturn | None) -> bool:
    """Whether to offer the "sent" button (the service decides in the end)."""
    return (village_return is not None and village_return.opinions_sent_at is None
            and conference.state == Conference.State.PLANNED
            and bool(roles & (OPINION_ROLES | {Role.ADMIN})))


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


NO_FIELD, NO_VILLAGE, MANY_VILLAGES = "Chưa phân loại", "Không rõ thôn", "Nhiều thôn"


def _groups(petitions: list[Petition]) -> list[list[Petition]]:
    """Petitions of one issue together (in the order of their first one), others alone."""
    groups: dict[object, list[Petition]] = {}
    for p in petitions:
        groups.setdefault(("issue", p.issue_id) if p.issue_id else ("one", p.pk), []).append(p)
    return list(groups.values())


def _people(petition: Petition) -> int:
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
    for group in _groups(rows):
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
            petitions=len(group), petitioners=sum(_people(p) for p in group),
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
    returns = (VillageReturn.objects.filter(conference=conference).select_related("village")
               .order_by("village__order", "village__name"))
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
        villages_sent=tuple(r.village.name for r in returns if r.opinions_sent_at),
        villages_missing=tuple(r.village.name for r in returns if not r.opinions_sent_at))


# --- the units' prepared answers (R16) -----------------------------------------------------

@dataclass
class AnswerRow:
    """A petition of the conference, or a grouped issue once (its first petition)."""

    petition: Petition
    members: list[Petition]
    answer: PreparedAnswer | None = None
    can_write: bool = False

    @property
    def issue_title(self) -> str:
        return self.petition.issue.title if self.petition.issue_id else ""

    @property
    def needed(self) -> bool:
        return any(p.unit_id and p.state not in ROUTED_AWAY for p in self.members)

    @property
    def ready(self) -> bool:
        """Prepared by the unit now assigned (a reassigned petition needs the new unit's)."""
        return self.answer is not None and any(
            self.answer.unit_id == p.unit_id for p in self.members)

    @property
    def villages(self) -> list[str]:
        names = []
        for p in self.members:
            if p.village and p.village.name not in names:
                names.append(p.village.name)
        return names


def _answers(conference: Conference) -> tuple[dict[int, PreparedAnswer], dict[int, PreparedAnswer]]:
    """The conference's prepared answers, by petition and by issue."""
    by_petition, by_issue = {}, {}
    for a in (PreparedAnswer.objects.filter(conference=conference)
              .select_related("unit", "submitted_by", "petition").order_by("petition_id")):
        by_petition[a.petition_id] = a
        if a.petition.issue_id:
            by_issue.setdefault(a.petition.issue_id, a)
    return by_petition, by_issue


def _rows(petitions: QuerySet, conference: Conference) -> list[AnswerRow]:
    rows = list(petitions.filter(conference=conference)
                .select_related("field", "village", "unit", "issue").order_by("pk"))
    by_petition, by_issue = _answers(conference)
    result = []
    for group in _groups(rows):
        first = group[0]
        answer = by_issue.get(first.issue_id) if first.issue_id else by_petition.get(first.pk)
        result.append(AnswerRow(petition=first, members=group, answer=answer))
    return result


def prepared_answer_rows(user, conference: Conference) -> list[AnswerRow]:
    """What the user sees of the prepared answers: the office every petition, a unit
    officer his unit's; `can_write` where he may write (the service decides in the end)."""
    rows = _rows(visible(Petition, user), conference)
    open_ = conference.state == Conference.State.PLANNED
    roles = roles_for_rows(user, [row.petition for row in rows])
    for row in rows:
        p = row.petition
        row.can_write = (open_ and bool(p.unit_id) and row.needed
                         and bool(roles[p.pk] & (ANSWER_ROLES | {Role.ADMIN})))
    rows.sort(key=lambda r: (r.petition.unit is None,
                             r.petition.unit.name if r.petition.unit else "",
                             r.petition.field.order if r.petition.field else 999, r.petition.pk))
    return rows


def missing_prepared_answers(conference: Conference) -> list[AnswerRow]:
    """Assigned petitions (a grouped issue once) still without their unit's answer."""
    return [r for r in _rows(Petition.objects.all(), conference) if r.needed and not r.ready]


def answer_token(answer: PreparedAnswer | None) -> str:
    """What the form sends back to detect that someone else saved in between."""
    return answer.submitted_at.isoformat() if answer is not None else "new"


class Conflict(ValidationError):
    """Someone else saved this prepared answer first."""


def save_prepared_answer(*, actor, conference: Conference, petition: Petition, text: str,
                         token: str | None = None) -> PreparedAnswer:
    """The assigned unit's officer (or the office) writes or updates what the unit will
    answer at the conference; a grouped issue has one answer. When every assigned petition
    has one, the PREPARED_ANSWERS milestone is confirmed."""
    require_role(actor, petition, ANSWER_ROLES,
                 _("Chỉ đơn vị được giao ý kiến này hoặc Văn phòng được chuẩn bị nội dung "
                   "trả lời."))
    if petition.conference_id != conference.pk:
        raise ValidationError(_("Ý kiến này không thuộc hội nghị."))
    text = nfc(text or "").strip()
    if not text:
        raise ValidationError({"text": _("Hãy ghi nội dung dự kiến trả lời.")})
    if len(text) > MAX_ANSWER:
        raise ValidationError({"text": _("Nội dung quá dài (tối đa %(n)s ký tự).")
                               % {"n": f"{MAX_ANSWER:,}".replace(",", ".")}})
    with transaction.atomic():
        conference = Conference.objects.select_for_update().get(pk=conference.pk)
        petition = Petition.objects.select_related("unit").get(pk=petition.pk)
        if conference.state != Conference.State.PLANNED:
            raise ValidationError(_("Hội nghị đã diễn ra: nội dung trả lời bây giờ là câu "
                                    "trả lời chính thức, không còn là nội dung chuẩn bị."))
        if petition.unit_id is None:
            raise ValidationError(_("Ý kiến chưa được giao đơn vị trả lời."))
        if petition.state in ROUTED_AWAY:
            raise ValidationError(_("Ý kiến đã chuyển đi nơi khác, không cần chuẩn bị trả "
                                    "lời."))
        members = [petition]
        if petition.issue_id:
            members = list(Petition.objects.filter(conference=conference,
                                                   issue_id=petition.issue_id).order_by("pk"))
        answer = (PreparedAnswer.objects.select_for_update()
                  .filter(conference=conference, petition__in=members)
                  .order_by("petition_id").first())
        if token is not None and token != answer_token(answer):
            raise Conflict(_("Người khác vừa lưu nội dung trả lời của ý kiến này. Hãy tải lại "
                             "trang để xem trước khi lưu; chưa có gì bị ghi đè."))
        before = snapshot(answer) if answer else None
        if answer is None:
            answer = PreparedAnswer(conference=conference, petition=members[0])
        answer.text, answer.unit = text, petition.unit
        answer.submitted_by = actor if actor and actor.is_authenticated else None
        answer.save()
        record(actor=actor, action="prepared_answer.save", obj=answer, before=before,
               after=snapshot(answer))
        every = _rows(Petition.objects.all(), conference)
        rows = [r for r in every if r.needed]
        # Opinions not yet given to any unit still wait for an answer: not complete yet.
        unassigned = [r for r in every if not r.needed and not r.petition.unit_id
                      and r.petition.state not in SETTLED_STATES]
        if rows and not unassigned and all(r.ready for r in rows):
            services.confirm_automatic(
                conference, Milestone.Kind.PREPARED_ANSWERS,
                f"Các đơn vị đã gửi nội dung trả lời cho cả {len(rows)} ý kiến, vấn đề đã "
                f"giao", actor)
    return answer


# --- for the chair's briefing (R19) --------------------------------------------------------

@dataclass(frozen=True)
class BriefingAnswer:
    text: str  # the opinion, or the grouped issue's title
    field: str
    villages: tuple[str, ...]
    petitions: int
    petitioners: int
    tracking_codes: tuple[str, ...]
    answer: str  # "" when the unit has not prepared it yet
    is_issue: bool = False


@dataclass(frozen=True)
class UnitAnswers:
    unit_id: int
    unit_name: str
    items: tuple[BriefingAnswer, ...] = field(default_factory=tuple)

    @property
    def ready(self) -> int:
        return sum(1 for i in self.items if i.answer)

    @property
    def missing(self) -> int:
        return len(self.items) - self.ready


def prepared_answers_by_unit(conference: Conference) -> list[UnitAnswers]:
    """What each unit will answer at the conference, unit by unit (every assigned petition
    of the conference, a grouped issue once; `answer` empty where none is prepared)."""
    qs = Petition.objects.annotate(petitioner_count=Count("petitioners"))
    by_unit: dict[int, list[BriefingAnswer]] = defaultdict(list)
    units: dict[int, Unit] = {}
    for row in _rows(qs, conference):
        if not row.needed:
            continue
        p = row.petition
        unit = p.unit or next(m.unit for m in row.members if m.unit_id)
        units[unit.pk] = unit
        by_unit[unit.pk].append(BriefingAnswer(
            text=row.issue_title or p.text, field=p.field.name if p.field else NO_FIELD,
            villages=tuple(row.villages), petitions=len(row.members),
            petitioners=sum(_people(m) for m in row.members),
            tracking_codes=tuple(m.tracking_code for m in row.members),
            answer=row.answer.text if row.ready else "", is_issue=bool(row.issue_title)))
    ordered = sorted(units.values(), key=lambda u: (u.order, u.name))
    return [UnitAnswers(unit_id=u.pk, unit_name=u.name, items=tuple(by_unit[u.pk]))
            for u in ordered]

