"""Petitions that leave the usual answer: sent up to a higher agency, not accepted (with where
to go), transferred to the complaint or denunciation procedure; closed, and reopened when the
citizen says the answer does not settle it."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from doithoai.audit.services import record, require_reason, snapshot
from doithoai.core import dates, deadlines, procedure_guidance
from doithoai.core.petition_flow import PROCEDURE_KINDS, Action
from doithoai.core.text import nfc
from doithoai.petitions.actions.deadlines import procedure_label
from doithoai.petitions.actions.moves import move
from doithoai.petitions.models import Escalation, Kind, Petition
from doithoai.workdays.calendar import get_calendar


@transaction.atomic
def escalate(*, actor, petition: Petition, receiving_agency: str, follow_up_on: dt.date,
             reason: str, version: int | None = None) -> Petition:
    reason = require_reason(reason)
    receiving_agency = nfc(receiving_agency)
    if not receiving_agency:
        raise ValidationError({"receiving_agency": _("Hãy ghi cơ quan cấp trên tiếp nhận.")})
    # Stored and shown to citizens: plain Vietnamese, not the clerk's page language.
    note = f"Đã chuyển {receiving_agency} giải quyết theo thẩm quyền."
    petition = move(actor, petition, Action.ESCALATE, reason=reason, version=version,
                    notify_event="escalated", changes={"public_note": note})
    Escalation.objects.create(petition=petition, receiving_agency=receiving_agency,
                              follow_up_on=follow_up_on, note=reason, created_by=actor)
    return petition


@transaction.atomic
def not_accept(*, actor, petition: Petition, reason: str, where_to_go: str,
               version: int | None = None) -> Petition:
    return move(actor, petition, Action.NOT_ACCEPT, reason=require_reason(reason),
                version=version, notify_event="not_accepted",
                changes={"public_note": nfc(where_to_go)})


@transaction.atomic
def transfer_to_procedure(*, actor, petition: Petition, kind: str, reason: str,
                          remark: str = "", version: int | None = None) -> Petition:
    """Complaints and denunciations leave the dialogue track for their legal procedure; the
    citizen is told where, how and within which time limits (`core.procedure_guidance`),
    with the chair's `remark` as guidance, never as an answer. Found to be one after it was
    answered (the kind corrected): the answer is withdrawn, publication included, with the
    reason (audited), so no page or document shows it any more."""
    if kind not in PROCEDURE_KINDS:
        raise ValidationError({"kind": _("Chỉ khiếu nại hoặc tố cáo mới chuyển thủ tục.")})
    reason = require_reason(reason)
    petition = move(actor, petition, Action.TRANSFER, reason=reason,
                    version=version, notify_event="transferred",
                    changes={"kind": kind, "hide_from_public": kind == Kind.DENUNCIATION,
                             "due_date": None, "due_rule": "",
                             "due_rule_label": procedure_label(kind),
                             "public_note": procedure_guidance.note(kind, nfc(remark)),
                             # never grouped with opinions (`issues.group_into_issue`)
                             "issue_id": None})
    _withdraw_answers(actor, petition, kind, reason)
    return petition


def _withdraw_answers(actor, petition: Petition, kind: str, reason: str) -> None:
    """Every answer in force stops being one: a published one is withdrawn from the public."""
    kind_label = "khiếu nại" if kind == Kind.COMPLAINT else "tố cáo"
    for answer in petition.answers.select_for_update().filter(is_current=True):
        before = snapshot(answer)
        answer.is_current = False
        answer.save(update_fields=["is_current"])
        if answer.published_at is not None:
            action, why = "answer.withdrawn", (
                f"Rút lại câu trả lời đã công khai: nội dung là {kind_label}, giải quyết "
                f"theo thủ tục {kind_label}. {reason}")
        else:
            action, why = "answer.set_aside", (
                f"Bỏ dự thảo trả lời: nội dung là {kind_label}. {reason}")
        record(actor=actor, action=action, obj=answer, before=before, after=snapshot(answer),
               reason=why)


@transaction.atomic
def close(*, actor, petition: Petition, reason: str = "", version: int | None = None
          ) -> Petition:
    return move(actor, petition, Action.CLOSE, reason=reason, version=version,
                notify_event="closed")


@transaction.atomic
def reopen(*, actor, petition: Petition, reason: str, version: int | None = None) -> Petition:
    """The citizen says the answer does not settle it: back to the unit that answered (to the
    office, to be given to one, when the chair answered in the hall), with a new due date
    counted from today."""
    petition = move(actor, petition, Action.REOPEN, reason=require_reason(reason),
                    version=version)
    return due_again(petition)


def due_again(petition: Petition) -> Petition:
    """A reopened petition's new due date, counted from today (the citizen waits again)."""
    rule = deadlines.rule_for(anchor="receipt", complex_case=petition.is_complex,
                              simple_days=settings.PETITION_ANSWER_WORKDAYS,
                              complex_days=settings.PETITION_COMPLEX_ANSWER_WORKDAYS)
    today = timezone.localdate()
    petition.due_date = deadlines.due_date(get_calendar(), rule, today)
    petition.due_rule = "reopened"
    petition.due_rule_label = f"Mở lại {dates.day(today)}: {rule.describe(today)}"
    petition.save(update_fields=["due_date", "due_rule", "due_rule_label"])
    return petition
