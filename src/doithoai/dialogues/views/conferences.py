"""Conference pages: schedule, the conference page, edit with an impact preview, the
programme, the timeline of milestones, the carry-over report (R31) and the chair's briefing
(R19).

Thin: every object is read through `org.access` (404 outside the user's scope); any POST
checks the acting role first (403 for read-only roles, nothing changed), then an action
decides. Refusals come back on the page in Vietnamese with what the user typed.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST

from doithoai.core.text import fold
from doithoai.dialogues import conclusions, defaults, rules
from doithoai.dialogues.actions import agenda as agenda_actions
from doithoai.dialogues.actions import conferences, outcome
from doithoai.dialogues.actions import milestones as milestones_actions
from doithoai.dialogues.forms.common import add_service_errors
from doithoai.dialogues.forms.conferences import (
    AgendaItemForm,
    CloseForm,
    ConclusionForm,
    ConferenceEditForm,
    ConferenceForm,
    MilestoneDoneForm,
    MilestoneUndoForm,
    OutcomeForm,
)
from doithoai.dialogues.models import Conference, Milestone, Plan
from doithoai.dialogues.selectors import agenda as agenda_reads
from doithoai.dialogues.selectors import conferences as conferences_reads
from doithoai.dialogues.selectors import delegates as delegates_reads
from doithoai.dialogues.selectors import milestones as milestones_reads
from doithoai.dialogues.selectors import public as public_reads
from doithoai.dialogues.selectors import public_copy, schedule
from doithoai.org import access
from doithoai.org.access import get_visible_object_or_404

# -- shared ---------------------------------------------------------------------------------


def _is_carry_over(title: str) -> bool:
    return fold(title) == fold(defaults.CARRY_OVER_ITEM)


def _page(request, template: str, conference: Conference, context: dict, status=200):
    """Render a conference page with its sub-navigation: only the tabs this user may open
    (check-in is the office's; the public announcement exists once the plan is announced)."""
    nav = {"office": access.can(request.user, rules.MANAGE, conference),
           "announcement": public_reads.is_public(conference)}
    return render(request, template, {"conference": conference, "nav": nav, **context},
                  status=status)


# -- schedule -------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def conference_new(request, plan_pk):
    plan = get_visible_object_or_404(request.user, Plan.objects.select_related("agency"),
                                     plan_pk)
    warnings: list[str] = []
    if request.method == "POST":
        access.require(request.user, rules.MANAGE, plan)
        form = ConferenceForm(request.POST, agency=plan.agency)
        if form.is_valid():
            check = schedule.check_date(form.cleaned_data["held_on"])
            for error in check.errors:
                form.add_error("held_on", error)
            warnings = check.warnings
            if warnings and not form.cleaned_data["confirmed"] and not form.errors:
                form.add_error("confirmed", _("Hãy đánh dấu xác nhận nếu vẫn giữ ngày này."))
            if not form.errors:
                try:
                    conference = conferences.schedule_conference(
                        actor=request.user, plan=plan, data=form.service_data(),
                        villages=list(form.cleaned_data["villages"]))
                except ValidationError as exc:
                    add_service_errors(form, exc)
                else:
                    if conference.held_on:
                        text = _("Đã tạo hội nghị. Các mốc thời gian đã được tính theo ngày "
                                 "tổ chức.")
                    else:
                        text = _("Đã tạo hội nghị, thời gian thông báo sau. Khi ấn định "
                                 "ngày tổ chức, hãy sửa hội nghị để tính các mốc thời gian.")
                    messages.success(request, text)
                    return redirect("dialogues:conference_detail", conference.pk)
    else:
        form = ConferenceForm(agency=plan.agency, initial={
            "title": conferences._default_title(plan), "venue": plan.venue,
            "topics": plan.content, "mode": "in_person", "speaker_minutes": 5})
    return render(request, "dialogues/conferences/form.html", {
        "form": form, "plan": plan, "warnings": warnings, "creating": True})


# -- the conference page ----------------------------------------------------------------------


def _queue_url(conference: Conference, **params) -> str:
    query = "&".join(f"{k}={v}" for k, v in {"conference": conference.pk, **params}.items())
    return f"{reverse('petitions:queue')}?{query}"


def _detail(request, conference: Conference, *, bound: dict | None = None, status=200):
    bound = bound or {}
    can_act = access.can(request.user, rules.MANAGE, conference)
    progress = conferences_reads.unit_progress(conference)
    for row in progress:
        row.urls = None if row.unit_id is None else {
            "all": _queue_url(conference, unit=row.unit_id),
            "open": _queue_url(conference, unit=row.unit_id, due="open"),
            "overdue": _queue_url(conference, unit=row.unit_id, due="overdue"),
        }
    state = conference.state
    version = {"version": conference.version}
    forms = {}
    if can_act:
        if state == Conference.State.PLANNED:
            forms["outcome"] = bound.get("outcome") or OutcomeForm(initial={
                **version, "attendance": conferences_reads.checked_in_count(conference)})
        elif state == Conference.State.HELD:
            drafted = conclusions.draft(conference)  # the live room's, when none written
            form = forms["conclusion"] = bound.get("conclusion") or ConclusionForm(initial={
                **version, "concluded_on": conference.held_on, "conclusion": drafted})
            typed = form["conclusion"].value() or ""
            forms["conclusion_preview"] = public_copy.conclusion_preview(conference, typed)
        elif state == Conference.State.CONCLUDED:
            forms["close"] = bound.get("close") or CloseForm(initial=version)
    unsettled = (conferences_reads.unsettled(conference).count()
                 if state == Conference.State.CONCLUDED else 0)
    # After a refused close the error already says how many are left: say it once.
    unsettled_said = bool(unsettled) and "close" in forms and ngettext(
        "Còn %(n)s ý kiến chưa được trả lời hoặc chuyển cấp trên.",
        "Còn %(n)s ý kiến chưa được trả lời hoặc chuyển cấp trên.", unsettled
    ) % {"n": unsettled} in forms["close"].non_field_errors()
    agenda = list(conference.agenda.all())
    for item in agenda:
        item.is_carry_over = _is_carry_over(item.title)
    total = sum(i.minutes for i in agenda)
    return _page(request, "dialogues/conferences/detail.html", conference, {
        "plan": conference.plan, "can_act": can_act,
        "summary": milestones_reads.milestone_summary(conference), "progress": progress,
        "totals": conferences_reads.progress_totals(progress), "queue_url": _queue_url(conference),
        "forms": forms, "agenda": agenda, "agenda_total": total,
        "agenda_ends": agenda_reads.ends_at(conference, total),
        "villages": list(conference.villages.all()),
        "unsettled": unsettled, "unsettled_said": unsettled_said,
        "planned_seats": conferences_reads.planned_seats(conference),
        "resend": delegates_reads.to_resend(conference),
    }, status=status)


@login_required
def conference_detail(request, pk):
    return _detail(request, conferences_reads.visible_conference(request.user, pk))


def _state_action(request, pk, form_class, key, call, done_message):
    conference = conferences_reads.visible_conference(request.user, pk)
    access.require(request.user, rules.MANAGE, conference)
    form = form_class(request.POST)
    if form.is_valid():
        try:
            call(conference, form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, done_message)
            return redirect("dialogues:conference_detail", conference.pk)
    return _detail(request, conference, bound={key: form}, status=400)


@login_required
@require_POST
def conference_outcome(request, pk):
    def call(conference, d):
        outcome.record_outcome(actor=request.user, conference=conference,
                               outcome=d["outcome"], attendance=d["attendance"],
                               version=d["version"])
    return _state_action(request, pk, OutcomeForm, "outcome", call,
                         _("Đã ghi nhận kết quả: hội nghị đã tổ chức."))


@login_required
@require_POST
def conference_conclude(request, pk):
    if "preview" in request.POST:  # the public copy shown before issuing; nothing written
        conference = conferences_reads.visible_conference(request.user, pk)
        access.require(request.user, rules.MANAGE, conference)
        # Unbound, filled with what was typed: a preview is no attempt, so no errors yet.
        typed = ConclusionForm(initial={k: v for k, v in request.POST.items()
                                        if k in ConclusionForm.base_fields})
        return _detail(request, conference, bound={"conclusion": typed})

    def call(conference, d):
        # The documents issue the notice (they sit above the dialogues: `conclusions`).
        conclusions.issue(actor=request.user, conference=conference,
                          conclusion=d["conclusion"], concluded_on=d["concluded_on"],
                          signed=d["da_ky"], version=d["version"])
    return _state_action(request, pk, ConclusionForm, "conclusion", call,
                         _("Đã ban hành thông báo kết luận; số do sổ văn bản cấp, bản đã ban "
                           "hành được lưu ở mục Văn bản."))


@login_required
@require_POST
def conference_close(request, pk):
    def call(conference, d):
        outcome.close_conference(actor=request.user, conference=conference,
                                 version=d["version"])
    return _state_action(request, pk, CloseForm, "close", call,
                         _("Hội nghị đã hoàn thành: mọi ý kiến đã được trả lời hoặc chuyển "
                           "cấp trên."))


# -- edit / reschedule ------------------------------------------------------------------------


MOVING = ("held_on", "starts_at", "venue")


@login_required
@require_http_methods(["GET", "POST"])
def conference_edit(request, pk):
    conference = conferences_reads.visible_conference(request.user, pk)
    if conference.state != Conference.State.PLANNED:
        messages.error(request, _("Hội nghị đã diễn ra: không đổi thông tin tổ chức được "
                                  "nữa."))
        return redirect("dialogues:conference_detail", conference.pk)
    can_act = access.can(request.user, rules.MANAGE, conference)
    impact = None
    sent = 0
    if request.method == "POST":
        access.require(request.user, rules.MANAGE, conference)
        form = ConferenceEditForm(request.POST, agency=conference.agency, conference=conference)
        if form.is_valid():
            d = form.cleaned_data
            data = form.service_data()
            new_date = d["held_on"]
            date_moved = new_date != conference.held_on
            moved = any(data[name] != getattr(conference, name) for name in MOVING)
            impact = schedule.change_impact(conference, new_date)
            if date_moved:
                for error in impact.date_check.errors:
                    form.add_error("held_on", error)
            sent = schedule.invitations_sent(conference) if moved else 0
            needs = sent or (date_moved and impact.needs_confirmation)
            if needs and not d["confirmed"] and not form.errors:
                form.add_error("confirmed", _("Hãy xem ảnh hưởng của thay đổi ở trên và đánh "
                                              "dấu xác nhận trước khi lưu."))
            if sent and not (d.get("reason") or "").strip() and not form.errors:
                form.add_error("reason", _("Giấy mời đã gửi: hãy ghi lý do thay đổi."))
            if not form.errors:
                try:
                    conferences.update_conference(
                        actor=request.user, conference=conference, data=data,
                        villages=list(d["villages"]), reason=d.get("reason") or "",
                        confirmed=bool(d["confirmed"]), version=d["version"])
                except ValidationError as exc:
                    add_service_errors(form, exc)
                else:
                    text = _("Đã lưu thay đổi.")
                    if sent:
                        text += " " + _("%(n)s giấy mời được đánh dấu cần gửi lại.") % {"n": sent}
                    messages.success(request, text)
                    return redirect("dialogues:conference_detail", conference.pk)
            if not (sent or impact.needs_confirmation):
                impact = None
    else:
        form = ConferenceEditForm(agency=conference.agency, conference=conference,
                                  initial=ConferenceEditForm.initial_for(conference))
    return _page(request, "dialogues/conferences/form.html", conference, {
        "form": form, "plan": conference.plan, "impact": impact, "can_act": can_act,
        "impossible": schedule.impact_rows(conference, impact.impossible if impact else []),
        "late_done": schedule.impact_rows(conference, impact.late_done if impact else []),
        "sent": sent, "warnings": impact.date_check.warnings if impact else [],
        "creating": False}, status=400 if form.is_bound else 200)


# -- programme --------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def agenda(request, pk):
    conference = conferences_reads.visible_conference(request.user, pk)
    can_edit = (access.can(request.user, rules.MANAGE, conference)
                and conference.state == Conference.State.PLANNED)
    add_form = AgendaItemForm(prefix="new")
    bound_item, bound_form = None, None
    if request.method == "POST":
        access.require(request.user, rules.MANAGE, conference)
        op = request.POST.get("op", "")
        item = None
        if op != "add":
            item = agenda_reads.item(conference, request.POST.get("item") or 0)
            if item is None:
                messages.error(request, _("Mục chương trình này không còn nữa."))
                return redirect("dialogues:agenda", conference.pk)
        try:
            if op in ("up", "down"):
                agenda_actions.move_item(actor=request.user, item=item, direction=op)
                return redirect(f"{reverse('dialogues:agenda', args=[conference.pk])}"
                                f"#item-{item.pk}")
            if op == "remove":
                agenda_actions.remove_item(actor=request.user, item=item)
                messages.success(request, _("Đã bỏ mục “%(t)s”.") % {"t": item.title})
                return redirect("dialogues:agenda", conference.pk)
            if op == "add":
                add_form = AgendaItemForm(request.POST, prefix="new")
                if add_form.is_valid():
                    agenda_actions.add_item(actor=request.user, conference=conference,
                                            **add_form.cleaned_data)
                    messages.success(request, _("Đã thêm mục vào chương trình."))
                    return redirect("dialogues:agenda", conference.pk)
            elif op == "update":
                bound_item = item.pk
                bound_form = AgendaItemForm(request.POST, prefix=f"item-{item.pk}")
                if bound_form.is_valid():
                    agenda_actions.update_item(actor=request.user, item=item,
                                               **bound_form.cleaned_data)
                    messages.success(request, _("Đã lưu mục chương trình."))
                    return redirect(f"{reverse('dialogues:agenda', args=[conference.pk])}"
                                    f"#item-{item.pk}")
            else:
                messages.error(request, _("Thao tác không hợp lệ."))
                return redirect("dialogues:agenda", conference.pk)
        except ValidationError as exc:
            target = bound_form if op == "update" else add_form
            if op in ("add", "update"):
                add_service_errors(target, exc)
            else:
                messages.error(request, " ".join(exc.messages))
                return redirect("dialogues:agenda", conference.pk)
    items = list(conference.agenda.all())
    for i, item in enumerate(items):
        item.is_first, item.is_last = i == 0, i == len(items) - 1
        item.is_carry_over = _is_carry_over(item.title)
        item.form = bound_form if item.pk == bound_item else AgendaItemForm(
            prefix=f"item-{item.pk}",
            initial={"title": item.title, "presenter": item.presenter,
                     "minutes": item.minutes})
    total = sum(i.minutes for i in items)
    return _page(request, "dialogues/conferences/agenda.html", conference, {
        "items": items, "can_edit": can_edit, "add_form": add_form,
        "total": total, "ends": agenda_reads.ends_at(conference, total),
        "bound_item": bound_item}, status=400 if request.method == "POST" else 200)


# -- timeline ---------------------------------------------------------------------------------


def _timeline(request, conference: Conference, *, bound_pk=None, bound_form=None,
              undo_form=None, status=200):
    office = access.can(request.user, rules.MANAGE, conference)
    rows = milestones_reads.timeline(conference)
    for row in rows:
        row.milestone.conference = conference  # its scope, read without a query per row
    roles = access.roles_for_rows(request.user, [row.milestone for row in rows])
    for row in rows:
        m = row.milestone
        done = row.status in ("done", "done_late")
        row.can_confirm = not done and rules.CONFIRM_MILESTONE.allows(roles[m.pk])
        row.can_undo = done and office
        row.form = row.undo = None
        if row.can_confirm:
            row.form = bound_form if m.pk == bound_pk and bound_form else MilestoneDoneForm(
                prefix=f"m{m.pk}")
        if row.can_undo:
            row.undo = undo_form if m.pk == bound_pk and undo_form else MilestoneUndoForm(
                prefix=f"u{m.pk}")
    return _page(request, "dialogues/conferences/timeline.html", conference, {
        "rows": rows, "summary": milestones_reads.milestone_summary(conference)}, status=status)


@login_required
def timeline(request, pk):
    return _timeline(request, conferences_reads.visible_conference(request.user, pk))


def _milestone(request, pk, mpk) -> tuple[Conference, Milestone]:
    conference = conferences_reads.visible_conference(request.user, pk)
    milestone = milestones_reads.milestone_of(conference, mpk)
    if milestone is None:
        raise Http404
    return conference, milestone


@login_required
@require_POST
def milestone_done(request, pk, mpk):
    conference, milestone = _milestone(request, pk, mpk)
    access.require(request.user, rules.CONFIRM_MILESTONE, milestone)
    form = MilestoneDoneForm(request.POST, prefix=f"m{milestone.pk}")
    if form.is_valid():
        try:
            milestones_actions.mark_done(actor=request.user, milestone=milestone,
                                         proof=form.cleaned_data["proof"],
                                         done_on=form.cleaned_data["done_on"])
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Đã xác nhận hoàn thành: %(t)s.") % {"t": milestone.title})
            return redirect(f"{reverse('dialogues:timeline', args=[conference.pk])}"
                            f"#m-{milestone.pk}")
    return _timeline(request, conference, bound_pk=milestone.pk, bound_form=form, status=400)


@login_required
@require_POST
def milestone_undo(request, pk, mpk):
    conference, milestone = _milestone(request, pk, mpk)
    access.require(request.user, rules.MANAGE, milestone)
    form = MilestoneUndoForm(request.POST, prefix=f"u{milestone.pk}")
    if form.is_valid():
        try:
            milestones_actions.undo_done(actor=request.user, milestone=milestone,
                                         reason=form.cleaned_data["reason"])
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Đã hủy xác nhận: %(t)s.") % {"t": milestone.title})
            return redirect(f"{reverse('dialogues:timeline', args=[conference.pk])}"
                            f"#m-{milestone.pk}")
    return _timeline(request, conference, bound_pk=milestone.pk, undo_form=form, status=400)


# -- reports --------------------------------------------------------------------------------


@login_required
def carry_over(request, pk):
    conference = conferences_reads.visible_conference(request.user, pk)
    reports = conferences_reads.carry_over(conference)
    return _page(request, "dialogues/conferences/carry_over.html", conference, {
        "reports": reports, "open_total": sum(r.open for r in reports),
        "today": timezone.localdate()})


@login_required
def briefing(request, pk):
    conference = conferences_reads.visible_conference(request.user, pk)
    return _page(request, "dialogues/conferences/briefing.html", conference, {
        "b": conferences_reads.briefing(conference, request.user)})


urlpatterns = [
    path("ke-hoach/<int:plan_pk>/hoi-nghi-moi/", conference_new, name="conference_new"),
    path("hoi-nghi/<int:pk>/", conference_detail, name="conference_detail"),
    path("hoi-nghi/<int:pk>/sua/", conference_edit, name="conference_edit"),
    path("hoi-nghi/<int:pk>/ket-qua/", conference_outcome, name="conference_outcome"),
    path("hoi-nghi/<int:pk>/ket-luan/", conference_conclude, name="conference_conclude"),
    path("hoi-nghi/<int:pk>/hoan-thanh/", conference_close, name="conference_close"),
    path("hoi-nghi/<int:pk>/chuong-trinh/", agenda, name="agenda"),
    path("hoi-nghi/<int:pk>/moc-thoi-gian/", timeline, name="timeline"),
    path("hoi-nghi/<int:pk>/moc-thoi-gian/<int:mpk>/xac-nhan/", milestone_done,
         name="milestone_done"),
    path("hoi-nghi/<int:pk>/moc-thoi-gian/<int:mpk>/huy-xac-nhan/", milestone_undo,
         name="milestone_undo"),
    path("hoi-nghi/<int:pk>/ket-qua-hoi-nghi-truoc/", carry_over, name="carry_over"),
    path("hoi-nghi/<int:pk>/tai-lieu-chu-tri/", briefing, name="briefing"),
]
