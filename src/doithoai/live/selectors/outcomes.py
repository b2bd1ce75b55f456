"""How a registrant follows his opinion: the tracking code of the petition his words became
(spoken and recorded in the hall, or received when the session ended without his turn), for
his own phone and for the slips the secretary prints for those registered on paper."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from doithoai.core.petition_flow import OPEN_STATES, on_answer_track
from doithoai.live.models import Registration, Session
from doithoai.live.selectors.sessions import registered_from_device


@dataclass(frozen=True)
class Follow:
    """What a registrant needs to follow his opinion."""

    number: int  # his registration number
    name: str  # "" for one not to be named: the slip shows his number only
    village: str  # "" likewise
    code: str  # the petition's tracking code
    heard: bool  # spoken in the hall (else received when the session ended)
    procedure: bool  # a complaint or denunciation: settled by its own procedure
    due: dt.date | None  # the written answer's due date while one is owed


def follow(row: Registration) -> Follow | None:
    """None while his words are not a petition yet (waiting, or heard and not recorded)."""
    petition = row.petition if row.petition_id else None
    if petition is None:
        return None
    hidden = row.is_confidential
    procedure = not on_answer_track(petition.kind)
    return Follow(
        number=row.number, name="" if hidden else row.full_name,
        village="" if hidden or not row.village_id else row.village.name,
        code=petition.tracking_code,
        heard=row.state in (Registration.State.SPEAKING, Registration.State.DONE),
        procedure=procedure,
        due=petition.due_date if not procedure and petition.state in OPEN_STATES else None)


def of_phone(session: Session, device: str) -> list[Registration]:
    """Those one phone registered, each with how to follow his opinion (`row.follow`: the
    tracking code once his words became a petition) — shown to that phone only."""
    rows = list(registered_from_device(session, device).select_related("village", "petition")
                .prefetch_related("petition__petitioners"))
    for row in rows:
        row.follow = follow(row)
    return rows


def with_petitions(session: Session):
    """The session's registrations with what `follow` reads, in registration order."""
    return (session.registrations.select_related("village", "petition")
            .prefetch_related("petition__petitioners").order_by("number"))


def slips(session: Session, *, everyone: bool = False) -> list[Follow]:
    """One slip per registrant whose words became a petition: those registered on paper
    (their phone shows nothing), or everyone."""
    rows = with_petitions(session).exclude(petition=None)
    if not everyone:
        rows = rows.filter(source=Registration.Source.PAPER)
    return [f for f in (follow(row) for row in rows) if f is not None]


def not_heard_received(session: Session) -> int:
    """Registrants not heard (waiting at the end, or withdrawn with a topic) whose words became
    petitions of the conference when the session ended."""
    return session.registrations.filter(
        state__in=(Registration.State.WAITING, Registration.State.WITHDRAWN)).exclude(
        petition=None).count()


def slips_count(session: Session) -> int:
    """How many slips the secretary has to print (`slips`: those registered on paper)."""
    return session.registrations.exclude(petition=None).filter(
        source=Registration.Source.PAPER).count()


def waiting_for_codes(session: Session, *, everyone: bool = False) -> int:
    """Registrants whose words are not a petition yet (they get a code when recorded, or
    when the session ends)."""
    rows = session.registrations.filter(petition=None).exclude(
        state=Registration.State.WITHDRAWN, topic="")
    if not everyone:
        rows = rows.filter(source=Registration.Source.PAPER)
    return rows.count()
