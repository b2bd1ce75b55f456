"""Delegates: the plan's composition becomes the list, the villages enter and send theirs,
the office sets a village's quota.

Who may act: the office (clerk, leader) everything; a Front officer any village's list; a
village head his own village's list only (`rules.EDIT_VILLAGE_LIST`, asked on the village's
return); supervisors and overseers read only.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from doithoai.audit.services import record, require_reason, snapshot
from doithoai.core import dates
from doithoai.core.text import fold, nfc
from doithoai.dialogues import rules
from doithoai.dialogues.actions.conferences import locked_conference
from doithoai.dialogues.actions.milestones import confirm_automatic
from doithoai.dialogues.models import (
    Conference,
    Delegate,
    Invitation,
    Milestone,
    ParticipantGroup,
    VillageReturn,
)
from doithoai.dialogues.selectors.conferences import check_hall, covered_villages
from doithoai.dialogues.selectors.delegates import citizen_seats, delegate_lists_due, is_late
from doithoai.org import access
from doithoai.org.models import Person, Unit, Village

Side = ParticipantGroup.Side
# How a unit's head's position starts (folded): "Trưởng phòng …", "Chủ tịch Ủy ban MTTQ …".
HEAD_WORDS = ("truong", "chu tich", "giam doc", "chi huy truong", "tram truong", "hat truong",
              "hieu truong", "bi thu")




def _require_lists_open(conference: Conference) -> None:
    if conference.state not in (Conference.State.PLANNED, Conference.State.HELD):
        raise ValidationError(_("Hội nghị đã có thông báo kết luận: danh sách đại biểu đã "
                                "chốt, không thay đổi được nữa."))


def village_return(conference: Conference, village: Village) -> VillageReturn:
    """The village's return for this conference (created for a covered village)."""
    if village.pk not in {v.pk for v in covered_villages(conference)}:
        raise ValidationError(_("Thôn %(v)s không thuộc phạm vi hội nghị này.")
                              % {"v": village.name})
    vr, _created = VillageReturn.objects.get_or_create(conference=conference, village=village)
    return vr


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
    access.require(actor, rules.MANAGE, conference)
    if not conference.plan_id:
        raise ValidationError(_("Hội nghị chưa gắn với kế hoạch nào: chưa có thành phần tham "
                                "dự để lập danh sách."))
    with transaction.atomic():
        conference = locked_conference(conference)
        _require_lists_open(conference)
        existing: dict[tuple[int | None, int | None], int] = {}
        for group_id, village_id in conference.delegates.values_list("group_id", "village_id"):
            existing[group_id, village_id] = existing.get((group_id, village_id), 0) + 1
        used = set(conference.delegates.exclude(person=None).values_list("person_id",
                                                                          flat=True))
        villages = covered_villages(conference)
        who = access.account(actor)
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
        refusal = check_hall(conference)
        record(actor=actor, action="delegates.build", obj=conference,
               after={"added": len(new), "delegates": conference.delegates.count(),
                      "hall_warning": refusal or ""})
    return len(new)


def _require_list_role(actor, conference: Conference, village: Village | None) -> None:
    if village is None:
        access.require(actor, rules.MANAGE, conference)
        return
    access.require(actor, rules.EDIT_VILLAGE_LIST, village_return(conference, village))


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


def clean_delegate_fields(full_name: str, position: str, phone: str, *,
                          name_required: bool) -> dict:
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
    fields = clean_delegate_fields(full_name, position, phone, name_required=side == Side.CITIZEN)
    if side == Side.CITIZEN and not fields["position"]:
        fields["position"] = "Đại diện Nhân dân"
    with transaction.atomic():
        conference = locked_conference(conference)
        _require_lists_open(conference)
        if side == Side.CITIZEN:
            _check_citizen_quota(conference, village)
        group = None
        if conference.plan_id:
            group = conference.plan.groups.filter(side=side, unit=unit).first() \
                if side in (Side.CITIZEN, Side.EXTRA) else None
        delegate = Delegate.objects.create(
            conference=conference, side=side, village=village, unit=unit, group=group,
            added_by=access.account(actor), **fields)
        record(actor=actor, action="delegate.add", obj=delegate, after=snapshot(delegate))
    return delegate


def update_delegate(*, actor, delegate: Delegate, full_name: str, position: str,
                    phone: str = "") -> Delegate:
    """Correct a delegate's name, position or phone (e.g. name the person of a village
    seat). A changed name on an invitation already sent marks it to be sent again."""
    _require_list_role(actor, delegate.conference, delegate.village)
    fields = clean_delegate_fields(full_name, position, phone,
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
                                               dates.clock(timezone.localtime(invitation.checked_in_at))})
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
        conference = locked_conference(conference)
        if conference.state != Conference.State.PLANNED:
            raise ValidationError(_("Hội nghị đã diễn ra: không gửi danh sách được nữa."))
        vr = VillageReturn.objects.select_for_update().get(conference=conference,
                                                           village=village)
        if vr.delegates_sent_at:
            raise ValidationError(_("%(v)s đã gửi danh sách lúc %(t)s ngày %(d)s.")
                                  % {"v": village.name,
                                     "t": dates.clock(timezone.localtime(vr.delegates_sent_at)),
                                     "d": dates.day(timezone.localdate(vr.delegates_sent_at))})
        citizens = conference.delegates.filter(side=Side.CITIZEN, village=village).count()
        if citizens == 0:
            raise ValidationError(_("Danh sách của %(v)s chưa có đại diện Nhân dân nào: hãy "
                                    "nhập tên trước khi gửi.") % {"v": village.name})
        before = snapshot(vr)
        due = delegate_lists_due(conference)
        now = timezone.now()
        late = is_late(now, due)
        vr.delegates_sent_at, vr.delegates_late = now, late
        vr.delegates_sent_by = access.account(actor)
        vr.save()
        record(actor=actor, action="delegates.submit", obj=vr, before=before,
               after={**snapshot(vr), "late": late, "citizens": citizens})
        covered = {v.pk for v in covered_villages(conference)}
        sent = set(conference.village_returns.exclude(delegates_sent_at=None)
                   .values_list("village_id", flat=True))
        all_in = covered <= sent
        if all_in:
            confirm_automatic(
                conference, Milestone.Kind.DELEGATE_LISTS,
                f"Đủ danh sách đại biểu của {len(covered)} thôn", actor)
    return Submitted(vr, late, due, all_in)


def set_village_quota(*, actor, conference: Conference, village: Village,
                      seats: int | None) -> VillageReturn:
    """The office sets how many citizen representatives a village sends (None: the plan's
    number). Refused when fewer than those already entered, or when the hall is too small."""
    access.require(actor, rules.MANAGE, conference)
    if seats is not None and not 0 <= seats <= 50:
        raise ValidationError({"seats": _("Số đại diện mỗi thôn phải từ 0 đến 50.")})
    with transaction.atomic():
        conference = locked_conference(conference)
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
        refusal = check_hall(conference)
        if refusal:
            raise ValidationError({"seats": refusal})
        record(actor=actor, action="delegates.quota", obj=vr, before=before,
               after=snapshot(vr))
    return vr
