"""Reads about delegates and invitations: seats per village, due days, the villages' lists,
the sending of invitations and the figures at the door."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Max
from django.utils import timezone

from doithoai.core.text import fold, nfc
from doithoai.dialogues import rules
from doithoai.dialogues.models import (
    Conference,
    Delegate,
    Invitation,
    Milestone,
    ParticipantGroup,
    VillageReturn,
)
from doithoai.dialogues.selectors.conferences import covered_villages
from doithoai.org import access
from doithoai.org.models import Village

Side = ParticipantGroup.Side


# Citizen representatives per village when the conference has no plan (the DH seed's 3).
DEFAULT_CITIZEN_SEATS = 3


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


def is_late(moment: dt.datetime, due: dt.date | None) -> bool:
    return bool(due and timezone.localdate(moment) > due)


def own_village(user, conference: Conference) -> Village | None:
    """The village of a user who reaches the conference only as a village head."""
    roles = access.acting_roles(user, conference)
    if roles and not rules.SEE_ALL_DELEGATES.allows(roles):
        return access.visible(Village.objects.filter(agency=conference.agency_id), user).first()
    return None


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
    for village in villages if villages is not None else covered_villages(conference):
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


def unnamed_seats(conference: Conference) -> int:
    """Seats without a name or a unit, so without an invitation yet."""
    return unnamed(conference.delegates.filter(invitation__isnull=True)).count()


def sending_summary(conference: Conference) -> SendingSummary:
    sent = Invitation.objects.filter(delegate__conference=conference).exclude(sent_at=None)
    return SendingSummary(
        sent=sent.count(), late=sent.filter(sent_late=True).count(),
        last_sent_at=sent.aggregate(last=Max("sent_at"))["last"],
        unnamed=unnamed_seats(conference))


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


def to_resend(conference: Conference) -> int:
    """Invitations to send again (the conference moved after they were sent)."""
    return Invitation.objects.filter(delegate__conference=conference, needs_resend=True).count()


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


def listed(user, conference: Conference) -> list[Delegate]:
    """The delegates the user sees, in the list's order (the office's page, the printable
    list)."""
    return list(in_list_order(access.visible(conference.delegates.all(), user)
                              .select_related("village", "unit", "invitation")))


def village_list(user, conference: Conference, village: Village) -> list[Delegate]:
    """A village's own list, in the order its people were entered."""
    return list(access.visible(conference.delegates.filter(village=village), user)
                .select_related("invitation").order_by("pk"))


def search(conference: Conference, query: str) -> list[Delegate]:
    """At the door: the delegates whose name or position has the query (`find_by_name`)."""
    everyone = (conference.delegates.select_related("village", "invitation")
                .order_by("full_name", "pk"))
    return find_by_name(everyone, query)


def find_by_name(delegates, query: str, limit: int = 20) -> list[Delegate]:
    """Delegates whose name or position contains the query, ignoring case and diacritics."""
    key = fold(nfc(query or ""))
    if not key:
        return []
    found = [d for d in delegates if key in fold(f"{d.full_name} {d.position}")]
    return found[:limit]


def may_edit_list(user, conference: Conference, village: Village | None) -> bool:
    """Whether the page offers the user the forms of this village's list (the commune's own
    delegates: the office); the action decides in the end."""
    if village is None:
        return access.can(user, rules.MANAGE, conference)
    if village.pk not in {v.pk for v in covered_villages(conference)}:
        return False
    village_return = conference.village_returns.filter(village=village).first()
    if village_return is not None:
        return access.can(user, rules.EDIT_VILLAGE_LIST, village_return)
    # Not created yet (the action creates it): decided in memory on the unsaved row.
    village_return = VillageReturn(conference=conference, village=village)
    roles = access.roles_for_rows(user, [village_return])[None]
    return rules.EDIT_VILLAGE_LIST.allows(roles)
