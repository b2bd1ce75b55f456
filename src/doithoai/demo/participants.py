"""The demo's delegate lists: the composition built, villages' citizen representatives,
invitations sent and answered, people checked in, some timestamps set back so the story
reads as it would have happened."""

from __future__ import annotations

import datetime as dt
import random

from django.utils import timezone

from doithoai.dialogues.actions.delegates import add_delegate, build_delegates, submit_village_list
from doithoai.dialogues.actions.invitations import (
    prepare_invitations,
    record_response,
    send_invitations,
)
from doithoai.dialogues.models import Conference, Invitation, Milestone, VillageReturn
from doithoai.dialogues.selectors.conferences import covered_villages
from doithoai.dialogues.selectors.delegates import (
    Side,
    citizen_seats,
    delegate_lists_due,
    invitations_due,
    is_late,
)

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
    villages = covered_villages(conference)
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
                        delegates_sent_at=at, delegates_late=is_late(at, due))
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
    by = actor if actor is not None and actor.is_authenticated else None
    if held:
        start = dt.datetime.combine(conference.held_on or timezone.localdate(),
                                    conference.starts_at or dt.time(8, 0))
        for invitation in Invitation.objects.filter(delegate__conference=conference,
                                                    checked_in_at=None).order_by("pk"):
            if invitation.state == Invitation.State.DECLINED or rng.random() < 0.12:
                continue
            at = timezone.make_aware(start - dt.timedelta(minutes=rng.randint(0, 40)))
            Invitation.objects.filter(pk=invitation.pk).update(
                checked_in_at=min(at, timezone.now()), checked_in_by=by)
            checked += 1
    return {"delegates": conference.delegates.count(),
            "invitations": Invitation.objects.filter(delegate__conference=conference).count(),
            "missing_villages": len(missing), "checked_in": checked}
