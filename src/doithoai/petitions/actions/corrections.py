"""Corrections that move no state, made by the other apps: the live room completes what was
heard, adds the chair's words to the answer given in the hall and keeps unnamed a speaker who
asks it after his words were recorded; the documents name the letter that carries the written
answer. Each asks its rule on the petition (the office's:
the secretary, the chair, the register's issuer) and the version the caller read, when it
has one."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from doithoai.audit.services import record, snapshot
from doithoai.core.petition_flow import State
from doithoai.core.text import nfc
from doithoai.org import access
from doithoai.petitions import notify, rules
from doithoai.petitions.actions.moves import lock
from doithoai.petitions.cleaning import validate_text
from doithoai.petitions.models import Answer, Petition


@transaction.atomic
def correct_text(*, actor, petition: Petition, text: str, reason: str,
                 version: int | None = None) -> Petition:
    """What was heard, completed by whoever recorded it (the secretary, after the speaker
    talked): the text changes, not the state; audited with the reason."""
    text = validate_text(text)
    petition = lock(petition, version)
    access.require(actor, rules.CORRECT_TEXT, petition)
    if text == petition.text:
        return petition
    before = snapshot(petition)
    petition.text = text
    petition.version += 1
    petition.save(update_fields=["text", "version"])
    record(actor=actor, action="petition.text_corrected", obj=petition, before=before,
           after=snapshot(petition), reason=reason)
    # The unit answering it was sent the text it was assigned with: it reads the completed
    # one. The petitioner is not told: the words are his own, the tracking page shows them.
    if petition.unit_id and petition.state in (State.ASSIGNED, State.ANSWER_DRAFTED):
        petition_id = petition.pk
        transaction.on_commit(lambda: notify.unit_told_text_corrected(petition_id))
    return petition


@transaction.atomic
def keep_senders_unnamed(*, actor, petition: Petition, reason: str) -> Petition:
    """Its senders asked not to be named publicly after their words were recorded: from now
    on every public copy writes "một công dân" for them and places them nowhere. It only
    ever makes a petition more private, so the sender's own request (`actor` None: the live
    room checked the phone he registered from) asks no rule; the staff's, the office's."""
    petition = lock(petition, None)
    if actor is not None:
        access.require(actor, rules.CORRECT_TEXT, petition)
    named = petition.petitioners.filter(anonymous_to_public=False)
    if not named.exists():
        return petition
    named.update(anonymous_to_public=True)
    petition.version += 1
    petition.save(update_fields=["version"])
    record(actor=actor, action="petition.senders_unnamed", obj=petition,
           before={"anonymous_to_public": False}, after={"anonymous_to_public": True},
           reason=reason)
    return petition


@transaction.atomic
def add_to_conference_answer(*, actor, petition: Petition, addition: str,
                             version: int | None = None) -> Petition:
    """The chair adds to the answer given in the hall: appended under "Chủ trì bổ sung",
    audited; the petition's version moves so that every device shows the addition."""
    addition = nfc(addition).strip()
    if not addition:
        raise ValidationError({"addition": _("Hãy ghi nội dung chủ trì bổ sung.")})
    petition = lock(petition, version)
    access.require(actor, rules.ADD_TO_CONFERENCE_ANSWER, petition)
    answer = (petition.answers.select_for_update()
              .filter(at_conference=True, is_current=True).first())
    if answer is None:
        raise ValidationError(_("Ý kiến này chưa được trả lời tại hội nghị."))
    before = snapshot(answer)
    answer.text = f"{answer.text}\n" + _("Chủ trì bổ sung: %(text)s") % {"text": addition}
    answer.save(update_fields=["text"])
    petition.version += 1
    petition.save(update_fields=["version"])
    record(actor=actor, action="answer.addition", obj=answer, before=before,
           after=snapshot(answer))
    # The answer given in the hall was published and its petitioner told: he hears of the
    # addition as of an answer, with the whole answer as it now reads.
    petition_id = petition.pk
    transaction.on_commit(lambda: notify.petitioner_told(petition_id, "answer_amended"))
    return petition


@transaction.atomic
def note_reply_letter(*, actor, petition: Petition, number: str, issued_on: dt.date,
                      replaces: str | None = None, version: int | None = None
                      ) -> Answer | None:
    """The written answer names the letter that carries it ("Văn bản số 12/UBND-VP ngày …"
    on the petition and tracking pages): filled when empty, or when it named the letter
    `replaces` (a correction); a number the unit wrote for a letter of its own is left as
    it is (None then).

    Nobody is notified: the letter is the written answer itself, sent to the petitioner on
    paper by its issuer, and the answer's content does not change; the petition and tracking
    pages show its number from now on."""
    petition = lock(petition, version)
    access.require(actor, rules.NOTE_REPLY_LETTER, petition)
    answer = petition.answers.select_for_update().filter(is_current=True).first()
    if answer is None or answer.document_number not in ("", replaces):
        return None
    before = snapshot(answer)
    answer.document_number, answer.document_date = number, issued_on
    answer.save(update_fields=["document_number", "document_date"])
    # A form opened on the petition before (amending the answer, with its old number) is
    # refused rather than writing the number back.
    petition.version += 1
    petition.save(update_fields=["version"])
    record(actor=actor, action="answer.letter_issued", obj=answer, before=before,
           after=snapshot(answer))
    return answer
