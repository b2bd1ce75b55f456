"""Every change to the override table: one function per use case, one transaction, one
audit event. Only system administrators change the calendar: deadlines depend on it."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from doithoai.audit.services import record, require_reason, snapshot
from doithoai.org.access import scope_of
from doithoai.workdays.models import CalendarOverride

EDITABLE_FIELDS = ("date", "kind", "reason", "legal_basis", "enabled", "note")


def _recompute_due_dates(*changed_dates) -> None:
    """Open petitions' due dates and conferences' milestones follow the calendar: recomputed
    (petitions audited) in the same transaction as the change, so a rolled-back change leaves
    them as they were. Only due dates on or after the earliest changed day can move."""
    from doithoai.dialogues.services import recompute_open_milestones  # imports us too
    from doithoai.petitions.services import recompute_due_dates  # petitions imports us

    recompute_due_dates(on_or_after=min(changed_dates))
    recompute_open_milestones(on_or_after=min(changed_dates))


def _require_admin(actor) -> None:
    if actor is None or not scope_of(actor).is_admin:
        raise PermissionDenied(_("Chỉ quản trị hệ thống được thay đổi lịch ngày làm việc."))


@transaction.atomic
def create_override(*, actor, override: CalendarOverride, reason: str) -> CalendarOverride:
    """Save a new override (an unsaved instance)."""
    _require_admin(actor)
    reason = require_reason(reason)
    override.full_clean()
    override.save()
    record(actor=actor, action="calendar_override.create", obj=override, before=None,
           after=snapshot(override), reason=reason)
    _recompute_due_dates(override.date)
    return override


@transaction.atomic
def update_override(
    *, actor, override: CalendarOverride, changes: dict, reason: str
) -> CalendarOverride:
    """Change some fields of an override (`changes`: field name → new value)."""
    _require_admin(actor)
    reason = require_reason(reason)
    unknown = set(changes) - set(EDITABLE_FIELDS)
    if unknown:
        raise ValueError(f"not editable: {sorted(unknown)}")
    override = CalendarOverride.objects.select_for_update().get(pk=override.pk)
    before = snapshot(override)
    for name, value in changes.items():
        setattr(override, name, value)
    override.full_clean()
    override.save()
    record(actor=actor, action="calendar_override.update", obj=override, before=before,
           after=snapshot(override), reason=reason)
    _recompute_due_dates(override.date, dt.date.fromisoformat(before["date"]))
    return override


@transaction.atomic
def set_override_enabled(
    *, actor, override: CalendarOverride, enabled: bool, reason: str
) -> CalendarOverride:
    """Switch an override on or off (the row stays, so its history stays readable)."""
    _require_admin(actor)
    reason = require_reason(reason)
    override = CalendarOverride.objects.select_for_update().get(pk=override.pk)
    before = snapshot(override)
    override.enabled = enabled
    override.save(update_fields=["enabled", "updated_at"])
    action = "calendar_override.enable" if enabled else "calendar_override.disable"
    record(actor=actor, action=action, obj=override, before=before,
           after=snapshot(override), reason=reason)
    _recompute_due_dates(override.date)
    return override
