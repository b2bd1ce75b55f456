"""What the hall's screen shows: the current programme item, who has the floor and for how
long, the next three in the queue — names and villages only, nothing else personal.

A confidential speaker (asked not to be named, or a denunciation: `Registration.is_confidential`)
is "Người phát biểu số N" here, with neither village nor topic: what the screen is given is all
it can show, so the name never reaches the hall's browser, whatever its template does."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils import timezone
from django.utils.translation import gettext as _

from doithoai.dialogues.models import Conference
from doithoai.live.models import Registration, Session
from doithoai.live.selectors.minutes import confidential_names
from doithoai.live.selectors.sessions import queue
from doithoai.petitions.selectors.public_text import public

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


def anonymous(registration: Registration) -> str:
    return _("Người phát biểu số %(n)s") % {"n": registration.number}


def _name(registration: Registration) -> str:
    if registration.is_confidential:
        return anonymous(registration)
    village = registration.village.name if registration.village_id else ""
    return f"{registration.full_name}" + (f" — {village}" if village else "")


def _rows(rows):
    """With what `is_confidential` reads, in one query each."""
    return rows.select_related("village", "petition").prefetch_related("petition__petitioners")


def _known_names(session: Session) -> list[str]:
    """Everyone registered in the session: a topic naming one of them is masked."""
    return list(session.registrations.values_list("full_name", flat=True))


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
    current = _rows(session.registrations.filter(state=Registration.State.SPEAKING)).first()
    if current is not None and current.is_confidential:
        result.speaker = anonymous(current)
    elif current is not None:
        # A topic typed by the citizen (QR) or taken from an opinion sent before is not
        # checked: it may carry more than a name and a village, so the hall does not see it.
        # The secretary's, typed from the paper form, shows names only as initials.
        result.speaker = current.full_name
        if current.source == Registration.Source.PAPER and current.topic:
            result.topic = public(current.topic, _known_names(session),
                                  confidential_names(session.conference))
        result.village = current.village.name if current.village_id else ""
    if current is not None:
        seconds = int((timezone.now() - current.called_at).total_seconds()) \
            if current.called_at else 0
        allowed = session.speaker_minutes * 60
        result.elapsed, result.allowed = _clock(max(seconds, 0)), _clock(allowed)
        result.over = seconds > allowed
    result.following = [_name(r) for r in _rows(queue(session))[:NEXT]]
    return result
