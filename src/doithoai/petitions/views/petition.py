"""One petition's page: everything about it, and the forms of the actions this user may take
now (the state table's, asked of `rules`); each action posts with the version the user saw.

Read-only roles (supervisor, provincial overseer) see the page; any POST from them is 403 and
changes nothing. Errors from the actions come back as messages on the page, with what the
user typed.
"""

from __future__ import annotations

from pathlib import Path

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from doithoai.audit.conflicts import Conflict
from doithoai.core.petition_flow import (
    ACTION_LABELS,
    Action,
    State,
    allowed_actions,
    on_answer_track,
)
from doithoai.org import access
from doithoai.org.access import get_visible_object_or_404
from doithoai.petitions import rules
from doithoai.petitions.actions import (
    answers,
    assignments,
    deadlines,
    issues,
    procedures,
)
from doithoai.petitions.forms import petition as forms
from doithoai.petitions.models import Answer, Kind, Petition
from doithoai.petitions.selectors import petitions as petition_selectors
from doithoai.petitions.selectors import public_text, queues
from doithoai.petitions.selectors.deadlines import today_info
from doithoai.petitions.selectors.follow_up import UNIT_WAITING
from doithoai.petitions.views.navigation import error_messages, page_context, safe_next

ACTIONS = {
    Action.CLASSIFY: assignments.classify,
    Action.ASSIGN: assignments.assign,
    Action.RETURN: assignments.return_to_office,
    Action.ANSWER_AT_CONFERENCE: answers.answer_at_conference,
    Action.DRAFT_ANSWER: answers.draft_answer,
    Action.APPROVE: answers.approve_answer,
    Action.SEND_BACK: answers.send_back,
    Action.PUBLISH: answers.publish_answer,
    Action.EXTEND: deadlines.extend,
    Action.ESCALATE: procedures.escalate,
    Action.NOT_ACCEPT: procedures.not_accept,
    Action.TRANSFER: procedures.transfer_to_procedure,
    Action.CLOSE: procedures.close,
    Action.REOPEN: procedures.reopen,
}


# The usual next steps, in the order the detail page lists (and opens) them.
PRIMARY = [Action.DRAFT_ANSWER, Action.APPROVE, Action.PUBLISH, Action.ASSIGN, Action.CLASSIFY,
           Action.CLOSE]


def available_actions(user, petition: Petition) -> list[str]:
    """Actions the state table allows now, of those the user's roles on this petition give."""
    roles = access.acting_roles(user, petition)
    actions = [a.value for a in allowed_actions(petition.state, petition.kind)
               if rules.ACTION_RULES[a].allows(roles)]
    if petition.issue_id and rules.UNGROUP.allows(roles):
        actions.append(forms.UNGROUP)
    # The usual next step first, then the rest in the order of the state table.
    return sorted(actions, key=lambda a: PRIMARY.index(a) if a in PRIMARY else len(PRIMARY))


NEXT_STEP = {
    State.RECEIVED: Action.CLASSIFY,
    State.CLASSIFIED: Action.ASSIGN,
    State.RETURNED: Action.ASSIGN,
    State.ASSIGNED: Action.DRAFT_ANSWER,
    State.ANSWER_DRAFTED: Action.APPROVE,
    State.ANSWER_APPROVED: Action.PUBLISH,
    State.PUBLISHED: Action.CLOSE,
    State.ANSWERED_AT_CONFERENCE: Action.CLOSE,
    State.ESCALATED: Action.CLOSE,
    State.NOT_ACCEPTED: Action.CLOSE,
    State.TRANSFERRED: Action.CLOSE,
}


def _opened(petition: Petition, actions: list[str], roles: frozenset[str]) -> str | None:
    """The form the page opens: the usual next step, when this user is the one to take it
    (drafting is the unit's, though the office may too)."""
    step = NEXT_STEP.get(State(petition.state))
    if not on_answer_track(petition.kind) and petition.state != State.TRANSFERRED:
        step = Action.TRANSFER  # a complaint or denunciation: its procedure is the next step
    if step is None or step not in actions:
        return None
    if step == Action.DRAFT_ANSWER and not rules.OWE_ANSWER.allows(roles):
        return None
    return step.value


def _initial_for(request, action: str, petition: Petition, templates) -> dict:
    if action != Action.DRAFT_ANSWER:
        return {}
    chosen = request.GET.get("mau")
    if chosen:
        template = next((t for t in templates if str(t.pk) == chosen), None)
        if template is not None:
            return {"text": template.text}
    current = next((a for a in petition.answers.all() if a.is_current and not a.at_conference),
                   None)
    if current is not None:
        return {"text": current.text, "document_number": current.document_number,
                "document_date": current.document_date}
    return {}


def _kind_label(kind: str) -> str:
    return str(Kind(kind).label) if kind else ""


def _render_detail(request, petition: Petition, *, bound: forms.ActionForm | None = None,
                   status: int = 200):
    user = request.user
    roles = access.acting_roles(user, petition)
    actions = available_actions(user, petition)
    templates = (list(petition_selectors.answer_templates(petition))
                 if Action.DRAFT_ANSWER in actions else [])
    action_forms = []
    for action in actions:
        if bound is not None and bound.action == action:
            form = bound
        else:
            form = forms.ACTION_FORMS[action](
                petition=petition, initial=_initial_for(request, action, petition, templates))
        label = (ACTION_LABELS[Action(action)] if action != forms.UNGROUP
                 else _("Tách khỏi vấn đề"))
        action_forms.append({"action": action, "label": label, "form": form,
                             "url": reverse("petitions:act", args=[petition.pk, action])})
    opened = _opened(petition, actions, roles)
    if bound is not None:
        opened = bound.action
    elif request.GET.get("mau"):
        opened = Action.DRAFT_ANSWER
    # A system administrator does not read a denouncer's name either (the rule says so).
    show_identity = (petition.kind != Kind.DENUNCIATION
                     or rules.SEE_DENOUNCER.allows(roles))
    every_answer = list(petition.answers.all())
    current = next((a for a in every_answer if a.is_current), None)
    siblings = petition_selectors.issue_siblings(user, petition)
    today = today_info()
    return render(request, "petitions/detail.html", page_context(
        request, petition=petition, flag=today.flag(petition), today=today,
        conference=petition_selectors.conference_of(petition),
        petitioners=list(petition.petitioners.all()), show_identity=show_identity,
        siblings=siblings[:petition_selectors.SIBLINGS_SHOWN], siblings_total=len(siblings),
        current_answer=current,
        words_kind=_kind_label(petition_selectors.words_kind(petition)),
        public_preview=_public_preview(petition, current, actions),
        earlier_answers=[a for a in every_answer if not a.is_current],
        action_forms=action_forms, opened=opened, templates=templates,
        chosen_template=request.GET.get("mau", ""),
        can_remind=(petition.unit_id is not None
                    and petition.state in UNIT_WAITING
                    and access.can(user, rules.REMIND, petition.agency)
                    and rules.CHANGE.allows(roles)),
    ), status=status)


def _public_preview(petition: Petition, answer: Answer | None, actions: list[str]):
    """Before an answer is approved or published: its words as the public will read them, and
    the names written as initials (the staff copy keeps the original)."""
    if not {Action.APPROVE, Action.PUBLISH} & set(actions) or petition.hide_from_public:
        return []
    return public_text.preview(petition, {
        _("Nội dung ý kiến"): petition.text,
        _("Trả lời"): answer.text if answer is not None else "",
        _("Ghi chú công khai"): petition.public_note})


@login_required
@require_GET
def detail(request, pk):
    petition = petition_selectors.petition_for_detail(request.user, pk)
    return _render_detail(request, petition)


def _call(action: str, user, petition: Petition, form: forms.ActionForm):
    version = form.cleaned_data["version"]
    if action == forms.UNGROUP:
        return issues.remove_from_issue(actor=user, petition=petition, version=version,
                                        reason=form.cleaned_data["reason"])
    return ACTIONS[Action(action)](actor=user, petition=petition, version=version,
                                   **form.action_kwargs())


@login_required
@require_POST
def act(request, pk, action):
    """One action on one petition, with the version the user saw."""
    petition = petition_selectors.petition_for_detail(request.user, pk)
    access.require(request.user, rules.CHANGE, petition)
    form_class = forms.ACTION_FORMS.get(action)
    if form_class is None:
        raise Http404
    form = form_class(request.POST, request.FILES, petition=petition)
    if not form.is_valid():
        messages.error(request, _("Chưa thực hiện được: hãy xem lại các ô được đánh dấu."))
        return _render_detail(request, petition, bound=form, status=400)
    try:
        _call(action, request.user, petition, form)
    except Conflict as exc:
        messages.error(request, exc.messages[0])
        fresh = petition_selectors.petition_for_detail(request.user, pk)
        data = request.POST.copy()
        data[form.add_prefix("version")] = str(fresh.version)
        rebound = form_class(data, petition=fresh) if action in available_actions(
            request.user, fresh) else None
        return _render_detail(request, fresh, bound=rebound, status=409)
    except (ValidationError, PermissionDenied) as exc:
        for message in error_messages(exc):
            messages.error(request, message)
        status = 403 if isinstance(exc, PermissionDenied) else 400
        return _render_detail(request, petition, bound=form, status=status)
    label = ACTION_LABELS[Action(action)] if action != forms.UNGROUP else _("Tách khỏi vấn đề")
    messages.success(request, _("Đã thực hiện: %(action)s.") % {"action": label})
    default = reverse("petitions:detail", args=[petition.pk])
    if not queues.sees(request.user, petition):
        # e.g. a unit returned it to the office: it is no longer the unit's to see.
        default = reverse("petitions:unit_queue")
        return redirect(default)
    return redirect(safe_next(request, default))


@login_required
@require_GET
def answer_file(request, pk, answer_pk):
    """The attached file of an answer, for those who may see the petition."""
    petition = get_visible_object_or_404(request.user, Petition, pk)
    answer = get_object_or_404(petition.answers, pk=answer_pk)
    if not answer.attachment:
        raise Http404
    try:
        handle = answer.attachment.open("rb")
    except FileNotFoundError as exc:
        raise Http404 from exc
    return FileResponse(handle, as_attachment=True, filename=Path(answer.attachment.name).name)
