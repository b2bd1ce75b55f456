"""The written reminder to a unit (công văn đôn đốc): a công văn of the committee, drafted by
the office ("Số: 15/UBND-VP", "V/v đôn đốc trả lời ý kiến, kiến nghị của Nhân dân"), made from
one urge (`petitions.Urge`): "Kính gửi:" the unit, the petitions it was urged about in a table
(tracking code, summary, due date, how late), what the unit is to do, the chairman's signature.

It names no petitioner (a name in a petition's words is written as initials, as the public
reads it; a denouncer is never named), and a complaint's or denunciation's
content — by its kind or by its words — is never written out: the row says only what it is.
A unit with neither e-mail nor phone is urged by this letter alone, so it can always be issued
once the committee has a signer.
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt

from doithoai.core import decree30
from doithoai.dialogues.selectors.plans import default_signer
from doithoai.documents.drawing import conference_text as ct
from doithoai.documents.drawing import word as b
from doithoai.documents.drawing.context import (
    agency_header,
    chair_signature_lines,
    letter_symbol,
    nfc_all,
    office_short_name,
)
from doithoai.documents.drawing.letter import letter_header
from doithoai.documents.kinds import Kind as DocumentKind
from doithoai.petitions.models import Reminder, Urge
from doithoai.petitions.reminder_letters import names_in, quoted, secret_kind
from doithoai.workdays.calendar import get_calendar

SUMMARY = ("V/v đôn đốc trả lời ý kiến, kiến nghị", "của Nhân dân")
EXCERPT = 160
TABLE_WIDTHS_MM = [12, 30, 75, 23, 25]  # 165 mm: the text width
HEADER = ["STT", "Mã tra cứu", "Tóm tắt nội dung", "Hạn trả lời", "Tình trạng"]


def _summary(petition, names) -> str:
    secret = secret_kind(petition)
    if secret:  # its content stays in the office's system
        return f"{secret} (giải quyết theo thủ tục riêng; nội dung không ghi trong văn bản)"
    return quoted(petition, EXCERPT, names)  # no one named: the names as initials


def _status(due: dt.date, on: dt.date, calendar) -> str:
    days = calendar.count_workdays(on, due)
    if due < on:
        return f"Quá hạn {abs(days)} ngày làm việc"
    if due == on:
        return "Hạn là hôm nay"
    return f"Còn {days} ngày làm việc"


def reminders(urge: Urge) -> list[Reminder]:
    return list(Reminder.objects.filter(urge=urge).select_related("petition")
                .order_by("due_date", "petition_id"))


def missing(urge: Urge) -> list[str]:
    """What the letter lacks before it can be issued (Vietnamese)."""
    result = []
    if urge.unit_id is None:
        result.append("đơn vị được đôn đốc (công văn đôn đốc chỉ gửi đơn vị)")
    if not reminders(urge):
        result.append("ý kiến cần đôn đốc")
    person = default_signer(urge.agency)
    if person is None or not person.full_name.strip():
        result.append("người ký (Chủ tịch UBND)")
    return result


def context(urge: Urge, *, number: int | None = None, issued_on: dt.date | None = None
            ) -> dict:
    agency = urge.agency
    calendar = get_calendar()
    listed = reminders(urge)
    names = names_in(r.petition for r in listed)
    unit_name = urge.unit.name if urge.unit_id else decree30.MISSING
    body = ct.body_name(agency)
    on = urge.urged_on
    over = sum(1 for r in listed if r.due_date < on)
    soon = len(listed) - over
    counts = [f"{over} ý kiến đã quá hạn"] if over else []
    counts += [f"{soon} ý kiến sắp đến hạn"] if soon else []
    person = default_signer(agency)
    year = (issued_on or timezone.localdate()).year
    number_symbol = decree30.number_symbol(number, "", letter_symbol(agency))
    ctx = {
        **agency_header(agency),
        "number_symbol": number_symbol,
        "date_line": decree30.date_line(agency.place_name, issued_on, year=year),
        "summary_lines": list(SUMMARY),
        "addressee": unit_name,
        "opening": (f"{body} đã giao {unit_name} trả lời các ý kiến, kiến nghị của Nhân dân "
                    f"theo thời hạn quy định. Đến {decree30.date_text(on)}, còn "
                    f"{' và '.join(counts) or 'các ý kiến'} chưa được trả lời, cụ thể như sau:"),
        "rows": [[str(i), r.petition.tracking_code, _summary(r.petition, names),
                  r.due_date.strftime("%d/%m/%Y"), _status(r.due_date, on, calendar)]
                 for i, r in enumerate(listed, start=1)],
        "asks": [
            f"Đề nghị {unit_name} khẩn trương xem xét, trả lời bằng văn bản các ý kiến, kiến "
            f"nghị nêu trên; cập nhật dự thảo trả lời trên hệ thống theo dõi ý kiến để trình "
            f"lãnh đạo Ủy ban nhân dân duyệt và công khai.",
            "Trường hợp cần thêm thời gian, đơn vị đề nghị gia hạn (nêu rõ lý do và hạn mới); "
            "ý kiến không thuộc lĩnh vực của đơn vị thì trả lại Văn phòng kèm lý do.",
        ],
        "closing": decree30.with_ending(f"{body} đề nghị {unit_name} khẩn trương thực hiện"),
        "recipients": decree30.recipients(["Như trên", "Chủ tịch, các Phó Chủ tịch UBND"],
                                          keep_unit=office_short_name(agency)),
        "signature_lines": chair_signature_lines(person),
        "signer_name": person.full_name.strip() if person is not None else "",
    }
    return nfc_all(ctx)


# --- the layout ----------------------------------------------------------------------------

def layout():
    doc = b.new_document()
    letter_header(doc)
    b.paragraph(doc, "Kính gửi: {{ addressee }}", size=14, align=WD_ALIGN_PARAGRAPH.CENTER,
                first_line=None, before=18, after=Pt(6), line=None)
    b.body(doc, "{{ opening }}", keep_next=True)
    b.data_table(doc, widths_mm=TABLE_WIDTHS_MM, header=HEADER, source="rows",
                 centred=(0, 1, 3))
    b.paragraph(doc, "", size=6, first_line=None, after=Pt(0), line=None)
    b.loop(doc, "{%p for line in asks %}", "{{ line }}", "{%p endfor %}")
    b.body(doc, "{{ closing }}")
    b.signature_block(doc)
    return doc


KIND = DocumentKind(
    code="cong-van-don-doc", label="Công văn đôn đốc trả lời ý kiến, kiến nghị",
    abbreviation="", source="petitions.urge", template="cong-van-don-doc.docx",
    context=context, required=missing, layout=layout, drafted_by_office=True)
