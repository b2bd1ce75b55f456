"""The session's minutes (R23): the secretary writes the chair's overall conclusion and the
other matters until the minutes are read and adopted at the end. Adoption is once: it freezes
what the Biên bản prints (those heard, and those registered and not heard with what became of
them), records the conference as held (attendance from check-in) with the
chair's conclusion, from which the conclusion notice is drafted."""

from __future__ import annotations

from dataclasses import asdict

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import time_format
from django.utils.translation import gettext as _

from doithoai.audit.conflicts import bump_version, check_version
from doithoai.audit.services import record, snapshot
from doithoai.core import dates
from doithoai.core.text import nfc
from doithoai.dialogues.actions import outcome
from doithoai.live import rules
from doithoai.live.actions import outcomes
from doithoai.live.models import Minutes, Session
from doithoai.live.selectors.minutes import (
    full_conclusion,
    outcome_text,
    registrants,
    speakers,
)
from doithoai.org import access


def _locked(session: Session, version: int | None) -> Minutes:
    # The draft exists since the session was opened (`sessions.open_session`).
    minutes = Minutes.objects.select_for_update().get(session=session)
    if minutes.is_adopted:
        raise ValidationError(
            _("Biên bản đã được thông qua lúc %(time)s ngày %(day)s: không sửa, không thông "
              "qua lại được nữa.") % {
                "time": time_format(timezone.localtime(minutes.adopted_at), "H:i"),
                "day": dates.day(timezone.localtime(minutes.adopted_at))})
    check_version(minutes, version, _("Biên bản vừa được sửa trên thiết bị khác. Hãy tải lại "
                                      "trang để xem bản mới nhất; chưa có gì bị ghi đè."))
    return minutes


def edit(*, actor, session: Session, conclusion: str, notes: str,
         version: int | None = None) -> Minutes:
    """The secretary writes the chair's overall conclusion and other matters."""
    access.require(actor, rules.KEEP_MINUTES, session)
    with transaction.atomic():
        minutes = _locked(session, version)
        conclusion, notes = nfc(conclusion).strip(), nfc(notes).strip()
        if (minutes.conclusion, minutes.notes) == (conclusion, notes):
            return minutes
        before = snapshot(minutes)
        minutes.conclusion, minutes.notes = conclusion, notes
        bump_version(minutes)
        minutes.save()
        record(actor=actor, action="live.minutes", obj=minutes, before=before,
               after=snapshot(minutes))
    return minutes


def adopt(*, actor, session: Session, version: int | None = None) -> Minutes:
    """The minutes are read and adopted at the end of the session: locked, time-stamped,
    the conference held with the chair's conclusion."""
    access.require(actor, rules.KEEP_MINUTES, session)
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
        # A session closed before every registrant got an outcome gets them now, so that
        # the minutes adopted list them.
        outcomes.settle(actor=actor, session=session)
        conference = outcome.record_outcome(actor=actor, conference=session.conference,
                                            outcome=outcome_text(session), attendance=None)
        outcome.set_conclusion(actor=actor, conference=conference, conclusion=conclusion)
        minutes.content = {"speakers": [asdict(s) for s in speakers(conference)],
                           "not_heard": [asdict(r) for r in registrants(conference)],
                           "conclusion": conclusion}
        minutes.adopted_at, minutes.adopted_by = timezone.now(), actor
        bump_version(minutes)
        minutes.save()
        record(actor=actor, action="live.adopt", obj=minutes, before=before,
               after=snapshot(minutes))
    return minutes
