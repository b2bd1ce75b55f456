"""The opinion survey form (Phiếu lấy ý kiến), not a numbered document: one page per village
the conference covers (a section each, as the invitations), the village printed ("Thôn: Nà
Pàn") so each village's pile is ready to hand out, with lines to write on, name and phone
optional, and a QR code to the online form.

What it shares with the other form of a conference (`phieu_dang_ky_phat_bieu`) is drawn by
`documents.drawing.blank_form`.
"""

from __future__ import annotations

import datetime as dt

from doithoai.core import dates, decree30
from doithoai.dialogues.models import Conference
from doithoai.dialogues.selectors import conferences, village_opinions
from doithoai.documents.drawing import conference_text as ct
from doithoai.documents.drawing import word as b
from doithoai.documents.drawing.blank_form import (
    CENTRE,
    LEFT,
    NOTE,
    common_context,
    field,
    form_header,
    signer,
    title,
    writing_lines,
)
from doithoai.documents.drawing.context import nfc_all
from doithoai.documents.drawing.qr import QrImage
from doithoai.documents.kinds import Kind

QR_WIDTH_MM = 26


def villages(conference: Conference) -> list:
    return sorted(conferences.covered_villages(conference), key=lambda v: (v.order, v.name))


def missing(conference: Conference) -> list[str]:
    result = []
    if not conference.title.strip():
        result.append("tên hội nghị")
    if not villages(conference):
        result.append("thôn, tổ dân phố tham gia")
    if village_opinions.opinions_due(conference) is None:
        result.append("hạn thôn gửi ý kiến")
    return result


def context(conference: Conference, *, number: int | None = None,
            issued_on: dt.date | None = None) -> dict:
    """`number` and `issued_on` are ignored: a form is not numbered."""
    url = ct.submit_url(conference)
    due = village_opinions.opinions_due(conference)
    pages = [{"village": ct.village_line(v.name), "qr": QrImage(url, QR_WIDTH_MM)}
             for v in villages(conference)]
    if not pages:
        pages = [{"village": "", "qr": QrImage(url, QR_WIDTH_MM)}]
    ctx = {
        **common_context(conference),
        "type_name": "PHIẾU LẤY Ý KIẾN",
        "pages": pages,
        "url": url,
        "due": f"ngày {dates.day(due)}" if due else decree30.MISSING,
    }
    return nfc_all(ctx)


# --- the layout ----------------------------------------------------------------------------

def layout():
    doc = b.new_document()
    b.tag(doc, "{%p for page in pages %}")
    form_header(doc)
    title(doc, "PHIẾU LẤY Ý KIẾN", "Về các nội dung đối thoại tại {{ conference_title }}")
    b.tag(doc, "{%p if page.village %}")
    field(doc, "", bold_value="{{ page.village }}")
    b.tag(doc, "{%p else %}")
    field(doc, "Thôn (tổ dân phố): ")
    b.tag(doc, "{%p endif %}")
    field(doc, "Họ và tên (không bắt buộc): ")
    field(doc, "Số điện thoại (không bắt buộc): ")
    b.paragraph(doc, "Ý kiến, kiến nghị của Ông/Bà (ghi rõ vụ việc, địa điểm, thời gian):",
                size=b.BODY_SIZE, bold=True, **LEFT)
    writing_lines(doc)
    b.paragraph(doc, "Phiếu gửi Trưởng thôn hoặc bỏ vào hòm thư góp ý của UBND xã trước "
                     "{{ due }}. Có thể gửi ý kiến trực tuyến: quét mã QR dưới đây bằng điện "
                     "thoại.", size=13, italic=True, before=6, **NOTE)
    b.paragraph(doc, "{{ page.qr }}", keep_next=True, **CENTRE)
    b.paragraph(doc, "{{ url }}", size=12, **CENTRE)
    signer(doc, "NGƯỜI VIẾT PHIẾU", "(Ký, ghi họ tên nếu muốn)")
    b.tag(doc, "{%p if not loop.last %}")
    b.section_break(doc)
    b.tag(doc, "{%p endif %}")
    b.tag(doc, "{%p endfor %}")
    return doc


KIND = Kind(
    code="phieu-lay-y-kien", label="Phiếu lấy ý kiến Nhân dân", abbreviation="",
    source="dialogues.conference", template="phieu-lay-y-kien.docx",
    context=context, required=missing, layout=layout, numbered=False)
