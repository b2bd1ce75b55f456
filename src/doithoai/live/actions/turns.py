"""The chair's tablet: the queue changed by a tap (R20) — give the floor to a waiting speaker
now, move one a place up or down. Registration order is the rule: leaving it needs the
chair's reason, kept in the history. (Withdrawing, with its reason, is
`registrations.withdraw`; the queue in registration order, `registrations.call_next`.)
One function per use case, one transaction, one audit event for what it decides."""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from doithoai.audit.services import record, require_reason, snapshot
from doithoai.live import rules
from doithoai.live.actions.sessions import end_turn, locked_registration
from doithoai.live.models import Registration, Session
from doithoai.live.selectors.sessions import queue, speaking
from doithoai.org import access

State = Registration.State


def call_now(*, actor, registration: Registration, reason: str = "",
             seen_speaker: int | None = None) -> Registration:
    """The chair taps a waiting speaker: whoever has the floor finishes, this one speaks.
    Called before his turn (someone registered earlier still waits) only with a reason.
    `seen_speaker`: who the device showed at the floor (0: nobody) — when another device
    changed it meanwhile, nobody is cut off by a tap made on an old screen."""
    access.require(actor, rules.RUN_SESSION, registration)
    with transaction.atomic():
        session, registration = locked_registration(
            registration, (State.WAITING,), _("Chỉ mời phát biểu người đang chờ đến lượt."))
        first = queue(session).first()
        out_of_turn = first is not None and first.pk != registration.pk
        if out_of_turn:
            reason = require_reason(reason)
            access.require(actor, rules.DECIDE, registration)
        current = speaking(session)
        if seen_speaker is not None and (current.pk if current else 0) != seen_speaker:
            raise ValidationError(_("Người phát biểu vừa được thay đổi trên thiết bị khác; "
                                    "màn hình đã cập nhật, hãy xem lại trước khi mời tiếp."))
        if current is not None:
            end_turn(actor, current)
        before = snapshot(registration)
        registration.state, registration.called_at = State.SPEAKING, timezone.now()
        registration.save(update_fields=["state", "called_at"])
        record(actor=actor, action="live.call_now" if out_of_turn else "live.call",
               obj=registration, before=before, after=snapshot(registration),
               reason=reason.strip() if out_of_turn else "")
    return registration


def move_step(*, actor, registration: Registration, step: int, reason: str) -> Registration:
    """One place up (`step` -1) or down (+1) in the queue, with the chair's reason."""
    reason = require_reason(reason)
    access.require(actor, rules.DECIDE, registration)
    if step not in (-1, 1):
        raise ValidationError(_("Chỉ lên hoặc xuống một bậc mỗi lần."))
    with transaction.atomic():
        session, registration = locked_registration(
            registration, (State.WAITING,), _("Chỉ thay đổi thứ tự của người đang chờ phát biểu."))
        waiting = list(queue(session))
        index = next(i for i, row in enumerate(waiting) if row.pk == registration.pk)
        target = index + step
        if target < 0:
            raise ValidationError(_("%(name)s đã ở đầu hàng chờ.") % {
                "name": registration.full_name})
        if target >= len(waiting):
            raise ValidationError(_("%(name)s đã ở cuối hàng chờ.") % {
                "name": registration.full_name})
        before = snapshot(registration)
        waiting.insert(target, waiting.pop(index))
        _number_again(session, waiting)
        moved = waiting[target]
        record(actor=actor, action="live.move", obj=moved, before=before,
               after=snapshot(moved), reason=reason)
    return moved


def _number_again(session: Session, waiting: list[Registration]) -> None:
    """The queue numbered again from after the last one called: exact however often the
    chair moves people (as `registrations.move` does)."""
    base = session.registrations.exclude(state=State.WAITING).aggregate(
        p=Max("position"))["p"] or Decimal(0)
    for i, row in enumerate(waiting, start=1):
        row.position = base + i
    Registration.objects.bulk_update(waiting, ["position"])
