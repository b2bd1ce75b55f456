"""The citizen answers back from the public tracking page, without an account (the tracking
code is his key; the public app finds the petition and counts mistyped codes): "Chưa được
giải quyết" in his own words reopens the petition to the office, and a one-tap rating of the
answer. Each once per published answer (a new answer allows them again); never for a
complaint or a denunciation, which go by their own procedure (docs/law.md#answering-back).
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from doithoai.audit.services import record
from doithoai.core import dates
from doithoai.core.petition_flow import COMPLAINT, Action
from doithoai.petitions.actions.moves import lock, move
from doithoai.petitions.actions.procedures import due_again
from doithoai.petitions.cleaning import clean_text
from doithoai.petitions.models import AnswerRating, Petition, ReopenRequest
from doithoai.petitions.selectors.answer_back import AnswerBack, answer_back

# Who acted, in the audit log: Vietnamese whatever the page's language.
CITIZEN_LABEL = "Người gửi (trang tra cứu công khai)"
# Enough for what went wrong and what is still needed; papers go to the office.
REASON_MAX = 2000


def _on_procedure(petition: Petition) -> ValidationError:
    kind = _("khiếu nại") if petition.kind == COMPLAINT else _("tố cáo")
    return ValidationError(_(
        "Đây là %(kind)s, được giải quyết theo thủ tục %(kind)s của pháp luật, không đề nghị "
        "giải quyết lại hay đánh giá trên trang này. Hãy làm theo hướng dẫn trên trang tra "
        "cứu, hoặc liên hệ Văn phòng Ủy ban nhân dân xã.") % {"kind": kind})


def _settled_answer(petition: Petition, state: AnswerBack) -> None:
    if state.on_procedure:
        raise _on_procedure(petition)
    if state.answer is None:
        raise ValidationError(_(
            "Ý kiến này chưa có trả lời công khai, nên chưa thể đề nghị giải quyết lại hay "
            "đánh giá. Khi có trả lời, trang tra cứu sẽ hiện nút để bạn phản hồi."))


@transaction.atomic
def ask_again(*, petition: Petition, reason: str) -> ReopenRequest:
    """"Chưa được giải quyết": the petition goes back to the office (to be given to a unit
    again, a new due date counted from today) with the citizen's words, in its history."""
    reason = clean_text(reason)
    if not reason:
        raise ValidationError({"reason": _(
            "Hãy viết vì sao trả lời chưa giải quyết được việc của bạn.")})
    if len(reason) > REASON_MAX:
        raise ValidationError({"reason": _(
            "Lời nhắn quá dài (%(n)s ký tự): hãy viết gọn trong %(max)s ký tự. Giấy tờ kèm "
            "theo, xin gửi hoặc mang đến Văn phòng Ủy ban nhân dân xã.")
            % {"n": f"{len(reason):,}".replace(",", "."),
               "max": f"{REASON_MAX:,}".replace(",", ".")}})
    petition = lock(petition, None)
    state = answer_back(petition)
    _settled_answer(petition, state)
    if state.request is not None:
        raise ValidationError(_(
            "Bạn đã đề nghị giải quyết lại trả lời này ngày %(date)s. Mỗi trả lời chỉ đề nghị "
            "một lần; khi có trả lời mới, bạn có thể đề nghị tiếp.")
            % {"date": dates.day(timezone.localtime(state.request.created_at).date())})
    if not state.answered:
        raise ValidationError(_(
            "Ý kiến này đang được giải quyết, chưa có trả lời mới để đề nghị giải quyết lại."))
    # Back with the office, no unit: the office decides who answers this time.
    petition = move(None, petition, Action.REOPEN, reason=reason, version=None,
                    changes={"unit": None}, event="reopen_requested",
                    citizen_label=CITIZEN_LABEL)
    due_again(petition)
    return ReopenRequest.objects.create(answer=state.answer, petition=petition, reason=reason)


@transaction.atomic
def rate_answer(*, petition: Petition, satisfied: bool) -> AnswerRating:
    """Hài lòng / chưa hài lòng with the answer shown on the tracking page; final."""
    petition = lock(petition, None)
    state = answer_back(petition)
    _settled_answer(petition, state)
    if state.hidden:
        # Nothing of a hidden petition's answer is on the page, so nothing to rate there.
        raise ValidationError(_("Trả lời của ý kiến này không công khai, nên không đánh giá "
                                "trên trang tra cứu."))
    if state.rating is not None:
        raise ValidationError(_(
            "Bạn đã đánh giá trả lời này (%(rating)s) ngày %(date)s. Mỗi trả lời chỉ đánh giá "
            "một lần.") % {"rating": state.rating.satisfied_label.lower(),
                           "date": dates.day(timezone.localtime(state.rating.created_at).date())})
    rating = AnswerRating.objects.create(answer=state.answer, petition=petition,
                                         satisfied=satisfied)
    record(actor=None, actor_label=CITIZEN_LABEL, action="petition.rate_answer", obj=petition,
           after={"rating": "Hài lòng" if satisfied else "Chưa hài lòng"})
    return rating
