"""What a reminder says (plain Vietnamese, whatever the sender's page language): the
follow-up page's letter to a unit, and the daily run's letter to a unit or an office.
A complaint's or denunciation's text never travels by e-mail."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from doithoai.core import dates
from doithoai.core.kind_hints import DENUNCIATION, suggested_kind
from doithoai.core.petition_flow import STATE_LABELS, State
from doithoai.org.models import Agency, Membership, Role, Unit
from doithoai.petitions.models import Kind, Petition, Reminder
from doithoai.petitions.notify import unit_officer_emails
from doithoai.petitions.selectors.public_text import known_names, public, secret_names
from doithoai.petitions.selectors.reminders import kind_on
from doithoai.workdays.calendar import get_calendar

SECRET_KINDS = {Kind.COMPLAINT: "Khiếu nại", Kind.DENUNCIATION: "Tố cáo"}
EXCERPT = 120


def _detail_url(petition: Petition) -> str:
    return settings.PUBLIC_BASE_URL.rstrip("/") + reverse("petitions:detail",
                                                          args=[petition.pk])


def _when(due: dt.date | None, today: dt.date, calendar) -> str:
    # Sent to people, stored nowhere else: plain Vietnamese, whatever the sender's language.
    if due is None:
        return "chưa có hạn"
    days = calendar.count_workdays(today, due)
    when = f"hạn trả lời {dates.day(due)}"
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
    names = names_in(petitions)
    for number, p in enumerate(petitions, start=1):
        text = quoted(p, 200, names)
        lines += [f"{number}. Mã {p.tracking_code} — {_when(p.due_date, today, calendar)}",
                  f"   Nội dung: {text}",
                  f"   Xem và trả lời: {_detail_url(p)}", ""]
    lines += ["Khi cần thêm thời gian, đơn vị đề nghị gia hạn ngay trên trang của ý kiến "
              "(ghi rõ hạn mới và lý do); ý kiến không thuộc lĩnh vực của đơn vị thì trả lại "
              "Văn phòng kèm lý do.",
              "",
              "Thư này được gửi từ phần mềm Đối thoại với Nhân dân."]
    return subject, "\n".join(lines)


def compose_leaders_urge(agency: Agency, petitions, *, today: dt.date) -> tuple[str, str]:
    """The subject and body of an urge to the leaders about drafts awaiting approval."""
    calendar = get_calendar()
    petitions = sorted(petitions, key=lambda p: (p.due_date or dt.date.max, p.pk))
    subject = f"Đôn đốc duyệt {len(petitions)} dự thảo trả lời ý kiến — {agency.name}"
    lines = [f"Kính gửi: Lãnh đạo {agency.name}", "",
             f"Văn phòng đề nghị Lãnh đạo xem xét, duyệt {len(petitions)} dự thảo trả lời ý kiến, "
             f"kiến nghị của Nhân dân đã quá hạn hoặc sắp đến hạn:", ""]
    for number, p in enumerate(petitions, start=1):
        unit = f" — {p.unit.name}" if p.unit_id else ""
        lines += [f"{number}. Mã {p.tracking_code}{unit} — {_when(p.due_date, today, calendar)}",
                  f"   Xem và duyệt: {_detail_url(p)}", ""]
    lines.append("Thư này được gửi từ phần mềm Đối thoại với Nhân dân.")
    return subject, "\n".join(lines)


@dataclass(frozen=True)
class Recipient:
    agency: Agency
    unit: Unit | None  # None: the agency's office

    @property
    def name(self) -> str:
        if self.unit is not None:
            return f"{self.unit.name} ({self.agency.name})"
        return f"Văn phòng {self.agency.name}"

    def emails(self) -> list[str]:
        if self.unit is not None:
            return unit_officer_emails(self.unit)
        return sorted(set(Membership.objects.filter(
            role=Role.CLERK, agency=self.agency, is_active=True, user__is_active=True)
            .exclude(user__email="").values_list("user__email", flat=True)))


def secret_kind(petition: Petition) -> str:
    """"Khiếu nại" or "Tố cáo" for a petition whose text never travels by e-mail — by its
    kind, or a denunciation by its words though recorded as an opinion; else ""."""
    if petition.kind in SECRET_KINDS:
        return SECRET_KINDS[petition.kind]
    return SECRET_KINDS[Kind.DENUNCIATION] if suggested_kind(petition.text) == DENUNCIATION \
        else ""


def is_secret(petition: Petition) -> bool:
    """A denunciation's text, and a complaint's, never travel by e-mail."""
    return bool(secret_kind(petition))


def names_in(petitions) -> tuple[list[str], list[str]]:
    """Whom the quotes of these petitions write as initials (their senders, those of their
    issues) and whom they never name (a denouncer, one who asked not to be named), read at
    once for a message or a letter (two queries however many): the union only ever
    abbreviates or hides more."""
    petitions = list(petitions)
    return known_names(petitions), secret_names(petitions)


def quoted(petition: Petition, limit: int, names: tuple[list[str], list[str]]) -> str:
    """What a message or a letter about a petition quotes of it, on one line: for a complaint
    or a denunciation only what it is (its text never travels), else its words as the public
    reads them (`names`: `names_in` the list; names as initials, "ông X" too, the unnamed as
    "một công dân"), cut at `limit` characters."""
    secret = secret_kind(petition)
    if secret:
        return f"({secret} — nội dung xem trên hệ thống)"
    text = " ".join(public(petition.text, *names).split())
    return text if len(text) <= limit else text[:limit - 1].rstrip() + "…"


def _line(petition: Petition, today: dt.date, calendar, names) -> str:
    due = petition.due_date
    days = calendar.count_workdays(today, due)
    if due < today:
        when = f"hạn {dates.day(due)}, quá {-days} ngày làm việc"
    elif days == 0:
        when = f"hạn {dates.day(due)}, hôm nay"
    else:
        when = f"hạn {dates.day(due)}, còn {days} ngày làm việc"
    where = " — ".join(x for x in (petition.village.name if petition.village else "",
                                   petition.field.name if petition.field else "") if x)
    if petition.state != State.ASSIGNED:  # the office's list: say what it waits for
        where = f"{STATE_LABELS[State(petition.state)]} — {where}" if where \
            else STATE_LABELS[State(petition.state)]
    text = quoted(petition, EXCERPT, names)
    return f"- {petition.tracking_code} ({when}){' — ' + where if where else ''}: {text}"


def compose(recipient: Recipient, listed: list[Petition], counts: dict[str, int],
            today: dt.date) -> tuple[str, str]:
    """Subject and body of one recipient's message (plain Vietnamese, stored texts)."""
    calendar = get_calendar()
    over, soon = counts[Reminder.Kind.OVERDUE], counts[Reminder.Kind.DUE_SOON]
    parts = []
    if over:
        parts.append(f"{over} quá hạn")
    if soon:
        parts.append(f"{soon} sắp đến hạn")
    who = recipient.unit.name if recipient.unit else "Văn phòng"
    subject = f"Nhắc hạn trả lời ý kiến: {', '.join(parts)} — {who}"
    if recipient.unit is not None:
        intro = (f"Kính gửi {recipient.unit.name},\n\nĐến ngày {dates.day(today)}, các ý kiến "
                 f"sau được giao cho đơn vị đã quá hạn hoặc sắp đến hạn trả lời:")
        ask = ("Đề nghị đơn vị khẩn trương trả lời; nếu cần thêm thời gian, đề nghị gia hạn "
               "trên hệ thống (có ghi lý do), nếu không thuộc lĩnh vực của đơn vị, trả lại "
               "Văn phòng.")
    else:
        intro = (f"Kính gửi Văn phòng {recipient.agency.name},\n\nĐến ngày {dates.day(today)}, "
                 f"các ý kiến sau đang chờ Văn phòng hoặc lãnh đạo xử lý và đã quá hạn hoặc "
                 f"sắp đến hạn trả lời:")
        ask = ("Đề nghị Văn phòng phân loại, giao đơn vị trả lời các ý kiến chưa giao; trình "
               "lãnh đạo duyệt và công khai, gửi các trả lời đơn vị đã soạn.")
    lines, names = [intro, ""], names_in(listed)
    for label, kind, total in (("QUÁ HẠN", Reminder.Kind.OVERDUE, over),
                               ("SẮP ĐẾN HẠN", Reminder.Kind.DUE_SOON, soon)):
        if not total:
            continue
        these = [p for p in listed if kind_on(p.due_date, today) == kind]
        lines.append(f"{label} ({total}):")
        lines += [_line(p, today, calendar, names) for p in these]
        if total > len(these):
            lines.append(f"- … và {total - len(these)} ý kiến khác (xem trang đôn đốc).")
        lines.append("")
    lines += [ask, "", f"Thư nhắc tự động của hệ thống theo dõi ý kiến — "
                       f"{recipient.agency.name}."]
    return subject, "\n".join(lines)
