"""At the door: people checked in by the code on their invitation or from the list, a
mistaken check-in withdrawn, someone not on the list added and checked in."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from doithoai.audit.services import record, require_reason, snapshot
from doithoai.core import dates, tracking
from doithoai.dialogues import rules
from doithoai.dialogues.actions.delegates import clean_delegate_fields
from doithoai.dialogues.actions.invitations import new_invitation
from doithoai.dialogues.models import Conference, Delegate, Invitation
from doithoai.dialogues.selectors.delegates import Side
from doithoai.org import access
from doithoai.org.models import Village


class AlreadyCheckedIn(ValidationError):
    """The person was already checked in: nothing changed."""



def _require_door_open(conference: Conference) -> None:
    if conference.state not in (Conference.State.PLANNED, Conference.State.HELD):
        raise ValidationError(_("Hội nghị đã kết thúc: không điểm danh được nữa."))


def check_in(*, actor, conference: Conference, code: str | None = None,
             delegate: Delegate | None = None) -> Invitation:
    """Check someone in by the code on his invitation (typed or scanned) or from the list.
    A second check-in changes nothing and says when the first was."""
    access.require(actor, rules.MANAGE, conference)
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
            invitation = new_invitation(delegate, set())
        if invitation.checked_in_at:
            at = dates.clock(timezone.localtime(invitation.checked_in_at))
            raise AlreadyCheckedIn(_("%(name)s đã điểm danh lúc %(t)s.")
                                   % {"name": delegate, "t": at})
        before = snapshot(invitation)
        invitation.checked_in_at, invitation.checked_in_by = timezone.now(), access.account(actor)
        invitation.save()
        record(actor=actor, action="invitation.check_in", obj=invitation, before=before,
               after=snapshot(invitation))
    return invitation


def undo_check_in(*, actor, invitation: Invitation, reason: str) -> Invitation:
    """A check-in made by mistake (the wrong person, a rehearsal) is withdrawn, with a
    reason kept in the log."""
    access.require(actor, rules.MANAGE, invitation.delegate.conference)
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
    access.require(actor, rules.MANAGE, conference)
    _require_door_open(conference)
    fields = clean_delegate_fields(full_name, position, "", name_required=True)
    if village is not None and village.agency_id != conference.agency_id:
        raise ValidationError({"village": _("Thôn không thuộc xã này.")})
    with transaction.atomic():
        delegate = Delegate.objects.create(
            conference=conference, side=Side.EXTRA, village=village, added_by=access.account(actor),
            full_name=fields["full_name"],
            position=fields["position"] or "Người dân đến dự", phone="")
        invitation = new_invitation(delegate, set())
        invitation.checked_in_at, invitation.checked_in_by = timezone.now(), access.account(actor)
        invitation.save()
        record(actor=actor, action="delegate.walk_in", obj=delegate,
               after={**snapshot(delegate), "code": invitation.code})
    return invitation
