"""The short version of the conference announcement read on the commune's loudspeaker system
(thong-bao-truyen-thanh): a few sentences, no list, no table; a notice all the same (header,
number)."""

from __future__ import annotations

import datetime as dt

from doithoai.core import decree30
from doithoai.core.text import list_items, lower_first
from doithoai.dialogues.choices import Mode
from doithoai.dialogues.models import Conference
from doithoai.dialogues.selectors import village_opinions
from doithoai.documents.drawing import conference_text as ct
from doithoai.documents.drawing import word as b
from doithoai.documents.drawing.context import nfc_all, office_short_name
from doithoai.documents.kinds import Kind


def context(conference: Conference, *, number: int | None = None,
            issued_on: dt.date | None = None) -> dict:
    """The few sentences the loudspeaker announcer reads: who, when, where, how to send
    opinions and by when. No table, no list; a notice all the same (header, number)."""
    agency = conference.agency
    when = ct.when_text(conference)
    venue = conference.venue.strip()
    due = village_opinions.opinions_due(conference)
    where = f"tại {venue.rstrip('.')}" if venue else f"địa điểm {ct.LATER}"
    if conference.mode == Mode.ONLINE:
        where = "theo hình thức trực tuyến"
    elif conference.mode == Mode.HYBRID:
        where += ", kết hợp trực tuyến"
    first = (f"{ct.body_name(agency)} thông báo: vào hồi {when}, {where}, {ct.body_name(agency)} "
             f"tổ chức {lower_first(conference.title)}." if when else
             f"{ct.body_name(agency)} thông báo: {ct.body_name(agency)} sẽ tổ chức "
             f"{lower_first(conference.title)}, {where}; thời gian {ct.LATER}.")
    topics = [lower_first(t).rstrip(";") for t in list_items(conference.topics)]
    second = ("Nội dung hội nghị: " + "; ".join(topics) + ".") if topics else (
        "Tại hội nghị, Chủ tịch Ủy ban nhân dân xã trao đổi, đối thoại và trả lời ý kiến, "
        "kiến nghị của Nhân dân.")
    by = f" trước {decree30.date_text(due)}" if due else ""
    third = (f"Bà con có ý kiến, kiến nghị xin gửi qua Trưởng thôn hoặc Ban công tác Mặt trận "
             f"thôn{by}; hoặc gửi trực tiếp đến Văn phòng Ủy ban nhân dân xã; hoặc gửi trực "
             f"tuyến trên trang {ct.submit_site()}, mục “Gửi ý kiến”.")
    ctx = {
        **ct.header_context(conference, "TB", number, issued_on),
        "title": "Về việc tổ chức " + lower_first(conference.title)
                 + " (phát trên hệ thống truyền thanh)",
        "paragraphs": [first, second, third],
        "closing": decree30.with_ending(
            f"{ct.body_name(agency)} trân trọng thông báo để bà con Nhân dân được biết, tham dự"),
        "recipients": decree30.recipients(
            ["Đài truyền thanh xã (phát 03 buổi trước ngày hội nghị)", "Trưởng các thôn"],
            keep_unit=office_short_name(agency)),
    }
    return nfc_all(ctx)


def missing(conference: Conference) -> list[str]:
    result = []
    if conference.held_on is None:
        result.append("ngày tổ chức")
    if conference.starts_at is None:
        result.append("giờ bắt đầu")
    if not conference.venue.strip() and conference.mode != Mode.ONLINE:
        result.append("địa điểm")
    return result + ct.signer_missing(conference)


# --- the layout ----------------------------------------------------------------------------

def layout():
    """The short text the loudspeaker announcer reads: a few paragraphs, no list, no table
    other than the header and the signature."""
    doc = b.new_document()
    ct.header_and_title(doc)
    b.loop(doc, "{%p for line in paragraphs %}", "{{ line }}", "{%p endfor %}")
    b.body(doc, "{{ closing }}")
    b.signature_block(doc)
    return doc


KIND = Kind(
    code="thong-bao-truyen-thanh", label="Thông báo trên hệ thống truyền thanh",
    abbreviation="TB", source="dialogues.conference", template="thong-bao-truyen-thanh.docx",
    context=context, required=missing, layout=layout)
