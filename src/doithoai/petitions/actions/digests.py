"""The chairperson's weekly digest (`doithoai digest`, from cron once a week): per commune,
every overdue petition by where it waits — each unit, the office, the leaders — the group
whose oldest petition is the oldest first, and in each group the oldest first.

Sent to the chairperson's account (a leader whose position reads "Chủ tịch UBND…"; every
leader's when no one's does). Once per commune and week: a `Digest` row (agency, Monday of
the week), unique, written in the transaction that sends the message, so that running the
command again the same week sends nothing, and a failed send is tried again at the next run.
Counted as the follow-up page and the queue count "quá hạn" (`queues.late_or_soon`).
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass, field

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import Count, F, Min, Window
from django.db.models.functions import RowNumber
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from doithoai.audit.services import record
from doithoai.core import dates
from doithoai.core.petition_flow import STAGE_LABELS, Stage, states_of
from doithoai.core.text import fold
from doithoai.org.models import Agency, Membership, Role, Unit
from doithoai.petitions.models import Digest, Petition
from doithoai.petitions.reminder_letters import names_in, quoted
from doithoai.petitions.selectors.deadlines import Today
from doithoai.petitions.selectors.queues import late_or_soon
from doithoai.workdays.calendar import get_calendar

logger = logging.getLogger(__name__)

GROUP_LIMIT = 20
EXCERPT = 90
UNIT_STATES = states_of(Stage.UNIT)


def week_of(day: dt.date) -> dt.date:
    """The Monday of `day`'s week."""
    return day - dt.timedelta(days=day.weekday())


def chair_emails(agency: Agency) -> list[str]:
    """The chairperson's addresses (every leader's when no leader is recorded as chair)."""
    leaders = list(Membership.objects.filter(
        role=Role.LEADER, agency=agency, is_active=True, user__is_active=True)
        .select_related("user__person"))
    chairs = [m.user for m in leaders if m.user.person is not None
              and fold(m.user.person.position).startswith("chu tich")]
    return sorted({u.email for u in (chairs or [m.user for m in leaders]) if u.email})


@dataclass
class Group:
    name: str
    count: int
    oldest: dt.date
    petitions: list = field(default_factory=list)


def _overdue(agency: Agency, today: dt.date):
    return late_or_soon(Petition.objects.filter(agency=agency), Today(today, today)) \
        .filter(due_date__lt=today)


def groups(agency: Agency, today: dt.date) -> list[Group]:
    """The overdue petitions by where they wait, the oldest group first (a few queries)."""
    qs = _overdue(agency, today)
    at_units = qs.filter(state__in=list(UNIT_STATES), unit__isnull=False)
    result: dict[object, Group] = {}
    counts = at_units.order_by().values("unit").annotate(n=Count("pk"), oldest=Min("due_date"))
    units = Unit.objects.in_bulk([c["unit"] for c in counts])
    for c in counts:
        result[c["unit"]] = Group(units[c["unit"]].name, c["n"], c["oldest"])
    firsts = (at_units.annotate(rank=Window(RowNumber(), partition_by=[F("unit_id")],
                                            order_by=[F("due_date").asc(), F("pk").asc()]))
              .filter(rank__lte=GROUP_LIMIT).order_by("unit_id", "due_date", "pk"))
    for p in firsts:
        result[p.unit_id].petitions.append(p)
    for stage in (Stage.OFFICE, Stage.LEADER, Stage.PUBLISH):
        these = qs.filter(state__in=list(states_of(stage)))
        first = list(these.order_by("due_date", "pk")[:GROUP_LIMIT])
        if first:
            result[stage] = Group(STAGE_LABELS[stage], these.count(), first[0].due_date, first)
    return sorted(result.values(), key=lambda g: (g.oldest, g.name))


def compose(agency: Agency, found: list[Group], today: dt.date) -> tuple[str, str]:
    """Subject and body (plain Vietnamese: stored texts, whatever the reader's language)."""
    calendar = get_calendar()
    total = sum(g.count for g in found)
    monday = week_of(today)
    subject = f"Tổng hợp tuần {dates.day(monday)}: {total} ý kiến quá hạn — {agency.name}"
    lines = [f"Kính gửi: Chủ tịch {agency.name}", "",
             f"Đến ngày {dates.day(today)}, {total} ý kiến, kiến nghị của Nhân dân đã quá hạn "
             f"trả lời, theo nơi đang chờ xử lý (quá hạn lâu nhất trước):", ""]
    names = names_in(p for g in found for p in g.petitions)
    for number, g in enumerate(found, start=1):
        late = abs(calendar.count_workdays(today, g.oldest))
        lines.append(f"{number}. {g.name}: {g.count} ý kiến quá hạn (lâu nhất quá {late} ngày "
                     f"làm việc)")
        for p in g.petitions:
            days = abs(calendar.count_workdays(today, p.due_date))
            text = quoted(p, EXCERPT, names)
            lines.append(f"   - {p.tracking_code}: hạn {dates.day(p.due_date)}, quá {days} "
                         f"ngày làm việc — {text}")
        if g.count > len(g.petitions):
            lines.append(f"   - … và {g.count - len(g.petitions)} ý kiến khác.")
        lines.append("")
    lines += [f"Xem và đôn đốc: {settings.PUBLIC_BASE_URL.rstrip('/')}"
              f"{reverse('petitions:follow_up')}", "",
              "Thư tổng hợp hằng tuần của phần mềm Đối thoại với Nhân dân."]
    return subject, "\n".join(lines)


@dataclass
class Outcome:
    week: dt.date
    dry_run: bool
    sent: list[tuple[str, int, int]] = field(default_factory=list)  # (agency, overdue, to)
    already: int = 0
    unreachable: list[tuple[str, int]] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)

    def summary(self) -> list[str]:
        head = (_("Chạy thử tổng hợp tuần %(d)s (không gửi, không ghi lại): sẽ gửi %(n)s thư.")
                if self.dry_run else _("Tổng hợp tuần %(d)s: đã gửi %(n)s thư."))
        lines = [head % {"d": dates.day(self.week), "n": len(self.sent)}]
        lines += ["- " + _("%(who)s: %(n)s ý kiến quá hạn, gửi tới %(to)s địa chỉ.")
                  % {"who": who, "n": n, "to": to} for who, n, to in self.sent]
        if self.already:
            lines.append(_("%(n)s xã, phường đã nhận bản tổng hợp tuần này: không gửi lại.")
                         % {"n": self.already})
        lines += [_("Chưa gửi được cho %(who)s (%(n)s ý kiến quá hạn): Chủ tịch chưa có địa "
                    "chỉ thư điện tử.") % {"who": who, "n": n} for who, n in self.unreachable]
        lines += [_("Gửi thư cho %(who)s không thành công; sẽ thử lại lần chạy sau.")
                  % {"who": who} for who in self.failed]
        return lines


def run(*, today: dt.date | None = None, dry_run: bool = False) -> Outcome:
    """Send this week's digest to each commune with overdue petitions (idempotent)."""
    today = today or timezone.localdate()
    week = week_of(today)
    outcome = Outcome(week=week, dry_run=dry_run)
    late = (late_or_soon(Petition.objects.all(), Today(today, today))
            .filter(due_date__lt=today).order_by().values_list("agency", flat=True).distinct())
    done = set(Digest.objects.filter(week=week).values_list("agency", flat=True))
    for agency in Agency.objects.filter(pk__in=list(late)).order_by("name"):
        if agency.pk in done:
            outcome.already += 1
            continue
        found = groups(agency, today)
        total = sum(g.count for g in found)
        emails = chair_emails(agency)
        if not emails:
            outcome.unreachable.append((agency.name, total))
            continue
        if dry_run:
            outcome.sent.append((agency.name, total, len(emails)))
            continue
        subject, body = compose(agency, found, today)
        try:
            with transaction.atomic():
                digest = Digest.objects.create(agency=agency, week=week, overdue=total,
                                               recipients=len(emails))
                send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, emails)
                record(actor=None, action="digest.send", obj=digest,
                       after={"overdue": total, "addresses": len(emails)},
                       reason="Tổng hợp hằng tuần gửi Chủ tịch")
        except IntegrityError:  # another run sent it meanwhile
            outcome.already += 1
            continue
        except Exception:
            logger.exception("Weekly digest to %s failed", agency.name)
            outcome.failed.append(agency.name)
            continue
        outcome.sent.append((agency.name, total, len(emails)))
    return outcome
