"""A village says its opinions are in (once; late after the due day); when every covered
village has sent — said so, or its opinions are in (`village_opinions.opinions_status`) — the
VILLAGE_OPINIONS milestone is confirmed (R14)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from doithoai.audit.services import record, snapshot
from doithoai.core import dates
from doithoai.dialogues import rules
from doithoai.dialogues.actions.conferences import locked_conference
from doithoai.dialogues.actions.milestones import confirm_automatic
from doithoai.dialogues.models import Conference, Milestone, VillageReturn
from doithoai.dialogues.selectors.conferences import covered_villages
from doithoai.dialogues.selectors.village_opinions import opinions_due, village_sending
from doithoai.org import access
from doithoai.org.models import Village
from doithoai.petitions.models import Petition


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
    access.require(actor, rules.SEND_OPINIONS, village)
    if village.agency_id != conference.agency_id or village.pk not in {
            v.pk for v in covered_villages(conference)}:
        raise ValidationError(_("%(village)s không thuộc phạm vi của hội nghị này.")
                              % {"village": village.name})
    now = now or timezone.now()
    with transaction.atomic():
        conference = locked_conference(conference)
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
                   "when": dates.moment(timezone.localtime(village_return.opinions_sent_at))})
        due_on = opinions_due(conference)
        late = due_on is not None and timezone.localdate(now) > due_on
        opinions = Petition.objects.filter(conference=conference, village=village).count()
        before = snapshot(village_return)
        village_return.opinions_sent_at = now
        village_return.opinions_sent_by = access.account(actor)
        village_return.opinions_late = late
        village_return.save(update_fields=["opinions_sent_at", "opinions_sent_by",
                                           "opinions_late"])
        record(actor=actor, action="village.opinions_sent", obj=village_return, before=before,
               after={**snapshot(village_return), "late": late, "opinions": opinions,
                      "due_on": due_on.isoformat() if due_on else None},
               reason=(f"Gửi sau hạn {dates.day(due_on)}" if late else ""))
        all_sent = confirm_when_all_sent(conference, actor=actor, now=now)
    return OpinionsSent(village_return=village_return, opinions=opinions, late=late,
                        due_on=due_on, all_sent=all_sent)


def confirm_when_all_sent(conference: Conference, *, actor=None,
                          now: dt.datetime | None = None) -> bool:
    """Inside the caller's transaction: when every covered village has sent its opinions (by
    the one rule, `opinions_status`), confirm the VILLAGE_OPINIONS milestone, done on the day
    the last of them came in. Whether every village has sent."""
    covered = {v.pk for v in covered_villages(conference)}
    sending = [s for s in village_sending(conference) if s.village.pk in covered]
    if len(sending) < len(covered) or not all(s.sent for s in sending):
        return False
    today = timezone.localdate(now or timezone.now())

    def came_in(s) -> dt.date:
        marked = (timezone.localdate(s.village_return.opinions_sent_at) if s.marked
                  else None)
        return min(d for d in (marked, s.first_in, today) if d is not None)

    last = max(sending, key=came_in, default=None)
    if last is None:
        return False
    confirm_automatic(
        conference, Milestone.Kind.VILLAGE_OPINIONS,
        f"Cả {len(covered)} thôn đã gửi ý kiến (thôn gửi cuối: {last.village.name}, ngày "
        f"{dates.day(came_in(last))})", actor, done_on=came_in(last))
    return True
