"""The daily reminder (nhắc hạn) to whoever owes the next step, run by `doithoai remind` from
cron (the follow-up page's urges are `actions.urges`).

The daily run looks at every open petition with a due date once a day. Whoever owes the next
step is written to: the unit while the answer is its move (state "assigned"; its officers'
addresses), else the office (the agency's clerks): not yet with a unit (received, classified,
returned), or the unit's draft waiting for a leader's approval or for publication — as the
follow-up page (`selectors.follow_up`) splits them. One message per recipient, listing its
petitions, overdue first. A `Reminder` row (petition, kind, due date) is written in the same
transaction as the message is sent, and the unique constraint on it makes the run idempotent:
a petition is reminded "due soon" once and "overdue" once per due date, however often the
command runs; an extension gives a new due date, and so a new pair of reminders.

Built for a province: the petitions to remind are found by indexed filters (state, due date,
unit) and a NOT EXISTS on reminders, read recipient by recipient in primary-key chunks, and
their rows bulk-created; nothing holds the whole set in memory.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterator
from dataclasses import dataclass, field

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from doithoai.audit.services import record
from doithoai.core import dates
from doithoai.org.models import Agency, Unit
from doithoai.petitions.models import Reminder
from doithoai.petitions.reminder_letters import (
    Recipient,
    compose,
    compose_unit_reminder,
    is_secret,
)
from doithoai.petitions.selectors.reminders import OFFICE_STATES, UNIT_STATES, kind_on, pending
from doithoai.workdays.calendar import get_calendar

logger = logging.getLogger(__name__)

# A message lists this many petitions (most overdue first) and counts the rest.
MAX_LISTED = 25
CHUNK_SIZE = 2000
REASON = "Nhắc hạn tự động hằng ngày"


@dataclass
class Outcome:
    """What a run did (or, dry, would do)."""

    today: dt.date
    dry_run: bool
    due_soon: int = 0
    overdue: int = 0
    units: int = 0          # units written to
    offices: int = 0        # agencies' offices written to
    emails: int = 0         # addresses written to
    unreachable: list[tuple[str, int]] = field(default_factory=list)  # (who, petitions)
    failed: list[str] = field(default_factory=list)
    # (who, overdue, due soon, addresses) for each message
    messages_sent: list[tuple[str, int, int, int]] = field(default_factory=list)

    @property
    def reminders(self) -> int:
        return self.due_soon + self.overdue

    @property
    def messages(self) -> int:
        return self.units + self.offices

    def summary(self, detailed: bool = False) -> list[str]:
        """What the command prints (Vietnamese; English when the language is English)."""
        numbers = {"d": dates.day(self.today), "n": self.reminders,
                   "over": self.overdue, "soon": self.due_soon, "m": self.messages,
                   "units": self.units, "offices": self.offices, "emails": self.emails}
        if self.dry_run:
            head = _("Chạy thử ngày %(d)s (không gửi, không ghi lại): sẽ gửi %(n)s lượt nhắc "
                     "(%(over)s quá hạn, %(soon)s sắp đến hạn) trong %(m)s thư tới %(units)s "
                     "đơn vị và %(offices)s văn phòng (%(emails)s địa chỉ thư điện tử).")
        else:
            head = _("Nhắc hạn ngày %(d)s: đã gửi %(n)s lượt nhắc (%(over)s quá hạn, %(soon)s "
                     "sắp đến hạn) trong %(m)s thư tới %(units)s đơn vị và %(offices)s văn "
                     "phòng (%(emails)s địa chỉ thư điện tử).")
        lines = [head % numbers]
        if not self.reminders and not self.unreachable and not self.failed:
            lines.append(_("Không có ý kiến nào cần nhắc thêm."))
        if detailed or self.dry_run:
            lines += ["- " + _("%(who)s: %(over)s quá hạn, %(soon)s sắp đến hạn, gửi tới "
                               "%(emails)s địa chỉ.")
                      % {"who": who, "over": over, "soon": soon, "emails": emails}
                      for who, over, soon, emails in self.messages_sent]
        lines += [_("Chưa nhắc được %(who)s (%(n)s ý kiến): chưa có địa chỉ thư điện tử.")
                  % {"who": who, "n": count} for who, count in self.unreachable]
        lines += [_("Gửi thư cho %(who)s không thành công; sẽ thử lại lần chạy sau.")
                  % {"who": who} for who in self.failed]
        return lines


def _chunks(qs: QuerySet, size: int) -> Iterator[list[dict]]:
    last = 0
    while True:
        rows = list(qs.filter(pk__gt=last).order_by("pk").values("pk", "due_date")[:size])
        if not rows:
            return
        yield rows
        last = rows[-1]["pk"]


def _remind(recipient: Recipient, qs: QuerySet, today: dt.date, outcome: Outcome,
            dry_run: bool, chunk_size: int) -> None:
    emails = recipient.emails()
    if not emails:  # nothing recorded: reminded as soon as someone has an address
        outcome.unreachable.append((recipient.name, qs.count()))
        return
    # Read before the rows are written (they take the petitions out of `qs`): the most
    # overdue first, then the nearest due, at most MAX_LISTED of each.
    related = qs.select_related("village", "field").order_by("due_date", "pk")
    listed = (list(related.filter(due_date__lt=today)[:MAX_LISTED])
              + list(related.filter(due_date__gte=today)[:MAX_LISTED]))
    counts = {Reminder.Kind.OVERDUE: 0, Reminder.Kind.DUE_SOON: 0}
    try:
        with transaction.atomic():
            for rows in _chunks(qs, chunk_size):
                batch = [Reminder(petition_id=r["pk"], kind=kind_on(r["due_date"], today),
                                  due_date=r["due_date"], sent_on=today) for r in rows]
                for reminder in batch:
                    counts[reminder.kind] += 1
                if not dry_run:
                    Reminder.objects.bulk_create(batch)
            if not any(counts.values()):
                return
            # Units get the follow-up page's wording (the same as a manual reminder); a
            # complaint or denunciation never reaches a unit, but if one did, ours hides it.
            if recipient.unit is not None and not any(is_secret(p) for p in listed):
                subject, body = compose_unit_reminder(recipient.unit, listed, today=today)
                hidden = sum(counts.values()) - len(listed)
                if hidden > 0:
                    body += f"\n\n… và {hidden} ý kiến khác (xem trang đôn đốc)."
            else:
                subject, body = compose(recipient, listed, counts, today)
            if not dry_run:
                send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, emails)
                record(actor=None, action="petition.remind", obj=recipient.unit or
                       recipient.agency, after={
                           "date": today.isoformat(), "overdue": counts["overdue"],
                           "due_soon": counts["due_soon"], "addresses": len(emails)},
                       reason=REASON)
    except IntegrityError:
        # Another run reminded the same petitions meanwhile: it sent the message.
        logger.warning("Reminders for %s already written by another run", recipient.name)
        return
    except Exception:
        logger.exception("Reminder to %s failed", recipient.name)
        outcome.failed.append(recipient.name)
        return
    outcome.overdue += counts[Reminder.Kind.OVERDUE]
    outcome.due_soon += counts[Reminder.Kind.DUE_SOON]
    outcome.emails += len(emails)
    outcome.messages_sent.append((recipient.name, counts[Reminder.Kind.OVERDUE],
                                  counts[Reminder.Kind.DUE_SOON], len(emails)))
    if recipient.unit is not None:
        outcome.units += 1
    else:
        outcome.offices += 1


def run(*, today: dt.date | None = None, dry_run: bool = False,
        chunk_size: int = CHUNK_SIZE) -> Outcome:
    """Send today's due-soon and overdue reminders; idempotent (see the module's doc)."""
    today = today or timezone.localdate()
    soon_limit = get_calendar().add_workdays(today, settings.PETITION_DUE_SOON_WORKDAYS)
    outcome = Outcome(today=today, dry_run=dry_run)
    todo = pending(today, soon_limit)
    keys = sorted({(agency_id, unit_id if state in UNIT_STATES else None)
                   for agency_id, unit_id, state in
                   todo.values_list("agency_id", "unit_id", "state").distinct()},
                  key=lambda k: (k[0], k[1] or 0))
    agencies = Agency.objects.in_bulk({a for a, _u in keys})
    units = Unit.objects.select_related("agency").in_bulk({u for _a, u in keys if u})
    for agency_id, unit_id in keys:
        recipient = Recipient(agencies[agency_id], units.get(unit_id))
        if unit_id:
            qs = todo.filter(unit_id=unit_id, state__in=UNIT_STATES)
        else:
            qs = todo.filter(agency_id=agency_id, state__in=OFFICE_STATES)
        _remind(recipient, qs, today, outcome, dry_run, chunk_size)
    return outcome
