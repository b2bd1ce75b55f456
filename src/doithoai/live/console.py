"""What the secretary's console and the chair's tablet show: the programme, who has the
floor, the queue, those heard with what became of their opinion, and the choices of the
forms (villages, fields, units, opinions sent before, the conference's petitions)."""

from __future__ import annotations

from dataclasses import dataclass
from zlib import crc32

from django.db.models import Prefetch
from django.utils.translation import gettext as _

from doithoai.core.petition_flow import State
from doithoai.dialogues.models import Conference
from doithoai.live import minutes, projector, services
from doithoai.live.models import Registration, Session
from doithoai.org.models import Unit, Village
from doithoai.petitions.models import Answer, Channel, Field, Kind, Petition

SENSITIVE = (Kind.COMPLAINT, Kind.DENUNCIATION)


@dataclass
class Heard:
    registration: Registration
    outcome: str  # what became of the opinion, in a few words
    done: bool  # recorded and answered, assigned or sent to its procedure


def outcome_of(row: Registration) -> tuple[str, bool]:
    petition = row.petition
    if petition is None:
        return _("Chưa ghi nội dung"), False
    at_conference = [a for a in petition.answers.all() if a.at_conference]
    if at_conference:
        return _("Đã trả lời tại hội nghị"), True
    if petition.state == State.TRANSFERRED:
        return _("Chuyển thủ tục khiếu nại, tố cáo"), True
    if petition.unit_id:
        return (_("Giao %(unit)s, hạn %(due)s") % {
            "unit": petition.unit.name, "due": petition.due_date.strftime("%d/%m/%Y")
            if petition.due_date else "—"}), True
    return _("Đã ghi, chưa trả lời hay giao"), False


def heard(session: Session) -> list[Heard]:
    rows = (minutes.heard(session).select_related("petition__unit")
            .prefetch_related(Prefetch("petition__answers", queryset=Answer.objects.all())))
    return [Heard(row, *outcome_of(row)) for row in rows]


def state(session: Session | None) -> dict:
    """The polled part: programme, floor, queue, heard (and a signature per panel so the
    browser replaces only what changed)."""
    if session is None:
        return {"session": None}
    waiting = list(services.queue(session).select_related("village"))
    speaker = services.speaking(session)
    done = heard(session)
    record = minutes.minutes_of(session)  # exists from the first look: edits carry a version
    heard_sig = ",".join(
        f"{h.registration.pk}.{h.outcome}.{crc32(h.registration.conclusion.encode())}."
        f"{h.registration.petition.version if h.registration.petition_id else 0}"
        for h in done)
    items = services.agenda(session)
    return {
        "session": session,
        "item_first": bool(items) and session.current_item_id == items[0].pk,
        "item_last": bool(items) and session.current_item_id == items[-1].pk,
        "screen": projector.screen(session.conference),
        "speaker": speaker,
        "waiting": waiting,
        "heard": done,
        "minutes": record,
        "per_matter": [line for line in minutes.draft_conclusion(session).split("\n") if line],
        "unsettled": sum(1 for h in done if not h.done),
        "sig": {
            "floor": f"{session.version}.{session.state}.{speaker.pk if speaker else 0}."
                     f"{len(waiting)}",
            "queue": f"{session.state}." + ",".join(f"{r.pk}.{r.position}" for r in waiting),
            "heard": heard_sig,
            "minutes": f"{session.state}.{record.version if record else 0}.{heard_sig}",
        },
    }


def choices(conference: Conference, session: Session | None) -> dict:
    agency = conference.agency
    prior = Petition.objects.none()
    if session is not None:
        prior = (Petition.objects.filter(conference=conference)
                 .exclude(channel=Channel.CONFERENCE).exclude(live_registrations__session=session)
                 .exclude(kind__in=SENSITIVE)
                 .order_by("received_on", "pk"))
    return {
        "villages": Village.objects.filter(agency=agency).order_by("name"),
        "fields": Field.objects.filter(agency=agency).order_by("name"),
        "units": Unit.objects.filter(agency=agency, is_active=True).order_by("name"),
        "prior": prior[:200],
        "same_matter": Petition.objects.filter(conference=conference)
        .exclude(kind__in=SENSITIVE).order_by("-pk")[:200],
    }
