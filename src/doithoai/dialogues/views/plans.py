"""Plan pages: the list by year, a new plan, the plan as a document with its conferences and
the actions of its state, the edit form, and the composition and tasks per unit.

Thin: parse, ask the permission layer, call a service, render. Everything is read through
`org.access` (404 outside the user's scope); read-only roles (supervisor, overseer) see the
pages and get 403 on any POST; other roles who may see a plan get the service's refusal (403).
Refusals come back on the page in Vietnamese, with what the user typed.
"""

from __future__ import annotations

from itertools import groupby

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from doithoai.dialogues import rules
from doithoai.dialogues.actions import plan_contents
from doithoai.dialogues.actions import plans as plans_actions
from doithoai.dialogues.forms import plans as plan_forms
from doithoai.dialogues.forms.common import add_service_errors
from doithoai.dialogues.models import Conference, ParticipantGroup, Plan
from doithoai.dialogues.selectors import duties
from doithoai.dialogues.selectors import plans as plans_reads
from doithoai.dialogues.views.common import optional_url
from doithoai.org import access
from doithoai.org.access import get_visible_object_or_404
from doithoai.petitions.views.navigation import error_messages

# --- shared --------------------------------------------------------------------------------

def _plan_or_404(request, pk) -> Plan:
    return get_visible_object_or_404(request.user, Plan.objects.select_related(
        "agency", "signer", "created_by"), pk)


# --- list and new --------------------------------------------------------------------------

@login_required
@require_GET
def plan_list(request):
    """The plans the user may see, by year; several agencies (overseer, admin): a filter."""
    reachable = plans_reads.reachable_agencies(request.user)
    chosen = None
    if len(reachable) > 1:
        wanted = _int(request.GET.get("co-quan"))
        chosen = next((a for a in reachable if a.pk == wanted), None)
    rows = [{"plan": p, "conferences": [
                {"conference": c, "url": optional_url("dialogues:conference_detail", c.pk)}
                for c in p.conferences.all()]}
            for p in plans_reads.plans_for(request.user, agency=chosen)]
    years = [{"year": year, "rows": list(items)}
             for year, items in groupby(rows, key=lambda r: r["plan"].year)]
    return render(request, "dialogues/plans/list.html", {
        "years": years, "several": len(reachable) > 1, "agencies": reachable,
        "chosen": chosen,
        "can_create": (access.holds(request.user, rules.CHANGE_PLAN)
                       and plans_reads.agencies_for_new_plan(request.user).exists()),
    })


def _int(value) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


@login_required
@require_http_methods(["GET", "POST"])
def plan_new(request):
    agencies = plans_reads.agencies_for_new_plan(request.user)
    if not access.holds(request.user, rules.CHANGE_PLAN) or not agencies.exists():
        raise PermissionDenied(str(rules.CREATE_PLAN.refusal))
    form = plan_forms.PlanNewForm(request.POST or None, agencies=agencies)
    if request.GET.get("nam", "").isdigit():  # from the province's request on the home page
        form.fields["year"].initial = int(request.GET["nam"])
    else:
        form.fields["year"].initial = plans_reads.next_plan_year(list(agencies),
                                                                 timezone.localdate())
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            plan = plans_actions.create_plan(actor=request.user, agency=data["agency"],
                                             year=data["year"], kind=data["kind"],
                                             ad_hoc_basis=data["ad_hoc_basis"])
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Đã lập dự thảo kế hoạch năm %(year)s. Hãy xem lại "
                                        "từng mục rồi trình ký.") % {"year": plan.year})
            return redirect("dialogues:plan_detail", plan.pk)
    return render(request, "dialogues/plans/new.html", {"form": form})


# --- the plan ------------------------------------------------------------------------------

def _detail_context(request, plan: Plan, **extra) -> dict:
    can_act = access.can(request.user, rules.MANAGE, plan)
    draft = plan.state == Plan.State.DRAFT
    missing = plans_reads.missing_for_issue(plan) if draft else []
    conferences = [{"conference": c, "url": optional_url("dialogues:conference_detail", c.pk)}
                   for c in plans_reads.conferences_of(plan)]
    context = {
        "plan": plan, "can_act": can_act, "draft": draft, "missing": missing,
        "legal_bases": Plan.lines(plan.legal_bases),
        "purposes": Plan.lines(plan.purposes), "requirements": Plan.lines(plan.requirements),
        "content": Plan.lines(plan.content), "programme": Plan.lines(plan.programme),
        "banner": Plan.lines(plan.banner), "rules": Plan.lines(plan.rules),
        "recipients": Plan.lines(plan.recipients),
        "composition": plans_reads.composition(plan),
        "duties": duties.sections(plan, duties.the_conference(plan)),
        "village_count": plans_reads.village_count(plan),
        "settings_rows": [
            {"label": Plan._meta.get_field(name).verbose_name, "value": getattr(plan, name),
             "law": name in plan_forms.LAW_SETTINGS}
            for name in plans_actions.PLAN_SETTINGS],
        "conferences": conferences,
        "conference_new_url": (optional_url("dialogues:conference_new", plan.pk)
                               if can_act and plan.state != Plan.State.DONE else None),
        "public_url": (optional_url("dialogues_public:plan", plan.pk)
                       if plan.state in (Plan.State.PUBLISHED, Plan.State.DONE) else None),
        "can_publish": can_act and plan.state == Plan.State.ISSUED,
        "can_complete": (can_act and plan.state in (Plan.State.ISSUED, Plan.State.PUBLISHED)
                         and bool(conferences) and all(
                             c["conference"].state == Conference.State.CLOSED
                             for c in conferences)),
        "version_form": plan_forms.VersionForm(initial={"version": plan.version}),
    }
    context.update(extra)
    return context


@login_required
@require_GET
def plan_detail(request, pk):
    plan = _plan_or_404(request, pk)
    return render(request, "dialogues/plans/detail.html", _detail_context(request, plan))


def _simple_action(request, pk, service, done: str):
    plan = _plan_or_404(request, pk)
    access.require(request.user, rules.CHANGE_PLAN, plan)
    form = plan_forms.VersionForm(request.POST)
    version = form.cleaned_data["version"] if form.is_valid() else None
    try:
        service(actor=request.user, plan=plan, version=version)
    except ValidationError as exc:
        for message in error_messages(exc):
            messages.error(request, message)
    else:
        messages.success(request, done)
    return redirect("dialogues:plan_detail", plan.pk)


@login_required
@require_POST
def plan_publish(request, pk):
    return _simple_action(request, pk, plans_actions.publish_plan,
                          _("Đã công khai kế hoạch. Trang công khai đã mở cho Nhân dân."))


@login_required
@require_POST
def plan_complete(request, pk):
    return _simple_action(request, pk, plans_actions.complete_plan,
                          _("Đã đánh dấu kế hoạch hoàn thành."))


@login_required
@require_http_methods(["GET", "POST"])
def plan_edit(request, pk):
    plan = _plan_or_404(request, pk)
    if request.method == "POST":
        access.require(request.user, rules.CHANGE_PLAN, plan)
    if plan.state == Plan.State.DONE:
        messages.error(request, _("Kế hoạch đã hoàn thành, không sửa được nữa."))
        return redirect("dialogues:plan_detail", plan.pk)
    form = plan_forms.PlanEditForm(request.POST or None, plan=plan)
    if request.method == "POST" and form.is_valid():
        try:
            plans_actions.update_plan(actor=request.user, plan=plan, data=form.changes,
                                      version=form.cleaned_data["version"],
                                      reason=form.cleaned_data.get("reason", ""))
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Đã lưu kế hoạch."))
            return redirect("dialogues:plan_detail", plan.pk)
    return render(request, "dialogues/plans/edit.html", {
        "plan": plan, "form": form, "can_act": access.can(request.user, rules.MANAGE, plan)},
        status=400 if form.errors else 200)


# --- composition and tasks -----------------------------------------------------------------

def _rows_page(request, plan: Plan, *, kind: str, add_form=None, bound=None, status=200):
    """The composition or the tasks page: one small form per row, and a form to add one."""
    can_edit = access.can(request.user, rules.MANAGE, plan) and plan.state == Plan.State.DRAFT
    if kind == "groups":
        rows, form_class = plans_reads.groups(plan), plan_forms.GroupForm
    else:
        rows, form_class = plans_reads.tasks(plan), plan_forms.TaskForm
    items = []
    for row in rows:
        form = None
        if can_edit:
            form = (bound if bound is not None and bound.instance.pk == row.pk else
                    form_class(instance=row, plan=plan, prefix=f"r{row.pk}"))
        items.append({"row": row, "form": form})
    if kind == "groups":
        order = list(ParticipantGroup.Side.values)
        items.sort(key=lambda i: (order.index(i["row"].side), i["row"].order, i["row"].pk))
        labels = dict(ParticipantGroup.Side.choices)
        heading = lambda i: labels[i["row"].side]  # noqa: E731
    else:
        heading = lambda i: i["row"].unit.name  # noqa: E731
    sections: dict[str, list] = {}
    for item in items:
        sections.setdefault(heading(item), []).append(item)
    if can_edit and add_form is None:
        add_form = form_class(plan=plan, prefix="new")
    template = "dialogues/plans/groups.html" if kind == "groups" else "dialogues/plans/tasks.html"
    return render(request, template, {
        "plan": plan, "items": items, "add_form": add_form if can_edit else None,
        "sections": [{"title": t, "items": rows} for t, rows in sections.items()],
        "can_edit": can_edit, "can_act": access.can(request.user, rules.MANAGE, plan),
        "village_count": plans_reads.village_count(plan),
        "composition": plans_reads.composition(plan) if kind == "groups" else None,
    }, status=status)


def _refused(request, exc: ValidationError, plan: Plan, kind: str):
    """A refusal about the plan as a whole (not one field): say it on the rows page."""
    for message in error_messages(exc):
        messages.error(request, message)
    return redirect("dialogues:plan_groups" if kind == "groups" else "dialogues:plan_tasks",
                    plan.pk)


@login_required
@require_http_methods(["GET", "POST"])
def plan_groups(request, pk):
    plan = _plan_or_404(request, pk)
    if request.method == "GET":
        return _rows_page(request, plan, kind="groups")
    access.require(request.user, rules.CHANGE_PLAN, plan)
    form = plan_forms.GroupForm(request.POST, plan=plan, prefix="new")
    if form.is_valid():
        try:
            plan_contents.add_group(actor=request.user, plan=plan, **form.cleaned_data)
        except ValidationError as exc:
            if not hasattr(exc, "error_dict"):
                return _refused(request, exc, plan, "groups")
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Đã thêm thành phần “%(label)s”.")
                             % {"label": form.cleaned_data["label"]})
            return redirect("dialogues:plan_groups", plan.pk)
    return _rows_page(request, plan, kind="groups", add_form=form, status=400)


@login_required
@require_POST
def plan_group(request, pk, row):
    plan = _plan_or_404(request, pk)
    access.require(request.user, rules.CHANGE_PLAN, plan)
    group = get_object_or_404(plan.groups, pk=row)
    if request.POST.get("op") == "remove":
        try:
            plan_contents.remove_group(actor=request.user, group=group)
        except ValidationError as exc:
            for message in error_messages(exc):
                messages.error(request, message)
        else:
            messages.success(request, _("Đã bỏ thành phần “%(label)s”.") % {"label": group.label})
        return redirect("dialogues:plan_groups", plan.pk)
    form = plan_forms.GroupForm(request.POST, instance=group, plan=plan, prefix=f"r{group.pk}")
    if form.is_valid():
        try:
            plan_contents.update_group(actor=request.user, group=group, **form.cleaned_data)
        except ValidationError as exc:
            if not hasattr(exc, "error_dict"):
                return _refused(request, exc, plan, "groups")
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Đã lưu thành phần “%(label)s”.")
                             % {"label": form.cleaned_data["label"]})
            return redirect("dialogues:plan_groups", plan.pk)
    return _rows_page(request, plan, kind="groups", bound=form, status=400)


@login_required
@require_http_methods(["GET", "POST"])
def plan_tasks(request, pk):
    plan = _plan_or_404(request, pk)
    if request.method == "GET":
        return _rows_page(request, plan, kind="tasks")
    access.require(request.user, rules.CHANGE_PLAN, plan)
    form = plan_forms.TaskForm(request.POST, plan=plan, prefix="new")
    if form.is_valid():
        try:
            plan_contents.add_task(actor=request.user, plan=plan, **form.cleaned_data)
        except ValidationError as exc:
            if not hasattr(exc, "error_dict"):
                return _refused(request, exc, plan, "tasks")
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Đã thêm nhiệm vụ của %(unit)s.")
                             % {"unit": form.cleaned_data["unit"].name})
            return redirect("dialogues:plan_tasks", plan.pk)
    return _rows_page(request, plan, kind="tasks", add_form=form, status=400)


@login_required
@require_POST
def plan_task(request, pk, row):
    plan = _plan_or_404(request, pk)
    access.require(request.user, rules.CHANGE_PLAN, plan)
    task = get_object_or_404(plan.tasks, pk=row)
    if request.POST.get("op") == "remove":
        try:
            plan_contents.remove_task(actor=request.user, task=task)
        except ValidationError as exc:
            for message in error_messages(exc):
                messages.error(request, message)
        else:
            messages.success(request, _("Đã bỏ nhiệm vụ của %(unit)s.") % {"unit": task.unit.name})
        return redirect("dialogues:plan_tasks", plan.pk)
    form = plan_forms.TaskForm(request.POST, instance=task, plan=plan, prefix=f"r{task.pk}")
    if form.is_valid():
        try:
            plan_contents.update_task(actor=request.user, task=task, **form.cleaned_data)
        except ValidationError as exc:
            if not hasattr(exc, "error_dict"):
                return _refused(request, exc, plan, "tasks")
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Đã lưu nhiệm vụ của %(unit)s.")
                             % {"unit": form.cleaned_data["unit"].name})
            return redirect("dialogues:plan_tasks", plan.pk)
    return _rows_page(request, plan, kind="tasks", bound=form, status=400)


urlpatterns = [
    path("", plan_list, name="plan_list"),
    path("ke-hoach/moi/", plan_new, name="plan_new"),
    path("ke-hoach/<int:pk>/", plan_detail, name="plan_detail"),
    path("ke-hoach/<int:pk>/sua/", plan_edit, name="plan_edit"),
    path("ke-hoach/<int:pk>/cong-khai/", plan_publish, name="plan_publish"),
    path("ke-hoach/<int:pk>/hoan-thanh/", plan_complete, name="plan_complete"),
    path("ke-hoach/<int:pk>/thanh-phan/", plan_groups, name="plan_groups"),
    path("ke-hoach/<int:pk>/thanh-phan/<int:row>/", plan_group, name="plan_group"),
    path("ke-hoach/<int:pk>/nhiem-vu/", plan_tasks, name="plan_tasks"),
    path("ke-hoach/<int:pk>/nhiem-vu/<int:row>/", plan_task, name="plan_task"),
]
