"""Milestones: computed from the conference day and the working-day calendar, moved with it,
confirmed done with a proof (by the responsible unit or the office) or by the product itself.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from doithoai.audit.services import record, require_reason, snapshot
from doithoai.core import milestones as milestone_rules
from doithoai.core.text import nfc
from doithoai.dialogues import rules
from doithoai.dialogues.models import Conference, Milestone
from doithoai.dialogues.selectors.duties import RESPONSIBLE_KIND, responsible
from doithoai.dialogues.selectors.schedule import milestone_settings
from doithoai.org import access
from doithoai.workdays.calendar import get_calendar

# Steps that come after the session: they cannot be done while the conference is ahead.
AFTER_THE_SESSION = {Milestone.Kind.CONCLUSION_NOTICE, Milestone.Kind.RESULTS_ANNOUNCED,
                     Milestone.Kind.WRITTEN_ANSWERS}


def _sync_milestones(conference: Conference) -> None:
    """Create or move every milestone of the conference (nothing done is lost: done ones
    keep their record, only their due date moves)."""
    labels = dict(Milestone.Kind.choices)
    existing = {m.kind: m for m in conference.milestones.exclude(kind=Milestone.Kind.TASK)}
    if conference.held_on is None:
        conference.milestones.filter(done_on=None).update(due_on=None, rule="")
        for kind in RESPONSIBLE_KIND:
            if kind not in existing:
                Milestone.objects.create(conference=conference, kind=kind,
                                         title=str(labels[kind]),
                                         unit=responsible(conference.agency_id, kind))
    else:
        calendar = get_calendar()
        for order, due in enumerate(milestone_rules.statutory(calendar, conference.held_on,
                                                    milestone_settings(conference))):
            m = existing.get(due.kind) or Milestone(
                conference=conference, kind=due.kind, title=str(labels[due.kind]),
                unit=responsible(conference.agency_id, due.kind))
            m.due_on, m.rule, m.is_legal, m.order = due.due_on, due.rule, due.is_legal, order
            m.save()
    tasks = {m.task_id: m for m in conference.milestones.filter(kind=Milestone.Kind.TASK)}
    if conference.plan_id:
        for task in conference.plan.tasks.all():
            m = tasks.get(task.pk) or Milestone(conference=conference, kind=Milestone.Kind.TASK,
                                                task=task)
            m.title, m.unit, m.order = task.text[:300], task.unit, 100 + task.order
            if task.offset_days is not None and conference.held_on:
                due = milestone_rules.task_due(get_calendar(), conference.held_on, task.offset_days)
                m.due_on, m.rule = due.due_on, due.rule
            else:
                m.due_on, m.rule = None, ""
            m.save()


def sync_milestones(conference: Conference) -> None:
    """Recompute a conference's milestones (after a calendar or plan change)."""
    with transaction.atomic():
        _sync_milestones(conference)


def recompute_open_milestones(on_or_after: dt.date | None = None) -> int:
    """After a change of the working-day calendar: conferences still ahead move with it."""
    qs = Conference.objects.exclude(held_on=None).exclude(state=Conference.State.CLOSED)
    if on_or_after:
        qs = qs.filter(held_on__gte=on_or_after - dt.timedelta(days=60))
    n = 0
    for conference in qs.select_related("plan"):
        sync_milestones(conference)
        n += 1
    return n


def mark_done(*, actor, milestone: Milestone, proof: str, done_on: dt.date | None = None
              ) -> Milestone:
    """A step is done: a proof is required (document number, where it was posted, …)."""
    access.require(actor, rules.CONFIRM_MILESTONE, milestone)
    proof = nfc(proof or "").strip()
    if not proof:
        raise ValidationError({"proof": _("Hãy ghi minh chứng (số văn bản, nơi đăng tải, "
                                          "người nhận, …) trước khi xác nhận hoàn thành.")})
    done_on = done_on or timezone.localdate()
    if done_on > timezone.localdate():
        raise ValidationError({"done_on": _("Ngày hoàn thành không được sau hôm nay.")})
    with transaction.atomic():
        milestone = Milestone.objects.select_for_update().get(pk=milestone.pk)
        if milestone.done_on:
            raise ValidationError(_("Việc này đã được xác nhận hoàn thành."))
        state = Conference.objects.values_list("state", flat=True).get(
            pk=milestone.conference_id)
        if milestone.kind in AFTER_THE_SESSION and state == Conference.State.PLANNED:
            raise ValidationError(_("Việc này làm sau hội nghị: hãy ghi nhận hội nghị đã tổ "
                                    "chức trước."))
        before = snapshot(milestone)
        milestone.done_on, milestone.proof = done_on, proof
        milestone.done_by = access.account(actor)
        milestone.done_at = timezone.now()
        milestone.save()
        record(actor=actor, action="milestone.done", obj=milestone, before=before,
               after=snapshot(milestone))
    return milestone


def undo_done(*, actor, milestone: Milestone, reason: str) -> Milestone:
    """A confirmation made by mistake is withdrawn, with a reason."""
    access.require(actor, rules.MANAGE, milestone)
    reason = require_reason(reason)
    with transaction.atomic():
        milestone = Milestone.objects.select_for_update().get(pk=milestone.pk)
        before = snapshot(milestone)
        milestone.done_on = milestone.done_by = milestone.done_at = None
        milestone.proof = ""
        milestone.save()
        record(actor=actor, action="milestone.undo", obj=milestone, before=before,
               after=snapshot(milestone), reason=reason)
    return milestone


def confirm_automatic(conference: Conference, kind: str, proof: str, actor=None,
                      done_on: dt.date | None = None) -> None:
    """The product confirms a step it can see is done (call inside the caller's
    transaction); `done_on` when the step was done earlier than today (a dated notice)."""
    m = conference.milestones.filter(kind=kind, done_on=None).first()
    if m is None:
        return
    before = snapshot(m)
    m.done_on, m.proof, m.done_at = done_on or timezone.localdate(), proof, timezone.now()
    m.done_by = access.account(actor)
    m.save()
    record(actor=actor, action="milestone.done", obj=m, before=before, after=snapshot(m))
