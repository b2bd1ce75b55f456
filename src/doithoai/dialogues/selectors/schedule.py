"""A conference's date: whether a day can be chosen, and what moving it would mean for its
milestones and invitations (shown before the office confirms)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext as _

from doithoai.core import dates
from doithoai.core import milestones as milestone_rules
from doithoai.dialogues.models import Conference, Invitation, Milestone, Plan
from doithoai.workdays.calendar import get_calendar


@dataclass(frozen=True)
class DateCheck:
    errors: list[str]
    warnings: list[str]


def check_date(held_on: dt.date | None, *, today: dt.date | None = None) -> DateCheck:
    """A conference day: never in the past or on a day off; a weekend is allowed, with a
    warning (some communes meet on Sunday)."""
    if held_on is None:
        return DateCheck([], [])
    today = today or timezone.localdate()
    calendar = get_calendar()
    errors, warnings = [], []
    if held_on < today:
        errors.append(_("Ngày tổ chức %(d)s đã qua.") % {"d": dates.day(held_on)})
    status = calendar.day_status(held_on)
    if not status.working and status.source != "weekend":
        errors.append(_("Ngày %(d)s là ngày nghỉ (%(name)s).")
                      % {"d": dates.day(held_on), "name": status.reason})
    elif not status.working:
        warnings.append(_("Ngày %(d)s là ngày nghỉ cuối tuần: hãy chắc chắn đại biểu và các "
                          "đơn vị bố trí được.") % {"d": dates.day(held_on)})
    return DateCheck(errors, warnings)


def _dues_for(conference: Conference, held_on: dt.date
              ) -> list[tuple[Milestone, milestone_rules.Due]]:
    """Every milestone of the conference with the due date it would have on `held_on`."""
    calendar = get_calendar()
    statutory = {d.kind: d for d in milestone_rules.statutory(calendar, held_on,
                                                              milestone_settings(conference))}
    labels = dict(Milestone.Kind.choices)
    pairs = []
    for m in conference.milestones.select_related("task"):
        if m.kind != Milestone.Kind.TASK:
            due = statutory[m.kind]
            pairs.append((m, milestone_rules.Due(due.kind, due.due_on, due.rule, due.is_legal,
                                       str(labels[m.kind]))))
        elif m.task is not None and m.task.offset_days is not None:
            due = milestone_rules.task_due(calendar, held_on, m.task.offset_days)
            pairs.append((m, milestone_rules.Due(due.kind, due.due_on, due.rule, False, m.title)))
    return sorted(pairs, key=lambda pair: pair[1].due_on)


def impossible_milestones(conference: Conference, held_on: dt.date,
                          today: dt.date | None = None) -> list[milestone_rules.Due]:
    """Steps not yet done that would be due before today if the conference were held on
    `held_on` (the 7-day public announcement 5 days before the new date, a unit's task)."""
    today = today or timezone.localdate()
    return [due for m, due in _dues_for(conference, held_on)
            if m.done_on is None and due.due_on < today]


def late_after_move(conference: Conference, held_on: dt.date) -> list[milestone_rules.Due]:
    """Steps already done that a new date would make late (an announcement made 3 days
    before the new day breaks the law's 7 days)."""
    return [due for m, due in _dues_for(conference, held_on)
            if m.done_on is not None and m.done_on > due.due_on]


def milestone_settings(conference: Conference) -> milestone_rules.Settings:
    base = conference.plan.settings if conference.plan_id else milestone_rules.Settings()
    return milestone_rules.Settings(**{**base.__dict__,
                             "answer_workdays": conference.answer_workdays,
                             "complex_answer_workdays": conference.complex_answer_workdays})


@dataclass(frozen=True)
class ChangeImpact:
    """What a change of date means, shown before the office confirms it."""

    date_check: DateCheck
    impossible: list[milestone_rules.Due]
    invitations_sent: int
    late_done: list[milestone_rules.Due] = ()

    @property
    def needs_confirmation(self) -> bool:
        return bool(self.impossible or self.late_done or self.invitations_sent
                    or self.date_check.warnings)


def invitations_sent(conference: Conference) -> int:
    """Invitations already sent: a change of date, time or place needs a reason and marks
    them to be sent again."""
    return Invitation.objects.filter(delegate__conference=conference).exclude(
        sent_at=None).count()


def change_impact(conference: Conference, held_on: dt.date | None,
                  today: dt.date | None = None) -> ChangeImpact:

    moved = held_on is not None and held_on != conference.held_on
    check = check_date(held_on, today=today)
    year = year_error(conference.plan, held_on)
    if year:
        check = DateCheck([*check.errors, year], check.warnings)
    return ChangeImpact(
        date_check=check,
        impossible=impossible_milestones(conference, held_on, today) if moved else [],
        invitations_sent=invitations_sent(conference) if held_on != conference.held_on else 0,
        late_done=late_after_move(conference, held_on) if moved else [])


def impact_rows(conference: Conference, dues) -> list[dict]:
    """The steps of an impact with their unit and, once done, the day they were done."""
    if not dues:
        return []

    def key(kind, title):
        return kind, title if kind == Milestone.Kind.TASK else ""

    milestones = {key(m.kind, m.title): m for m in conference.milestones.select_related("unit")}
    rows = []
    for d in dues:
        m = milestones.get(key(d.kind, d.title))
        rows.append({"due": d, "unit": m.unit if m else None,
                     "done_on": m.done_on if m else None})
    return rows


def year_error(plan: Plan | None, held_on: dt.date | None) -> str | None:
    if plan is None or held_on is None or held_on.year == plan.year:
        return None
    return _("Hội nghị của kế hoạch năm %(year)s phải tổ chức trong năm %(year)s.") % {
        "year": plan.year}
