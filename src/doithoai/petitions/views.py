"""Staff pages of petitions: thin — parse, ask the permission layer, call a service, render.

Everything is read through `org.access` (404 outside the user's scope). Read-only roles
(supervisor, provincial overseer) see the pages; any POST from them is 403 and changes
nothing. Errors from services come back as messages on the page, with what the user typed.
"""

from __future__ import annotations

from pathlib import Path

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from doithoai.core.petition_flow import (
    ACTION_LABELS,
    STATE_LABELS,
    Action,
    State,
    allowed_actions,
)
from doithoai.org.access import (
    OFFICE_ROLES,
    READ_ONLY_ROLES,
    acting_roles,
    get_visible_object_or_404,
    scope_of,
)
from doithoai.org.models import Role, Unit
from doithoai.petitions import follow_up as follow_up_service
from doithoai.petitions import forms, queries, services
from doithoai.petitions.models import Answer, Kind, Petition

IDENTITY_OF_DENOUNCER = frozenset({Role.CLERK, Role.LEADER})
SERVICES = {
    Action.CLASSIFY: services.classify,
    Action.ASSIGN: services.assign,
    Action.RETURN: services.return_to_office,
    Action.ANSWER_AT_CONFERENCE: services.answer_at_conference,
    Action.DRAFT_ANSWER: services.draft_answer,
    Action.APPROVE: services.approve_answer,
    Action.SEND_BACK: services.send_back,
    Action.PUBLISH: services.publish_answer,
    Action.EXTEND: services.extend,
    Action.ESCALATE: services.escalate,
    Action.NOT_ACCEPT: services.not_accept,
    Action.TRANSFER: services.transfer_to_procedure,
    Action.CLOSE: services.close,
    Action.REOPEN: services.reopen,
}
# The usual next steps, in the order the detail page lists (and opens) them.
PRIMARY = [Action.DRAFT_ANSWER, Action.APPROVE, Action.PUBLISH, Action.ASSIGN, Action.CLASSIFY,
           Action.CLOSE]


# --- shared --------------------------------------------------------------------------------

def nav_links(request) -> list[dict]:
    """The petition pages this user works with (the sub-navigation of these pages)."""
    scope = scope_of(request.user)
    roles, admin = scope.roles, scope.is_admin
    links = []
    if admin or roles - {Role.UNIT_OFFICER}:
        links.append(("petitions:queue", _("Danh sách ý kiến")))
    if Role.UNIT_OFFICER in roles:
        links.append(("petitions:unit_queue", _("Việc của đơn vị")))
    office_or_watch = {Role.CLERK, Role.LEADER, Role.SUPERVISOR, Role.OVERSEER}
    if admin or roles & office_or_watch:
        links.append(("petitions:approvals", _("Chờ duyệt, công khai")))
        links.append(("petitions:follow_up", _("Đôn đốc")))
    current = request.resolver_match.view_name if request.resolver_match else ""
    return [{"url": reverse(name), "label": label, "current": name == current}
            for name, label in links]


def _context(request, **extra) -> dict:
    return {"petition_nav": nav_links(request), **extra}


def _query(params: QueryDict, **changes) -> str:
    """The query string of `params` with `changes` applied (None removes a key); the page
    cursors always go, since a change of filter starts from the first page."""
    q = params.copy()
    for key in ("after", "before"):
        q.pop(key, None)
    for key, value in changes.items():
        q.pop(key, None)
        if value not in (None, ""):
            q[key] = value
    encoded = q.urlencode()
    return f"?{encoded}" if encoded else "?"


def _pager(request, page: queries.Page) -> dict:
    return {
        "first": _query(request.GET) if page.prev_cursor else None,
        "prev": _query(request.GET, before=page.prev_cursor) if page.prev_cursor else None,
        "next": _query(request.GET, after=page.next_cursor) if page.next_cursor else None,
    }


def _safe_next(request, default: str) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()},
                                                  require_https=request.is_secure()):
        return target
    return default


def _refuse_read_only(roles: frozenset[str]) -> None:
    """403 for someone who reaches the object only as a read-only role."""
    if Role.ADMIN not in roles and roles <= READ_ONLY_ROLES:
        raise PermissionDenied(_("Bạn chỉ có quyền xem, không có quyền thay đổi mục này."))


def _office_of(user, agency) -> bool:
    """Whether the user acts for the office (clerk or leader) of this agency."""
    scope = scope_of(user)
    if scope.is_admin:
        return True
    return any(g.role in OFFICE_ROLES and agency is not None and agency.pk in g.agency_ids
               for g in scope.grants)


def _error_messages(exc: Exception) -> list[str]:
    if isinstance(exc, ValidationError):
        return exc.messages
    return [str(exc) or _("Bạn không có quyền thực hiện việc này.")]


# --- the office queue ----------------------------------------------------------------------

@login_required
@require_GET
def queue(request):
    scope = scope_of(request.user)
    if not scope.is_admin and scope.roles == {Role.UNIT_OFFICER}:
        return redirect("petitions:unit_queue")
    form = forms.QueueFilterForm(request.GET, user=request.user)
    filters = form.filters()
    today = queries.today_info()
    page = queries.office_queue(request.user, filters, today,
                                after=request.GET.get("after", ""),
                                before=request.GET.get("before", ""))
    can_act = _office_of(request.user, form.chosen_agency) and not scope.is_read_only
    states = [{"value": s.value, "label": _(STATE_LABELS[s]), "count": page.counts[s.value],
               "url": _query(request.GET, state=s.value), "current": filters.state == s.value}
              for s in State]
    return render(request, "petitions/queue.html", _context(
        request, form=form, filters=filters, page=page, today=today, states=states,
        all_states_url=_query(request.GET, state=None), all_count=sum(page.counts.values()),
        pager=_pager(request, page),
        several_agencies=form.several_agencies,
        bulk=forms.BulkForm(user=request.user, agency=form.chosen_agency) if can_act else None,
        agency=form.chosen_agency, next_url=request.get_full_path(),
    ))


@login_required
@require_POST
def queue_action(request):
    """Bulk actions of the queue: assign the checked petitions, or group them as one issue."""
    scope = scope_of(request.user)
    if scope.is_read_only or not (scope.is_admin or scope.roles & OFFICE_ROLES):
        raise PermissionDenied(_("Bạn chỉ có quyền xem, không có quyền thay đổi mục này."))
    agency = queries.single_agency(request.user) or queries.queue_agencies(request.user).filter(
        pk=forms.to_int(request.POST.get("agency"))).first()
    form = forms.BulkForm(request.POST, user=request.user, agency=agency)
    target = _safe_next(request, reverse("petitions:queue"))
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return redirect(target)
    data = form.cleaned_data
    petitions = list(data["ids"].order_by("pk"))
    if data["op"] == forms.BulkForm.ASSIGN:
        done, refused = services.bulk_assign(actor=request.user, petitions=petitions,
                                             unit=data["unit"], reason=data["reason"])
        _bulk_summary(request, data["unit"], done, refused)
    else:
        try:
            issue = services.group_into_issue(actor=request.user, petitions=petitions,
                                              title=data["title"], reason=data["reason"])
        except (ValidationError, PermissionDenied) as exc:
            for message in _error_messages(exc):
                messages.error(request, message)
        else:
            messages.success(request, _("Đã gộp %(n)s ý kiến vào vấn đề “%(title)s”.")
                             % {"n": len(petitions), "title": issue.title})
    return redirect(target)


def _bulk_summary(request, unit: Unit, done: list, refused: list) -> None:
    if not refused:
        messages.success(request, _("Đã giao %(done)s ý kiến cho %(unit)s.")
                         % {"done": len(done), "unit": unit.name})
        return
    details = "; ".join(f"{p.tracking_code} — {reason}" for p, reason in refused)
    messages.warning(request, _("Đã giao %(done)s ý kiến cho %(unit)s; %(refused)s ý kiến "
                                "không giao được: %(details)s")
                     % {"done": len(done), "unit": unit.name, "refused": len(refused),
                        "details": details})


# --- the unit's queue ----------------------------------------------------------------------

@login_required
@require_GET
def unit_queue(request):
    if not queries.officer_unit_ids(request.user):
        return redirect("petitions:queue")
    today = queries.today_info()
    due = request.GET.get("due", "")
    due = due if due in (queries.DUE_OVERDUE, queries.DUE_SOON_FILTER) else ""
    page = queries.unit_queue(request.user, today, due=due, after=request.GET.get("after", ""),
                              before=request.GET.get("before", ""))
    units = Unit.objects.filter(pk__in=queries.officer_unit_ids(request.user))
    return render(request, "petitions/unit_queue.html", _context(
        request, page=page, today=today, units=units, due=due, pager=_pager(request, page),
        due_links=[(value, label, _query(request.GET, due=value))
                   for value, label in ((None, _("Tất cả việc đang mở")),
                                        (queries.DUE_SOON_FILTER, _("Sắp đến hạn")),
                                        (queries.DUE_OVERDUE, _("Quá hạn")))],
    ))


# --- approvals -----------------------------------------------------------------------------

@login_required
@require_GET
def approvals(request):
    today = queries.today_info()
    data = queries.approvals(request.user, today)
    for row in data["drafted"] + data["approved"]:
        roles = queries.roles_on(request.user, row)
        writable = Role.ADMIN in roles or not roles <= READ_ONLY_ROLES
        row.can_approve = writable and bool(roles & {Role.LEADER, Role.ADMIN})
        row.can_publish = writable and bool(roles & (OFFICE_ROLES | {Role.ADMIN}))
    return render(request, "petitions/approvals.html", _context(
        request, today=today, **data,
        drafted_url=reverse("petitions:queue") + _query(QueryDict(),
                                                        state=State.ANSWER_DRAFTED.value),
        approved_url=reverse("petitions:queue") + _query(QueryDict(),
                                                         state=State.ANSWER_APPROVED.value),
    ))


# --- follow-up -----------------------------------------------------------------------------

def _follow_up_agency(request, source: QueryDict):
    single = queries.single_agency(request.user)
    if single is not None:
        return single, False
    chosen = queries.queue_agencies(request.user).filter(
        pk=forms.to_int(source.get("agency"))).first()
    return chosen, True


@login_required
@require_GET
def follow_up(request):
    agency, several = _follow_up_agency(request, request.GET)
    today = queries.today_info()
    rows = office = []
    if agency is not None:
        rows = follow_up_service.due_for_units(request.user, agency, today)
        office = follow_up_service.waiting_for_office(request.user, agency, today)
    queue_url = reverse("petitions:queue")
    agency_q = {"agency": agency.pk} if several and agency else {}
    for row in rows:
        row.queue_url = queue_url + _query(QueryDict(), unit=row.unit.pk, due="open",
                                           **agency_q)
    for item in office:
        item["overdue_url"] = queue_url + _query(QueryDict(), state=item["state"],
                                                 due=queries.DUE_OVERDUE, **agency_q)
        item["soon_url"] = queue_url + _query(QueryDict(), state=item["state"],
                                              due=queries.DUE_SOON_FILTER, **agency_q)
    can_remind = agency is not None and _office_of(request.user, agency) and not (
        scope_of(request.user).is_read_only)
    return render(request, "petitions/follow_up.html", _context(
        request, agency=agency, several=several, today=today, rows=rows, office=office,
        agencies=queries.queue_agencies(request.user) if several else [],
        can_remind=can_remind, next_url=request.get_full_path(),
    ))


@login_required
@require_POST
def follow_up_remind(request):
    """"Gửi nhắc": to a unit about all its due soon and overdue petitions, or about one."""
    petition = None
    if request.POST.get("petition"):
        petition = get_visible_object_or_404(request.user, Petition, request.POST["petition"])
        if petition.unit_id is None:
            raise Http404
        unit = petition.unit
    else:
        unit = get_visible_object_or_404(request.user, Unit, request.POST.get("unit"))
    _refuse_read_only(acting_roles(request.user, unit))
    target = _safe_next(request, reverse("petitions:follow_up"))
    try:
        sent = follow_up_service.remind_from_page(request.user, unit=unit, petition=petition)
    except (ValidationError, PermissionDenied) as exc:
        for message in _error_messages(exc):
            messages.error(request, message)
        return redirect(target)
    except OSError as exc:  # the mail server refused or is down (smtplib errors are OSErrors)
        messages.error(request, _("Không gửi được thư (%(error)s): chưa ghi nhận lần nhắc này, "
                                  "hãy thử lại sau.") % {"error": exc})
        return redirect(target)
    if sent:
        messages.success(request, _("Đã gửi nhắc %(unit)s về %(n)s ý kiến.")
                         % {"unit": unit.name, "n": len(sent)})
    else:
        messages.info(request, _("%(unit)s không còn ý kiến nào cần nhắc.") % {"unit": unit.name})
    return redirect(target)


# --- one petition --------------------------------------------------------------------------

def available_actions(user, petition: Petition) -> list[str]:
    """Actions the state table allows now, of those the user's roles on this petition give."""
    roles = acting_roles(user, petition)
    admin = Role.ADMIN in roles
    if not admin and roles <= READ_ONLY_ROLES:
        return []
    actions = [a.value for a in allowed_actions(petition.state)
               if admin or roles & forms.ACTION_ROLES[a]]
    if petition.issue_id and (admin or roles & forms.ACTION_ROLES[forms.UNGROUP]):
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
    if step is None or step not in actions:
        return None
    if step == Action.DRAFT_ANSWER and Role.UNIT_OFFICER not in roles:
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


def _render_detail(request, petition: Petition, *, bound: forms.ActionForm | None = None,
                   status: int = 200):
    user = request.user
    roles = acting_roles(user, petition)
    actions = available_actions(user, petition)
    templates = (list(queries.answer_templates(petition))
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
    show_identity = petition.kind != Kind.DENUNCIATION or bool(roles & IDENTITY_OF_DENOUNCER)
    answers = list(petition.answers.all())
    siblings = queries.issue_siblings(user, petition)
    today = queries.today_info()
    return render(request, "petitions/detail.html", _context(
        request, petition=petition, flag=today.flag(petition), today=today,
        petitioners=list(petition.petitioners.all()), show_identity=show_identity,
        siblings=siblings[:queries.SIBLINGS_SHOWN], siblings_total=len(siblings),
        current_answer=next((a for a in answers if a.is_current), None),
        earlier_answers=[a for a in answers if not a.is_current],
        action_forms=action_forms, opened=opened, templates=templates,
        chosen_template=request.GET.get("mau", ""),
        can_remind=(petition.unit_id is not None
                    and petition.state in follow_up_service.UNIT_WAITING
                    and _office_of(user, petition.agency)
                    and not (Role.ADMIN not in roles and roles <= READ_ONLY_ROLES)),
    ), status=status)


@login_required
@require_GET
def detail(request, pk):
    petition = queries.petition_for_detail(request.user, pk)
    return _render_detail(request, petition)


def _call(action: str, user, petition: Petition, form: forms.ActionForm):
    version = form.cleaned_data["version"]
    if action == forms.UNGROUP:
        return services.remove_from_issue(actor=user, petition=petition, version=version,
                                          reason=form.cleaned_data["reason"])
    return SERVICES[Action(action)](actor=user, petition=petition, version=version,
                                    **form.service_kwargs())


@login_required
@require_POST
def act(request, pk, action):
    """One action on one petition, with the version the user saw."""
    petition = queries.petition_for_detail(request.user, pk)
    _refuse_read_only(acting_roles(request.user, petition))
    form_class = forms.ACTION_FORMS.get(action)
    if form_class is None:
        raise Http404
    form = form_class(request.POST, request.FILES, petition=petition)
    if not form.is_valid():
        messages.error(request, _("Chưa thực hiện được: hãy xem lại các ô được đánh dấu."))
        return _render_detail(request, petition, bound=form, status=400)
    try:
        _call(action, request.user, petition, form)
    except services.Conflict as exc:
        messages.error(request, exc.messages[0])
        fresh = queries.petition_for_detail(request.user, pk)
        data = request.POST.copy()
        data[form.add_prefix("version")] = str(fresh.version)
        rebound = form_class(data, petition=fresh) if action in available_actions(
            request.user, fresh) else None
        return _render_detail(request, fresh, bound=rebound, status=409)
    except (ValidationError, PermissionDenied) as exc:
        for message in _error_messages(exc):
            messages.error(request, message)
        status = 403 if isinstance(exc, PermissionDenied) else 400
        return _render_detail(request, petition, bound=form, status=status)
    label = ACTION_LABELS[Action(action)] if action != forms.UNGROUP else _("Tách khỏi vấn đề")
    messages.success(request, _("Đã thực hiện: %(action)s.") % {"action": label})
    default = reverse("petitions:detail", args=[petition.pk])
    if not queries.visible_petitions(request.user).filter(pk=petition.pk).exists():
        # e.g. a unit returned it to the office: it is no longer the unit's to see.
        default = reverse("petitions:unit_queue")
        return redirect(default)
    return redirect(_safe_next(request, default))


@login_required
@require_GET
def answer_file(request, pk, answer_pk):
    """The attached file of an answer, for those who may see the petition."""
    petition = get_visible_object_or_404(request.user, Petition, pk)
    answer = get_object_or_404(Answer, pk=answer_pk, petition=petition)
    if not answer.attachment:
        raise Http404
    try:
        handle = answer.attachment.open("rb")
    except FileNotFoundError as exc:
        raise Http404 from exc
    return FileResponse(handle, as_attachment=True, filename=Path(answer.attachment.name).name)
