"""Reads of a conference's session in the hall: the session itself, its programme, who has
the floor and who waits."""

from __future__ import annotations

from doithoai.dialogues.models import Conference
from doithoai.live.models import Registration, Session
from doithoai.org.models import Village


def session_of(conference: Conference) -> Session | None:
    return Session.objects.filter(conference=conference).first()


def agenda(session: Session) -> list:
    """The conference's programme in order."""
    return list(session.conference.agenda.order_by("order", "pk"))


def queue(session: Session):
    """Who waits, in the order they will be called."""
    return session.registrations.filter(state=Registration.State.WAITING).order_by(
        "position", "number")


def ahead_of(registration: Registration) -> int:
    """How many wait to be called before him."""
    return queue(registration.session).filter(position__lt=registration.position).count()


def speaking(session: Session) -> Registration | None:
    return session.registrations.filter(state=Registration.State.SPEAKING).first()


def session_for_phones(pk: int) -> Session | None:
    """The session a hall's QR code names, with what its form shows."""
    return Session.objects.select_related("conference__agency").filter(pk=pk).first()


def registered_by_key(session: Session, key: str) -> Registration | None:
    return session.registrations.filter(client_key=key).first()


def registered_from_device(session: Session, device: str):
    """Those one phone registered through the QR code (their keys start with its id)."""
    return session.registrations.filter(source=Registration.Source.QR,
                                        client_key__startswith=f"{device}-")


def villages_of(agency):
    return Village.objects.filter(agency=agency).order_by("name")
