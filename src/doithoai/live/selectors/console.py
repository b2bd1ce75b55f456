"""What the secretary's console and the chair's tablet show: the programme, who has the
floor, the queue, those heard with what became of their opinion, and the choices of the
forms (villages, fields, units, opinions sent before, the conference's petitions)."""

from __future__ import annotations

from dataclasses import dataclass
from zlib import crc32

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from doithoai.core import dates, procedure_guidance
from doithoai.core.kind_hints import suggested_kind
from doithoai.core.petition_flow import PROCEDURE_KINDS, State, on_answer_track
from doithoai.dialogues.models import Conference
from doithoai.live.models import Registration, Session
from doithoai.live.selectors import minutes
from doithoai.live.selectors.screen import screen
from doithoai.live.selectors.sessions import agenda, queue, speaking, villages_of
from doithoai.org.models import Unit
from doithoai.petitions.models import Channel, Field, Kind, Petition
from doithoai.petitions.selectors import public_text

# The reasons a chair gives most for leaving the registration order or withdrawing someone,
# offered as one tap each on the tablet (any other is typed).
REASONS = (
    gettext_lazy("Người cao tuổi, sức khỏe yếu"),
    gettext_lazy("Cùng nội dung với người phát biểu trước"),
    gettext_lazy("Theo đề nghị của người đăng ký"),
    gettext_lazy("Người đăng ký xin rút"),
    gettext_lazy("Người đăng ký không có mặt"),
)


@dataclass
class Heard:
    registration: Registration
    outcome: str  # what became of the opinion, in a few words
    done: bool  # recorded and answered, assigned or sent to its procedure


def outcome_label(row: Registration) -> tuple[str, bool]:
    """What became of the opinion, in a few words; settled or not."""
    outcome = minutes.outcome_of(row)
    if outcome == minutes.UNRECORDED:
        return _("Chưa ghi nội dung"), False
    if outcome == minutes.ANSWERED:
        return _("Đã trả lời tại hội nghị"), True
    if outcome == minutes.PROCEDURE:
        return _("Chuyển thủ tục khiếu nại, tố cáo"), True
    if outcome == minutes.RECORDED and not on_answer_track(row.petition.kind):
        return (_("%(kind)s: chưa chuyển theo thủ tục") % {
            "kind": row.petition.get_kind_display()}), False
    if outcome == minutes.ASSIGNED:
        petition = row.petition
        return (_("Giao %(unit)s, hạn %(due)s") % {
            "unit": petition.unit.name, "due": dates.day(petition.due_date)
            if petition.due_date else "—"}), True
    return _("Đã ghi, chưa trả lời hay giao"), False


def heard(session: Session) -> list[Heard]:
    return [Heard(row, *outcome_label(row)) for row in minutes.heard_with_outcomes(session)]


def state(session: Session | None) -> dict:
    """The polled part: programme, floor, queue, heard (and a signature per panel so the
    browser replaces only what changed)."""
    if session is None:
        return {"session": None}
    waiting = list(queue(session).select_related("village", "petition")
                   .prefetch_related("petition__petitioners"))
    speaker = speaking(session)
    done = heard(session)
    record = minutes.minutes_of(session)  # started with the session (actions.sessions)
    heard_sig = ",".join(
        f"{h.registration.pk}.{h.outcome}.{crc32(h.registration.conclusion.encode())}."
        f"{h.registration.petition.version if h.registration.petition_id else 0}."
        f"{int(h.registration.is_confidential)}"
        for h in done)
    items = agenda(session)
    return {
        "session": session,
        "item_first": bool(items) and session.current_item_id == items[0].pk,
        "item_last": bool(items) and session.current_item_id == items[-1].pk,
        "screen": screen(session.conference),
        "speaker": speaker,
        "waiting": waiting,
        "heard": done,
        "minutes": record,
        "per_matter": [line for line in minutes.draft_conclusion(
            session, [h.registration for h in done]).split("\n") if line],
        "unsettled": sum(1 for h in done if not h.done),
        "reasons": REASONS,
        "sig": {
            "floor": f"{session.version}.{session.state}.{speaker.pk if speaker else 0}."
                     f"{len(waiting)}.{int(speaker.is_confidential) if speaker else 0}",
            # The speaker too: the rows' buttons carry who the device saw at the floor.
            "queue": f"{session.state}.{speaker.pk if speaker else 0}." + ",".join(
                f"{r.pk}.{r.position}.{int(r.is_confidential)}" for r in waiting),
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
                 .exclude(kind__in=PROCEDURE_KINDS)
                 .order_by("received_on", "pk"))
    return {
        "villages": villages_of(agency),
        "fields": Field.objects.filter(agency=agency).order_by("name"),
        "units": Unit.objects.filter(agency=agency, is_active=True).order_by("name"),
        "prior": prior[:200],
        "same_matter": Petition.objects.filter(conference=conference)
        .exclude(kind__in=PROCEDURE_KINDS).order_by("-pk")[:200],
    }


@dataclass(frozen=True)
class KindHint:
    """The kind the words suggest, for the secretary to confirm (never decided here)."""

    kind: str
    label: str
    source: str  # what the words were: the topic given at registration, or what was said


def kind_hint(row: Registration) -> KindHint | None:
    """A complaint or denunciation suggested by the words (`core.kind_hints`) that the
    record does not say yet: the topic given at registration before anything is recorded,
    then what was recorded."""
    petition = row.petition
    if petition is not None and (not on_answer_track(petition.kind)
                                 or petition.state == State.TRANSFERRED):
        return None
    kind, source = None, _("nội dung đăng ký")
    if petition is not None:
        kind, source = suggested_kind(petition.text), _("nội dung đã ghi")
    if kind is None:
        kind, source = suggested_kind(row.topic), _("nội dung đăng ký")
    if kind is None:
        return None
    return KindHint(kind, str(Kind(kind).label), str(source))


def hall_answer(text: str, addition: str) -> str:
    """The answer given in the hall as recorded: the answer, then what the chair added."""
    text, addition = text.strip(), addition.strip()
    if addition:
        text = f"{text}\n" + _("Chủ trì bổ sung: %(text)s") % {"text": addition}
    return text


def answer_preview(session: Session, pk: int, text: str) -> list[public_text.Preview]:
    """The public copy of an answer being typed in the hall (it is published as soon as it
    is recorded), when names in it are masked; nothing otherwise."""
    row = session.registrations.select_related("petition").filter(pk=pk).first()
    if row is None or not text.strip():
        return []
    label = _("Trả lời")
    if row.petition is not None:
        previews = public_text.preview(row.petition, {label: text})
    else:
        unnamed = [row.full_name] if row.is_confidential else []
        copy = public_text.masked(text, [row.full_name], unnamed)
        previews = [public_text.Preview(label=label, text=copy.text, maskings=copy.maskings)]
    return [p for p in previews if p.maskings]


def procedure_guidance_of(kind: str) -> str:
    return procedure_guidance.guidance_for(kind).text()


def speaker_record(session: Session, pk: int) -> dict:
    """One speaker with what became of the opinion, for the speaker's panel: the forms its
    kind allows (a complaint or denunciation only goes to its procedure, with the law's
    guidance to the citizen), and the kind the words suggest."""
    row = session.registrations.select_related("village", "petition__unit").filter(
        pk=pk).first()
    context = {"row": row}
    if row is not None:
        # His turn ended and another speaks: his record is not left open for typing (the
        # words of the one at the floor must not go into it); one tap opens it to complete.
        current = speaking(session)
        context["locked"] = (row.state == Registration.State.DONE and current is not None
                             and current.pk != row.pk)
        context["current"] = current
        context["outcome"], context["settled"] = outcome_label(row)
        context["answer"] = (row.petition.answers.filter(at_conference=True, is_current=True)
                             .first() if row.petition_id else None)
        answer = context["answer"]
        # Published at once: the staff see the public copy, names as initials.
        context["public_preview"] = [p for p in public_text.preview(
            row.petition, {_("Trả lời"): answer.text}) if p.maskings] if answer else []
        hint = kind_hint(row)
        answerable = row.petition is None or on_answer_track(row.petition.kind)
        procedure_kind = (row.petition.kind if not answerable
                          else hint.kind if hint else Kind.COMPLAINT)
        # Answered in the hall as an opinion, then found to be a complaint or denunciation:
        # still sent to its procedure from here (the answer withdrawn, with the reason).
        reroutable = bool(row.petition_id) and row.petition.state == State.ANSWERED_AT_CONFERENCE
        context.update(
            kind_hint=hint, answerable=answerable, procedure_kind=procedure_kind,
            reroutable=reroutable,
            guidance=[(kind.label, procedure_guidance_of(kind), kind == procedure_kind)
                      for kind in (Kind.COMPLAINT, Kind.DENUNCIATION)])
    return context
