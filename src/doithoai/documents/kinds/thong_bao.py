"""The conference announcement (Thông báo, TB) — Law 72/2025 Art. 43: time, place, mode,
content, programme and how to send opinions before the conference: its context and layout.
(How every document writes a conference — days, times, signer, header — is in
`documents.drawing.conference_text`.)"""

from __future__ import annotations

import datetime as dt

from doithoai.core import decree30
from doithoai.core.text import lower_first, sentence, sentences
from doithoai.dialogues.choices import Mode
from doithoai.dialogues.models import Conference
from doithoai.dialogues.selectors import village_opinions
from doithoai.documents.drawing import conference_text as ct
from doithoai.documents.drawing import word as b
from doithoai.documents.drawing.context import (
    nfc_all,
    office_short_name,
)
from doithoai.documents.kinds import Kind
from doithoai.org.selectors import office_of


def scope_text(conference: Conference) -> str:
    villages = [v.name for v in conference.villages.order_by("order", "name")]
    if villages:
        return ("Đại biểu các cơ quan, đơn vị của xã; đại diện Nhân dân các thôn: "
                + ", ".join(villages) + ".")
    return "Đại biểu các cơ quan, đơn vị của xã; đại diện Nhân dân các thôn trên địa bàn xã."


def programme(conference: Conference) -> list[str]:
    """"- Từ 08 giờ 00 đến 08 giờ 05: Tuyên bố lý do … (presenter);" — the times from the
    start and each item's duration; the last item ends with "."."""
    at = conference.starts_at
    day = conference.held_on or dt.date(2000, 1, 1)
    items = []
    for item in conference.agenda.all():
        text = item.title.strip().rstrip(".;")
        if item.presenter.strip():
            text += f" ({item.presenter.strip()})"
        if at is not None:
            end = (dt.datetime.combine(day, at) + dt.timedelta(minutes=item.minutes)).time()
            text = f"Từ {ct.clock(at)} đến {ct.clock(end)}: {text}"
            at = end
        items.append(text)
    return [f"- {text}" + ("." if i == len(items) - 1 else ";")
            for i, text in enumerate(items)]


def plan_reference(conference: Conference) -> str:
    """The opening sentence: the plan it carries out when the plan is issued."""
    agency = conference.agency
    plan = conference.plan
    head = ""
    if plan is not None and plan.number and plan.issued_on:
        head = (f"Thực hiện Kế hoạch số {plan.number} {decree30.date_text(plan.issued_on)} "
                f"của {ct.body_name(agency)} về {lower_first(plan.title)}; ")
    else:
        head = ("Thực hiện Điều 43 Luật Tổ chức chính quyền địa phương số 72/2025/QH15 về "
                "trao đổi, đối thoại giữa chính quyền địa phương cấp xã với Nhân dân; ")
    issuer = ct.body_name(agency)
    if plan is not None and plan.number and plan.issued_on and agency.place_name.strip():
        # Named in full once: "Ủy ban nhân dân xã" the second time.
        issuer = issuer.replace(agency.place_name.strip(), "").strip() or issuer
    return head + f"{issuer} thông báo tổ chức {lower_first(conference.title)} như sau:"


def missing(conference: Conference) -> list[str]:
    """What the announcement lacks before it can be issued (Vietnamese field names)."""
    result = []
    if conference.held_on is None:
        result.append("ngày tổ chức")
    if conference.starts_at is None:
        result.append("giờ bắt đầu")
    if not conference.venue.strip() and conference.mode != Mode.ONLINE:
        result.append("địa điểm")
    if conference.mode != Mode.IN_PERSON and not conference.online_link.strip():
        result.append("đường dẫn trực tuyến")
    if conference.chair_id is None:
        result.append("chủ trì")
    if not conference.agenda.exists():
        result.append("chương trình hội nghị")
    return result + ct.signer_missing(conference)


def context(conference: Conference, *, number: int | None = None,
            issued_on: dt.date | None = None) -> dict:
    """The written announcement (posted, sent to the villages, on the commune's site)."""
    agency = conference.agency
    when = ct.when_text(conference)
    venue = conference.venue.strip()
    due = village_opinions.opinions_due(conference)
    unit = office_of(agency)
    office_name = unit.name if unit else f"Văn phòng {ct.body_name(agency)}"
    address = f", địa chỉ: {agency.address.strip()}" if agency.address.strip() else ""
    phone = f", điện thoại: {agency.phone.strip()}" if getattr(agency, "phone", "").strip() \
        else ""
    deadline = (f"Trưởng thôn, Ban công tác Mặt trận các thôn tổng hợp ý kiến, kiến nghị của "
                f"Nhân dân, gửi về {ct.body_name(agency)} (qua {office_name}) trước "
                f"{decree30.date_text(due)}." if due else
                f"Trưởng thôn, Ban công tác Mặt trận các thôn tổng hợp ý kiến, kiến nghị của "
                f"Nhân dân, gửi về {ct.body_name(agency)} (qua {office_name}) trước "
                f"{decree30.MISSING}.")
    ctx = {
        **ct.header_context(conference, "TB", number, issued_on),
        "title": "Về việc tổ chức " + lower_first(conference.title),
        "opening": plan_reference(conference),
        "time_text": sentence(when) if when else f"Thời gian {ct.LATER}.",
        "venue": sentence(venue) if venue else (
            "Không tổ chức tại hội trường." if conference.mode == Mode.ONLINE
            else f"Địa điểm {ct.LATER}."),
        "mode": ct.mode_text(conference),
        "chairs": ct.chairs_text(conference),
        "scope": scope_text(conference),
        "topics": sentences(conference.topics) or [
            "Thông báo, trao đổi về tình hình kinh tế - xã hội của xã; nghe ý kiến, kiến nghị "
            "của Nhân dân về những vấn đề liên quan đến quyền và lợi ích hợp pháp của mình."],
        "programme": programme(conference) or [decree30.MISSING],
        "channels": [
            "- Qua Trưởng thôn, Ban công tác Mặt trận ở thôn;",
            f"- Gửi trực tiếp hoặc bằng văn bản đến {office_name}{address}{phone};",
            f"- Gửi trực tuyến tại địa chỉ: {ct.submit_url(conference)}."],
        "deadline": deadline,
        "closing": decree30.with_ending(
            f"{ct.body_name(agency)} thông báo để Nhân dân trên địa bàn xã được biết, tham gia "
            f"và gửi ý kiến, kiến nghị"),
        "recipients": decree30.recipients(
            ["Thường trực Đảng ủy xã", "Thường trực HĐND xã",
             "Ủy ban MTTQ Việt Nam xã", "Chủ tịch, các Phó Chủ tịch UBND xã",
             "Đài truyền thanh xã", "Trưởng các thôn", "Trang thông tin điện tử xã"],
            keep_unit=office_short_name(agency)),
    }
    return nfc_all(ctx)


# --- the layout ----------------------------------------------------------------------------

def layout():
    """The written announcement: time, place, mode, chairs, content, programme, how and by
    when to send opinions (Law 72/2025 Art. 43)."""
    doc = b.new_document()
    ct.header_and_title(doc)
    b.body(doc, "{{ opening }}")
    b.heading(doc, "I. THỜI GIAN, ĐỊA ĐIỂM, HÌNH THỨC, THÀNH PHẦN")
    b.lead_in(doc, "1. Thời gian: ", "{{ time_text }}")
    b.lead_in(doc, "2. Địa điểm: ", "{{ venue }}")
    b.lead_in(doc, "3. Hình thức: ", "{{ mode }}")
    b.lead_in(doc, "4. Chủ trì hội nghị: ", "{{ chairs }}")
    b.lead_in(doc, "5. Thành phần: ", "{{ scope }}")
    b.heading(doc, "II. NỘI DUNG TRAO ĐỔI, ĐỐI THOẠI")
    b.loop(doc, "{%p for line in topics %}", "- {{ line }}", "{%p endfor %}")
    b.heading(doc, "III. CHƯƠNG TRÌNH HỘI NGHỊ")
    b.loop(doc, "{%p for line in programme %}", "{{ line }}", "{%p endfor %}")
    b.heading(doc, "IV. GỬI Ý KIẾN, KIẾN NGHỊ TRƯỚC HỘI NGHỊ")
    b.body(doc, "Nhân dân gửi ý kiến, kiến nghị về những vấn đề liên quan đến quyền và lợi ích "
              "hợp pháp của mình theo một trong các cách sau:")
    b.loop(doc, "{%p for line in channels %}", "{{ line }}", "{%p endfor %}")
    b.body(doc, "{{ deadline }}")
    b.body(doc, "{{ closing }}")
    b.signature_block(doc)
    return doc


KIND = Kind(
    code="thong-bao", label="Thông báo tổ chức hội nghị đối thoại", abbreviation="TB",
    source="dialogues.conference", template="thong-bao.docx",
    context=context, required=missing, layout=layout)
