"""Invitations: prepared with a check-in code for every addressable delegate, sent (late
after the INVITATIONS milestone, once the office confirms), answered by the delegate."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from doithoai.audit.services import record, snapshot
from doithoai.core import dates, tracking
from doithoai.dialogues import rules
from doithoai.dialogues.actions.conferences import locked_conference
from doithoai.dialogues.actions.milestones import confirm_automatic
from doithoai.dialogues.models import Conference, Delegate, Invitation, Milestone
from doithoai.dialogues.selectors.delegates import (
    addressable,
    invitations_due,
    sending_late,
    unnamed,
)
from doithoai.org import access

CODE_ATTEMPTS = 20



def _require_planned(conference: Conference) -> None:
    if conference.state != Conference.State.PLANNED:
        raise ValidationError(_("Hội nghị đã diễn ra: không gửi giấy mời được nữa."))


def _unique_code(taken: set[str]) -> str:
    for _attempt in range(CODE_ATTEMPTS):
        code = tracking.new_code()
        if code not in taken and not Invitation.objects.filter(code=code).exists():
            taken.add(code)
            return code
    raise RuntimeError("could not find a free check-in code")


def new_invitation(delegate: Delegate, taken: set[str]) -> Invitation:
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
    access.require(actor, rules.MANAGE, conference)
    with transaction.atomic():
        conference = locked_conference(conference)
        _require_planned(conference)
        delegates = list(addressable(conference.delegates.filter(invitation__isnull=True)))
        if not conference.delegates.exists():
            raise ValidationError(_("Danh sách đại biểu đang trống: hãy lập danh sách trước."))
        taken: set[str] = set()
        made = [new_invitation(d, taken) for d in delegates]
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
    access.require(actor, rules.MANAGE, conference)
    with transaction.atomic():
        conference = locked_conference(conference)
        _require_planned(conference)
        if conference.held_on is None:
            raise ValidationError(_("Chưa ấn định ngày tổ chức: chưa gửi giấy mời được."))
        due = invitations_due(conference)
        late = bool(sending_late(conference))
        if late and not late_ok:
            raise ValidationError(_("Hạn gửi giấy mời là %(d)s: gửi hôm nay là sau hạn. Hãy "
                                    "đánh dấu xác nhận nếu vẫn gửi; giấy mời sẽ được ghi là gửi "
                                    "sau hạn.") % {"d": dates.day(due)})
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
            confirm_automatic(
                conference, Milestone.Kind.INVITATIONS,
                f"Đã gửi giấy mời cho {total} đại biểu"
                + (" (sau hạn)" if late else ""), actor)
    return Sent(len(pending), late, due, all_sent)


def record_response(*, actor, invitation: Invitation, confirmed: bool) -> Invitation:
    """The delegate answers: will attend, or sends apologies."""
    access.require(actor, rules.RECORD_RESPONSE, invitation)
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
