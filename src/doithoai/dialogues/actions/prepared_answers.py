"""What a unit will answer at the conference (R16): written by the assigned unit or the
office, one per grouped issue; when every assigned petition has one, the PREPARED_ANSWERS
milestone is confirmed."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from doithoai.audit.conflicts import Conflict
from doithoai.audit.services import record, snapshot
from doithoai.core.petition_flow import ROUTED_AWAY_STATES, SETTLED_STATES, on_answer_track
from doithoai.core.text import nfc
from doithoai.dialogues import rules
from doithoai.dialogues.actions.conferences import locked_conference
from doithoai.dialogues.actions.milestones import confirm_automatic
from doithoai.dialogues.models import Conference, Milestone, PreparedAnswer
from doithoai.dialogues.selectors import conference_links
from doithoai.dialogues.selectors.prepared_answers import answer_rows, answer_token
from doithoai.org import access
from doithoai.petitions.models import Petition

MAX_ANSWER = 10_000


def save_prepared_answer(*, actor, conference: Conference, petition: Petition, text: str,
                         token: str | None = None) -> PreparedAnswer:
    """The assigned unit's officer (or the office) writes or updates what the unit will
    answer at the conference; a grouped issue has one answer. When every assigned petition
    has one, the PREPARED_ANSWERS milestone is confirmed."""
    access.require(actor, rules.PREPARE_ANSWER, petition)
    if not conference_links.belongs(petition, conference.pk):
        raise ValidationError(_("Ý kiến này không thuộc hội nghị."))
    text = nfc(text or "").strip()
    if not text:
        raise ValidationError({"text": _("Hãy ghi nội dung dự kiến trả lời.")})
    if len(text) > MAX_ANSWER:
        raise ValidationError({"text": _("Nội dung quá dài (tối đa %(n)s ký tự).")
                               % {"n": f"{MAX_ANSWER:,}".replace(",", ".")}})
    with transaction.atomic():
        conference = locked_conference(conference)
        petition = Petition.objects.select_related("unit").get(pk=petition.pk)
        if conference.state != Conference.State.PLANNED:
            raise ValidationError(_("Hội nghị đã diễn ra: nội dung trả lời bây giờ là câu "
                                    "trả lời chính thức, không còn là nội dung chuẩn bị."))
        if not on_answer_track(petition.kind):
            raise ValidationError(_("Khiếu nại, tố cáo không chuẩn bị trả lời như ý kiến, "
                                    "kiến nghị: hãy chuyển theo thủ tục khiếu nại, tố cáo."))
        if petition.unit_id is None:
            raise ValidationError(_("Ý kiến chưa được giao đơn vị trả lời."))
        if petition.state in ROUTED_AWAY_STATES:
            raise ValidationError(_("Ý kiến đã chuyển đi nơi khác, không cần chuẩn bị trả "
                                    "lời."))
        members = [petition]
        if petition.issue_id:
            members = list(Petition.objects.filter(conference=conference,
                                                   issue_id=petition.issue_id).order_by("pk"))
        answer = (PreparedAnswer.objects.select_for_update()
                  .filter(conference=conference, petition__in=members)
                  .order_by("petition_id").first())
        if token is not None and token != answer_token(answer):
            raise Conflict(_("Người khác vừa lưu nội dung trả lời của ý kiến này. Hãy tải lại "
                             "trang để xem trước khi lưu; chưa có gì bị ghi đè."))
        before = snapshot(answer) if answer else None
        if answer is None:
            answer = PreparedAnswer(conference=conference, petition=members[0])
        answer.text, answer.unit = text, petition.unit
        answer.submitted_by = access.account(actor)
        answer.save()
        record(actor=actor, action="prepared_answer.save", obj=answer, before=before,
               after=snapshot(answer))
        every = answer_rows(Petition.objects.all(), conference)
        rows = [r for r in every if r.needed]
        # Opinions not yet given to any unit still wait for an answer: not complete yet.
        unassigned = [r for r in every if not r.needed and not r.petition.unit_id
                      and r.petition.state not in SETTLED_STATES]
        if rows and not unassigned and all(r.ready for r in rows):
            confirm_automatic(
                conference, Milestone.Kind.PREPARED_ANSWERS,
                f"Các đơn vị đã gửi nội dung trả lời cho cả {len(rows)} ý kiến, vấn đề đã "
                f"giao", actor)
    return answer
