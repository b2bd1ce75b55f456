"""Urging (đôn đốc) from the follow-up page: a unit about the answers it owes, or the leaders
about the answers awaiting their approval.

Once a day per unit (per agency's leaders): a second urge the same day needs a written reason,
else it is refused with the time of the last one. An urge goes by e-mail and by text message
(`sms.gateway()`) to whoever has an address or a phone; a unit with neither is urged all the
same — its written reminder (Công văn đôn đốc, `documents`' "cong-van-don-doc", made from the
`Urge`) is what reaches it. Every urge is one `Urge`, one `Reminder` per petition and an audit
event on each petition ("Đôn đốc": who, when, how), written in one transaction; the messages
go after it commits (a mail server's failure is reported, never undoes the urge).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from doithoai.audit.services import record, record_many
from doithoai.core import dates
from doithoai.org import access
from doithoai.org.models import Agency, Membership, Role, Unit
from doithoai.petitions import rules
from doithoai.petitions.models import Petition, Reminder, Urge
from doithoai.petitions.notify import is_muted, unit_officer_emails
from doithoai.petitions.reminder_letters import compose_leaders_urge, compose_unit_reminder
from doithoai.petitions.selectors.deadlines import Today, today_info
from doithoai.petitions.selectors.follow_up import LEADER_WAITING, UNIT_WAITING, waiting
from doithoai.petitions.sms import gateway

logger = logging.getLogger(__name__)

MAX_REASON = 1000
# Stored in the audit log: fixed Vietnamese, not the page language.
REASONS = {Urge.Target.UNIT: "Đôn đốc đơn vị trả lời",
           Urge.Target.LEADERS: "Đôn đốc lãnh đạo duyệt trả lời"}


@dataclass
class Outcome:
    urge: Urge | None
    failed: list[str] = field(default_factory=list)  # channels whose sending failed

    @property
    def petitions(self) -> int:
        return (self.urge.overdue + self.urge.due_soon) if self.urge else 0


def unit_phones(unit: Unit) -> list[str]:
    """Where a unit gets text messages: its active officers' phones, else the unit's own."""
    phones = sorted(set(Membership.objects.filter(
        role=Role.UNIT_OFFICER, unit=unit, is_active=True, user__is_active=True,
        user__person__isnull=False).exclude(user__person__phone="")
        .values_list("user__person__phone", flat=True)))
    return phones or ([unit.phone.strip()] if unit.phone.strip() else [])


def leader_contacts(agency: Agency) -> tuple[list[str], list[str]]:
    """The leaders' (those who approve answers) e-mail addresses and phones."""
    leaders = Membership.objects.filter(role=Role.LEADER, agency=agency, is_active=True,
                                        user__is_active=True)
    emails = sorted(set(leaders.exclude(user__email="").values_list("user__email", flat=True)))
    phones = sorted(set(leaders.filter(user__person__isnull=False)
                        .exclude(user__person__phone="")
                        .values_list("user__person__phone", flat=True)))
    return emails, phones


def _clean_reason(reason: str) -> str:
    reason = " ".join((reason or "").split())
    if len(reason) > MAX_REASON:
        raise ValidationError(_("Lý do đôn đốc lại dài quá %(n)s ký tự.") % {"n": MAX_REASON})
    return reason


def _refuse_twice(agency: Agency, target: str, unit: Unit | None, today, reason: str,
                  who: str) -> None:
    last = (Urge.objects.filter(agency=agency, target=target, unit=unit, urged_on=today)
            .select_related("urged_by").order_by("-urged_at", "-pk").first())
    if last is not None and not reason:
        by = last.urged_by.get_full_name() if last.urged_by else _("hệ thống")
        raise ValidationError(_(
            "%(who)s đã được đôn đốc lúc %(time)s hôm nay (%(by)s). Mỗi ngày đôn đốc một lần; "
            "muốn đôn đốc lại, hãy ghi lý do.")
            % {"who": who, "time": dates.moment(timezone.localtime(last.urged_at)), "by": by})


def how_text(urge: Urge) -> str:
    """"thư điện tử (2 địa chỉ), tin nhắn (1 số), công văn đôn đốc" (stored Vietnamese)."""
    parts = []
    if urge.emails:
        parts.append(f"thư điện tử ({urge.emails} địa chỉ)")
    if urge.phones:
        parts.append(f"tin nhắn ({urge.phones} số điện thoại)")
    if urge.target == Urge.Target.UNIT:
        parts.append("công văn đôn đốc")
    return ", ".join(parts) or "ghi nhận trên hệ thống (chưa có thư điện tử, điện thoại)"


def _record(actor, urge: Urge, petitions: list[Petition], today, reason: str) -> None:
    Reminder.objects.bulk_create([
        Reminder(petition=p, kind=Reminder.Kind.MANUAL, due_date=p.due_date, sent_on=today,
                 sent_by=access.account(actor), urge=urge) for p in petitions])
    how = how_text(urge)
    whom = urge.unit.name if urge.unit_id else "Lãnh đạo UBND"
    why = REASONS[urge.target] + (f" — {reason}" if reason else "")
    record_many(actor=actor, action="petition.urge", objs=petitions,
                afters=[{"urged": whom, "how": how, "due_when_urged": p.due_date.isoformat()}
                        for p in petitions], reason=why)
    record(actor=actor, action="urge.create", obj=urge,
           after={"urged": whom, "how": how, "petitions": [p.tracking_code for p in petitions]},
           reason=why)


def _send(urge: Urge, subject: str, body: str, emails: list[str], phones: list[str],
          short: str) -> list[str]:
    """Send after commit; return the channels that failed (logged, never raised)."""
    failed = []
    if is_muted():
        return failed
    if emails:
        try:
            send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, emails)
        except Exception:  # a mail server outage must not undo the urge
            logger.exception("Urge #%s: e-mail failed", urge.pk)
            failed.append(_("thư điện tử"))
    sms_failed = False
    for phone in phones:
        try:
            gateway().send(phone, short)
        except Exception:
            logger.exception("Urge #%s: SMS to a phone failed", urge.pk)
            sms_failed = True
    if sms_failed:
        failed.append(_("tin nhắn"))
    return failed


def _follow_up_url() -> str:
    return settings.PUBLIC_BASE_URL.rstrip("/") + reverse("petitions:follow_up")


def urge_unit(*, actor, unit: Unit, petition: Petition | None = None, reason: str = "",
              today: Today | None = None) -> Outcome:
    """Urge a unit about all its overdue and due-soon petitions (or about one of them)."""
    access.require(actor, rules.REMIND, unit)
    reason = _clean_reason(reason)
    today = today or today_info()
    if petition is not None and (petition.unit_id != unit.pk
                                 or petition.state not in UNIT_WAITING):
        raise ValidationError(_("Ý kiến %(code)s không còn chờ đơn vị trả lời: không cần "
                                "nhắc.") % {"code": petition.tracking_code})
    emails, phones = unit_officer_emails(unit), unit_phones(unit)
    with transaction.atomic():
        Unit.objects.select_for_update().filter(pk=unit.pk).first()  # one urge at a time
        _refuse_twice(unit.agency, Urge.Target.UNIT, unit, today.today, reason, unit.name)
        qs = waiting(actor, today, unit=unit)
        if petition is not None:
            qs = qs.filter(pk=petition.pk)
        petitions = list(qs.select_related("village", "field").order_by("due_date", "pk"))
        if not petitions:
            return Outcome(urge=None)
        urge = _new_urge(actor, unit.agency, Urge.Target.UNIT, unit, petitions, today,
                         reason, emails, phones)
        _record(actor, urge, petitions, today.today, reason)
    subject, body = compose_unit_reminder(unit, petitions, today=today.today)
    short = (f"{unit.agency.name} đôn đốc {unit.name} trả lời {len(petitions)} ý kiến "
             f"({urge.overdue} quá hạn). Xem: {_follow_up_url()}")
    return Outcome(urge=urge, failed=_send(urge, subject, body, emails, phones, short))


def urge_leaders(*, actor, agency: Agency, reason: str = "", today: Today | None = None
                 ) -> Outcome:
    """Urge the leaders about the answers awaiting their approval, overdue or due soon."""
    access.require(actor, rules.REMIND, agency)
    reason = _clean_reason(reason)
    today = today or today_info()
    emails, phones = leader_contacts(agency)
    with transaction.atomic():
        Agency.objects.select_for_update().filter(pk=agency.pk).first()
        _refuse_twice(agency, Urge.Target.LEADERS, None, today.today, reason,
                      _("Lãnh đạo UBND"))
        petitions = list(waiting(actor, today, agency=agency, states=LEADER_WAITING)
                         .select_related("village", "field", "unit").order_by("due_date", "pk"))
        if not petitions:
            return Outcome(urge=None)
        urge = _new_urge(actor, agency, Urge.Target.LEADERS, None, petitions, today, reason,
                         emails, phones)
        _record(actor, urge, petitions, today.today, reason)
    subject, body = compose_leaders_urge(agency, petitions, today=today.today)
    short = (f"{agency.name}: {len(petitions)} dự thảo trả lời ý kiến chờ lãnh đạo duyệt "
             f"({urge.overdue} quá hạn). Xem: {_follow_up_url()}")
    return Outcome(urge=urge, failed=_send(urge, subject, body, emails, phones, short))


def _new_urge(actor, agency, target, unit, petitions, today: Today, reason, emails, phones
              ) -> Urge:
    overdue = sum(1 for p in petitions if p.due_date < today.today)
    return Urge.objects.create(
        agency=agency, target=target, unit=unit, urged_by=access.account(actor),
        urged_at=timezone.now(), urged_on=today.today, reason=reason, emails=len(emails),
        phones=len(phones), overdue=overdue, due_soon=len(petitions) - overdue)
