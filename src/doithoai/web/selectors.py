"""The home page's cards: one per role the user holds, each with real, scoped counts; the
administrator's card and the calendar's reminder for those their rules name."""

import datetime as dt
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from doithoai.audit.models import AuditEvent
from doithoai.org import access, selectors
from doithoai.org.access import scope_of, visible
from doithoai.org.models import AdministrativeUnit, Agency, Person, Role, Unit, Village
from doithoai.web import rules
from doithoai.workdays import rules as calendar_rules
from doithoai.workdays.calendar import get_calendar
from doithoai.workdays.selectors import years_to_confirm


@dataclass
class Card:
    title: str
    subtitle: str
    figures: list[tuple[str, int]] = field(default_factory=list)
    links: list[tuple[str, str]] = field(default_factory=list)


def cards_for(user) -> list[Card]:
    scope = scope_of(user)
    cards = [_admin_card()] if access.holds(user, rules.ADMINISTER) else []
    for grant in scope.grants:
        cards.append(_card_for_grant(user, grant))
    return cards


def calendar_note(today: dt.date | None = None) -> dict:
    """Today's status and the next day off that is not a plain weekend (within 90 days)."""
    calendar = get_calendar()
    today = today or timezone.localdate()
    status = calendar.day_status(today)
    upcoming = None
    for offset in range(1, 91):
        day = today + dt.timedelta(days=offset)
        day_status = calendar.day_status(day)
        if not day_status.working and day_status.source != "weekend":
            upcoming = (day, day_status.reason)
            break
    return {"today": today, "today_status": status, "next_day_off": upcoming}


def calendar_years_to_confirm(user, today: dt.date | None = None) -> dict:
    """For those who may change the calendar: the years whose days off and swaps still need
    confirming (this year whenever unconfirmed, the next one from 1 November)."""
    if not access.holds(user, calendar_rules.CHANGE_CALENDAR):
        return {"years_to_confirm": []}
    today = today or timezone.localdate()
    return {"years_to_confirm": [
        {"year": year, "current": year == today.year} for year in years_to_confirm(today)
    ]}


def _admin_card() -> Card:
    return Card(
        title=_("Quản trị hệ thống"),
        subtitle=_("Toàn bộ hệ thống"),
        figures=[
            (_("Cơ quan sử dụng"), Agency.objects.count()),
            (_("Tài khoản"), get_user_model().objects.filter(is_active=True).count()),
            (_("Đơn vị hành chính đã nạp"), AdministrativeUnit.objects.count()),
            (_("Bản ghi nhật ký"), AuditEvent.objects.count()),
        ],
        links=[(_("Trang quản trị"), reverse("admin:index"))],
    )


def _card_for_grant(user, grant) -> Card:
    agency = Agency.objects.get(pk=min(grant.agency_ids)) if len(grant.agency_ids) == 1 else None
    role_label = Role(grant.role).label
    if grant.role == Role.OVERSEER:
        province = Agency.objects.get(pk__in=grant.agency_ids, level=Agency.Level.PROVINCE)
        c = selectors.counts_for_province(user, province)
        return Card(
            title=province.name,
            subtitle=role_label,
            figures=[
                (_("Xã, phường trong danh mục"), c["official_communes"]),
                (_("Xã, phường đang dùng doithoai"), c["agencies"]),
                (_("Thôn, tổ dân phố"), c["villages"]),
            ],
            links=[(_("Các xã, phường"), reverse("org:agency_list"))],
        )
    if grant.role == Role.UNIT_OFFICER:
        unit = Unit.objects.get(pk=grant.unit_id)
        return Card(
            title=unit.name,
            subtitle=f"{role_label} — {agency.name}",
            figures=[(_("Cán bộ của đơn vị"), visible(Person, user).filter(unit=unit).count())],
            links=[(_("Trang đơn vị"), reverse("org:unit_detail", args=[unit.pk]))],
        )
    if grant.role == Role.VILLAGE_HEAD:
        village = Village.objects.get(pk=grant.village_id)
        return Card(
            title=village.name,
            subtitle=f"{role_label} — {agency.name}",
            figures=[
                (_("Số hộ"), village.households or 0),
                (_("Người đã ghi nhận trong thôn"),
                 visible(Person, user).filter(village=village).count()),
            ],
            links=[(_("Trang thôn"), reverse("org:village_detail", args=[village.pk]))],
        )
    c = selectors.counts_for_agency(user, agency)
    return Card(
        title=agency.name,
        subtitle=role_label,
        figures=[
            (_("Đơn vị"), c["units"]),
            (_("Thôn, tổ dân phố"), c["villages"]),
            (_("Cá nhân"), c["people"]),
            (_("Tài khoản"), c["accounts"]),
        ],
        links=[(_("Cơ cấu tổ chức"), reverse("org:agency_detail", args=[agency.pk]))],
    )
