"""The contexts of the two forms of a conference, which are not numbered documents:

- the opinion survey form (Phiếu lấy ý kiến): one page per village the conference covers,
  the village printed ("Thôn: Nà Pàn") so each village's pile is ready to hand out, with lines
  to write on, name and phone optional, and a QR code to the online form;
- the speaker registration form (Phiếu đăng ký phát biểu): one blank page (name, village,
  topic, short content, signature) copied as many times as needed in the hall.
"""

from __future__ import annotations

import datetime as dt

from doithoai.core import decree30
from doithoai.core.text import fold
from doithoai.dialogues.models import Conference
from doithoai.dialogues.selectors import conferences, village_opinions
from doithoai.documents.contexts import agency_header, nfc_all
from doithoai.documents.contexts import thong_bao as tb
from doithoai.documents.qr import QrImage

QR_WIDTH_MM = 26
WRITING_LINES = 12
SPEAKER_LINES = 14


def _common(conference: Conference) -> dict:
    agency = conference.agency
    title = conference.title.strip().rstrip(".")
    year = conference.held_on.year if conference.held_on else None
    return {
        **agency_header(agency),
        "conference_title": tb.lower_first(title) or decree30.MISSING,
        "date_line": decree30.date_line(agency.place_name, None, year=year),
        "lines": [""] * WRITING_LINES,
    }


def villages(conference: Conference) -> list:
    return sorted(conferences.covered_villages(conference), key=lambda v: (v.order, v.name))


def village_line(name: str) -> str:
    """"Thôn Nà Pàn"; a name that already says what it is ("Thôn Bản Chu", "Tổ dân phố 3")
    as is."""
    name = name.strip()
    if fold(name).startswith(("thon ", "to dan pho", "khu pho", "khu ")):
        return name
    return f"Thôn {name}"


def opinion_missing(conference: Conference) -> list[str]:
    result = []
    if not conference.title.strip():
        result.append("tên hội nghị")
    if not villages(conference):
        result.append("thôn, tổ dân phố tham gia")
    if village_opinions.opinions_due(conference) is None:
        result.append("hạn thôn gửi ý kiến")
    return result


def opinion_context(conference: Conference, *, number: int | None = None,
                    issued_on: dt.date | None = None) -> dict:
    """`number` and `issued_on` are ignored: a form is not numbered."""
    url = tb.submit_url(conference)
    due = village_opinions.opinions_due(conference)
    pages = [{"village": village_line(v.name), "qr": QrImage(url, QR_WIDTH_MM)}
             for v in villages(conference)]
    if not pages:
        pages = [{"village": "", "qr": QrImage(url, QR_WIDTH_MM)}]
    ctx = {
        **_common(conference),
        "type_name": "PHIẾU LẤY Ý KIẾN",
        "pages": pages,
        "url": url,
        "due": (f"ngày {due.day:02d}/{due.month:02d}/{due.year}" if due
                else decree30.MISSING),
    }
    return nfc_all(ctx)


def speaker_missing(conference: Conference) -> list[str]:
    return [] if conference.title.strip() else ["tên hội nghị"]


def speaker_context(conference: Conference, *, number: int | None = None,
                    issued_on: dt.date | None = None) -> dict:
    """`number` and `issued_on` are ignored: a form is not numbered."""
    ctx = {
        **_common(conference),
        "type_name": "PHIẾU ĐĂNG KÝ PHÁT BIỂU",
        "lines": [""] * SPEAKER_LINES,
        "speaker_minutes": conference.speaker_minutes,
    }
    return nfc_all(ctx)
