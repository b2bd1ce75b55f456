"""Answering a petition: in the hall at a conference, or in writing — drafted by the unit,
approved (or sent back) by a leader, published by the office."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone

from doithoai.audit.services import record, require_reason, snapshot
from doithoai.core.petition_flow import Action
from doithoai.core.text import nfc
from doithoai.petitions.actions.moves import move
from doithoai.petitions.cleaning import validate_text
from doithoai.petitions.models import Answer, Petition


@transaction.atomic
def answer_at_conference(*, actor, petition: Petition, text: str, answered_by: str,
                         version: int | None = None) -> Petition:
    text = validate_text(text)
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
def publish_answer(*, actor, petition: Petition, version: int | None = None) -> Petition:
    petition = move(actor, petition, Action.PUBLISH, reason="", version=version,
                    notify_event="answered")
    Answer.objects.filter(petition=petition, is_current=True).update(
        published_at=timezone.now())
    return petition
