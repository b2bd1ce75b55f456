"""Participants: the plan's composition becomes delegates, villages send their lists,
invitations go out with a check-in code, and at the door people are checked in.

One function per use case, one transaction, one audit event. Who may act:
- the office (clerk, leader): everything;
- a Front officer: any village's list (and answers to invitations);
- a village head: his own village's list only (the permission layer scopes Delegate and
  VillageReturn by village);
- supervisors and overseers: read only.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from doithoai.audit.services import record, require_reason, snapshot
from doithoai.core import tracking
from doithoai.core.text import fold, nfc
from doithoai.dialogues.actions import conferences as services
from doithoai.dialogues.models import (
    Conference,
    Delegate,
    Invitation,
    Milestone,
    ParticipantGroup,
    VillageReturn,
)
from doithoai.org.access import OFFICE_ROLES, require_role
from doithoai.org.models import Person, Role, Unit, Village

Side = ParticipantGroup.Side
LIST_ROLES = OFFICE_ROLES | {Role.FRONT_OFFICER, Role.VILLAGE_HEAD}
RESPONSE_ROLES = OFFICE_ROLES | {Role.FRONT_OFFICER}
# Citizen representatives per village when the conference has no plan (the DH seed's 3).
DEFAULT_CITIZEN_SEATS = 3
# How a unit's head's position starts (folded): "Trưởng phòng …", "Chủ tịch Ủy ban MTTQ …".
HEAD_WORDS = ("truong", "chu tich", "giam doc", "chi huy truong", "tram truong", "hat truong",
              "hieu truong", "bi thu")
CODE_ATTEMPTS = 20


class AlreadyCheckedIn(ValidationError):
    """The person was already checked in: nothing changed."""


def _office(actor, obj) -> None:
    require_role(actor, obj, OFFICE_ROLES,
                 _("Chỉ Văn phòng hoặc lãnh đạo UBND được làm việc này."))


def _who(actor):
    return actor if actor is not None and actor.is_authenticated else None


def _locked_conference(conference: Conference) -> Conference:
    return Conference.objects.select_for_update().get(pk=conference.pk)


def _require_lists_open(conference: Conference) -> None:
    if conference.state not in (Conference.State.PLANNED, Conference.State.HELD):
        raise ValidationError(_("Hội nghị đã có thông báo kết luận: danh sách đại biểu đã "
                                "chốt, không thay đổi được nữa."))


def _require_planned(conference: Conference) -> None:
    if conference.state != Conference.State.PLANNED:
        raise ValidationError(_("Hội nghị đã diễn ra: không gửi giấy mời được nữa."))


def _fmt_date(day: dt.date | None) -> str:
    return day.strftime("%d/%m/%Y") if day else ""


def _fmt_time(moment: dt.datetime) -> str:
    return timezone.localtime(moment).strftime("%H:%M")


# -- reading ----------------------------------------------------------------------------------


def village_return(conference: Conference, village: Village) -> VillageReturn:
    """The village's return for this conference (created for a covered village)."""
    if village.pk not in {v.pk for v in services.covered_villages(conference)}:
        raise ValidationError(_("Thôn %(v)s không thuộc phạm vi hội nghị này.")
                              % {"v": village.name})
    vr, _created = VillageReturn.objects.get_or_create(conference=conference, village=village)
    return vr


def citizen_seats(conference: Conference, village: Village,
                  vr: VillageReturn | None = None) -> int:
    """How many citizen representatives the village may send: its own quota, else the
    plan's citizen groups."""
    if vr is None:
        vr = conference.village_returns.filter(village=village).first()
    if vr is not None and vr.citizen_seats is not None:
        return vr.citizen_seats
    if not conference.plan_id:
        return DEFAULT_CITIZEN_SEATS
    return sum(g.seats for g in conference.plan.groups.filter(side=Side.CITIZEN))


def village_role_seats(conference: Conference) -> int:
    if not conference.plan_id:
        return 0
    return sum(g.seats for g in conference.plan.groups.filter(side=Side.VILLAGE))


def delegate_lists_due(conference: Conference) -> dt.date | None:
    m = conference.milestones.filter(kind=Milestone.Kind.DELEGATE_LISTS).first()
    return m.due_on if m else None


def invitations_due(conference: Conference) -> dt.date | None:
    m = conference.milestones.filter(kind=Milestone.Kind.INVITATIONS).first()
    return m.due_on if m else None


def sending_late(conference: Conference, today: dt.date | None = None) -> dt.date | None:
    """The invitations' due date when sending today is after it (else None)."""
    due = invitations_due(conference)
    today = today or timezone.localdate()
    return due if due and today > due else None


def is_late_list(vr: VillageReturn) -> bool:
    """Whether the village's list came after its due day — as recorded when it was sent, so
    a conference brought forward later does not turn an on-time list into a late one."""
    return bool(vr.delegates_sent_at and vr.delegates_late)


def _late(moment: dt.datetime, due: dt.date | None) -> bool:
    return bool(due and timezone.localdate(moment) > due)


def addressable(qs):
    """Delegates an invitation can be addressed to: a name, or at least a unit."""
    return qs.exclude(full_name="", unit__isnull=True)


def unnamed(qs):
    """Seats with neither a name nor a unit (a village seat nobody was named for yet)."""
    return qs.filter(full_name="", unit__isnull=True)


@dataclass(frozen=True)
class VillageRow:
    village: Village
    village_return: VillageReturn
    role_delegates: int
    citizens: int
    citizen_seats: int
    late: bool


def village_rows(conference: Conference, villages=None) -> list[VillageRow]:
    """Per covered village: delegates entered against seats, sent or not, late or not."""
    returns = {vr.village_id: vr for vr in conference.village_returns.all()}
    counts: dict[tuple[int, str], int] = {}
    for village_id, side in conference.delegates.exclude(village=None).values_list(
            "village_id", "side"):
        counts[village_id, side] = counts.get((village_id, side), 0) + 1
    rows = []
    for village in villages if villages is not None else services.covered_villages(conference):
        vr = returns.get(village.pk) or VillageReturn(conference=conference, village=village)
        rows.append(VillageRow(
            village=village, village_return=vr,
            role_delegates=counts.get((village.pk, Side.VILLAGE), 0),
            citizens=counts.get((village.pk, Side.CITIZEN), 0),
            citizen_seats=citizen_seats(conference, village, vr),
            late=is_late_list(vr)))
    return rows


@dataclass(frozen=True)
class SendingSummary:
    """Where the sending of invitations stands, for the office's page."""

    sent: int  # invitations sent (whether or not to be sent again)
    late: int  # of which sent after the due day
    last_sent_at: dt.datetime | None
    unnamed: int  # seats without a name or a unit, so without an invitation yet


def sending_summary(conference: Conference) -> SendingSummary:
    sent = Invitation.objects.filter(delegate__conference=conference).exclude(sent_at=None)
    return SendingSummary(
        sent=sent.count(), late=sent.filter(sent_late=True).count(),
        last_sent_at=sent.aggregate(last=Max("sent_at"))["last"],
        unnamed=unnamed(conference.delegates.filter(invitation__isnull=True)).count())


def counts(conference: Conference) -> dict[str, int]:
    """The live figures at the door and on the office's page."""
    invitations = Invitation.objects.filter(delegate__conference=conference)
    return {
        "delegates": conference.delegates.count(),
        "invited": invitations.count(),
        "sent": invitations.exclude(sent_at=None).count(),
        "confirmed": invitations.filter(state=Invitation.State.CONFIRMED).count(),
        "declined": invitations.filter(state=Invitation.State.DECLINED).count(),
        "needs_resend": invitations.filter(needs_resend=True).count(),
        "checked_in": invitations.exclude(checked_in_at=None).count(),
    }


def in_list_order(qs):
    """Delegates as the list reads: the commune, guests, then village by village (village
    roles before citizen representatives)."""
    from django.db.models import Case, IntegerField, Value, When

    rank = Case(When(side=Side.COMMUNE, then=Value(0)), When(side=Side.EXTRA, then=Value(1)),
                When(side=Side.VILLAGE, then=Value(2)), default=Value(3),
                output_field=IntegerField())
    return qs.annotate(
        list_block=Case(When(village=None, then=rank), default=Value(5),
                        output_field=IntegerField()),
        side_rank=rank,
    ).order_by("list_block", "village__order", "village__name", "side_rank", "pk")


def find_by_name(delegates, query: str, limit: int = 20) -> list[Delegate]:
    """Delegates whose name or position contains the query, ignoring case and diacritics."""
    key = fold(nfc(query or ""))
    if not key:
        return []
    found = [d for d in delegates if key in fold(f"{d.full_name} {d.position}")]
    return found[:limit]


# -- building the list from the plan --------------------------------------------------------


def _head_of(unit: Unit, used: set[int]) -> Person | None:
    people = Person.objects.filter(unit=unit).exclude(pk__in=used).order_by("pk")
    for person in people:
        position = fold(person.position)
        if position.startswith("pho "):
            continue
        if any(position.startswith(word) for word in HEAD_WORDS):
            return person
    return None


def _leaders_for(group: ParticipantGroup, agency_id: int, used: set[int]) -> list[Person]:
    """The people a commune group without a unit names, where the label makes it evident."""
    label = fold(group.label)
    people = Person.objects.filter(agency_id=agency_id).exclude(pk__in=used).select_related(
        "unit")
    if label.startswith("chu tri") or "pho chu tich ubnd" in label:
        chosen = [p for p in people if fold(p.position).startswith(("chu tich ubnd",
                                                                      "pho chu tich ubnd"))]
        chosen.sort(key=lambda p: (fold(p.position).startswith("pho"), p.pk))
        return chosen
    if "hdnd" in label or "hoi dong nhan dan" in label:
        return [p for p in people if (p.unit and p.unit.kind == Unit.Kind.COUNCIL)
                or "hdnd" in fold(p.position)]
    if "dang uy" in label:
        return [p for p in people if (p.unit and p.unit.kind == Unit.Kind.PARTY)
                or "dang uy" in fold(p.position)]
    return []


def _village_head(village: Village, used: set[int]) -> Person | None:
    return (Person.objects.filter(village=village, position__iexact="Trưởng thôn")
            .exclude(pk__in=used).order_by("pk").first())


def build_delegates(*, actor, conference: Conference) -> int:
    """The composition of the plan becomes delegates: commune groups (a unit's group named
    after the unit's head, the chair group after the UBND leaders) and, for every covered
    village, its village-role seats (the village head by name). Citizen representatives are
    entered by the villages. Running it again adds only what is missing. Returns how many
    delegates were added."""
    _office(actor, conference)
    if not conference.plan_id:
        raise ValidationError(_("Hội nghị chưa gắn với kế hoạch nào: chưa có thành phần tham "
                                "dự để lập danh sách."))
    with transaction.atomic():
        conference = _locked_conference(conference)
        _require_lists_open(conference)
        existing: dict[tuple[int | None, int | None], int] = {}
        for group_id, village_id in conference.delegates.values_list("group_id", "village_id"):
            existing[group_id, village_id] = existing.get((group_id, village_id), 0) + 1
        used = set(conference.delegates.exclude(person=None).values_list("person_id",
                                                                          flat=True))
        villages = services.covered_villages(conference)
        who = _who(actor)
        new: list[Delegate] = []
        for group in conference.plan.groups.select_related("unit"):
            if group.side in (Side.COMMUNE, Side.EXTRA):
                missing = group.seats - existing.get((group.pk, None), 0)
                if missing <= 0:
                    continue
                if group.unit_id:
                    head = _head_of(group.unit, used)
                    people = [head] if head else []
                else:
                    people = _leaders_for(group, conference.agency_id, used)
                for i in range(missing):
                    person = people[i] if i < len(people) else None
                    if person:
                        used.add(person.pk)
                    new.append(Delegate(
                        conference=conference, group=group, side=group.side, unit=group.unit,
                        person=person, full_name=person.full_name if person else "",
                        position=(person.position if person and person.position
                                  else group.label)[:250],
                        phone=person.phone if person else "", added_by=who))
            elif group.side == Side.VILLAGE:
                is_head_group = fold(group.label).startswith("truong thon")
                for village in villages:
                    missing = group.seats - existing.get((group.pk, village.pk), 0)
                    for i in range(max(missing, 0)):
                        person = _village_head(village, used) if is_head_group and i == 0 \
                            else None
                        if person:
                            used.add(person.pk)
                        new.append(Delegate(
                            conference=conference, group=group, side=Side.VILLAGE,
                            village=village, person=person,
                            full_name=person.full_name if person else "",
                            position=group.label, phone=person.phone if person else "",
                            added_by=who))
        for village in villages:
            VillageReturn.objects.get_or_create(conference=conference, village=village)
        for delegate in new:
            delegate.save()
        refusal = services.check_hall(conference)
        record(actor=actor, action="delegates.build", obj=conference,
               after={"added": len(new), "delegates": conference.delegates.count(),
                      "hall_warning": refusal or ""})
    return len(new)


# -- the lists ---------------------------------------------------------------------------------


def _require_list_role(actor, conference: Conference, village: Village | None) -> None:
    if village is None:
        _office(actor, conference)
        return
    vr = village_return(conference, village)
    require_role(actor, vr, LIST_ROLES,
                 _("Chỉ Văn phòng, Mặt trận hoặc trưởng thôn của thôn này được sửa danh sách "
                   "đại biểu của thôn."))


def _check_citizen_quota(conference: Conference, village: Village,
                         exclude_pk: int | None = None) -> None:
    seats = citizen_seats(conference, village)
    have = conference.delegates.filter(side=Side.CITIZEN, village=village)
    if exclude_pk:
        have = have.exclude(pk=exclude_pk)
    if have.count() >= seats:
        raise ValidationError(_("%(v)s chỉ được cử %(n)s đại diện Nhân dân và đã đủ số: hãy "
                                "sửa hoặc bỏ một người trước khi thêm người khác.")
                              % {"v": village.name, "n": seats})


def _clean_fields(full_name: str, position: str, phone: str, *, name_required: bool) -> dict:
    full_name, position, phone = nfc(full_name or ""), nfc(position or ""), nfc(phone or "")
    errors = {}
    if name_required and not full_name:
        errors["full_name"] = _("Hãy ghi họ và tên đại biểu.")
    if not full_name and not position:
        errors["position"] = _("Hãy ghi họ tên hoặc chức vụ, thành phần của đại biểu.")
    if len(full_name) > 120:
        errors["full_name"] = _("Họ và tên quá dài (tối đa 120 ký tự).")
    if len(position) > 250:
        errors["position"] = _("Chức vụ quá dài (tối đa 250 ký tự).")
    if phone and (len(phone) > 30 or not all(ch.isdigit() or ch in " +.-()" for ch in phone)
                  or sum(ch.isdigit() for ch in phone) < 8):
        errors["phone"] = _("Số điện thoại không hợp lệ (ví dụ 0912 345 678).")
    if errors:
        raise ValidationError(errors)
    return {"full_name": full_name, "position": position, "phone": phone}


def add_delegate(*, actor, conference: Conference, side: str, full_name: str = "",
                 position: str = "", phone: str = "", village: Village | None = None,
                 unit: Unit | None = None) -> Delegate:
    """Add someone to the list: a village's citizen representative (within its quota) or a
    village role, or (office) a commune delegate or guest."""
    if side not in Side.values:
        raise ValidationError({"side": _("Nhóm đại biểu không hợp lệ.")})
    if side in (Side.VILLAGE, Side.CITIZEN) and village is None:
        raise ValidationError({"village": _("Hãy chọn thôn của đại biểu.")})
    if side in (Side.COMMUNE, Side.EXTRA):
        village = None
    if unit is not None and unit.agency_id != conference.agency_id:
        raise ValidationError({"unit": _("Đơn vị không thuộc cơ quan này.")})
    _require_list_role(actor, conference, village)
    fields = _clean_fields(full_name, position, phone, name_required=side == Side.CITIZEN)
    if side == Side.CITIZEN and not fields["position"]:
        fields["position"] = "Đại diện Nhân dân"
    with transaction.atomic():
        conference = _locked_conference(conference)
        _require_lists_open(conference)
        if side == Side.CITIZEN:
            _check_citizen_quota(conference, village)
        group = None
        if conference.plan_id:
            group = conference.plan.groups.filter(side=side, unit=unit).first() \
                if side in (Side.CITIZEN, Side.EXTRA) else None
        delegate = Delegate.objects.create(
            conference=conference, side=side, village=village, unit=unit, group=group,
            added_by=_who(actor), **fields)
        record(actor=actor, action="delegate.add", obj=delegate, after=snapshot(delegate))
    return delegate


def update_delegate(*, actor, delegate: Delegate, full_name: str, position: str,
                    phone: str = "") -> Delegate:
    """Correct a delegate's name, position or phone (e.g. name the person of a village
    seat). A changed name on an invitation already sent marks it to be sent again."""
    _require_list_role(actor, delegate.conference, delegate.village)
    fields = _clean_fields(full_name, position, phone,
                           name_required=delegate.side == Side.CITIZEN)
    with transaction.atomic():
        delegate = Delegate.objects.select_for_update().get(pk=delegate.pk)
        _require_lists_open(delegate.conference)
        before = snapshot(delegate)
        renamed = fields["full_name"] != delegate.full_name
        for name, value in fields.items():
            setattr(delegate, name, value)
        delegate.save()
        invitation = Invitation.objects.filter(delegate=delegate).first()
        if renamed and invitation and invitation.sent_at and not invitation.checked_in_at:
            invitation.needs_resend = True
            invitation.save(update_fields=["needs_resend"])
        record(actor=actor, action="delegate.update", obj=delegate, before=before,
               after=snapshot(delegate))
    return delegate


def remove_delegate(*, actor, delegate: Delegate, reason: str = "") -> None:
    """Take someone off the list (with the invitation); never after he was checked in, and
    with a reason once his invitation went out (he was told he is invited)."""
    _require_list_role(actor, delegate.conference, delegate.village)
    with transaction.atomic():
        delegate = Delegate.objects.select_for_update().get(pk=delegate.pk)
        _require_lists_open(delegate.conference)
        invitation = Invitation.objects.filter(delegate=delegate).first()
        if invitation and invitation.checked_in_at:
            raise ValidationError(_("%(name)s đã điểm danh lúc %(t)s: không bỏ khỏi danh sách "
                                    "được.") % {"name": delegate, "t":
                                               _fmt_time(invitation.checked_in_at)})
        if invitation and invitation.sent_at:
            reason = require_reason(reason)
        record(actor=actor, action="delegate.remove", obj=delegate, before=snapshot(delegate),
               after={"invitation": invitation.code if invitation else None}, reason=reason)
        delegate.delete()


@dataclass(frozen=True)
class Submitted:
    village_return: VillageReturn
    late: bool
    due_on: dt.date | None
    all_in: bool


def submit_village_list(*, actor, conference: Conference, village: Village) -> Submitted:
    """The village sends its delegate list. Late against the DELEGATE_LISTS milestone is
    said; when every covered village has sent, the milestone is confirmed."""
    _require_list_role(actor, conference, village)
    with transaction.atomic():
        conference = _locked_conference(conference)
        if conference.state != Conference.State.PLANNED:
            raise ValidationError(_("Hội nghị đã diễn ra: không gửi danh sách được nữa."))
        vr = VillageReturn.objects.select_for_update().get(conference=conference,
                                                           village=village)
        if vr.delegates_sent_at:
            raise ValidationError(_("%(v)s đã gửi danh sách lúc %(t)s ngày %(d)s.")
                                  % {"v": village.name, "t": _fmt_time(vr.delegates_sent_at),
                                     "d": _fmt_date(timezone.localdate(vr.delegates_sent_at))})
        citizens = conference.delegates.filter(side=Side.CITIZEN, village=village).count()
        if citizens == 0:
            raise ValidationError(_("Danh sách của %(v)s chưa có đại diện Nhân dân nào: hãy "
                                    "nhập tên trước khi gửi.") % {"v": village.name})
        before = snapshot(vr)
        due = delegate_lists_due(conference)
        now = timezone.now()
        late = _late(now, due)
        vr.delegates_sent_at, vr.delegates_sent_by, vr.delegates_late = now, _who(actor), late
        vr.save()
        record(actor=actor, action="delegates.submit", obj=vr, before=before,
               after={**snapshot(vr), "late": late, "citizens": citizens})
        covered = {v.pk for v in services.covered_villages(conference)}
        sent = set(conference.village_returns.exclude(delegates_sent_at=None)
                   .values_list("village_id", flat=True))
        all_in = covered <= sent
        if all_in:
            services.confirm_automatic(
                conference, Milestone.Kind.DELEGATE_LISTS,
                f"Đủ danh sách đại biểu của {len(covered)} thôn", actor)
    return Submitted(vr, late, due, all_in)


def set_village_quota(*, actor, conference: Conference, village: Village,
                      seats: int | None) -> VillageReturn:
    """The office sets how many citizen representatives a village sends (None: the plan's
    number). Refused when fewer than those already entered, or when the hall is too small."""
    _office(actor, conference)
    if seats is not None and not 0 <= seats <= 50:
        raise ValidationError({"seats": _("Số đại diện mỗi thôn phải từ 0 đến 50.")})
    with transaction.atomic():
        conference = _locked_conference(conference)
        _require_lists_open(conference)
        vr = village_return(conference, village)
        have = conference.delegates.filter(side=Side.CITIZEN, village=village).count()
        if seats is not None and seats < have:
            raise ValidationError({"seats": _("%(v)s đã nhập %(have)s đại diện Nhân dân: hãy bỏ "
                                              "bớt trước khi giảm xuống %(n)s.")
                                   % {"v": village.name, "have": have, "n": seats}})
        before = snapshot(vr)
        vr.citizen_seats = seats
        vr.save()
        refusal = services.check_hall(conference)
        if refusal:
            raise ValidationError({"seats": refusal})
        record(actor=actor, action="delegates.quota", obj=vr, before=before,
               after=snapshot(vr))
    return vr


# -- invitations -------------------------------------------------------------------------------


def _unique_code(taken: set[str]) -> str:
    for _attempt in range(CODE_ATTEMPTS):
        code = tracking.new_code()
        if code not in taken and not Invitation.objects.filter(code=code).exists():
            taken.add(code)
            return code
    raise RuntimeError("could not find a free check-in code")


def _new_invitation(delegate: Delegate, taken: set[str]) -> Invitation:
    """An invitation with a fresh code; a collision under a concurrent writer is retried."""
    for _attempt in range(CODE_ATTEMPTS):
        try:
            with transaction.atomic():
                return Invitation.objects.create(delegate=delegate, code=_unique_code(taken))
        except IntegrityError:
            if Invitation.objects.filter(delegate=delegate).exists():
                raise
    raise RuntimeError("could not store a check-in code")


def prepare_invitations(*, actor, conference: Conference) -> int:
    """An invitation with its check-in code for every delegate who has none — except seats
    with neither a name nor a unit: an invitation cannot be addressed to nobody; they get
    theirs once someone is named."""
    _office(actor, conference)
    with transaction.atomic():
        conference = _locked_conference(conference)
        _require_planned(conference)
        delegates = list(addressable(conference.delegates.filter(invitation__isnull=True)))
        if not conference.delegates.exists():
            raise ValidationError(_("Danh sách đại biểu đang trống: hãy lập danh sách trước."))
        taken: set[str] = set()
        made = [_new_invitation(d, taken) for d in delegates]
        skipped = unnamed(conference.delegates.filter(invitation__isnull=True)).count()
        record(actor=actor, action="invitations.prepare", obj=conference,
               after={"prepared": len(made), "codes": [i.code for i in made],
                      "unnamed_skipped": skipped})
    return len(made)


@dataclass(frozen=True)
class Sent:
    count: int
    late: bool
    due_on: dt.date | None
    all_sent: bool


def send_invitations(*, actor, conference: Conference, delegates=None,
                     late_ok: bool = True) -> Sent:
    """Mark invitations sent (all prepared ones, or those of `delegates`); a change of date
    that flagged them is cleared. After the INVITATIONS due date they are marked as sent late
    — the page warns first and passes late_ok only once the office has confirmed. When every
    delegate's invitation is out, the milestone is confirmed."""
    _office(actor, conference)
    with transaction.atomic():
        conference = _locked_conference(conference)
        _require_planned(conference)
        if conference.held_on is None:
            raise ValidationError(_("Chưa ấn định ngày tổ chức: chưa gửi giấy mời được."))
        due = invitations_due(conference)
        late = bool(sending_late(conference))
        if late and not late_ok:
            raise ValidationError(_("Hạn gửi giấy mời là %(d)s: gửi hôm nay là sau hạn. Hãy "
                                    "đánh dấu xác nhận nếu vẫn gửi; giấy mời sẽ được ghi là gửi "
                                    "sau hạn.") % {"d": _fmt_date(due)})
        qs = Invitation.objects.select_for_update().filter(delegate__conference=conference)
        if delegates is not None:
            qs = qs.filter(delegate__in=[d.pk if hasattr(d, "pk") else d for d in delegates])
        pending = [i for i in qs if i.sent_at is None or i.needs_resend]
        if not pending:
            raise ValidationError(_("Không có giấy mời nào cần gửi. Hãy chuẩn bị giấy mời cho "
                                    "đại biểu mới trước."))
        now = timezone.now()
        for invitation in pending:
            if invitation.state == Invitation.State.PREPARED:
                invitation.state = Invitation.State.SENT
            invitation.sent_at, invitation.sent_late, invitation.needs_resend = now, late, False
            invitation.save()
        all_sent = not addressable(conference.delegates.filter(
            invitation__isnull=True)).exists() and \
            not Invitation.objects.filter(delegate__conference=conference).filter(
                sent_at=None).exists() and \
            not Invitation.objects.filter(delegate__conference=conference,
                                          needs_resend=True).exists()
        record(actor=actor, action="invitations.send", obj=conference,
               after={"sent": len(pending), "late": late, "due_on": due,
                      "codes": [i.code for i in pending]})
        if all_sent:
            total = Invitation.objects.filter(delegate__conference=conference).count()
            services.confirm_automatic(
                conference, Milestone.Kind.INVITATIONS,
                f"Đã gửi giấy mời cho {total} đại biểu"
                + (" (sau hạn)" if late else ""), actor)
    return Sent(len(pending), late, due, all_sent)


def record_response(*, actor, invitation: Invitation, confirmed: bool) -> Invitation:
    """The delegate answers: will attend, or sends apologies."""
    require_role(actor, invitation, RESPONSE_ROLES,
                 _("Chỉ Văn phòng hoặc Mặt trận được ghi trả lời của đại biểu."))
    with transaction.atomic():
        invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
        _require_planned(invitation.delegate.conference)
        if invitation.sent_at is None:
            raise ValidationError(_("Giấy mời %(code)s chưa được gửi.")
                                  % {"code": invitation.code})
        if invitation.checked_in_at:
            raise ValidationError(_("Đại biểu đã điểm danh: không ghi báo vắng được."))
        before = snapshot(invitation)
        invitation.state = (Invitation.State.CONFIRMED if confirmed
                            else Invitation.State.DECLINED)
        invitation.responded_at = timezone.now()
        invitation.save()
        record(actor=actor, action="invitation.respond", obj=invitation, before=before,
               after=snapshot(invitation))
    return invitation


# -- at the door -------------------------------------------------------------------------------


def _require_door_open(conference: Conference) -> None:
    if conference.state not in (Conference.State.PLANNED, Conference.State.HELD):
        raise ValidationError(_("Hội nghị đã kết thúc: không điểm danh được nữa."))


def check_in(*, actor, conference: Conference, code: str | None = None,
             delegate: Delegate | None = None) -> Invitation:
    """Check someone in by the code on his invitation (typed or scanned) or from the list.
    A second check-in changes nothing and says when the first was."""
    _office(actor, conference)
    _require_door_open(conference)
    if delegate is None:
        typed = (code or "").strip()
        if not typed:
            raise ValidationError({"code": _("Hãy nhập hoặc quét mã trên giấy mời.")})
        normal = tracking.normalise(typed)
        if normal is None:
            raise ValidationError({"code": _("“%(code)s” không phải mã giấy mời: mã gồm 8 ký "
                                             "tự, ví dụ ABCD-EFGH.") % {"code": typed[:40]}})
        invitation = (Invitation.objects.select_related("delegate")
                      .filter(code=normal, delegate__conference=conference).first())
        if invitation is None:
            raise ValidationError({"code": _("Không có giấy mời mã %(code)s trong hội nghị "
                                             "này. Hãy tìm theo tên.") % {"code": normal}})
        delegate = invitation.delegate
    elif delegate.conference_id != conference.pk:
        raise ValidationError(_("Đại biểu không thuộc hội nghị này."))
    with transaction.atomic():
        invitation = Invitation.objects.select_for_update().filter(delegate=delegate).first()
        if invitation is None:
            invitation = _new_invitation(delegate, set())
        if invitation.checked_in_at:
            raise AlreadyCheckedIn(_("%(name)s đã điểm danh lúc %(t)s.")
                                   % {"name": delegate, "t": _fmt_time(invitation.checked_in_at)})
        before = snapshot(invitation)
        invitation.checked_in_at, invitation.checked_in_by = timezone.now(), _who(actor)
        invitation.save()
        record(actor=actor, action="invitation.check_in", obj=invitation, before=before,
               after=snapshot(invitation))
    return invitation


def undo_check_in(*, actor, invitation: Invitation, reason: str) -> Invitation:
    """A check-in made by mistake (the wrong person, a rehearsal) is withdrawn, with a
    reason kept in the log."""
    _office(actor, invitation.delegate.conference)
    reason = require_reason(reason)
    with transaction.atomic():
        invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
        if invitation.checked_in_at is None:
            raise ValidationError(_("%(name)s chưa điểm danh.") % {"name": invitation.delegate})
        before = snapshot(invitation)
        invitation.checked_in_at = invitation.checked_in_by = None
        invitation.save()
        record(actor=actor, action="invitation.undo_check_in", obj=invitation, before=before,
               after=snapshot(invitation), reason=reason)
    return invitation


def walk_in(*, actor, conference: Conference, full_name: str, village: Village | None = None,
            position: str = "") -> Invitation:
    """Someone not on the list attends: added (as another guest) and checked in."""
    _office(actor, conference)
    _require_door_open(conference)
    fields = _clean_fields(full_name, position, "", name_required=True)
    if village is not None and village.agency_id != conference.agency_id:
        raise ValidationError({"village": _("Thôn không thuộc xã này.")})
    with transaction.atomic():
        delegate = Delegate.objects.create(
            conference=conference, side=Side.EXTRA, village=village, added_by=_who(actor),
            full_name=fields["full_name"],
            position=fields["position"] or "Người dân đến dự", phone="")
        invitation = _new_invitation(delegate, set())
        invitation.checked_in_at, invitation.checked_in_by = timezone.now(), _who(actor)
        invitation.save()
        record(actor=actor, action="delegate.walk_in", obj=delegate,
               after={**snapshot(delegate), "code": invitation.code})
    return invitation


# -- demo --------------------------------------------------------------------------------------

FAMILY = ["Hoàng", "Lương", "Vi", "Nông", "Lộc", "Triệu", "Lăng", "Mã", "Vy", "Hà", "Chu",
          "Dương", "Nguyễn", "Trần", "Lê", "Phạm", "Đinh", "Mông", "Lành", "Hứa"]
MIDDLE_M = ["Văn", "Đức", "Minh", "Quang"]
MIDDLE_F = ["Thị", "Thị", "Thu", "Ngọc"]
GIVEN_M = ["Pản", "Thắng", "Cường", "Sáng", "Lâm", "Kiên", "Tài", "Phong", "Nhất", "Hợp",
           "Dũng", "Khánh", "Bảo", "Thuận", "Vượng", "Quý"]
GIVEN_F = ["Mai", "Lan", "Hương", "Thoa", "Dung", "Nhàn", "Phượng", "Liên", "Hoa", "Xuân",
           "Thêm", "Nguyệt", "Hằng", "Duyên"]
ROLES = ["Đại diện hộ gia đình", "Cựu chiến binh", "Hội viên Hội Nông dân",
         "Hội viên Hội Phụ nữ", "Đoàn viên thanh niên", "Người cao tuổi"]


def _demo_name(rng: random.Random) -> str:
    if rng.random() < 0.5:
        return f"{rng.choice(FAMILY)} {rng.choice(MIDDLE_M)} {rng.choice(GIVEN_M)}"
    return f"{rng.choice(FAMILY)} {rng.choice(MIDDLE_F)} {rng.choice(GIVEN_F)}"


def _demo_phone(rng: random.Random) -> str:
    return f"09{rng.randint(10, 99)} {rng.randint(100, 999)} {rng.randint(100, 999)}"


def demo_participants(conference: Conference, actor, held: bool = False) -> dict:
    """A realistic list for the demo: the composition built, citizen representatives for most
    villages (two have not sent, one sent late when the deadline has passed), invitations
    prepared and sent, some answers; for a held conference most delegates checked in.
    Call it while the conference is still planned (held=True: on or after its day, before
    record_outcome); some timestamps are set back so the story reads as it would have
    happened."""
    rng = random.Random(conference.pk * 7919)
    build_delegates(actor=actor, conference=conference)
    villages = services.covered_villages(conference)
    missing = {v.pk for v in villages[-2:]} if len(villages) > 3 else set()
    due = delegate_lists_due(conference)
    sending = [v for v in villages if v.pk not in missing]
    late_village = sending[len(sending) // 2] if sending else None
    for village in sending:
        for seat in conference.delegates.filter(side=Side.VILLAGE, village=village,
                                                full_name=""):
            seat.full_name = _demo_name(rng)
            seat.save(update_fields=["full_name"])
        for _i in range(citizen_seats(conference, village)):
            add_delegate(actor=actor, conference=conference, side=Side.CITIZEN,
                         village=village, full_name=_demo_name(rng),
                         position=rng.choice(ROLES), phone=_demo_phone(rng))
        if conference.state == Conference.State.PLANNED:
            submit_village_list(actor=actor, conference=conference, village=village)
            # When the village sent it: a few days before the deadline, the late one after.
            if due:
                days = -rng.randint(1, 6) if village != late_village else 1
                at = timezone.make_aware(dt.datetime.combine(due + dt.timedelta(days=days),
                                                             dt.time(9 + rng.randint(0, 7))))
                if at <= timezone.now():
                    VillageReturn.objects.filter(conference=conference, village=village).update(
                        delegates_sent_at=at, delegates_late=_late(at, due))
    if conference.state == Conference.State.PLANNED:
        prepare_invitations(actor=actor, conference=conference)
        if conference.held_on:
            send_invitations(actor=actor, conference=conference, late_ok=True)
            inv_due = invitations_due(conference)
            if inv_due:
                at = timezone.make_aware(dt.datetime.combine(inv_due - dt.timedelta(days=1),
                                                             dt.time(15, 0)))
                if at <= timezone.now():
                    Invitation.objects.filter(delegate__conference=conference).update(
                        sent_at=at, sent_late=False)
                    conference.milestones.filter(kind=Milestone.Kind.INVITATIONS).update(
                        done_on=at.date(), done_at=at)
            invitations = list(Invitation.objects.filter(delegate__conference=conference)
                               .order_by("pk"))
            for invitation in invitations:
                roll = rng.random()
                if roll < 0.55:
                    record_response(actor=actor, invitation=invitation, confirmed=True)
                elif roll < 0.62:
                    record_response(actor=actor, invitation=invitation, confirmed=False)
    checked = 0
    if held:
        start = dt.datetime.combine(conference.held_on or timezone.localdate(),
                                    conference.starts_at or dt.time(8, 0))
        for invitation in Invitation.objects.filter(delegate__conference=conference,
                                                    checked_in_at=None).order_by("pk"):
            if invitation.state == Invitation.State.DECLINED or rng.random() < 0.12:
                continue
            at = timezone.make_aware(start - dt.timedelta(minutes=rng.randint(0, 40)))
            Invitation.objects.filter(pk=invitation.pk).update(
                checked_in_at=min(at, timezone.now()), checked_in_by=_who(actor))
            checked += 1
    return {"delegates": conference.delegates.count(),
            "invitations": Invitation.objects.filter(delegate__conference=conference).count(),
            "missing_villages": len(missing), "checked_in": checked}


def require_list_access(user, conference: Conference, village: Village) -> bool:
    """Whether the user may change this village's list (the page shows the forms)."""
    try:
        _require_list_role(user, conference, village)
    except (PermissionDenied, ValidationError):
        return False
    return True
