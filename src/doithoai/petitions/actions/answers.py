"""Answering a petition: in the hall at a conference, or in writing — drafted by the unit,
approved (or sent back) by a leader, published by the office."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from doithoai.audit.services import record, require_reason, snapshot
from doithoai.core.kind_hints import suggested_kind
from doithoai.core.petition_flow import Action, on_answer_track
from doithoai.core.text import nfc
from doithoai.petitions.actions.moves import move
from doithoai.petitions.cleaning import validate_text
from doithoai.petitions.models import Answer, Kind, Petition


def _not_a_procedure(petition: Petition, confirmed: bool, said: str = "") -> None:
    """An opinion whose words — or what its speaker registered to say (`said`) — read as a
    complaint or denunciation is published as an answered opinion only when the staff confirm
    it is one (they read it; words may mislead, as "không khiếu nại gì"): else a complaint
    slips out answered in public."""
    words = suggested_kind(petition.text) or suggested_kind(said)
    if words and on_answer_track(petition.kind) and not confirmed:
        raise ValidationError(_(
            "Nội dung có thể là %(kind)s: không trả lời công khai như ý kiến, kiến nghị. Nếu "
            "đúng là ý kiến, kiến nghị, hãy đánh dấu xác nhận rồi làm lại; nếu không, hãy "
            "chuyển theo thủ tục.") % {"kind": Kind(words).label.lower()})


@transaction.atomic
def answer_at_conference(*, actor, petition: Petition, text: str, answered_by: str,
                         version: int | None = None, not_a_procedure: bool = False,
                         said: str = "") -> Petition:
    """Answered in the hall, published at once (`said`: what the speaker registered to say)."""
    text = validate_text(text)
    _not_a_procedure(petition, not_a_procedure, said)
    petition = move(actor, petition, Action.ANSWER_AT_CONFERENCE, reason="",
                    version=version, notify_event="answered")
    Answer.objects.filter(petition=petition).update(is_current=False)
    Answer.objects.create(petition=petition, text=text, at_conference=True,
                          answered_by=nfc(answered_by), drafted_by=actor,
                          approved_by=actor, approved_at=timezone.now(),
                          published_at=timezone.now())
    return petition


@transaction.atomic
def draft_answer(*, actor, petition: Petition, text: str, document_number: str = "",
                 document_date: dt.date | None = None, attachment=None,
                 version: int | None = None) -> Answer:
    text = validate_text(text)
    petition = move(actor, petition, Action.DRAFT_ANSWER, reason="", version=version)
    Answer.objects.filter(petition=petition).update(is_current=False)
    answer = Answer(petition=petition, text=text, document_number=nfc(document_number),
                    document_date=document_date, drafted_by=actor,
                    answered_by=petition.unit.name if petition.unit else "")
    if attachment is not None:
        answer.attachment = attachment
    answer.save()
    record(actor=actor, action="answer.create", obj=answer, after=snapshot(answer))
    return answer


@transaction.atomic
def approve_answer(*, actor, petition: Petition, version: int | None = None) -> Petition:
    petition = move(actor, petition, Action.APPROVE, reason="", version=version)
    Answer.objects.filter(petition=petition, is_current=True).update(
        approved_by=actor, approved_at=timezone.now())
    return petition


@transaction.atomic
def send_back(*, actor, petition: Petition, reason: str, version: int | None = None
              ) -> Petition:
    return move(actor, petition, Action.SEND_BACK, reason=require_reason(reason),
                version=version)


@transaction.atomic
def publish_answer(*, actor, petition: Petition, version: int | None = None,
                   not_a_procedure: bool = False) -> Petition:
    _not_a_procedure(petition, not_a_procedure)
    petition = move(actor, petition, Action.PUBLISH, reason="", version=version,
                    notify_event="answered")
    Answer.objects.filter(petition=petition, is_current=True).update(
        published_at=timezone.now())
    return petition
