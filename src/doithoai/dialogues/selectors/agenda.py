"""Reads about a conference's programme: an item of it, its length and when it ends."""

from __future__ import annotations

import datetime as dt

from doithoai.dialogues.models import AgendaItem, Conference


def item(conference: Conference, pk) -> AgendaItem | None:
    """The conference's programme item `pk`, or None when it is gone."""
    return conference.agenda.filter(pk=pk).first()


def ends_at(conference: Conference, minutes: int) -> dt.time | None:
    """When the programme ends if it starts at the conference's time and keeps to time."""
    if conference.starts_at is None:
        return None
    start = dt.datetime.combine(dt.date(2000, 1, 1), conference.starts_at)
    return (start + dt.timedelta(minutes=minutes)).time()
