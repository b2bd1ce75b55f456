"""The leaders' page: answers waiting for approval, approved ones waiting to be published."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import QueryDict
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from doithoai.core.petition_flow import State
from doithoai.org import access
from doithoai.petitions import rules
from doithoai.petitions.selectors import approvals as approval_selectors
from doithoai.petitions.selectors import public_text
from doithoai.petitions.selectors.deadlines import today_info
from doithoai.petitions.views.navigation import page_context, query_string


@login_required
@require_GET
def approvals(request):
    today = today_info()
    data = approval_selectors.approvals(request.user, today)
    rows = data["drafted"] + data["approved"]
    roles = access.roles_for_rows(request.user, rows)
    for row in rows:
        row.can_approve = rules.APPROVE.allows(roles[row.pk])
        row.can_publish = rules.PUBLISH.allows(roles[row.pk])
    conferences: dict = {}  # each conference's names read once for the whole list
    for row in data["approved"]:  # what the public will read, names as initials
        answer = getattr(row, "answer", None)
        row.public_preview = (public_text.preview(row, {_("Trả lời"): answer.text},
                                                  conferences)
                              if row.can_publish and answer is not None
                              and not row.hide_from_public else [])
    return render(request, "petitions/approvals.html", page_context(
        request, today=today, **data,
        drafted_url=reverse("petitions:queue") + query_string(QueryDict(),
                                                              state=State.ANSWER_DRAFTED.value),
        approved_url=reverse("petitions:queue") + query_string(QueryDict(),
                                                               state=State.ANSWER_APPROVED.value),
    ))
