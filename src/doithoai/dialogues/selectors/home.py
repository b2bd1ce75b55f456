"""What the home page says about conferences: the ones ahead in the user's scope, their next
step and what is late; a village head's own returns; the province's requests to plan."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Count, Q
from django.utils import timezone

from doithoai.dialogues.models import Conference, Milestone, VillageReturn
from doithoai.dialogues.selectors.village_opinions import Sending, village_sending
from doithoai.org.access import scope_of, visible
from doithoai.org.models import Role


@dataclass
class ConferenceNote:
    conference: Conference
    next_step: Milestone | None
    overdue: int
    my_returns: list[Sending] = field(default_factory=list)  # a village head's villages

    @property
    def step_title(self) -> str:
        """The next step's title inside a sentence ("…, hạn 07/12/2026."): no full stop."""
        return self.next_step.title.strip().rstrip(".") if self.next_step else ""


def conferences_ahead(user, today: dt.date | None = None, limit: int = 5
                      ) -> list[ConferenceNote]:
    """Conferences not yet held (or whose date is still to be announced) that the user can
    see, soonest first, each with its next open step and the count of late steps."""
    today = today or timezone.localdate()
    scope = scope_of(user)
    if not scope.is_admin and not scope.grants:
        return []
    conferences = list(
        visible(Conference, user).filter(state=Conference.State.PLANNED)
        .filter(Q(held_on__gte=today) | Q(held_on=None))
        .select_related("agency")
        .annotate(overdue=Count("milestones", filter=Q(milestones__done_on=None,
                                                        milestones__due_on__lt=today)))
        .order_by("held_on")[:limit])
    steps = visible(Milestone, user).filter(conference__in=conferences, done_on=None,
                                            due_on__gte=today).order_by("due_on", "order")
    next_step: dict[int, Milestone] = {}
    for m in steps.select_related("unit"):
        next_step.setdefault(m.conference_id, m)
    mine: dict[int, list[VillageReturn]] = {}
    if Role.VILLAGE_HEAD in scope.roles:
        village_ids = [g.village_id for g in scope.grants if g.role == Role.VILLAGE_HEAD]
        for r in VillageReturn.objects.filter(conference__in=conferences,
                                              village_id__in=village_ids).select_related(
                "village"):
            mine.setdefault(r.conference_id, []).append(r)
    # A village has sent once its opinions are in, whether or not anyone said so.
    return [ConferenceNote(c, next_step.get(c.pk), c.overdue,
                           village_sending(c, today, mine[c.pk]) if c.pk in mine else [])
            for c in conferences]
