"""Editing a plan's composition (ParticipantGroup rows) and its tasks per unit (PlanTask rows).

One function per use case, one transaction, one audit event on the row. Only the office
(clerk, leader) edits, only while the plan is a draft: once issued, the composition and the
tasks are part of the signed document. Units must belong to the plan's agency. A change of
tasks moves the milestones of the plan's open conferences.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from doithoai.audit.services import record
from doithoai.core.text import nfc
from doithoai.dialogues import rules
from doithoai.dialogues.actions.milestones import sync_milestones
from doithoai.dialogues.models import Conference, ParticipantGroup, Plan, PlanTask
from doithoai.dialogues.selectors.duties import Deadline
from doithoai.org import access
from doithoai.org.models import Unit

SEATS_MAX = 500
OFFSET_LIMIT = 120  # a task is due at most four months before or after the conference


def _draft(actor, plan: Plan) -> Plan:
    """The office may edit, the plan is (still) a draft; the plan row is locked."""
    access.require(actor, rules.MANAGE, plan)
    plan = Plan.objects.select_for_update().get(pk=plan.pk)
    if plan.state != Plan.State.DRAFT:
        raise ValidationError(_("Kế hoạch đã ban hành: thành phần tham dự và nhiệm vụ của các "
                                "đơn vị không sửa được nữa."))
    return plan


def _unit(plan: Plan, unit: Unit | None, *, required: bool) -> Unit | None:
    if unit is None:
        if required:
            raise ValidationError({"unit": _("Hãy chọn đơn vị thực hiện.")})
        return None
    if unit.agency_id != plan.agency_id or not unit.is_active:
        raise ValidationError({"unit": _("Đơn vị này không thuộc cơ quan ban hành kế hoạch.")})
    return unit


def _group_values(plan: Plan, *, side: str, label: str, seats, unit) -> dict:
    errors = {}
    if side not in ParticipantGroup.Side.values:
        errors["side"] = _("Hãy chọn nhóm đại biểu.")
    label = nfc(label or "").strip()
    if not label:
        errors["label"] = _("Hãy ghi thành phần tham dự.")
    if seats is None or not 0 <= int(seats) <= SEATS_MAX:
        errors["seats"] = _("Số đại biểu phải từ 0 đến %(max)s.") % {"max": SEATS_MAX}
    if errors:
        raise ValidationError(errors)
    return {"side": side, "label": label[:250], "seats": int(seats),
            "unit": _unit(plan, unit, required=False)}


def _task_values(plan: Plan, *, unit, text: str, offset_days) -> dict:
    text = nfc(text or "").strip()
    if not text:
        raise ValidationError({"text": _("Hãy ghi nội dung nhiệm vụ.")})
    if offset_days is not None and not -OFFSET_LIMIT <= int(offset_days) <= OFFSET_LIMIT:
        raise ValidationError({"offset_days": _(
            "Hạn phải trong khoảng %(n)s ngày trước đến %(n)s ngày sau hội nghị.")
            % {"n": OFFSET_LIMIT}})
    return {"unit": _unit(plan, unit, required=True), "text": text,
            "offset_days": None if offset_days is None else int(offset_days)}


def _next_order(rows) -> int:
    return (rows.aggregate(m=Max("order"))["m"] or 0) + 1


def _row(row) -> dict:
    """A composition line or a task as it reads in the plan's history (events about rows
    are recorded on the plan itself: that is where the office looks for them)."""
    if isinstance(row, ParticipantGroup):
        text = f"{row.get_side_display()}: {row.label} — {row.seats}"
    else:
        days = row.offset_days  # as the plan's document says it ("05 ngày trước hội nghị")
        when = "" if days is None else f" (hạn: {Deadline(abs(days), after=days > 0).relative()})"
        text = f"{row.unit}: {row.text}{when}"
    return {str(row._meta.verbose_name): text}


def _resync(plan: Plan) -> None:
    for conference in plan.conferences.exclude(state=Conference.State.CLOSED):
        sync_milestones(conference)


# -- composition ------------------------------------------------------------------------------


def add_group(*, actor, plan: Plan, side: str, label: str, seats: int,
              unit: Unit | None = None) -> ParticipantGroup:
    """A new line of the composition, at the end of its side."""
    with transaction.atomic():
        plan = _draft(actor, plan)
        values = _group_values(plan, side=side, label=label, seats=seats, unit=unit)
        group = ParticipantGroup.objects.create(plan=plan, order=_next_order(plan.groups),
                                                **values)
        record(actor=actor, action="plan.group_add", obj=plan, after=_row(group))
    return group


def update_group(*, actor, group: ParticipantGroup, side: str, label: str, seats: int,
                 unit: Unit | None = None) -> ParticipantGroup:
    with transaction.atomic():
        plan = _draft(actor, group.plan)
        group = ParticipantGroup.objects.select_for_update().get(pk=group.pk, plan=plan)
        values = _group_values(plan, side=side, label=label, seats=seats, unit=unit)
        before = _row(group)
        for name, value in values.items():
            setattr(group, name, value)
        group.save()
        record(actor=actor, action="plan.group_update", obj=plan, before=before,
               after=_row(group))
    return group


def remove_group(*, actor, group: ParticipantGroup) -> None:
    with transaction.atomic():
        plan = _draft(actor, group.plan)
        group = ParticipantGroup.objects.select_for_update().get(pk=group.pk, plan=plan)
        record(actor=actor, action="plan.group_remove", obj=plan, before=_row(group))
        group.delete()


# -- tasks per unit ---------------------------------------------------------------------------


def add_task(*, actor, plan: Plan, unit: Unit | None, text: str,
             offset_days: int | None = None) -> PlanTask:
    with transaction.atomic():
        plan = _draft(actor, plan)
        values = _task_values(plan, unit=unit, text=text, offset_days=offset_days)
        task = PlanTask.objects.create(plan=plan, order=_next_order(plan.tasks), **values)
        record(actor=actor, action="plan.task_add", obj=plan, after=_row(task))
        _resync(plan)
    return task


def update_task(*, actor, task: PlanTask, unit: Unit | None, text: str,
                offset_days: int | None = None) -> PlanTask:
    with transaction.atomic():
        plan = _draft(actor, task.plan)
        task = PlanTask.objects.select_for_update().get(pk=task.pk, plan=plan)
        values = _task_values(plan, unit=unit, text=text, offset_days=offset_days)
        before = _row(task)
        for name, value in values.items():
            setattr(task, name, value)
        task.save()
        record(actor=actor, action="plan.task_update", obj=plan, before=before,
               after=_row(task))
        _resync(plan)
    return task


def remove_task(*, actor, task: PlanTask) -> None:
    """The task goes; its open milestones go with it (done ones stay, as the record)."""
    with transaction.atomic():
        plan = _draft(actor, task.plan)
        task = PlanTask.objects.select_for_update().get(pk=task.pk, plan=plan)
        record(actor=actor, action="plan.task_remove", obj=plan, before=_row(task))
        task.milestones.filter(done_on=None).delete()
        task.delete()
