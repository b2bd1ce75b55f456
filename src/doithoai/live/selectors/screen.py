"""What the hall's screen shows: the current programme item, who has the floor and for how
long, the next three in the queue — names and villages only, nothing else personal."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils import timezone

from doithoai.dialogues.models import Conference
from doithoai.live.models import Registration, Session
from doithoai.live.selectors.sessions import queue

NEXT = 3


@dataclass
class Screen:
    conference: Conference
    session: Session | None
    item: str = ""
    item_used: str = ""  # "12:40" since the item started
    item_planned: str = ""
    item_over: bool = False
    speaker: str = ""  # the name, large
    village: str = ""  # on its own line under the name, read from the back of the hall
    topic: str = ""
    elapsed: str = ""  # "03:15"
    allowed: str = ""  # "05:00"
    over: bool = False  # the speaker's time is up
    following: list[str] = field(default_factory=list)


def _name(registration: Registration) -> str:
    village = registration.village.name if registration.village_id else ""
    return f"{registration.full_name}" + (f" — {village}" if village else "")


def _clock(seconds: int) -> str:
    return f"{seconds // 60:02d}:{seconds % 60:02d}"


def screen(conference: Conference) -> Screen:
    session = Session.objects.filter(conference=conference).select_related(
        "current_item").first()
    result = Screen(conference=conference, session=session)
    if session is None:
        return result
    if session.current_item_id:
        result.item = session.current_item.title
        # The clock stops when the session ends.
        now = session.closed_at or timezone.now()
        used = int((now - session.item_started_at).total_seconds()) \
            if session.item_started_at else 0
        result.item_used = _clock(max(used, 0))
        result.item_planned = _clock(session.current_item.minutes * 60)
        result.item_over = used > session.current_item.minutes * 60
    current = (session.registrations.filter(state=Registration.State.SPEAKING)
               .select_related("village").first())
    if current is not None:
        # A topic typed by the citizen (QR) or taken from an opinion sent before is not
        # checked: it may carry more than a name and a village, so the hall does not see it.
        result.speaker = current.full_name
        result.topic = current.topic if current.source == Registration.Source.PAPER else ""
        result.village = current.village.name if current.village_id else ""
        seconds = int((timezone.now() - current.called_at).total_seconds()) \
            if current.called_at else 0
        allowed = session.speaker_minutes * 60
        result.elapsed, result.allowed = _clock(max(seconds, 0)), _clock(allowed)
        result.over = seconds > allowed
    result.following = [_name(r) for r in
                        queue(session).select_related("village")[:NEXT]]
    return result
