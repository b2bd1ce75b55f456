"""Follow-up (đôn đốc): what each unit still owes and by when, and reminders to its officers.

The office's page reads `due_for_units` and `waiting_for_office`; "Gửi nhắc" calls
`send_unit_reminder`. The daily `doithoai remind` reuses `compose_unit_reminder` and
`send_unit_reminder` (with kind "due_soon" / "overdue", which it never sends twice for the
same due date).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Count, F, Q, Window
from django.db.models.functions import RowNumber
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from doithoai.audit.services import record
from doithoai.core.petition_flow import OPEN_STATES, STATE_LABELS, State
from doithoai.org.access import OFFICE_ROLES, require_role, visible
from doithoai.org.models import Agency, Unit
from doithoai.petitions.models import Kind, Petition, Reminder
from doithoai.petitions.notify import unit_officer_emails
from doithoai.petitions.queries import Today, flag_rows, today_info
from doithoai.workdays.calendar import get_calendar

# Waiting for the unit's answer: what a reminder to the unit is about.
UNIT_WAITING = (State.ASSIGNED,)
# Due soon or overdue, but waiting for the office or a leader, not for a unit.
OFFICE_WAITING = (State.RECEIVED, State.CLASSIFIED, State.RETURNED, State.ANSWER_DRAFTED,
                  State.ANSWER_APPROVED)
LIST_LIMIT = 30
SECRET_KINDS = {Kind.COMPLAINT: "Khiếu nại", Kind.DENUNCIATION: "Tố cáo"}
# Stored in the audit log: fixed Vietnamese, not the page language.
REMINDER_REASONS = {
    Reminder.Kind.MANUAL: "Đôn đốc đơn vị trả lời",
    Reminder.Kind.DUE_SOON: "Nhắc tự động: sắp đến hạn trả lời",
    Reminder.Kind.OVERDUE: "Nhắc tự động: đã quá hạn trả lời",
}


# --- the query -----------------------------------------------------------------------------

@dataclass
class UnitRow:
    unit: Unit
    due_soon: int = 0
    overdue: int = 0
    petitions: list[Petition] = field(default_factory=list)

    @property
    def total(self) -> int:
        return self.due_soon + self.overdue

    @property
    def more(self) -> int:
        return max(self.total - len(self.petitions), 0)


def _due_or_late(qs, today: Today):
    return qs.filter(due_date__lte=today.soon_limit)


def waiting_for_unit(user, today: Today, *, agency: Agency | None = None,
                     unit: Unit | None = None):
    """Visible petitions waiting for a unit's answer, due soon or overdue."""
    qs = visible(Petition, user).filter(state__in=UNIT_WAITING, unit__isnull=False)
    if agency is not None:
        qs = qs.filter(agency=agency)
    if unit is not None:
        qs = qs.filter(unit=unit)
    return _due_or_late(qs, today)


def due_for_units(user, agency: Agency, today: Today) -> list[UnitRow]:
    """Per unit: how many are due soon and overdue, and the first of them by due date."""
    qs = waiting_for_unit(user, today, agency=agency)
    counts = (qs.order_by().values("unit").annotate(
        overdue=Count("pk", filter=Q(due_date__lt=today.today)),
        due_soon=Count("pk", filter=Q(due_date__gte=today.today))))
    rows = {c["unit"]: c for c in counts}
    if not rows:
        return []
    units = Unit.objects.in_bulk(list(rows))
    result = {pk: UnitRow(unit=units[pk], due_soon=c["due_soon"], overdue=c["overdue"])
              for pk, c in rows.items()}
    firsts = (qs.select_related("village", "field")
              .annotate(rank=Window(RowNumber(), partition_by=[F("unit_id")],
                                    order_by=[F("due_date").asc(), F("pk").asc()]))
              .filter(rank__lte=LIST_LIMIT).order_by("unit_id", "due_date", "pk"))
    for petition in flag_rows(list(firsts), today):
        result[petition.unit_id].petitions.append(petition)
    return sorted(result.values(), key=lambda r: (-r.overdue, -r.due_soon, r.unit.order,
                                                  r.unit.name))


def waiting_for_office(user, agency: Agency, today: Today) -> list[dict]:
    """Due soon or overdue, but the office's or a leader's move: per state."""
    qs = _due_or_late(visible(Petition, user).filter(agency=agency, state__in=OFFICE_WAITING),
                      today)
    counts = {c["state"]: c for c in qs.order_by().values("state").annotate(
        overdue=Count("pk", filter=Q(due_date__lt=today.today)),
        due_soon=Count("pk", filter=Q(due_date__gte=today.today)))}
    return [{"state": s, "label": _(STATE_LABELS[s]),
             "overdue": counts[s]["overdue"], "due_soon": counts[s]["due_soon"]}
            for s in OFFICE_WAITING if s in counts]


# --- composing and sending -----------------------------------------------------------------

def _detail_url(petition: Petition) -> str:
    return settings.PUBLIC_BASE_URL.rstrip("/") + reverse("petitions:detail",
                                                          args=[petition.pk])


def _when(due: dt.date | None, today: dt.date, calendar) -> str:
    # Sent to people, stored nowhere else: plain Vietnamese, whatever the sender's language.
    if due is None:
        return "chưa có hạn"
    days = calendar.count_workdays(today, due)
    when = f"hạn trả lời {due:%d/%m/%Y}"
    if due < today:
        return f"{when}, đã quá hạn {abs(days)} ngày làm việc"
    if due == today:
        return f"{when}, hạn là hôm nay"
    return f"{when}, còn {days} ngày làm việc"


def compose_unit_reminder(unit: Unit, petitions, *, today: dt.date | None = None
                          ) -> tuple[str, str]:
    """The subject and body of a reminder to a unit about these petitions (Vietnamese)."""
    today = today or timezone.localdate()
    calendar = get_calendar()
    petitions = sorted(petitions, key=lambda p: (p.due_date or dt.date.max, p.pk))
    late = sum(1 for p in petitions if p.due_date and p.due_date < today)
    subject = f"Đôn đốc trả lời {len(petitions)} ý kiến, kiến nghị — {unit.name}"
    lines = [
        f"Kính gửi: {unit.name}",
        "",
        f"{unit.agency.name} đề nghị đơn vị khẩn trương trả lời {len(petitions)} ý kiến, "
        f"kiến nghị của Nhân dân được giao"
        + (f" ({late} ý kiến đã quá hạn)" if late else "") + ":",
        "",
    ]
    for number, p in enumerate(petitions, start=1):
        if p.is_sensitive:  # a complaint's or denunciation's text never travels by e-mail
            text = f"({SECRET_KINDS[p.kind]} — nội dung xem trên hệ thống)"
        else:
            text = " ".join(p.text.split())
            if len(text) > 200:
                text = text[:199].rstrip() + "…"
        lines += [f"{number}. Mã {p.tracking_code} — {_when(p.due_date, today, calendar)}",
                  f"   Nội dung: {text}",
                  f"   Xem và trả lời: {_detail_url(p)}", ""]
    lines += ["Khi cần thêm thời gian, đơn vị đề nghị gia hạn ngay trên trang của ý kiến "
              "(ghi rõ hạn mới và lý do); ý kiến không thuộc lĩnh vực của đơn vị thì trả lại "
              "Văn phòng kèm lý do.",
              "",
              "Thư này được gửi từ phần mềm Đối thoại với Nhân dân."]
    return subject, "\n".join(lines)


def send_unit_reminder(actor, unit: Unit, petitions, kind: str = Reminder.Kind.MANUAL, *,
                       today: dt.date | None = None) -> list[Reminder]:
    """E-mail the unit's officers about these petitions, then record one Reminder per
    petition and one audit event. `actor` None means the system (the daily command).

    Petitions not of this unit or no longer open are left out; for the automatic kinds
    ("due_soon", "overdue") so are those already reminded for the same due date, so the
    call is idempotent. Returns the reminders recorded (empty when nothing was due).
    Raises ValidationError when the unit has no e-mail address (`notify.unit_officer_emails`:
    its officers', else its own), and
    PermissionDenied when the actor is not the office.
    """
    kind = Reminder.Kind(kind)
    today = today or timezone.localdate()
    if actor is not None:
        require_role(actor, unit, OFFICE_ROLES, _("Chỉ Văn phòng hoặc Lãnh đạo được gửi nhắc."))
    petitions = [p for p in petitions
                 if p.unit_id == unit.pk and p.state in OPEN_STATES and p.due_date]
    if kind != Reminder.Kind.MANUAL and petitions:
        done = set(Reminder.objects.filter(
            petition__in=petitions, kind=kind).values_list("petition_id", "due_date"))
        petitions = [p for p in petitions if (p.pk, p.due_date) not in done]
    if not petitions:
        return []
    recipients = unit_officer_emails(unit)
    if not recipients:
        raise ValidationError(_("%(unit)s chưa có địa chỉ thư điện tử (của cán bộ đơn vị hoặc "
                                "của đơn vị): chưa gửi được nhắc. Hãy bổ sung thư điện tử cho "
                                "tài khoản cán bộ đơn vị.") % {"unit": unit.name})
    subject, body = compose_unit_reminder(unit, petitions, today=today)
    # Sent before the rows are written: a failed send records nothing (and can be retried),
    # and no lock is held while the mail server answers.
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, recipients)
    with transaction.atomic():
        reminders = Reminder.objects.bulk_create([
            Reminder(petition=p, kind=kind, due_date=p.due_date, sent_on=today,
                     sent_by=actor if actor is not None else None)
            for p in petitions])
        record(actor=actor, action="petition.remind", obj=unit,
               after={"kind": kind.value, "recipients": len(recipients),
                      "petitions": [p.tracking_code for p in petitions]},
               reason=REMINDER_REASONS[kind])
    return reminders


def remind_from_page(actor, *, unit: Unit, petition: Petition | None = None,
                     today: Today | None = None) -> list[Reminder]:
    """The page's "Gửi nhắc": for one petition, or for all the unit's due soon and overdue."""
    today = today or today_info()
    if petition is not None:
        if petition.state not in UNIT_WAITING:
            raise ValidationError(_("Ý kiến %(code)s không còn chờ đơn vị trả lời: không cần "
                                    "nhắc.") % {"code": petition.tracking_code})
        petitions = [petition]
    else:
        petitions = list(waiting_for_unit(actor, today, unit=unit))
    return send_unit_reminder(actor, unit, petitions, Reminder.Kind.MANUAL, today=today.today)
