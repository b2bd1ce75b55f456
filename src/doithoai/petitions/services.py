"""Every change to a petition: one function per use case, one transaction, one audit event.

The allowed moves come from `core.petition_flow`; who may make them from `org.access`. Each
state-changing call takes the `version` the user saw, so that a second clerk's stale form is
refused with a clear conflict message instead of overwriting the first clerk's work.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from doithoai.audit.services import record, record_many, require_reason, snapshot
from doithoai.core import deadlines
from doithoai.core.petition_flow import Action, IllegalTransition, next_state
from doithoai.core.taxonomy import DEFAULT_FIELDS
from doithoai.core.text import fold, nfc
from doithoai.core.tracking import new_code
from doithoai.dialogues.models import Conference
from doithoai.org.access import OFFICE_ROLES, require_role
from doithoai.org.models import Agency, Role, Unit, Village
from doithoai.petitions import notify
from doithoai.petitions.models import (
    Answer,
    Escalation,
    Extension,
    Field,
    IntakeBatch,
    Issue,
    Kind,
    Petition,
    Petitioner,
)
from doithoai.workdays.calendar import get_calendar

UNGROUP = "ungroup"
# Who may take each action (a system administrator always may). Pages read it to decide which
# forms to show; the services enforce it.
ACTION_ROLES: dict[str, frozenset[str]] = {
    Action.CLASSIFY: OFFICE_ROLES | {Role.FRONT_OFFICER},
    Action.ASSIGN: OFFICE_ROLES,
    Action.RETURN: OFFICE_ROLES | {Role.UNIT_OFFICER},
    Action.ANSWER_AT_CONFERENCE: OFFICE_ROLES,
    Action.DRAFT_ANSWER: OFFICE_ROLES | {Role.UNIT_OFFICER},
    Action.APPROVE: frozenset({Role.LEADER}),
    Action.SEND_BACK: frozenset({Role.LEADER}),
    Action.PUBLISH: OFFICE_ROLES,
    Action.EXTEND: OFFICE_ROLES | {Role.UNIT_OFFICER},
    Action.ESCALATE: OFFICE_ROLES,
    Action.NOT_ACCEPT: OFFICE_ROLES,
    Action.TRANSFER: OFFICE_ROLES,
    Action.CLOSE: OFFICE_ROLES,
    Action.REOPEN: OFFICE_ROLES,
    UNGROUP: OFFICE_ROLES,
}
MAX_TEXT = 10_000


class Conflict(ValidationError):
    """Someone else changed the petition since the user opened it."""


# --- fields --------------------------------------------------------------------------------

def ensure_default_fields(agency: Agency) -> list[Field]:
    """The default taxonomy for an agency, created once (names stay as the agency edited)."""
    existing = {f.code: f for f in Field.objects.filter(agency=agency)}
    for order, (code, name) in enumerate(DEFAULT_FIELDS, start=1):
        if code not in existing:
            existing[code] = Field.objects.create(agency=agency, code=code, name=name,
                                                  order=order)
    return sorted(existing.values(), key=lambda f: f.order)


# --- deadlines -----------------------------------------------------------------------------

def _deadline(petition: Petition, calendar=None
              ) -> tuple[dt.date, deadlines.DeadlineRule, dt.date]:
    conference = petition.conference
    if conference is not None and conference.held_on is not None:
        rule = deadlines.rule_for(anchor="conference", complex_case=petition.is_complex,
                                  simple_days=conference.answer_workdays,
                                  complex_days=conference.complex_answer_workdays)
        anchor = conference.held_on
    else:
        rule = deadlines.rule_for(anchor="receipt", complex_case=petition.is_complex,
                                  simple_days=settings.PETITION_ANSWER_WORKDAYS,
                                  complex_days=settings.PETITION_COMPLEX_ANSWER_WORKDAYS)
        anchor = petition.received_on
    return deadlines.due_date(calendar or get_calendar(), rule, anchor), rule, anchor


def _set_due_date(petition: Petition, calendar=None, *, extended: bool | None = None) -> None:
    """Due date from the rule, unless an extension already set a later one."""
    if extended is None:
        extended = bool(petition.pk) and petition.extensions.exists()
    if extended:
        return
    due, rule, anchor = _deadline(petition, calendar)
    petition.due_date, petition.due_rule = due, rule.code
    petition.due_rule_label = rule.describe(anchor)


@transaction.atomic
def recompute_due_dates(on_or_after: dt.date | None = None) -> int:
    """After a calendar change: open petitions whose due date follows from a rule get it
    again. Extended and reopened ones keep theirs (set by a person, or from a date not
    stored); only due dates on or after the first changed day can move."""
    from doithoai.core.petition_flow import OPEN_STATES

    changed = 0
    calendar = get_calendar()
    qs = (Petition.objects.filter(state__in=OPEN_STATES, extensions__isnull=True)
          .exclude(due_rule__in=("reopened", "extension"))
          .select_related("conference").select_for_update(of=("self",)))
    if on_or_after is not None:
        qs = qs.filter(due_date__gte=on_or_after)
    for petition in qs.iterator(chunk_size=2000):
        before = petition.due_date
        _set_due_date(petition, calendar, extended=False)
        if petition.due_date != before:
            petition.save(update_fields=["due_date", "due_rule", "due_rule_label"])
            record(actor=None, action="petition.recompute_due", obj=petition,
                   before={"due_date": before.isoformat() if before else None},
                   after={"due_date": petition.due_date.isoformat()},
                   reason="Lịch ngày làm việc thay đổi")
            changed += 1
    return changed


# --- intake --------------------------------------------------------------------------------

@dataclass
class PetitionerData:
    full_name: str = ""
    village_id: int | None = None
    address: str = ""
    phone: str = ""
    email: str = ""
    anonymous_to_public: bool = False


@dataclass
class Intake:
    agency: Agency
    text: str
    channel: str
    received_on: dt.date
    petitioners: list[PetitionerData] = field(default_factory=list)
    kind: str = Kind.OPINION
    field: Field | None = None
    urgency: str = "normal"
    village_id: int | None = None
    conference_id: int | None = None
    batch_id: int | None = None
    source_row: int | None = None
    submission_key: str | None = None


def validate_text(text: str) -> str:
    text = nfc(text or "")
    if not text:
        raise ValidationError({"text": _("Hãy ghi nội dung ý kiến.")})
    if len(text) > MAX_TEXT:
        raise ValidationError({"text": _("Nội dung quá dài (tối đa %(n)s ký tự).")
                               % {"n": f"{MAX_TEXT:,}".replace(",", ".")}})
    return text


def receive(intake: Intake, *, actor=None, actor_label: str | None = None) -> Petition:
    """Acknowledge a petition: from here on it has a tracking code and is never lost.

    A retried submission (same submission_key) returns the petition already received.
    """
    if intake.submission_key:
        existing = Petition.objects.filter(submission_key=intake.submission_key).first()
        if existing is not None:
            return existing
    text = validate_text(intake.text)
    for attempt in range(5):  # a clash of random codes is astronomically rare; retry anyway
        try:
            with transaction.atomic():
                return _create(intake, text, actor, actor_label)
        except IntegrityError:
            if intake.submission_key and Petition.objects.filter(
                    submission_key=intake.submission_key).exists():
                return Petition.objects.get(submission_key=intake.submission_key)
            if attempt == 4:
                raise
    raise AssertionError("unreachable")


def _new_petition(intake: Intake, text: str, actor, calendar=None) -> Petition:
    """The petition an intake makes, with its code and due date; not yet checked or saved."""
    petition = Petition(
        agency=intake.agency, tracking_code=new_code(), text=text, kind=intake.kind,
        field=intake.field, urgency=intake.urgency, village_id=intake.village_id,
        channel=intake.channel, batch_id=intake.batch_id, source_row=intake.source_row,
        received_on=intake.received_on, conference_id=intake.conference_id,
        submission_key=intake.submission_key,
        received_by=actor if actor is not None and actor.is_authenticated else None,
        hide_from_public=intake.kind == Kind.DENUNCIATION,
    )
    _set_due_date(petition, calendar)
    return petition


def _create(intake: Intake, text: str, actor, actor_label) -> Petition:
    petition = _new_petition(intake, text, actor)
    petition.full_clean(exclude=["submission_key"])
    petition.save()
    for data in intake.petitioners:
        Petitioner.objects.create(petition=petition, **data.__dict__)
    record(actor=actor, actor_label=actor_label, action="petition.receive", obj=petition,
           after=snapshot(petition), reason="")
    transaction.on_commit(lambda: notify.petitioner_told(petition.pk, "received"))
    return petition


RELATIONS = ("agency", "field", "village", "batch", "conference", "received_by", "unit",
             "issue")


def _check_relations(intakes: list[Intake]) -> None:
    """What full_clean checks row by row about related objects, once for the whole set."""
    agencies = {i.agency.pk for i in intakes}
    if len(agencies) != 1:
        raise ValidationError(_("Chỉ nhận nhiều ý kiến một lần cho cùng một cơ quan."))
    agency_id = agencies.pop()
    if any(i.submission_key for i in intakes):
        raise ValueError("receive_many does not take submission keys")
    if any(i.field is not None and i.field.agency_id != agency_id for i in intakes):
        raise ValidationError({"field": _("Lĩnh vực không thuộc cơ quan này.")})
    for model, ids in ((Village, {i.village_id for i in intakes} - {None}),
                       (Conference, {i.conference_id for i in intakes} - {None}),
                       (IntakeBatch, {i.batch_id for i in intakes} - {None})):
        if model.objects.filter(pk__in=ids, agency_id=agency_id).count() != len(ids):
            raise ValidationError(_("Có thôn, hội nghị hoặc đợt không thuộc cơ quan này."))


def _unused_codes(petitions: list[Petition]) -> None:
    """New codes for the (astronomically rare) ones already taken or drawn twice."""
    while True:
        codes = [p.tracking_code for p in petitions]
        taken = set(Petition.objects.filter(tracking_code__in=codes)
                    .values_list("tracking_code", flat=True))
        seen: set[str] = set()
        clash = False
        for p in petitions:
            if p.tracking_code in taken or p.tracking_code in seen:
                p.tracking_code, clash = new_code(), True
            seen.add(p.tracking_code)
        if not clash:
            return


@transaction.atomic
def receive_many(intakes: Iterable[Intake], *, actor=None, actor_label: str | None = None
                 ) -> list[Petition]:
    """Acknowledge many petitions at once (an imported file): for each one what receive()
    does — tracking code, due date, petitioners, an audit event, the acknowledgement sent
    after commit — in one transaction and with bulk inserts: all of them or none."""
    intakes = list(intakes)
    if not intakes:
        return []
    _check_relations(intakes)
    calendar = get_calendar()
    petitions = []
    for intake in intakes:
        petition = _new_petition(intake, validate_text(intake.text), actor, calendar)
        petition.full_clean(exclude=[*RELATIONS, "submission_key"], validate_unique=False,
                            validate_constraints=False)
        petition.normalise_texts()
        petition.search_text = fold(petition.text)
        petitions.append(petition)
    _unused_codes(petitions)
    Petition.objects.bulk_create(petitions, batch_size=500)
    people = []
    for petition, intake in zip(petitions, intakes, strict=True):
        for data in intake.petitioners:
            person = Petitioner(petition=petition, **data.__dict__)
            person.full_clean(exclude=["petition", "village"])
            person.normalise_texts()
            people.append(person)
    Petitioner.objects.bulk_create(people, batch_size=500)
    record_many(actor=actor, actor_label=actor_label, action="petition.receive",
                objs=petitions, afters=[snapshot(p) for p in petitions])
    pks = [p.pk for p in petitions]
    transaction.on_commit(lambda: notify.petitioners_told(pks, "received"))
    return petitions


# --- transitions ---------------------------------------------------------------------------

def _locked(petition: Petition, version: int | None) -> Petition:
    fresh = Petition.objects.select_for_update().get(pk=petition.pk)
    if version is not None and fresh.version != version:
        raise Conflict(_("Ý kiến này vừa được người khác cập nhật. Hãy tải lại trang để xem "
                         "thay đổi mới nhất rồi thực hiện lại; chưa có gì bị ghi đè."))
    return fresh


def _move(actor, petition: Petition, action: Action, *, reason: str, version: int | None,
          changes: dict | None = None, event: str | None = None,
          notify_event: str | None = None) -> Petition:
    petition = _locked(petition, version)
    require_role(actor, petition, ACTION_ROLES[action],
                 _("Bạn không có quyền thực hiện việc này với ý kiến này."))
    try:
        target = next_state(petition.state, action)
    except IllegalTransition as exc:
        raise ValidationError(str(exc)) from exc
    before = snapshot(petition)
    for name, value in (changes or {}).items():
        setattr(petition, name, value)
    petition.state = target
    petition.version += 1
    petition.full_clean(exclude=["submission_key"])
    petition.save()
    record(actor=actor, action=f"petition.{event or action.value}", obj=petition,
           before=before, after=snapshot(petition), reason=reason)
    if notify_event:
        transaction.on_commit(lambda: notify.petitioner_told(petition.pk, notify_event))
    return petition


@transaction.atomic
def classify(*, actor, petition: Petition, kind: str, field: Field | None, urgency: str,
             village_id: int | None = None, is_complex: bool = False, reason: str = "",
             version: int | None = None) -> Petition:
    if field is not None and field.agency_id != petition.agency_id:
        raise ValidationError({"field": _("Lĩnh vực không thuộc cơ quan này.")})
    petition = _move(actor, petition, Action.CLASSIFY, reason=reason, version=version,
                     changes={"kind": kind, "field": field, "urgency": urgency,
                              "village_id": village_id or petition.village_id,
                              "is_complex": is_complex,
                              "hide_from_public": kind == Kind.DENUNCIATION})
    _set_due_date(petition)
    petition.save(update_fields=["due_date", "due_rule", "due_rule_label"])
    return petition


def _check_unit(petition: Petition, unit: Unit) -> None:
    if unit.agency_id != petition.agency_id or not unit.is_active:
        raise ValidationError({"unit": _("Đơn vị không thuộc cơ quan này.")})


@transaction.atomic
def assign(*, actor, petition: Petition, unit: Unit, reason: str = "",
           version: int | None = None) -> Petition:
    _check_unit(petition, unit)
    if petition.kind in (Kind.COMPLAINT, Kind.DENUNCIATION):
        raise ValidationError(_("Khiếu nại, tố cáo không được giao trả lời như ý kiến thường: "
                                "hãy chuyển theo thủ tục khiếu nại, tố cáo."))
    petition = _move(actor, petition, Action.ASSIGN, reason=reason, version=version,
                     changes={"unit": unit})
    transaction.on_commit(lambda: notify.unit_assigned(petition.pk))
    return petition


def bulk_assign(*, actor, petitions: Iterable[Petition], unit: Unit, reason: str = ""
                ) -> tuple[list[Petition], list[tuple[Petition, str]]]:
    """Assign many; each in its own transaction, so one refusal does not undo the rest."""
    done, refused = [], []
    for petition in petitions:
        try:
            done.append(assign(actor=actor, petition=petition, unit=unit, reason=reason))
        except (ValidationError, PermissionDenied) as exc:
            message = exc.messages[0] if isinstance(exc, ValidationError) else str(exc)
            refused.append((petition, message))
    return done, refused


@transaction.atomic
def return_to_office(*, actor, petition: Petition, reason: str,
                     version: int | None = None) -> Petition:
    return _move(actor, petition, Action.RETURN, reason=require_reason(reason),
                 version=version, changes={"unit": None})


@transaction.atomic
def answer_at_conference(*, actor, petition: Petition, text: str, answered_by: str,
                         version: int | None = None) -> Petition:
    text = validate_text(text)
    petition = _move(actor, petition, Action.ANSWER_AT_CONFERENCE, reason="",
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
    petition = _move(actor, petition, Action.DRAFT_ANSWER, reason="", version=version)
    Answer.objects.filter(petition=petition).update(is_current=False)
    answer = Answer(petition=petition, text=text, document_number=nfc(document_number),
                    document_date=document_date, drafted_by=actor,
                    answered_by=petition.unit.name if petition.unit else "")
    if attachment is not None:
        answer.attachment = attachment
    answer.save()
    record(actor=actor, action="answer.create", obj=answer, after=snapshot(answer))
    return answer


def current_answer(petition: Petition) -> Answer | None:
    return petition.answers.filter(is_current=True).first()


# --- corrections that move no state (called by the live room and the documents) -------------

@transaction.atomic
def correct_text(*, actor, petition: Petition, text: str, reason: str,
                 version: int | None = None) -> Petition:
    """What was heard, completed by whoever recorded it (the secretary, after the speaker
    talked): the text changes, not the state; audited with the reason."""
    text = validate_text(text)
    petition = _locked(petition, version)
    if text == petition.text:
        return petition
    before = snapshot(petition)
    petition.text = text
    petition.version += 1
    petition.save(update_fields=["text", "version"])
    record(actor=actor, action="petition.text_corrected", obj=petition, before=before,
           after=snapshot(petition), reason=reason)
    return petition


@transaction.atomic
def add_to_conference_answer(*, actor, petition: Petition, addition: str,
                             version: int | None = None) -> Petition:
    """The chair adds to the answer given in the hall: appended under "Chủ trì bổ sung",
    audited; the petition's version moves so that every device shows the addition."""
    addition = nfc(addition).strip()
    if not addition:
        raise ValidationError({"addition": _("Hãy ghi nội dung chủ trì bổ sung.")})
    petition = _locked(petition, version)
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
    return petition


@transaction.atomic
def note_reply_letter(*, actor, petition: Petition, number: str, issued_on: dt.date,
                      replaces: str | None = None) -> Answer | None:
    """The written answer names the letter that carries it ("Văn bản số 12/UBND-VP ngày …"
    on the petition and tracking pages): filled when empty, or when it named the letter
    `replaces` (a correction); a number the unit wrote for a letter of its own is left as
    it is (None then)."""
    answer = petition.answers.select_for_update().filter(is_current=True).first()
    if answer is None or answer.document_number not in ("", replaces):
        return None
    before = snapshot(answer)
    answer.document_number, answer.document_date = number, issued_on
    answer.save(update_fields=["document_number", "document_date"])
    record(actor=actor, action="answer.letter_issued", obj=answer, before=before,
           after=snapshot(answer))
    return answer


@transaction.atomic
def approve_answer(*, actor, petition: Petition, version: int | None = None) -> Petition:
    petition = _move(actor, petition, Action.APPROVE, reason="", version=version)
    Answer.objects.filter(petition=petition, is_current=True).update(
        approved_by=actor, approved_at=timezone.now())
    return petition


@transaction.atomic
def send_back(*, actor, petition: Petition, reason: str, version: int | None = None
              ) -> Petition:
    return _move(actor, petition, Action.SEND_BACK, reason=require_reason(reason),
                 version=version)


@transaction.atomic
def publish_answer(*, actor, petition: Petition, version: int | None = None) -> Petition:
    petition = _move(actor, petition, Action.PUBLISH, reason="", version=version,
                     notify_event="answered")
    Answer.objects.filter(petition=petition, is_current=True).update(
        published_at=timezone.now())
    return petition


@transaction.atomic
def extend(*, actor, petition: Petition, new_due_date: dt.date, reason: str,
           version: int | None = None) -> Petition:
    reason = require_reason(reason)
    old = petition.due_date
    if old is not None and new_due_date <= old:
        raise ValidationError({"new_due_date": _("Hạn mới phải sau hạn hiện tại (%(d)s).")
                               % {"d": old.strftime("%d/%m/%Y")}})
    label = f"Gia hạn đến {new_due_date.strftime('%d/%m/%Y')}: {reason}"
    petition = _move(actor, petition, Action.EXTEND, reason=reason, version=version,
                     changes={"due_date": new_due_date, "due_rule": "extension",
                              "due_rule_label": label[:200]},
                     notify_event="extended")
    Extension.objects.create(petition=petition, old_due_date=old, new_due_date=new_due_date,
                             reason=reason, requested_by=actor)
    return petition


@transaction.atomic
def escalate(*, actor, petition: Petition, receiving_agency: str, follow_up_on: dt.date,
             reason: str, version: int | None = None) -> Petition:
    reason = require_reason(reason)
    receiving_agency = nfc(receiving_agency)
    if not receiving_agency:
        raise ValidationError({"receiving_agency": _("Hãy ghi cơ quan cấp trên tiếp nhận.")})
    # Stored and shown to citizens: plain Vietnamese, not the clerk's page language.
    note = f"Đã chuyển {receiving_agency} giải quyết theo thẩm quyền."
    petition = _move(actor, petition, Action.ESCALATE, reason=reason, version=version,
                     notify_event="escalated", changes={"public_note": note})
    Escalation.objects.create(petition=petition, receiving_agency=receiving_agency,
                              follow_up_on=follow_up_on, note=reason, created_by=actor)
    return petition


@transaction.atomic
def not_accept(*, actor, petition: Petition, reason: str, where_to_go: str,
               version: int | None = None) -> Petition:
    return _move(actor, petition, Action.NOT_ACCEPT, reason=require_reason(reason),
                 version=version, notify_event="not_accepted",
                 changes={"public_note": nfc(where_to_go)})


@transaction.atomic
def transfer_to_procedure(*, actor, petition: Petition, kind: str, reason: str,
                          version: int | None = None) -> Petition:
    """Complaints and denunciations leave the dialogue track for their legal procedure."""
    if kind not in (Kind.COMPLAINT, Kind.DENUNCIATION):
        raise ValidationError({"kind": _("Chỉ khiếu nại hoặc tố cáo mới chuyển thủ tục.")})
    law = "Luật Khiếu nại 2011" if kind == Kind.COMPLAINT else "Luật Tố cáo 2018"
    return _move(actor, petition, Action.TRANSFER, reason=require_reason(reason),
                 version=version, notify_event="transferred",
                 changes={"kind": kind, "hide_from_public": kind == Kind.DENUNCIATION,
                          "due_date": None, "due_rule": "",
                          "due_rule_label": f"Giải quyết theo {law}"})


@transaction.atomic
def close(*, actor, petition: Petition, reason: str = "", version: int | None = None
          ) -> Petition:
    return _move(actor, petition, Action.CLOSE, reason=reason, version=version,
                 notify_event="closed")


@transaction.atomic
def reopen(*, actor, petition: Petition, reason: str, version: int | None = None) -> Petition:
    """The citizen says the answer does not settle it: back to the unit, with a new due date
    counted from today."""
    petition = _move(actor, petition, Action.REOPEN, reason=require_reason(reason),
                     version=version)
    rule = deadlines.rule_for(anchor="receipt", complex_case=petition.is_complex,
                              simple_days=settings.PETITION_ANSWER_WORKDAYS,
                              complex_days=settings.PETITION_COMPLEX_ANSWER_WORKDAYS)
    today = timezone.localdate()
    petition.due_date = deadlines.due_date(get_calendar(), rule, today)
    petition.due_rule = "reopened"
    petition.due_rule_label = f"Mở lại {today.strftime('%d/%m/%Y')}: {rule.describe(today)}"
    petition.save(update_fields=["due_date", "due_rule", "due_rule_label"])
    return petition


# --- issues --------------------------------------------------------------------------------

@transaction.atomic
def group_into_issue(*, actor, petitions: list[Petition], title: str, reason: str = ""
                     ) -> Issue:
    """Group petitions that raise the same matter; merging into an existing issue when one
    of them already has one. Every petitioner and all history stay."""
    petitions = list(Petition.objects.select_for_update(of=("self",)).filter(
        pk__in=[p.pk for p in petitions]).select_related("issue"))
    if len(petitions) < 2 and not any(p.issue_id for p in petitions):
        raise ValidationError(_("Cần chọn ít nhất hai ý kiến để gộp thành một vấn đề."))
    agencies = {p.agency_id for p in petitions}
    if len(agencies) != 1:
        raise ValidationError(_("Chỉ gộp được ý kiến của cùng một cơ quan."))
    for p in petitions:
        require_role(actor, p, ACTION_ROLES[UNGROUP], _("Bạn không có quyền gộp ý kiến."))
    issue = next((p.issue for p in petitions if p.issue_id), None)
    if issue is None:
        title = nfc(title)
        if not title:
            raise ValidationError({"title": _("Hãy đặt tên cho vấn đề.")})
        issue = Issue.objects.create(agency_id=agencies.pop(), title=title)
        record(actor=actor, action="issue.create", obj=issue, after=snapshot(issue),
               reason=reason)
    for p in petitions:
        if p.issue_id != issue.pk:
            before = {"issue": p.issue_id}
            Petition.objects.filter(pk=p.pk).update(issue=issue, version=p.version + 1)
            record(actor=actor, action="petition.group", obj=p, before=before,
                   after={"issue": issue.pk}, reason=reason)
    return issue


@transaction.atomic
def remove_from_issue(*, actor, petition: Petition, reason: str, version: int | None = None
                      ) -> Petition:
    petition = _locked(petition, version)
    require_role(actor, petition, ACTION_ROLES[UNGROUP], _("Bạn không có quyền tách ý kiến."))
    reason = require_reason(reason)
    if petition.issue_id is None:
        raise ValidationError(_("Ý kiến này không thuộc vấn đề nào."))
    before = {"issue": petition.issue_id}
    Petition.objects.filter(pk=petition.pk).update(issue=None, version=petition.version + 1)
    record(actor=actor, action="petition.ungroup", obj=petition, before=before,
           after={"issue": None}, reason=reason)
    petition.refresh_from_db()
    return petition
