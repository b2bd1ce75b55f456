"""Due dates: set from the rule when a petition comes in or is classified, recomputed when the
calendar changes, extended by a person with a reason."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from doithoai.audit.services import record, require_reason
from doithoai.core import dates, deadlines
from doithoai.core.petition_flow import OPEN_STATES, PROCEDURE_KINDS, Action
from doithoai.core.procedure_guidance import LAW_NAMES
from doithoai.petitions.actions.moves import move
from doithoai.petitions.models import Extension, Petition
from doithoai.petitions.occasions import Terms
from doithoai.workdays.calendar import get_calendar


def _deadline(petition: Petition, calendar=None
              ) -> tuple[dt.date, deadlines.DeadlineRule, dt.date]:
    """From the conference's day with its working days when the petition joined one that has
    a day; else from receipt with the law's defaults."""
    if petition.conference_day is not None:
        rule = deadlines.rule_for(anchor="conference", complex_case=petition.is_complex,
                                  simple_days=petition.answer_workdays,
                                  complex_days=petition.complex_answer_workdays)
        anchor = petition.conference_day
    else:
        rule = deadlines.rule_for(anchor="receipt", complex_case=petition.is_complex,
                                  simple_days=settings.PETITION_ANSWER_WORKDAYS,
                                  complex_days=settings.PETITION_COMPLEX_ANSWER_WORKDAYS)
        anchor = petition.received_on
    return deadlines.due_date(calendar or get_calendar(), rule, anchor), rule, anchor


# A complaint or a denunciation is settled by its own procedure, never by an opinion's answer
# (docs/law.md#complaints-and-denunciations): no opinion's due date runs for it, from the
# moment its kind says so — received as one, or classified as one — and the page says which
# law settles it (the procedure's own time limits are not computed).
PROCEDURE_RULE = "procedure"


def procedure_label(kind: str) -> str:
    """"Giải quyết theo Luật Khiếu nại 2011" (stored data: plain Vietnamese)."""
    return f"Giải quyết theo {LAW_NAMES[kind]}"


def set_due_date(petition: Petition, calendar=None, *, extended: bool | None = None) -> None:
    """Due date from the rule, unless an extension already set a later one; none for a
    complaint or a denunciation (its own procedure)."""
    if petition.kind in PROCEDURE_KINDS:
        petition.due_date, petition.due_rule = None, PROCEDURE_RULE
        petition.due_rule_label = procedure_label(petition.kind)
        return
    if extended is None:
        extended = bool(petition.pk) and petition.extensions.exists()
    if extended:
        return
    due, rule, anchor = _deadline(petition, calendar)
    petition.due_date, petition.due_rule = due, rule.code
    petition.due_rule_label = rule.describe(anchor)


def keep_conference_terms(petitions, terms: Terms) -> int:
    """A conference's new day or answer time becomes its petitions' own; their due dates
    follow at the next change that sets them (classifying, a calendar change)."""
    return Petition.objects.filter(pk__in=petitions.values("pk")).update(
        conference_day=terms.day, answer_workdays=terms.workdays,
        complex_answer_workdays=terms.complex_workdays)


@transaction.atomic
def recompute_due_dates(on_or_after: dt.date | None = None) -> int:
    """After a calendar change: open petitions whose due date follows from a rule get it
    again. Extended and reopened ones keep theirs (set by a person, or from a date not
    stored); only due dates on or after the first changed day can move. A complaint or a
    denunciation still carrying an opinion's due date (recorded before the kind stopped
    it) loses it."""
    changed = 0
    calendar = get_calendar()
    qs = (Petition.objects.filter(state__in=OPEN_STATES, extensions__isnull=True)
          .exclude(due_rule__in=("reopened", "extension"))
          .select_for_update(of=("self",)))
    if on_or_after is not None:
        qs = qs.filter(due_date__gte=on_or_after)
    for petition in qs.iterator(chunk_size=2000):
        before = petition.due_date
        set_due_date(petition, calendar, extended=False)
        if petition.due_date != before:
            petition.save(update_fields=["due_date", "due_rule", "due_rule_label"])
            after = petition.due_date
            record(actor=None, action="petition.recompute_due", obj=petition,
                   before={"due_date": before.isoformat() if before else None},
                   after={"due_date": after.isoformat() if after else None},
                   reason="Lịch ngày làm việc thay đổi")
            changed += 1
    return changed


@transaction.atomic
def extend(*, actor, petition: Petition, new_due_date: dt.date, reason: str,
           version: int | None = None) -> Petition:
    reason = require_reason(reason)
    old = petition.due_date
    if old is not None and new_due_date <= old:
        raise ValidationError({"new_due_date": _("Hạn mới phải sau hạn hiện tại (%(d)s).")
                               % {"d": dates.day(old)}})
    label = f"Gia hạn đến {dates.day(new_due_date)}: {reason}"
    petition = move(actor, petition, Action.EXTEND, reason=reason, version=version,
                    changes={"due_date": new_due_date, "due_rule": "extension",
                             "due_rule_label": label[:200]},
                    notify_event="extended")
    Extension.objects.create(petition=petition, old_due_date=old, new_due_date=new_due_date,
                             reason=reason, requested_by=actor)
    return petition
