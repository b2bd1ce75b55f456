"""The demo citizens answering back from the tracking page: one rates an answer "hài lòng",
another says his answer did not settle it ("Chưa được giải quyết", with his words) — so the
office's page, the history and the figures show what the feature does. Through the real
action; loading twice adds nothing."""

from __future__ import annotations

from doithoai.core.petition_flow import State
from doithoai.petitions.actions import answer_back
from doithoai.petitions.models import AnswerRating, Kind, Petition

REOPEN_WORDS = ("Trả lời nói đã giao kiểm tra, xử lý nhưng đến nay chưa thấy ai xuống thôn, "
                "tình trạng vẫn như cũ. Đề nghị xã cử người xuống kiểm tra lại và cho biết khi "
                "nào xong.")


def load_answer_back(agency_code: str) -> None:
    if AnswerRating.objects.filter(petition__agency__code=agency_code).exists():
        return
    # written answers, published and resting there: the oldest two, the same on every run
    answered = list(Petition.objects.filter(
        agency__code=agency_code, state=State.PUBLISHED, kind=Kind.OPINION,
        hide_from_public=False, submission_key__startswith="demo-").order_by("received_on",
                                                                               "pk")[:2])
    if len(answered) < 2:
        return
    pleased, not_settled = answered
    answer_back.rate_answer(petition=pleased, satisfied=True)
    answer_back.rate_answer(petition=not_settled, satisfied=False)
    answer_back.ask_again(petition=not_settled, reason=REOPEN_WORDS)
