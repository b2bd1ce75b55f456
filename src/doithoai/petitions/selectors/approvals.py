"""The leaders' page: answers drafted and waiting for approval, approved ones waiting to be
published."""

from __future__ import annotations

from django.db.models import Prefetch, QuerySet

from doithoai.core.petition_flow import State
from doithoai.petitions.models import Answer
from doithoai.petitions.selectors.deadlines import Today, flag_rows
from doithoai.petitions.selectors.queues import list_related, visible_petitions

APPROVAL_LIMIT = 50


def _with_current_answer(qs: QuerySet) -> QuerySet:
    return qs.prefetch_related(Prefetch(
        "answers", queryset=Answer.objects.filter(is_current=True).select_related("drafted_by",
                                                                                 "approved_by"),
        to_attr="current_answers"))


def approvals(user, today: Today) -> dict:
    """Answers drafted and waiting for a leader, and approved ones waiting to be published."""
    base = visible_petitions(user)
    result = {}
    for key, state in (("drafted", State.ANSWER_DRAFTED), ("approved", State.ANSWER_APPROVED)):
        qs = base.filter(state=state)
        rows = list(_with_current_answer(list_related(qs))
                    .order_by("due_date", "pk")[:APPROVAL_LIMIT])
        for row in rows:
            row.answer = row.current_answers[0] if row.current_answers else None
        result[key] = flag_rows(rows, today)
        result[f"{key}_total"] = (len(rows) if len(rows) < APPROVAL_LIMIT else qs.count())
    return result
