"""Joining what intake receives to the conference it is collected for: the conference owns the
link (`ConferencePetition`, `ConferenceBatch`). Called by intake inside its own transaction,
whose audit event names the conference."""

from __future__ import annotations

from doithoai.dialogues.actions.village_opinions import confirm_when_all_sent
from doithoai.dialogues.models import Conference, ConferenceBatch, ConferencePetition


def link_batch(*, batch, conference: Conference) -> None:
    ConferenceBatch.objects.create(batch=batch, conference=conference)


def link_petitions(*, petitions, conference: Conference) -> None:
    """The opinions join the conference; a village whose opinions are in has sent them, so
    the last village's opinions coming in confirm the villages' opinions milestone."""
    ConferencePetition.objects.bulk_create(
        [ConferencePetition(petition=p, conference=conference) for p in petitions],
        batch_size=1000)
    if conference.state == Conference.State.PLANNED:
        confirm_when_all_sent(conference)
