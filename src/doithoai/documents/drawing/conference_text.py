"""How the documents write a conference and the body that holds it: days and times, the
mode, the chairs, the signer (the plan's), the office, where opinions are sent, the sides of
the invited and the villages, what a conference that took place must have, and the header of
a notice. Shared by the kinds of `documents.kinds` (none of which it imports)."""

from __future__ import annotations

import datetime as dt
from urllib.parse import urlencode, urlsplit

from django.conf import settings
from django.urls import reverse

from doithoai.core import decree30
from doithoai.core.text import fold
from doithoai.dialogues.choices import Mode
from doithoai.dialogues.models import Conference
from doithoai.dialogues.selectors.oversight import HELD_STATES
from doithoai.documents.drawing import word as b
from doithoai.documents.drawing.context import (
    agency_header,
    plan_signature_lines,
)

WEEKDAYS = ("thứ Hai", "thứ Ba", "thứ Tư", "thứ Năm", "thứ Sáu", "thứ Bảy", "Chủ nhật")
LATER = "sẽ thông báo sau"
# Vietnamese legal texts letter their points a), b), c), d), đ), e), g)… (no f, j, w, z).
LETTERS = ("a", "b", "c", "d", "đ", "e", "g", "h", "i", "k", "l", "m", "n", "o", "p", "q", "r",
           "s", "t", "u", "v", "x", "y")
# The sides of the invited as the plan and the minutes name them.
SIDE_LABELS = {"commune": "Đại biểu xã", "village": "Đại biểu thôn", "extra": "Khách mời khác"}


def time_text(at: dt.time) -> str:
    """"08 giờ 00 phút"."""
    return f"{at.hour:02d} giờ {at.minute:02d} phút"


def clock(at: dt.time) -> str:
    """"08 giờ 05" (in the programme)."""
    return f"{at.hour:02d} giờ {at.minute:02d}"


def day_text(day: dt.date) -> str:
    """"thứ Sáu, ngày 11 tháng 12 năm 2026"."""
    return f"{WEEKDAYS[day.weekday()]}, {decree30.date_text(day)}"


def when_text(conference: Conference) -> str:
    """"08 giờ 00 phút, thứ Sáu, ngày 11 tháng 12 năm 2026"; "" when the day is not set."""
    if conference.held_on is None:
        return ""
    day = day_text(conference.held_on)
    return f"{time_text(conference.starts_at)}, {day}" if conference.starts_at else day


def body_name(agency) -> str:
    """"Ủy ban nhân dân xã Điềm He" as the text names the issuer."""
    return agency.name.strip() or "Ủy ban nhân dân"


def signer(conference: Conference):
    """Who signs a notice of the conference: the plan's signer (with the plan's capacity and
    position), else the conference's chair for the committee. → (person|None, lines)."""
    plan = conference.plan
    if plan is not None and plan.signer_id:
        return plan.signer, plan_signature_lines(plan)
    return conference.chair, decree30.signature_lines("TM.", "CHỦ TỊCH")


def signer_missing(conference: Conference) -> list[str]:
    person, _lines = signer(conference)
    return [] if person is not None and person.full_name.strip() else ["người ký"]


def held_missing(conference: Conference) -> list[str]:
    """What a document of a conference that took place lacks: the session and its date."""
    result = []
    if conference.state not in HELD_STATES:
        result.append("hội nghị đã tổ chức")
    if conference.held_on is None:
        result.append("ngày tổ chức")
    return result


def village_line(name: str) -> str:
    """"Thôn Nà Pàn"; a name that already says what it is ("Thôn Bản Chu", "Tổ dân phố 3")
    as is."""
    name = name.strip()
    if fold(name).startswith(("thon ", "to dan pho", "khu pho", "khu ")):
        return name
    return f"Thôn {name}"


def submit_url(conference: Conference) -> str:
    query = urlencode({"xa": conference.agency.code, "hoi-nghi": conference.pk})
    return f"{settings.PUBLIC_BASE_URL.rstrip('/')}{reverse('public:submit')}?{query}"


def submit_site() -> str:
    """The address read out on the radio: the site's host, without the query."""
    parts = urlsplit(settings.PUBLIC_BASE_URL)
    return (parts.netloc or settings.PUBLIC_BASE_URL).strip("/")


def mode_text(conference: Conference) -> str:
    link = conference.online_link.strip()
    if conference.mode == Mode.ONLINE:
        return f"Trực tuyến, tại địa chỉ {link}." if link else "Trực tuyến."
    if conference.mode == Mode.HYBRID:
        return f"Trực tiếp tại hội trường, {joined_online(conference)}."
    return "Trực tiếp tại hội trường."


def joined_online(conference: Conference) -> str:
    """"kết hợp trực tuyến tại địa chỉ …" (without the address while it is not known)."""
    link = conference.online_link.strip()
    return f"kết hợp trực tuyến tại địa chỉ {link}" if link else "kết hợp trực tuyến"


def _person(person) -> str:
    named = person.name_and_position if person is not None else ""
    return f"đồng chí {named}" if named else ""


def chairs_text(conference: Conference) -> str:
    """The chairs as the announcement names them: "Đồng chí …, Chủ tịch UBND xã (chủ trì);
    đồng chí …, Phó Chủ tịch HĐND xã (đồng chủ trì)"."""
    chair, co_chair = _person(conference.chair), _person(conference.co_chair)
    if not chair:
        return decree30.MISSING
    text = chair[:1].upper() + chair[1:]
    if co_chair:
        text += f" (chủ trì); {co_chair} (đồng chủ trì)"
    return text + "."


def header_context(conference: Conference, abbr: str, number, issued_on) -> dict:
    agency = conference.agency
    person, signature = signer(conference)
    year = (conference.plan.year if conference.plan_id else None) or (
        conference.held_on.year if conference.held_on else None)
    return {
        **agency_header(agency),
        "number_symbol": decree30.number_symbol(number, abbr, agency.symbol),
        "number_line": decree30.number_line(number, abbr, agency.symbol),
        "date_line": decree30.date_line(agency.place_name, issued_on, year=year),
        "type_name": "THÔNG BÁO",
        "signature_lines": signature,
        "signer_name": person.full_name.strip() if person is not None else "",
    }


def header_and_title(doc) -> None:
    """A notice's header table and title (THÔNG BÁO), filled from `header_context`."""
    b.header_table(
        doc, parent="{{ header_parent }}",
        issuer_loop=("{%p for line in issuer_lines %}", "{{ line }}", "{%p endfor %}"),
        number="Số: {{ number_symbol }}", date="{{ date_line }}")
    b.title_block(doc, "THÔNG BÁO", "{{ title }}")
