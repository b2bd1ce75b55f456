"""The session's minutes (R23): a draft that follows the live record, the chair's overall
conclusion and the secretary's notes editable until the minutes are read and adopted at the
end. Adoption is once: it freezes what the Biên bản prints, records the conference as held
(attendance from check-in) with the chair's conclusion, from which the conclusion notice is
drafted."""

from __future__ import annotations

from dataclasses import asdict

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import time_format
from django.utils.translation import gettext as _

from doithoai.audit.conflicts import Conflict
from doithoai.audit.services import record, snapshot
from doithoai.core.petition_flow import State
from doithoai.core.text import nfc
from doithoai.dialogues import services as dialogues
from doithoai.live.models import Minutes, Registration, Session
from doithoai.live.services import require_office


def minutes_of(session: Session) -> Minutes:
    minutes, _created = Minutes.objects.get_or_create(session=session)
    return minutes


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


def _locked(session: Session, version: int | None) -> Minutes:
    minutes = minutes_of(session)
    minutes = Minutes.objects.select_for_update().get(pk=minutes.pk)
    if minutes.is_adopted:
        raise ValidationError(
            _("Biên bản đã được thông qua lúc %(time)s ngày %(day)s: không sửa, không thông "
              "qua lại được nữa.") % {
                "time": time_format(timezone.localtime(minutes.adopted_at), "H:i"),
                "day": timezone.localtime(minutes.adopted_at).strftime("%d/%m/%Y")})
    if version is not None and minutes.version != version:
        raise Conflict(_("Biên bản vừa được sửa trên thiết bị khác. Hãy tải lại trang để xem "
                         "bản mới nhất; chưa có gì bị ghi đè."))
    return minutes


def edit(*, actor, session: Session, conclusion: str, notes: str,
         version: int | None = None) -> Minutes:
    """The secretary writes the chair's overall conclusion and other matters."""
    require_office(actor, session)
    with transaction.atomic():
        minutes = _locked(session, version)
        conclusion, notes = nfc(conclusion).strip(), nfc(notes).strip()
        if (minutes.conclusion, minutes.notes) == (conclusion, notes):
            return minutes
        before = snapshot(minutes)
        minutes.conclusion, minutes.notes = conclusion, notes
        minutes.version += 1
        minutes.save()
        record(actor=actor, action="live.minutes", obj=minutes, before=before,
               after=snapshot(minutes))
    return minutes


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


def adopt(*, actor, session: Session, version: int | None = None) -> Minutes:
    """The minutes are read and adopted at the end of the session: locked, time-stamped,
    the conference held with the chair's conclusion."""
    from doithoai.documents.contexts import bien_ban

    require_office(actor, session)
    with transaction.atomic():
        session = Session.objects.select_for_update().select_related("conference").get(
            pk=session.pk)
        if session.is_open:
            raise ValidationError(_("Hãy kết thúc phiên họp trước khi thông qua biên bản."))
        minutes = _locked(session, version)
        conclusion = full_conclusion(session, minutes)
        if not conclusion:
            raise ValidationError({"conclusion": _(
                "Hãy ghi kết luận của chủ trì hội nghị trước khi thông qua biên bản.")})
        before = snapshot(minutes)
        conference = dialogues.record_outcome(actor=actor, conference=session.conference,
                                              outcome=outcome_text(session), attendance=None)
        dialogues.set_conclusion(actor=actor, conference=conference, conclusion=conclusion)
        minutes.content = {"speakers": [asdict(s) for s in bien_ban.speakers(conference)],
                           "conclusion": conclusion}
        minutes.adopted_at, minutes.adopted_by = timezone.now(), actor
        minutes.version += 1
        minutes.save()
        record(actor=actor, action="live.adopt", obj=minutes, before=before,
               after=snapshot(minutes))
    return minutes


def adopted(conference) -> Minutes | None:
    return (Minutes.objects.filter(session__conference=conference).exclude(adopted_at=None)
            .first())
