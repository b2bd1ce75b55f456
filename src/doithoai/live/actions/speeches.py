"""What a speaker said, and what became of it (R21, R22): the opinion becomes a petition of
the conference — received on the conference day, channel "at the conference", the speaker as
petitioner — then it is answered on the spot, assigned to a unit for a written answer (its
due date counted from the conference day by the petitions' rules), or sent to the complaint or
denunciation procedure. Everything goes through the petitions' actions, so the petition's
lifecycle, due date, notices and audit are the same as for any other petition."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from doithoai.audit.conflicts import Conflict
from doithoai.audit.services import record, snapshot
from doithoai.core.kind_hints import suggested_kind
from doithoai.core.petition_flow import PROCEDURE_KINDS, TRANSITIONS, Action, State, on_answer_track
from doithoai.core.text import nfc
from doithoai.dialogues.selectors import conference_links
from doithoai.live import rules
from doithoai.live.actions.sessions import (
    HEARD,
    locked_recording_session,
    locked_registration,
)
from doithoai.live.models import Registration
from doithoai.live.selectors.console import hall_answer
from doithoai.org import access
from doithoai.petitions.actions import answers, assignments, corrections, intake, issues, procedures
from doithoai.petitions.models import Channel, Kind, Petition

# A registration is typed into one petition, however often the console sends it.
KEY = "live-{session}-{number}"


def record_speech(*, actor, registration: Registration, text: str, kind: str = Kind.OPINION,
                  field=None, urgency: str = "normal", same_as: Petition | None = None
                  ) -> Petition:
    """The speaker's opinion as a petition of the conference. `same_as`: a petition of the
    conference on the same matter — both are grouped into one issue (every petitioner kept).
    A speaker presenting an opinion sent before keeps that petition."""
    access.require(actor, rules.RUN_SESSION, registration)
    with transaction.atomic():
        session, registration = locked_registration(
            registration, HEARD, _("Chỉ ghi nội dung của người đã được mời phát biểu."),
            recording=True)
        if same_as is not None and (not on_answer_track(kind) or registration.is_denunciation):
            # Grouped, its words would title an issue read in public.
            raise ValidationError(_("Khiếu nại, tố cáo không gộp với ý kiến khác: hãy ghi "
                                    "riêng rồi chuyển theo thủ tục."))
        if registration.petition_id:
            petition = registration.petition
            if registration.source != Registration.Source.PRIOR:
                _correct_text(actor, petition, text)
        else:
            conference = session.conference
            village_id = registration.village_id
            petition = intake.receive(intake.Intake(
                agency=conference.agency, text=text, channel=Channel.CONFERENCE,
                received_on=conference.held_on, village_id=village_id,
                conference=conference,
                # Not named to the public when not named before the hall.
                petitioners=[intake.PetitionerData(
                    full_name=registration.full_name, village_id=village_id,
                    anonymous_to_public=registration.is_confidential)],
                submission_key=KEY.format(session=session.pk, number=registration.number)),
                actor=actor)
            petition = assignments.classify(actor=actor, petition=petition, kind=kind,
                                            field=field, urgency=urgency,
                                            village_id=village_id)
            before = snapshot(registration)
            registration.petition = petition
            registration.save(update_fields=["petition"])
            record(actor=actor, action="live.record", obj=registration, before=before,
                   after=snapshot(registration))
        if same_as is not None:
            if not conference_links.belongs(same_as, session.conference_id):
                raise ValidationError(_("Ý kiến cùng nội dung phải thuộc hội nghị này."))
            title = (same_as.issue.title if same_as.issue_id
                     else _title(None if registration.is_confidential else registration,
                                 same_as))
            issues.group_into_issue(actor=actor, petitions=[same_as, petition], title=title)
    return Petition.objects.get(pk=petition.pk)


def _title(registration: Registration | None, petition: Petition) -> str:
    """The issue's name: the speaker's topic (never a confidential speaker's), else the
    opinion's first words (whole words) — neither where its words read as a complaint or
    denunciation (the title is published), then the opinion's code."""
    topic = registration.topic if registration is not None else ""
    text = next((t.strip().split("\n")[0] for t in (topic, petition.text)
                 if t.strip() and not suggested_kind(t)),
                _("Ý kiến cùng nội dung với %(code)s") % {"code": petition.tracking_code})
    if len(text) <= 120:
        return text
    return text[:120].rsplit(" ", 1)[0].rstrip(",;:") + "…"


def _correct_text(actor, petition: Petition, text: str) -> None:
    """The secretary completes what she typed while the speaker talked (before the minutes
    are adopted); the opinion sent before keeps its sender's words."""
    corrections.correct_text(actor=actor, petition=petition, text=text,
                             reason=_("Thư ký hoàn chỉnh nội dung phát biểu"))


def _petition(registration: Registration) -> Petition:
    registration = Registration.objects.select_related("petition").get(pk=registration.pk)
    if registration.state not in (Registration.State.SPEAKING, Registration.State.DONE):
        raise ValidationError(_("Chỉ trả lời, giao đơn vị hay chuyển thủ tục ý kiến của người "
                                "đã được mời phát biểu."))
    if registration.petition is None:
        raise ValidationError(_("Hãy ghi nội dung phát biểu trước."))
    return registration.petition


def answer_on_the_spot(*, actor, registration: Registration, text: str, answered_by: str,
                       addition: str = "", not_a_procedure: bool = False) -> Petition:
    """The chair, or a unit head he names, answers in the hall; the chair may add to it."""
    access.require(actor, rules.DECIDE, registration)
    if not text.strip():
        raise ValidationError({"text": _("Hãy ghi tóm tắt nội dung trả lời.")})
    if not answered_by.strip():
        raise ValidationError({"answered_by": _("Hãy ghi ai trả lời (chủ trì hoặc trưởng đơn "
                                                "vị được chủ trì mời).")})
    text = hall_answer(text, addition)
    with transaction.atomic():
        locked_recording_session(registration.session_id)
        return answers.answer_at_conference(actor=actor, petition=_petition(registration),
                                            text=text, answered_by=answered_by,
                                            not_a_procedure=not_a_procedure,
                                            said=registration.topic)


def add_to_answer(*, actor, registration: Registration, addition: str) -> Petition:
    """The chair adds to an answer already given in the hall (R21)."""
    access.require(actor, rules.DECIDE, registration)
    with transaction.atomic():
        locked_recording_session(registration.session_id)
        return corrections.add_to_conference_answer(actor=actor,
                                                    petition=_petition(registration),
                                                    addition=addition)


def assign_for_answer(*, actor, registration: Registration, unit) -> Petition:
    """The chair gives the opinion to a unit to answer in writing by the due date."""
    access.require(actor, rules.DECIDE, registration)
    with transaction.atomic():
        locked_recording_session(registration.session_id)
        return assignments.assign(actor=actor, petition=_petition(registration), unit=unit)


def to_procedure(*, actor, registration: Registration, kind: str, reason: str = "",
                 remark: str = "") -> Petition:
    """A complaint or denunciation raised in the hall goes to its own procedure: the citizen
    is told which body, what form and which time limits of the law
    (`core.procedure_guidance`); what the chair said is recorded as guidance (`remark`),
    never as an answer."""
    access.require(actor, rules.DECIDE, registration)
    label = Kind(kind).label.lower() if kind in Kind.values else ""
    reason = reason.strip() or _("Chủ trì chuyển nội dung %(kind)s theo thủ tục tại hội "
                                 "nghị.") % {"kind": label}
    with transaction.atomic():
        locked_recording_session(registration.session_id)
        return procedures.transfer_to_procedure(actor=actor, petition=_petition(registration),
                                                kind=kind, reason=reason, remark=remark)


def confirm_kind(*, actor, registration: Registration, kind: str) -> Petition:
    """The secretary confirms the kind the words suggested: the recorded opinion becomes a
    complaint or denunciation (its answer forms give way to its procedure)."""
    access.require(actor, rules.RUN_SESSION, registration)
    if kind not in PROCEDURE_KINDS:
        raise ValidationError(_("Hãy chọn khiếu nại hoặc tố cáo."))
    with transaction.atomic():
        locked_recording_session(registration.session_id)
        petition = _petition(registration)
        if petition.kind == kind:
            return petition
        if State(petition.state) not in TRANSITIONS[Action.CLASSIFY][0]:
            raise ValidationError(_("Ý kiến này đã được trả lời hoặc giao đơn vị: hãy chuyển "
                                    "theo thủ tục khiếu nại, tố cáo."))
        return assignments.classify(
            actor=actor, petition=petition, kind=kind, field=petition.field,
            urgency=petition.urgency, village_id=petition.village_id,
            is_complex=petition.is_complex, version=petition.version,
            reason=_("Thư ký xác nhận loại %(kind)s theo lời phát biểu") % {
                "kind": Kind(kind).label.lower()})


def conclude(*, actor, registration: Registration, text: str, previous: str | None = None
             ) -> Registration:
    """The chair's conclusion on the matter this speaker raised (R21); written again, it is
    replaced (audited each time). `previous`: the conclusion the device showed — when the
    other device changed it meanwhile, nothing is overwritten."""
    access.require(actor, rules.DECIDE, registration)
    text = nfc(text).strip()
    if not text:
        raise ValidationError({"conclusion": _("Hãy ghi nội dung kết luận của chủ trì.")})
    with transaction.atomic():
        session, registration = locked_registration(
            registration, HEARD, _("Chỉ kết luận ý kiến của người đã được mời phát biểu."),
            recording=True)
        if registration.conclusion == text:
            return registration
        if previous is not None and nfc(previous).strip() != registration.conclusion:
            raise Conflict(_("Kết luận về ý kiến này vừa được ghi trên thiết bị "
                                       "khác. Hãy xem lại kết luận mới nhất; chưa có gì bị "
                                       "ghi đè."))
        before = snapshot(registration)
        registration.conclusion = text
        registration.save(update_fields=["conclusion"])
        record(actor=actor, action="live.conclude", obj=registration, before=before,
               after=snapshot(registration))
    return registration
