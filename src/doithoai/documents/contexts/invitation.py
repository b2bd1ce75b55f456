"""The context of the invitations (Giấy mời, GM) of a conference: one invitation per invitee
who has a check-in code, merged into one document for printing, each with its code printed
and as a QR code the door scans."""

from __future__ import annotations

import datetime as dt

from doithoai.core import decree30
from doithoai.core.text import fold
from doithoai.dialogues import participants
from doithoai.dialogues.models import Conference, Delegate
from doithoai.documents.contexts import agency_header, nfc_all, office_short_name
from doithoai.documents.contexts.forms import village_line
from doithoai.documents.qr import QrImage

WEEKDAYS = ("thứ Hai", "thứ Ba", "thứ Tư", "thứ Năm", "thứ Sáu", "thứ Bảy", "Chủ nhật")
QR_WIDTH_MM = 22


def _sentence(text: str) -> str:
    text = (text or "").strip()
    return text if not text or text[-1] in ".;:!?…)" else text + "."


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:] if text else text


def time_text(conference: Conference) -> str:
    """"08 giờ 00 phút, thứ Năm, ngày 17 tháng 12 năm 2026" ("…" for what is not set)."""
    gap = decree30.MISSING
    hour = (f"{conference.starts_at.hour:02d} giờ {conference.starts_at.minute:02d} phút"
            if conference.starts_at else f"{gap} giờ")
    if conference.held_on is None:
        return f"{hour}, ngày {gap}"
    day = conference.held_on
    return f"{hour}, {WEEKDAYS[day.weekday()]}, {decree30.date_text(day)}"


def signature(person) -> list[str]:
    """The chair signs: the Chairman on behalf of the committee, a Vice-chairman for him."""
    position = fold(person.position) if person is not None else ""
    if position.startswith("pho chu tich"):
        return decree30.signature_lines("KT.", "PHÓ CHỦ TỊCH")
    return decree30.signature_lines("TM.", "CHỦ TỊCH")


def delegates(conference: Conference):
    """The invitees with a check-in code, in the list's order: the commune, guests, then
    village by village (the chair, who signs, is not invited)."""
    qs = Delegate.objects.filter(conference=conference, invitation__isnull=False)
    if conference.chair_id:  # who signs the invitations does not invite himself
        qs = qs.exclude(person_id=conference.chair_id)
    return participants.in_list_order(qs).select_related("invitation", "unit", "village")


def addressee(delegate: Delegate) -> tuple[str, str]:
    """("Ông/Bà Nguyễn Văn An — Trưởng thôn Nà Pàn", "Ông/Bà") for a person; ("Đại diện
    lãnh đạo Công an xã", "đại diện lãnh đạo đơn vị") for a unit."""
    name, position = delegate.full_name.strip(), delegate.position.strip()
    village = delegate.village.name.strip() if delegate.village_id else ""
    if village and village.casefold() not in position.casefold():
        # "Trưởng thôn" alone does not say which village: "Trưởng thôn Nà Pàn"
        line = village_line(village)  # "Thôn Nà Pàn"
        if fold(position).endswith("thon") and fold(line).startswith("thon "):
            position = f"{position} {line[5:]}"
        else:
            position = ", ".join(x for x in (position, line) if x)
    if name:
        return f"Ông/Bà {name}" + (f" — {position}" if position else ""), "Ông/Bà"
    unit = delegate.unit.name if delegate.unit_id else ""
    who = position or (f"Đại diện lãnh đạo {unit}" if unit else decree30.MISSING)
    return who, "đại diện đơn vị"


def missing(conference: Conference) -> list[str]:
    """What the invitations still lack before they can be issued (Vietnamese)."""
    result = []
    if not conference.title.strip():
        result.append("tên hội nghị")
    if conference.held_on is None:
        result.append("ngày tổ chức")
    if conference.starts_at is None:
        result.append("giờ bắt đầu")
    if not conference.venue.strip():
        result.append("địa điểm")
    if conference.chair_id is None or not conference.chair.full_name.strip():
        result.append("người ký (chủ trì hội nghị)")
    if not Delegate.objects.filter(conference=conference, invitation__isnull=False).exists():
        result.append("đại biểu có giấy mời (mã điểm danh)")
    return result


def one_missing(delegate: Delegate) -> list[str]:
    """What one invitee's invitation lacks: the conference's gaps, and its check-in code."""
    result = [m for m in missing(delegate.conference)
              if m != "đại biểu có giấy mời (mã điểm danh)"]
    if not hasattr(delegate, "invitation"):
        result.append("mã điểm danh của đại biểu (chuẩn bị giấy mời trước)")
    return result


def one_context(delegate: Delegate, *, number: int | None = None,
                issued_on: dt.date | None = None) -> dict:
    """One invitee's page of the conference's invitation, printed again or for someone
    invited late: once the conference's invitation is issued, with its number and date."""
    from doithoai.documents.services import latest_issued

    issued = latest_issued(delegate.conference, "giay-moi")
    if number is None and issued is not None:
        number, issued_on = issued.number, issued.issued_on
    return context(delegate.conference, number=number, issued_on=issued_on, only=delegate)


def context(conference: Conference, *, number: int | None = None,
            issued_on: dt.date | None = None, only: Delegate | None = None) -> dict:
    agency = conference.agency
    gap = decree30.MISSING
    title = conference.title.strip().rstrip(".")
    topics = [_sentence(line.lstrip("-–+*• ")) for line in conference.topics.splitlines()
              if line.strip(" -–+*•")]
    year = conference.held_on.year if conference.held_on else None
    invitations = []
    invitees = delegates(conference)
    if only is not None:
        invitees = invitees.filter(pk=only.pk) if hasattr(only, "invitation") else []
    for delegate in invitees:
        to, you = addressee(delegate)
        code = delegate.invitation.code
        invitations.append({"to": to, "you": you, "code": code,
                            "qr": QrImage(code, QR_WIDTH_MM)})
    if not invitations:  # a draft still shows what an invitation will look like
        invitations.append({"to": gap, "you": "Ông/Bà", "code": gap, "qr": ""})
    ctx = {
        **agency_header(agency),
        "number_symbol": decree30.number_symbol(number, "GM", agency.symbol),
        "number_line": decree30.number_line(number, "GM", agency.symbol),
        "date_line": decree30.date_line(agency.place_name, issued_on,
                                        year=(issued_on.year if issued_on else year)),
        "type_name": "GIẤY MỜI",
        "title": f"Dự {_lower_first(title)}" if title else gap,
        "issuer_name": agency.name.strip(),
        "conference_title": _lower_first(title) or gap,
        "time_text": _sentence(time_text(conference)),
        "venue": _sentence(conference.venue) or gap,
        "topics": topics,
        "invitations": invitations,
        "recipients": decree30.recipients(["Như trên"], keep_unit=office_short_name(agency)),
        "signature_lines": signature(conference.chair),
        "signer_name": conference.chair.full_name if conference.chair_id else "",
    }
    return nfc_all(ctx)
