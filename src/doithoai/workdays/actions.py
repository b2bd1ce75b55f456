"""Every change to the override table and to the years' confirmations: one function per use
case, one transaction, one audit event. Only system administrators change the calendar:
deadlines depend on it."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from doithoai.audit.services import record, require_reason, snapshot
from doithoai.core import dates
from doithoai.core.text import nfc
from doithoai.core.workdays import FIRST_YEAR, LAST_YEAR
from doithoai.org import access
from doithoai.workdays import rules
from doithoai.workdays.models import CalendarOverride, CalendarYear
from doithoai.workdays.signals import calendar_changed

EDITABLE_FIELDS = ("date", "kind", "reason", "legal_basis", "enabled", "note")


def _recompute_due_dates(*changed_dates) -> None:
    """Open petitions' due dates and conferences' milestones follow the calendar: the apps
    that hold them recompute them (petitions audited) on `calendar_changed`, in the same
    transaction as the change, so a rolled-back change leaves them as they were. Only due
    dates on or after the earliest changed day can move."""
    calendar_changed.send(sender=CalendarOverride, on_or_after=min(changed_dates))


@transaction.atomic
def create_override(*, actor, override: CalendarOverride, reason: str) -> CalendarOverride:
    """Save a new override (an unsaved instance)."""
    access.require_held(actor, rules.CHANGE_CALENDAR)
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
    access.require_held(actor, rules.CHANGE_CALENDAR)
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
    access.require_held(actor, rules.CHANGE_CALENDAR)
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


# -- confirming a year ------------------------------------------------------------------------


def _check_year(year: int) -> None:
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise ValidationError(
            _("Năm %(year)s nằm ngoài phạm vi của lịch: chỉ xác nhận được các năm từ %(first)s "
              "đến %(last)s.") % {"year": year, "first": FIRST_YEAR, "last": LAST_YEAR}
        )


@transaction.atomic
def confirm_year(
    *, actor, year: int, legal_basis: str, reason: str, note: str = ""
) -> CalendarYear:
    """Record that `year`'s days off and swapped days are entered as the government announced
    them. Deadlines from the first day of the year on are recomputed: a swap entered by any
    other way than these actions (a script, a data import) takes effect on them now."""
    access.require_held(actor, rules.CHANGE_CALENDAR)
    _check_year(year)
    reason = require_reason(reason)
    legal_basis = nfc(legal_basis or "")
    if not legal_basis:
        raise ValidationError(_("Hãy ghi văn bản công bố lịch nghỉ của năm."))
    row, created = CalendarYear.objects.select_for_update().get_or_create(year=year)
    if row.confirmed:
        raise ValidationError(
            _("Năm %(year)s đã được xác nhận ngày %(day)s, không xác nhận lại. Nếu xác nhận "
              "nhầm, hãy hủy xác nhận trước.")
            % {"year": year, "day": dates.day(timezone.localtime(row.confirmed_at))}
        )
    before = None if created else snapshot(row)
    row.confirmed_at = timezone.now()
    row.confirmed_by = actor
    row.legal_basis = legal_basis
    row.note = nfc(note or "")
    row.full_clean()
    row.save()
    record(actor=actor, action="calendar_year.confirm", obj=row, before=before,
           after=snapshot(row), reason=reason)
    _recompute_due_dates(dt.date(year, 1, 1))
    return row


@transaction.atomic
def withdraw_year_confirmation(*, actor, year: int, reason: str) -> CalendarYear:
    """Undo a confirmation made by mistake: the year is shown unconfirmed again (the row and
    its document stay; the audit log keeps who confirmed it). The calendar itself does not
    change, so no deadline moves."""
    access.require_held(actor, rules.CHANGE_CALENDAR)
    reason = require_reason(reason)
    row = CalendarYear.objects.select_for_update().filter(year=year).first()
    if row is None or not row.confirmed:
        raise ValidationError(
            _("Năm %(year)s chưa được xác nhận: không có xác nhận nào để hủy.") % {"year": year}
        )
    before = snapshot(row)
    row.confirmed_at = None
    row.confirmed_by = None
    row.save(update_fields=["confirmed_at", "confirmed_by", "updated_at"])
    record(actor=actor, action="calendar_year.withdraw", obj=row, before=before,
           after=snapshot(row), reason=reason)
    return row
