"""Plans and conferences: one function per use case, one transaction, one audit event.

Who may act: the office (clerk, leader) runs plans and conferences; a unit officer confirms
his unit's tasks. Dates are checked against the working-day calendar; moving a conference
moves its milestones and says which can no longer be met.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from doithoai.audit.services import record, require_reason, snapshot
from doithoai.core import milestones as rules
from doithoai.core.petition_flow import SETTLED_STATES
from doithoai.core.text import fold, nfc
from doithoai.dialogues import defaults
from doithoai.dialogues.models import (
    AgendaItem,
    Conference,
    Milestone,
    ParticipantGroup,
    Plan,
    PlanTask,
    VillageReturn,
)
from doithoai.org.access import OFFICE_ROLES, require_role
from doithoai.org.models import Agency, Role, Unit, Village
from doithoai.workdays.calendar import get_calendar

# Steps that come after the session: they cannot be done while the conference is ahead.
AFTER_THE_SESSION = {Milestone.Kind.CONCLUSION_NOTICE, Milestone.Kind.RESULTS_ANNOUNCED,
                     Milestone.Kind.WRITTEN_ANSWERS}
# Which unit answers for a statutory milestone, by unit kind (first match of the agency).
RESPONSIBLE_KIND = {
    Milestone.Kind.ANNOUNCEMENT: (Unit.Kind.SERVICE_CENTRE, ("dịch vụ công ích",
                                                             "truyền thanh")),
    Milestone.Kind.INVITATIONS: (Unit.Kind.OFFICE, ()),
    Milestone.Kind.VILLAGE_OPINIONS: (Unit.Kind.FRONT, ()),
    Milestone.Kind.DELEGATE_LISTS: (Unit.Kind.FRONT, ()),
    Milestone.Kind.PREPARED_ANSWERS: (Unit.Kind.OFFICE, ()),
    Milestone.Kind.CONCLUSION_NOTICE: (Unit.Kind.OFFICE, ()),
    Milestone.Kind.RESULTS_ANNOUNCED: (Unit.Kind.OFFICE, ()),
    Milestone.Kind.WRITTEN_ANSWERS: (Unit.Kind.OFFICE, ()),
}
PLAN_SECTIONS = ("title", "legal_bases", "preamble", "purposes", "requirements", "form",
                 "time_text", "venue", "content", "programme", "banner", "rules",
                 "coordination", "budget", "budget_source", "recipients")
PLAN_SETTINGS = tuple(rules.Settings.__dataclass_fields__)
PLAN_EDITABLE = (*PLAN_SECTIONS, *PLAN_SETTINGS, "kind", "ad_hoc_basis", "signer",
                 "signer_capacity", "signer_position")


# Why an ad hoc conference is held (Art. 43 of Law 72/2025), as the plan's text says it.
AD_HOC_GROUNDS = {
    Plan.AdHocBasis.PRESSING: "Xét tình hình có vấn đề bức xúc, cấp thiết cần trao đổi, đối "
                              "thoại với Nhân dân;",
    Plan.AdHocBasis.VOTERS: "Xét đề nghị của ít nhất 10% cử tri trên địa bàn về việc tổ chức "
                            "hội nghị trao đổi, đối thoại;",
    Plan.AdHocBasis.NECESSARY: "Xét thấy cần thiết tổ chức hội nghị trao đổi, đối thoại với "
                               "Nhân dân;",
}


class Conflict(ValidationError):
    """Someone else saved this first."""


def _today() -> dt.date:
    return timezone.localdate()


def _check_version(obj, version: int | None) -> None:
    if version is not None and obj.version != version:
        raise Conflict(_("Người khác vừa cập nhật mục này. Hãy tải lại trang để xem thay đổi "
                         "trước khi lưu."))


def _bump(obj) -> None:
    obj.version += 1


def _office(actor, obj, message: str | None = None) -> frozenset[str]:
    return require_role(actor, obj, OFFICE_ROLES,
                        message or _("Chỉ Văn phòng hoặc lãnh đạo UBND được làm việc này."))


def _locked(model, pk):
    return model.objects.select_for_update().get(pk=pk)


# -- plans ----------------------------------------------------------------------------------


def create_plan(*, actor, agency: Agency, year: int, kind: str = Plan.Kind.PERIODIC,
                ad_hoc_basis: str = "") -> Plan:
    """A new draft plan, every section prefilled (defaults), its composition and tasks."""
    _office(actor, agency)
    if kind == Plan.Kind.AD_HOC and not ad_hoc_basis:
        raise ValidationError({"ad_hoc_basis": _("Kế hoạch đột xuất cần ghi căn cứ tổ chức.")})
    if kind == Plan.Kind.PERIODIC:
        ad_hoc_basis = ""
    if not 2000 <= year <= 2100:
        raise ValidationError({"year": _("Năm không hợp lệ.")})
    if kind == Plan.Kind.PERIODIC and Plan.objects.filter(
            agency=agency, year=year, kind=Plan.Kind.PERIODIC).exists():
        raise ValidationError({"year": _("Năm %(year)s đã có kế hoạch định kỳ. Hội nghị thêm "
                                         "trong năm thì thêm vào kế hoạch đó, hoặc lập kế "
                                         "hoạch đột xuất.") % {"year": year}})
    with transaction.atomic():
        plan = Plan(agency=agency, year=year, kind=kind, ad_hoc_basis=ad_hoc_basis,
                    created_by=actor if actor and actor.is_authenticated else None,
                    signer=_default_signer(agency), **defaults.sections(agency, year))
        if kind == Plan.Kind.AD_HOC:
            plan.title = plan.title.replace("Tổ chức hội nghị", "Tổ chức hội nghị đột xuất", 1)
            plan.preamble = f"{AD_HOC_GROUNDS[ad_hoc_basis]} {plan.preamble}"
        plan.save()
        ParticipantGroup.objects.bulk_create([
            ParticipantGroup(plan=plan, order=i, side=g.side, label=g.label, seats=g.seats,
                             unit=g.unit) for i, g in enumerate(defaults.groups(agency))])
        PlanTask.objects.bulk_create([
            PlanTask(plan=plan, order=i, unit=t.unit, text=t.text, offset_days=t.offset_days)
            for i, t in enumerate(defaults.tasks(agency))])
        record(actor=actor, action="plan.create", obj=plan, after=snapshot(plan))
    return plan


def _default_signer(agency: Agency):
    from doithoai.org.models import Person

    return (Person.objects.filter(agency=agency, position__istartswith="Chủ tịch UBND")
            .order_by("pk").first())


def update_plan(*, actor, plan: Plan, data: dict, version: int | None = None,
                reason: str = "") -> Plan:
    """Edit a plan's sections and settings. A draft is edited freely; once issued, the text
    is the signed document and stays as issued (settings still move, with a reason)."""
    _office(actor, plan)
    unknown = set(data) - set(PLAN_EDITABLE)
    if unknown:
        raise ValueError(f"not editable: {sorted(unknown)}")
    with transaction.atomic():
        plan = _locked(Plan, plan.pk)
        _check_version(plan, version)
        if plan.state != Plan.State.DRAFT:
            touched = [f for f in data if f not in PLAN_SETTINGS and
                       getattr(plan, f) != data[f]]
            if touched:
                raise ValidationError(_("Kế hoạch đã ban hành: nội dung văn bản không sửa được "
                                        "nữa. Muốn thay đổi, hãy ban hành kế hoạch điều chỉnh."))
            reason = require_reason(reason)
        before = snapshot(plan)
        for name, value in data.items():
            setattr(plan, name, nfc(value) if isinstance(value, str) else value)
        if plan.kind == Plan.Kind.AD_HOC and not plan.ad_hoc_basis:
            raise ValidationError({"ad_hoc_basis": _("Kế hoạch đột xuất cần ghi căn cứ tổ "
                                                     "chức.")})
        plan.full_clean(exclude=["agency", "created_by"])
        _bump(plan)
        plan.save()
        record(actor=actor, action="plan.update", obj=plan, before=before,
               after=snapshot(plan), reason=reason)
        if set(data) & set(PLAN_SETTINGS):
            for conference in plan.conferences.exclude(state=Conference.State.CLOSED):
                _sync_milestones(conference)
    return plan


def missing_for_issue(plan: Plan) -> list[str]:
    """What a plan still lacks before it can be issued (readable labels)."""
    missing = []
    for name in ("title", "legal_bases", "purposes", "requirements", "content", "programme",
                 "venue", "budget", "recipients"):
        if not getattr(plan, name).strip():
            missing.append(str(Plan._meta.get_field(name).verbose_name))
    if plan.signer_id is None:
        missing.append(str(Plan._meta.get_field("signer").verbose_name))
    if not plan.groups.exists():
        missing.append(_("thành phần tham dự"))
    return missing


def issue_plan(*, actor, plan: Plan, number: str, issued_on: dt.date,
               version: int | None = None) -> Plan:
    """The plan is approved and signed: record its number and date (draft → issued)."""
    _office(actor, plan)
    number = nfc(number).strip()
    if not number:
        raise ValidationError({"number": _("Hãy ghi số, ký hiệu của kế hoạch (ví dụ "
                                           "27/KH-UBND).")})
    with transaction.atomic():
        plan = _locked(Plan, plan.pk)
        _check_version(plan, version)
        if plan.state != Plan.State.DRAFT:
            raise ValidationError(_("Kế hoạch này đã được ban hành."))
        missing = missing_for_issue(plan)
        if missing:
            raise ValidationError(_("Chưa ban hành được, còn thiếu: %(fields)s.")
                                  % {"fields": ", ".join(missing)})
        if issued_on > _today():
            raise ValidationError({"issued_on": _("Ngày ban hành không được sau hôm nay.")})
        if issued_on.year not in (plan.year - 1, plan.year):
            raise ValidationError({"issued_on": _("Ngày ban hành phải thuộc năm của kế hoạch "
                                                  "hoặc năm trước đó.")})
        before = snapshot(plan)
        plan.state, plan.number, plan.issued_on = Plan.State.ISSUED, number, issued_on
        _bump(plan)
        plan.save()
        record(actor=actor, action="plan.issue", obj=plan, before=before, after=snapshot(plan))
    return plan


def publish_plan(*, actor, plan: Plan, published_on: dt.date | None = None,
                 version: int | None = None) -> Plan:
    """The issued plan is made public (R11): its public page opens."""
    _office(actor, plan)
    with transaction.atomic():
        plan = _locked(Plan, plan.pk)
        _check_version(plan, version)
        if plan.state != Plan.State.ISSUED:
            raise ValidationError(_("Chỉ công khai được kế hoạch đã ban hành và chưa công "
                                    "khai."))
        before = snapshot(plan)
        plan.state, plan.published_on = Plan.State.PUBLISHED, published_on or _today()
        _bump(plan)
        plan.save()
        record(actor=actor, action="plan.publish", obj=plan, before=before,
               after=snapshot(plan))
    return plan


def complete_plan(*, actor, plan: Plan, version: int | None = None) -> Plan:
    """Every conference of the plan is closed: the plan is done."""
    _office(actor, plan)
    with transaction.atomic():
        plan = _locked(Plan, plan.pk)
        _check_version(plan, version)
        if plan.state not in (Plan.State.ISSUED, Plan.State.PUBLISHED):
            raise ValidationError(_("Kế hoạch chưa ban hành hoặc đã hoàn thành."))
        conferences = plan.conferences.all()
        if not conferences.exists():
            raise ValidationError(_("Kế hoạch chưa có hội nghị nào."))
        if conferences.exclude(state=Conference.State.CLOSED).exists():
            raise ValidationError(_("Còn hội nghị chưa hoàn thành việc trả lời ý kiến."))
        before = snapshot(plan)
        plan.state = Plan.State.DONE
        _bump(plan)
        plan.save()
        record(actor=actor, action="plan.complete", obj=plan, before=before,
               after=snapshot(plan))
    return plan


# -- conference dates -------------------------------------------------------------------------


@dataclass(frozen=True)
class DateCheck:
    errors: list[str]
    warnings: list[str]


def check_date(held_on: dt.date | None, *, today: dt.date | None = None) -> DateCheck:
    """A conference day: never in the past or on a day off; a weekend is allowed, with a
    warning (some communes meet on Sunday)."""
    if held_on is None:
        return DateCheck([], [])
    today = today or _today()
    calendar = get_calendar()
    errors, warnings = [], []
    if held_on < today:
        errors.append(_("Ngày tổ chức %(d)s đã qua.") % {"d": held_on.strftime("%d/%m/%Y")})
    status = calendar.day_status(held_on)
    if not status.working and status.source != "weekend":
        errors.append(_("Ngày %(d)s là ngày nghỉ (%(name)s).")
                      % {"d": held_on.strftime("%d/%m/%Y"), "name": status.reason})
    elif not status.working:
        warnings.append(_("Ngày %(d)s là ngày nghỉ cuối tuần: hãy chắc chắn đại biểu và các "
                          "đơn vị bố trí được.") % {"d": held_on.strftime("%d/%m/%Y")})
    return DateCheck(errors, warnings)


def _dues_for(conference: Conference, held_on: dt.date) -> list[tuple[Milestone, rules.Due]]:
    """Every milestone of the conference with the due date it would have on `held_on`."""
    calendar = get_calendar()
    statutory = {d.kind: d for d in rules.statutory(calendar, held_on, _settings(conference))}
    labels = dict(Milestone.Kind.choices)
    pairs = []
    for m in conference.milestones.select_related("task"):
        if m.kind != Milestone.Kind.TASK:
            due = statutory[m.kind]
            pairs.append((m, rules.Due(due.kind, due.due_on, due.rule, due.is_legal,
                                       str(labels[m.kind]))))
        elif m.task is not None and m.task.offset_days is not None:
            due = rules.task_due(calendar, held_on, m.task.offset_days)
            pairs.append((m, rules.Due(due.kind, due.due_on, due.rule, False, m.title)))
    return sorted(pairs, key=lambda pair: pair[1].due_on)


def impossible_milestones(conference: Conference, held_on: dt.date,
                          today: dt.date | None = None) -> list[rules.Due]:
    """Steps not yet done that would be due before today if the conference were held on
    `held_on` (the 7-day public announcement 5 days before the new date, a unit's task)."""
    today = today or _today()
    return [due for m, due in _dues_for(conference, held_on)
            if m.done_on is None and due.due_on < today]


def late_after_move(conference: Conference, held_on: dt.date) -> list[rules.Due]:
    """Steps already done that a new date would make late (an announcement made 3 days
    before the new day breaks the law's 7 days)."""
    return [due for m, due in _dues_for(conference, held_on)
            if m.done_on is not None and m.done_on > due.due_on]


def _settings(conference: Conference) -> rules.Settings:
    base = conference.plan.settings if conference.plan_id else rules.Settings()
    return rules.Settings(**{**base.__dict__,
                             "answer_workdays": conference.answer_workdays,
                             "complex_answer_workdays": conference.complex_answer_workdays})


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


# -- conferences ------------------------------------------------------------------------------


CONFERENCE_FIELDS = ("title", "held_on", "starts_at", "venue", "mode", "online_link",
                     "hall_capacity", "chair", "co_chair", "secretary", "topics",
                     "speaker_minutes", "answer_workdays", "complex_answer_workdays")


def schedule_conference(*, actor, plan: Plan, data: dict, villages=None,
                        today: dt.date | None = None) -> Conference:
    """A conference under the plan: programme seeded from the plan, milestones computed when
    the date is known, a return expected from each covered village."""
    _office(actor, plan)
    if plan.state == Plan.State.DONE:
        raise ValidationError(_("Kế hoạch đã hoàn thành, không thêm hội nghị được nữa."))
    data = {k: v for k, v in data.items() if k in CONFERENCE_FIELDS}
    check = check_date(data.get("held_on"), today=today)
    year = _year_error(plan, data.get("held_on"))
    if check.errors or year:
        raise ValidationError({"held_on": [*check.errors, *([year] if year else [])]})
    with transaction.atomic():
        conference = Conference(agency=plan.agency, plan=plan, **data)
        _default_people(conference, plan, actor)
        conference.title = conference.title or _default_title(plan)
        conference.venue = conference.venue or plan.venue
        conference.topics = conference.topics or plan.content
        conference.answer_workdays = data.get("answer_workdays") or plan.answer_workdays
        conference.complex_answer_workdays = (data.get("complex_answer_workdays")
                                              or plan.complex_answer_workdays)
        conference.save()
        if villages:
            conference.villages.set(villages)
        refusal = check_hall(conference)
        if refusal:
            raise ValidationError({"hall_capacity": refusal})
        AgendaItem.objects.bulk_create([
            AgendaItem(conference=conference, order=i, title=line,
                       minutes=defaults.agenda_minutes(line))
            for i, line in enumerate(Plan.lines(plan.programme))])
        VillageReturn.objects.bulk_create([
            VillageReturn(conference=conference, village=v) for v in covered_villages(conference)])
        _sync_milestones(conference)
        record(actor=actor, action="conference.create", obj=conference,
               after=snapshot(conference))
    return conference


def _default_people(conference: Conference, plan: Plan, actor) -> None:
    """The usual chair (the plan's signer), co-chair (the People's Council's standing
    member) and secretary (the clerk scheduling it), where the office chose nobody."""
    from doithoai.org.models import Person

    if conference.chair_id is None:
        conference.chair = plan.signer
    if conference.co_chair_id is None:
        conference.co_chair = (Person.objects.filter(agency=plan.agency,
                                                     unit__kind=Unit.Kind.COUNCIL)
                               .order_by("pk").first())
    if conference.secretary_id is None:
        person = getattr(actor, "person", None) if actor is not None else None
        if person is not None and person.agency_id == plan.agency_id:
            conference.secretary = person


def _default_title(plan: Plan) -> str:
    n = plan.conferences.count() + 1
    short = defaults.short_name(plan.agency)
    return f"Hội nghị đối thoại với Nhân dân {short} năm {plan.year}" + (
        f" (lần {n})" if n > 1 else "")


@dataclass(frozen=True)
class ChangeImpact:
    """What a change of date means, shown before the office confirms it."""

    date_check: DateCheck
    impossible: list[rules.Due]
    invitations_sent: int
    late_done: list[rules.Due] = ()

    @property
    def needs_confirmation(self) -> bool:
        return bool(self.impossible or self.late_done or self.invitations_sent
                    or self.date_check.warnings)


def change_impact(conference: Conference, held_on: dt.date | None,
                  today: dt.date | None = None) -> ChangeImpact:
    from doithoai.dialogues.models import Invitation

    sent = Invitation.objects.filter(delegate__conference=conference).exclude(sent_at=None)
    moved = held_on is not None and held_on != conference.held_on
    check = check_date(held_on, today=today)
    year = _year_error(conference.plan, held_on)
    if year:
        check = DateCheck([*check.errors, year], check.warnings)
    return ChangeImpact(
        date_check=check,
        impossible=impossible_milestones(conference, held_on, today) if moved else [],
        invitations_sent=sent.count() if held_on != conference.held_on else 0,
        late_done=late_after_move(conference, held_on) if moved else [])


def _year_error(plan: Plan | None, held_on: dt.date | None) -> str | None:
    if plan is None or held_on is None or held_on.year == plan.year:
        return None
    return _("Hội nghị của kế hoạch năm %(year)s phải tổ chức trong năm %(year)s.") % {
        "year": plan.year}


def update_conference(*, actor, conference: Conference, data: dict, villages=None,
                      reason: str = "", confirmed: bool = False, version: int | None = None,
                      today: dt.date | None = None) -> Conference:
    """Change a planned conference. A new date moves every milestone; once invitations went
    out, a change of date, time or place needs a reason and confirmation, and the invitations
    are marked to be sent again."""
    from doithoai.dialogues.models import Invitation

    _office(actor, conference)
    data = {k: v for k, v in data.items() if k in CONFERENCE_FIELDS}
    with transaction.atomic():
        conference = _locked(Conference, conference.pk)
        _check_version(conference, version)
        if conference.state != Conference.State.PLANNED:
            raise ValidationError(_("Hội nghị đã diễn ra: không đổi thông tin tổ chức được "
                                    "nữa."))
        moved = any(name in data and data[name] != getattr(conference, name)
                    for name in ("held_on", "starts_at", "venue"))
        impact = change_impact(conference, data.get("held_on", conference.held_on), today)
        if "held_on" in data and data["held_on"] != conference.held_on and \
                impact.date_check.errors:
            raise ValidationError({"held_on": impact.date_check.errors})
        sent = Invitation.objects.filter(delegate__conference=conference).exclude(sent_at=None)
        if moved and sent.exists():
            if not confirmed:
                raise ValidationError(_("Giấy mời đã gửi cho %(n)s đại biểu: hãy xác nhận thay "
                                        "đổi; giấy mời sẽ được đánh dấu cần gửi lại.")
                                      % {"n": sent.count()})
            reason = require_reason(reason)
        elif (impact.impossible or impact.late_done) and "held_on" in data and not confirmed:
            steps = [*impact.impossible, *impact.late_done]
            raise ValidationError(_("Với ngày mới, có việc không còn kịp hạn: %(list)s. Hãy "
                                    "xác nhận nếu vẫn đổi.")
                                  % {"list": "; ".join(f"{d.title} ({d.rule})" for d in steps)})
        before = snapshot(conference)
        for name, value in data.items():
            setattr(conference, name, nfc(value) if isinstance(value, str) else value)
        _bump(conference)
        conference.save()
        if villages is not None:
            conference.villages.set(villages)
            _sync_village_returns(conference)
        refusal = check_hall(conference)
        if refusal:
            raise ValidationError({"hall_capacity": refusal})
        if moved:
            sent.update(needs_resend=True)
        _sync_milestones(conference)
        record(actor=actor, action="conference.update", obj=conference, before=before,
               after=snapshot(conference), reason=reason)
    return conference


def _sync_village_returns(conference: Conference) -> None:
    wanted = {v.pk for v in covered_villages(conference)}
    have = set(conference.village_returns.values_list("village_id", flat=True))
    VillageReturn.objects.bulk_create([
        VillageReturn(conference=conference, village_id=pk) for pk in wanted - have])
    conference.village_returns.filter(village_id__in=have - wanted, opinions_sent_at=None,
                                      delegates_sent_at=None).delete()


def _responsible(agency_id: int, kind: str) -> Unit | None:
    unit_kind, words = RESPONSIBLE_KIND[kind]
    units = Unit.objects.filter(agency_id=agency_id, kind=unit_kind, is_active=True)
    for unit in units.order_by("order", "name"):
        if not words or any(fold(w) in fold(unit.name) for w in words):
            return unit
    return Unit.objects.filter(agency_id=agency_id, kind=Unit.Kind.OFFICE).first()


def _sync_milestones(conference: Conference) -> None:
    """Create or move every milestone of the conference (nothing done is lost: done ones
    keep their record, only their due date moves)."""
    labels = dict(Milestone.Kind.choices)
    existing = {m.kind: m for m in conference.milestones.exclude(kind=Milestone.Kind.TASK)}
    if conference.held_on is None:
        conference.milestones.filter(done_on=None).update(due_on=None, rule="")
        for kind in RESPONSIBLE_KIND:
            if kind not in existing:
                Milestone.objects.create(conference=conference, kind=kind,
                                         title=str(labels[kind]),
                                         unit=_responsible(conference.agency_id, kind))
    else:
        calendar = get_calendar()
        for order, due in enumerate(rules.statutory(calendar, conference.held_on,
                                                    _settings(conference))):
            m = existing.get(due.kind) or Milestone(
                conference=conference, kind=due.kind, title=str(labels[due.kind]),
                unit=_responsible(conference.agency_id, due.kind))
            m.due_on, m.rule, m.is_legal, m.order = due.due_on, due.rule, due.is_legal, order
            m.save()
    tasks = {m.task_id: m for m in conference.milestones.filter(kind=Milestone.Kind.TASK)}
    if conference.plan_id:
        for task in conference.plan.tasks.all():
            m = tasks.get(task.pk) or Milestone(conference=conference, kind=Milestone.Kind.TASK,
                                                task=task)
            m.title, m.unit, m.order = task.text[:300], task.unit, 100 + task.order
            if task.offset_days is not None and conference.held_on:
                due = rules.task_due(get_calendar(), conference.held_on, task.offset_days)
                m.due_on, m.rule = due.due_on, due.rule
            else:
                m.due_on, m.rule = None, ""
            m.save()


def sync_milestones(conference: Conference) -> None:
    """Recompute a conference's milestones (after a calendar or plan change)."""
    with transaction.atomic():
        _sync_milestones(conference)


def recompute_open_milestones(on_or_after: dt.date | None = None) -> int:
    """After a change of the working-day calendar: conferences still ahead move with it."""
    qs = Conference.objects.exclude(held_on=None).exclude(state=Conference.State.CLOSED)
    if on_or_after:
        qs = qs.filter(held_on__gte=on_or_after - dt.timedelta(days=60))
    n = 0
    for conference in qs.select_related("plan"):
        sync_milestones(conference)
        n += 1
    return n


# -- milestones -------------------------------------------------------------------------------


def mark_done(*, actor, milestone: Milestone, proof: str, done_on: dt.date | None = None
              ) -> Milestone:
    """A step is done: a proof is required (document number, where it was posted, …)."""
    roles = OFFICE_ROLES | {Role.UNIT_OFFICER}
    require_role(actor, milestone, roles,
                 _("Chỉ Văn phòng, lãnh đạo hoặc đơn vị phụ trách được xác nhận việc này."))
    proof = nfc(proof or "").strip()
    if not proof:
        raise ValidationError({"proof": _("Hãy ghi minh chứng (số văn bản, nơi đăng tải, "
                                          "người nhận, …) trước khi xác nhận hoàn thành.")})
    done_on = done_on or _today()
    if done_on > _today():
        raise ValidationError({"done_on": _("Ngày hoàn thành không được sau hôm nay.")})
    with transaction.atomic():
        milestone = _locked(Milestone, milestone.pk)
        if milestone.done_on:
            raise ValidationError(_("Việc này đã được xác nhận hoàn thành."))
        state = Conference.objects.values_list("state", flat=True).get(
            pk=milestone.conference_id)
        if milestone.kind in AFTER_THE_SESSION and state == Conference.State.PLANNED:
            raise ValidationError(_("Việc này làm sau hội nghị: hãy ghi nhận hội nghị đã tổ "
                                    "chức trước."))
        before = snapshot(milestone)
        milestone.done_on, milestone.proof = done_on, proof
        milestone.done_by = actor if actor and actor.is_authenticated else None
        milestone.done_at = timezone.now()
        milestone.save()
        record(actor=actor, action="milestone.done", obj=milestone, before=before,
               after=snapshot(milestone))
    return milestone


def undo_done(*, actor, milestone: Milestone, reason: str) -> Milestone:
    """A confirmation made by mistake is withdrawn, with a reason."""
    _office(actor, milestone)
    reason = require_reason(reason)
    with transaction.atomic():
        milestone = _locked(Milestone, milestone.pk)
        before = snapshot(milestone)
        milestone.done_on = milestone.done_by = milestone.done_at = None
        milestone.proof = ""
        milestone.save()
        record(actor=actor, action="milestone.undo", obj=milestone, before=before,
               after=snapshot(milestone), reason=reason)
    return milestone


def confirm_automatic(conference: Conference, kind: str, proof: str, actor=None,
                      done_on: dt.date | None = None) -> None:
    """The product confirms a step it can see is done (call inside the caller's
    transaction); `done_on` when the step was done earlier than today (a dated notice)."""
    m = conference.milestones.filter(kind=kind, done_on=None).first()
    if m is None:
        return
    before = snapshot(m)
    m.done_on, m.proof, m.done_at = done_on or _today(), proof, timezone.now()
    m.done_by = actor if actor and actor.is_authenticated else None
    m.save()
    record(actor=actor, action="milestone.done", obj=m, before=before, after=snapshot(m))


def milestone_status(m: Milestone, today: dt.date | None = None) -> str:
    """done / done_late / overdue / due (due soon or later) / unscheduled."""
    today = today or _today()
    if m.done_on:
        return "done_late" if m.due_on and m.done_on > m.due_on else "done"
    if m.due_on is None:
        return "unscheduled"
    return "overdue" if today > m.due_on else "due"


# -- after the session ------------------------------------------------------------------------


def record_outcome(*, actor, conference: Conference, outcome: str, attendance: int | None,
                   version: int | None = None) -> Conference:
    """The secretary records the session by hand (until the live room's minutes do it):
    the conference is held."""
    _office(actor, conference)
    outcome = nfc(outcome or "").strip()
    if not outcome:
        raise ValidationError({"outcome": _("Hãy ghi tóm tắt kết quả hội nghị.")})
    with transaction.atomic():
        conference = _locked(Conference, conference.pk)
        _check_version(conference, version)
        if conference.state != Conference.State.PLANNED:
            raise ValidationError(_("Hội nghị đã được ghi nhận là đã tổ chức."))
        if conference.held_on is None or conference.held_on > _today():
            raise ValidationError(_("Chưa đến ngày tổ chức hội nghị."))
        before = snapshot(conference)
        conference.state, conference.outcome = Conference.State.HELD, outcome
        conference.attendance = attendance if attendance is not None else checked_in_count(
            conference)
        conference.held_recorded_at = timezone.now()
        _bump(conference)
        conference.save()
        record(actor=actor, action="conference.held", obj=conference, before=before,
               after=snapshot(conference))
    return conference


def checked_in_count(conference: Conference) -> int:
    """People checked in at the door. Check-ins before the conference day (a rehearsal of the
    door, say) are not attendance."""
    from doithoai.dialogues.models import Invitation

    checked = Invitation.objects.filter(delegate__conference=conference).exclude(
        checked_in_at=None)
    if conference.held_on is not None:
        start = timezone.make_aware(dt.datetime.combine(conference.held_on, dt.time.min))
        checked = checked.filter(checked_in_at__gte=start)
    return checked.count()


def set_conclusion(*, actor, conference: Conference, conclusion: str,
                   version: int | None = None) -> Conference:
    """The chair's conclusion written down before the notice is issued (held only): the
    notice is rendered from it."""
    _office(actor, conference)
    conclusion = nfc(conclusion or "").strip()
    if not conclusion:
        raise ValidationError({"conclusion": _("Hãy ghi nội dung kết luận.")})
    with transaction.atomic():
        conference = _locked(Conference, conference.pk)
        _check_version(conference, version)
        if conference.state != Conference.State.HELD:
            raise ValidationError(_("Chỉ ban hành thông báo kết luận sau khi hội nghị đã tổ "
                                    "chức và chưa có thông báo kết luận."))
        if conference.conclusion == conclusion:
            return conference
        before = snapshot(conference)
        conference.conclusion = conclusion
        _bump(conference)
        conference.save()
        record(actor=actor, action="conference.conclusion_text", obj=conference,
               before=before, after=snapshot(conference))
    return conference


def issue_conclusion(*, actor, conference: Conference, number: str, concluded_on: dt.date,
                     conclusion: str, version: int | None = None) -> Conference:
    """The conclusion notice is issued (held → concluded); its milestone is confirmed."""
    _office(actor, conference)
    number, conclusion = nfc(number).strip(), nfc(conclusion or "").strip()
    errors = {}
    if not number:
        errors["number"] = _("Hãy ghi số thông báo kết luận (ví dụ 45/TB-UBND).")
    if not conclusion:
        errors["conclusion"] = _("Hãy ghi nội dung kết luận.")
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        conference = _locked(Conference, conference.pk)
        _check_version(conference, version)
        if conference.state != Conference.State.HELD:
            raise ValidationError(_("Chỉ ban hành thông báo kết luận sau khi hội nghị đã tổ "
                                    "chức và chưa có thông báo kết luận."))
        if concluded_on < conference.held_on or concluded_on > _today():
            raise ValidationError({"concluded_on": _("Ngày thông báo phải từ ngày hội nghị "
                                                     "đến hôm nay.")})
        before = snapshot(conference)
        conference.state = Conference.State.CONCLUDED
        conference.conclusion_number, conference.concluded_on = number, concluded_on
        conference.conclusion = conclusion
        _bump(conference)
        conference.save()
        record(actor=actor, action="conference.conclude", obj=conference, before=before,
               after=snapshot(conference))
        confirm_automatic(conference, Milestone.Kind.CONCLUSION_NOTICE,
                          f"Thông báo kết luận số {number} ngày {concluded_on:%d/%m/%Y}", actor,
                          done_on=concluded_on)
    return conference


def unsettled(conference: Conference):
    """The conference's petitions still waiting for an answer."""
    from doithoai.petitions.models import Petition

    return Petition.objects.filter(conference=conference).exclude(state__in=SETTLED_STATES)


def close_conference(*, actor, conference: Conference, version: int | None = None
                     ) -> Conference:
    """Every petition of the conference is answered or escalated: the conference is closed."""
    _office(actor, conference)
    with transaction.atomic():
        conference = _locked(Conference, conference.pk)
        _check_version(conference, version)
        if conference.state != Conference.State.CONCLUDED:
            raise ValidationError(_("Chỉ hoàn thành được hội nghị đã có thông báo kết luận."))
        left = unsettled(conference).count()
        if left:
            raise ValidationError(ngettext(
                "Còn %(n)s ý kiến chưa được trả lời hoặc chuyển cấp trên.",
                "Còn %(n)s ý kiến chưa được trả lời hoặc chuyển cấp trên.", left) % {"n": left})
        before = snapshot(conference)
        conference.state, conference.closed_at = Conference.State.CLOSED, timezone.now()
        _bump(conference)
        conference.save()
        record(actor=actor, action="conference.close", obj=conference, before=before,
               after=snapshot(conference))
        confirm_automatic(conference, Milestone.Kind.WRITTEN_ANSWERS,
                          "Mọi ý kiến của hội nghị đã được trả lời hoặc chuyển cấp trên", actor)
    return conference
