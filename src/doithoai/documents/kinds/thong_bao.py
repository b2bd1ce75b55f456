"""The conference announcement (Thông báo, TB) — Law 72/2025 Art. 43: time, place, mode,
content, programme and how to send opinions before the conference: its context and layout.

Also the helpers the other notices of a conference share (the signer, dates and times, the
header and title of a notice)."""

from __future__ import annotations

import datetime as dt
from urllib.parse import urlencode, urlsplit

from django.conf import settings
from django.urls import reverse

from doithoai.core import decree30
from doithoai.core.text import lower_first, sentence, sentences
from doithoai.dialogues.models import Conference, Milestone, Mode
from doithoai.documents.drawing import word as b
from doithoai.documents.drawing.context import (
    agency_header,
    nfc_all,
    office_short_name,
    plan_signature_lines,
)
from doithoai.documents.kinds import Kind
from doithoai.org.models import Unit

WEEKDAYS = ("thứ Hai", "thứ Ba", "thứ Tư", "thứ Năm", "thứ Sáu", "thứ Bảy", "Chủ nhật")
LATER = "sẽ thông báo sau"
# Vietnamese legal texts letter their points a), b), c), d), đ), e), g)… (no f, j, w, z).
LETTERS = ("a", "b", "c", "d", "đ", "e", "g", "h", "i", "k", "l", "m", "n", "o", "p", "q", "r",
           "s", "t", "u", "v", "x", "y")


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


def office(agency) -> Unit | None:
    return (Unit.objects.filter(agency=agency, kind=Unit.Kind.OFFICE, is_active=True)
            .order_by("order", "pk").first())


def submit_url(conference: Conference) -> str:
    query = urlencode({"xa": conference.agency.code, "hoi-nghi": conference.pk})
    return f"{settings.PUBLIC_BASE_URL.rstrip('/')}{reverse('public:submit')}?{query}"


def submit_site() -> str:
    """The address read out on the radio: the site's host, without the query."""
    parts = urlsplit(settings.PUBLIC_BASE_URL)
    return (parts.netloc or settings.PUBLIC_BASE_URL).strip("/")


def opinions_due(conference: Conference) -> dt.date | None:
    return (Milestone.objects.filter(conference=conference,
                                     kind=Milestone.Kind.VILLAGE_OPINIONS)
            .values_list("due_on", flat=True).first())


def mode_text(conference: Conference) -> str:
    link = conference.online_link.strip()
    if conference.mode == Mode.ONLINE:
        return f"Trực tuyến, tại địa chỉ {link}." if link else "Trực tuyến."
    if conference.mode == Mode.HYBRID:
        return (f"Trực tiếp tại hội trường, kết hợp trực tuyến tại địa chỉ {link}." if link
                else "Trực tiếp tại hội trường, kết hợp trực tuyến.")
    return "Trực tiếp tại hội trường."


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
            text = f"Từ {clock(at)} đến {clock(end)}: {text}"
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
                f"của {body_name(agency)} về {lower_first(plan.title)}; ")
    else:
        head = ("Thực hiện Điều 43 Luật Tổ chức chính quyền địa phương số 72/2025/QH15 về "
                "trao đổi, đối thoại giữa chính quyền địa phương cấp xã với Nhân dân; ")
    issuer = body_name(agency)
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
    return result + signer_missing(conference)


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


def context(conference: Conference, *, number: int | None = None,
            issued_on: dt.date | None = None) -> dict:
    """The written announcement (posted, sent to the villages, on the commune's site)."""
    agency = conference.agency
    when = when_text(conference)
    venue = conference.venue.strip()
    due = opinions_due(conference)
    unit = office(agency)
    office_name = unit.name if unit else f"Văn phòng {body_name(agency)}"
    address = f", địa chỉ: {agency.address.strip()}" if agency.address.strip() else ""
    phone = f", điện thoại: {agency.phone.strip()}" if getattr(agency, "phone", "").strip() \
        else ""
    deadline = (f"Trưởng thôn, Ban công tác Mặt trận các thôn tổng hợp ý kiến, kiến nghị của "
                f"Nhân dân, gửi về {body_name(agency)} (qua {office_name}) trước "
                f"{decree30.date_text(due)}." if due else
                f"Trưởng thôn, Ban công tác Mặt trận các thôn tổng hợp ý kiến, kiến nghị của "
                f"Nhân dân, gửi về {body_name(agency)} (qua {office_name}) trước "
                f"{decree30.MISSING}.")
    ctx = {
        **header_context(conference, "TB", number, issued_on),
        "title": "Về việc tổ chức " + lower_first(conference.title),
        "opening": plan_reference(conference),
        "time_text": sentence(when) if when else f"Thời gian {LATER}.",
        "venue": sentence(venue) if venue else (
            "Không tổ chức tại hội trường." if conference.mode == Mode.ONLINE
            else f"Địa điểm {LATER}."),
        "mode": mode_text(conference),
        "chairs": chairs_text(conference),
        "scope": scope_text(conference),
        "topics": sentences(conference.topics) or [
            "Thông báo, trao đổi về tình hình kinh tế - xã hội của xã; nghe ý kiến, kiến nghị "
            "của Nhân dân về những vấn đề liên quan đến quyền và lợi ích hợp pháp của mình."],
        "programme": programme(conference) or [decree30.MISSING],
        "channels": [
            "- Qua Trưởng thôn, Ban công tác Mặt trận ở thôn;",
            f"- Gửi trực tiếp hoặc bằng văn bản đến {office_name}{address}{phone};",
            f"- Gửi trực tuyến tại địa chỉ: {submit_url(conference)}."],
        "deadline": deadline,
        "closing": decree30.with_ending(
            f"{body_name(agency)} thông báo để Nhân dân trên địa bàn xã được biết, tham gia "
            f"và gửi ý kiến, kiến nghị"),
        "recipients": decree30.recipients(
            ["Thường trực Đảng ủy xã", "Thường trực HĐND xã",
             "Ủy ban MTTQ Việt Nam xã", "Chủ tịch, các Phó Chủ tịch UBND xã",
             "Đài truyền thanh xã", "Trưởng các thôn", "Trang thông tin điện tử xã"],
            keep_unit=office_short_name(agency)),
    }
    return nfc_all(ctx)


# --- the layout ----------------------------------------------------------------------------

def header_and_title(doc) -> None:
    b.header_table(
        doc, parent="{{ header_parent }}",
        issuer_loop=("{%p for line in issuer_lines %}", "{{ line }}", "{%p endfor %}"),
        number="Số: {{ number_symbol }}", date="{{ date_line }}")
    b.title_block(doc, "THÔNG BÁO", "{{ title }}")


def layout():
    """The written announcement: time, place, mode, chairs, content, programme, how and by
    when to send opinions (Law 72/2025 Art. 43)."""
    doc = b.new_document()
    header_and_title(doc)
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
