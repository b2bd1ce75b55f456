"""The session's minutes (R23): a draft that follows the live record, the chair's overall
conclusion and the secretary's notes editable until the minutes are read and adopted at the
end. Adoption is once: it freezes what the Biên bản prints, records the conference as held
(attendance from check-in) with the chair's conclusion, from which the conclusion notice is
drafted. Here what pages and documents read of them; `live.actions.minutes` writes them."""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext as _

from doithoai.core.petition_flow import State
from doithoai.live.models import Minutes, Registration, Session


def minutes_of(session: Session) -> Minutes | None:
    """The draft, once the console has looked at the session (None before)."""
    return Minutes.objects.filter(session=session).first()


def heard(session: Session):
    """Those who had the floor, in the order called."""
    return (session.registrations.filter(state__in=(Registration.State.SPEAKING,
                                                    Registration.State.DONE))
            .select_related("village", "petition").order_by("called_at", "number"))


def draft_conclusion(session: Session, rows=None) -> str:
    """The chair's conclusions on each matter, one line each, in the order heard (`rows`:
    those heard, when the caller already has them)."""
    lines = []
    for row in (rows if rows is not None else heard(session)):
        if not row.conclusion.strip():
            continue
        topic = row.topic.strip().rstrip(".").split("\n")[0][:120]
        line = row.conclusion.strip()
        lines.append(f"Về {topic[:1].lower() + topic[1:]}: {line}" if topic
                     else f"Về ý kiến của {row.full_name}: {line}")
    return "\n".join(lines)


def full_conclusion(session: Session, minutes: Minutes | None) -> str:
    """What section III of the minutes and the conclusion notice say: the conclusions on
    each matter (they follow the record until adoption), then the chair's general
    conclusion."""
    general = minutes.conclusion.strip() if minutes is not None else ""
    return "\n".join(part for part in (draft_conclusion(session), general) if part)


# What became of an opinion heard (the console's labels and the outcome line count these).
UNRECORDED, RECORDED, ANSWERED, PROCEDURE, ASSIGNED = (
    "unrecorded", "recorded", "answered", "procedure", "assigned")


def heard_with_outcomes(session: Session):
    """Those heard, with what `outcome_of` needs in one query each."""
    return heard(session).select_related("petition__unit").prefetch_related("petition__answers")


def outcome_of(row: Registration) -> str:
    petition = row.petition
    if petition is None:
        return UNRECORDED
    if any(a.at_conference for a in petition.answers.all()):
        return ANSWERED
    if petition.state == State.TRANSFERRED:
        return PROCEDURE
    return ASSIGNED if petition.unit_id else RECORDED


def outcome_text(session: Session) -> str:
    """The conference's outcome line, from the live record."""
    outcomes = [outcome_of(row) for row in heard_with_outcomes(session)]
    answered, assigned = outcomes.count(ANSWERED), outcomes.count(ASSIGNED)
    procedure = outcomes.count(PROCEDURE)
    start = timezone.localtime(session.opened_at)
    end = timezone.localtime(session.closed_at) if session.closed_at else None
    text = _("Phiên họp từ %(start)s đến %(end)s; %(n)s lượt phát biểu: %(answered)s trả lời "
             "tại hội nghị, %(assigned)s giao đơn vị trả lời bằng văn bản, %(procedure)s "
             "chuyển theo thủ tục khiếu nại, tố cáo.") % {
        "start": start.strftime("%H:%M"), "end": end.strftime("%H:%M") if end else "…",
        "n": len(outcomes), "answered": answered, "assigned": assigned, "procedure": procedure}
    return text


def adopted(conference) -> Minutes | None:
    return (Minutes.objects.filter(session__conference=conference).exclude(adopted_at=None)
            .first())

