"""The opinion survey form (Phiếu lấy ý kiến), not a numbered document: one page per village
the conference covers (a section each, as the invitations), the village printed ("Thôn: Nà
Pàn") so each village's pile is ready to hand out, with lines to write on, name and phone
optional, and a QR code to the online form.

Also what the two forms of a conference share (`phieu_dang_ky_phat_bieu` is the other): no
"Số:" and no date in the header, no "./." and no recipients; the header keeps the Decree-30
two columns (issuer with its rule | national title and motto with its rule); fields are
written on dotted lines (a right tab stop with a dot leader).
"""

from __future__ import annotations

import datetime as dt

from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT, WD_TAB_LEADER
from docx.shared import Mm, Pt

from doithoai.core import decree30
from doithoai.core.text import fold, lower_first
from doithoai.dialogues.models import Conference
from doithoai.dialogues.selectors import conferences, village_opinions
from doithoai.documents.drawing import conference_text as ct
from doithoai.documents.drawing import word as b
from doithoai.documents.drawing.context import agency_header, nfc_all
from doithoai.documents.drawing.qr import QrImage
from doithoai.documents.kinds import Kind

QR_WIDTH_MM = 26
WRITING_LINES = 12


def common_context(conference: Conference) -> dict:
    agency = conference.agency
    title = conference.title.strip().rstrip(".")
    year = conference.held_on.year if conference.held_on else None
    return {
        **agency_header(agency),
        "conference_title": lower_first(title) or decree30.MISSING,
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
    pages = [{"village": village_line(v.name), "qr": QrImage(url, QR_WIDTH_MM)}
             for v in villages(conference)]
    if not pages:
        pages = [{"village": "", "qr": QrImage(url, QR_WIDTH_MM)}]
    ctx = {
        **common_context(conference),
        "type_name": "PHIẾU LẤY Ý KIẾN",
        "pages": pages,
        "url": url,
        "due": (f"ngày {due.day:02d}/{due.month:02d}/{due.year}" if due
                else decree30.MISSING),
    }
    return nfc_all(ctx)


# --- the layout ----------------------------------------------------------------------------

CENTRE = {"align": WD_ALIGN_PARAGRAPH.CENTER, "first_line": None, "after": Pt(0), "line": None}
LEFT = {"align": WD_ALIGN_PARAGRAPH.LEFT, "first_line": None, "after": Pt(6), "line": 1}
NOTE = dict(LEFT, align=WD_ALIGN_PARAGRAPH.JUSTIFY)


def form_header(doc):
    """One row, no borders: parent body and issuer (rule) | national title and motto (rule)."""
    table = b._fixed_table(doc, 1, [b.HEADER_LEFT_MM, b.HEADER_RIGHT_MM])
    left, right = table.cell(0, 0), table.cell(0, 1)
    b.tag(left, "{%p if header_parent %}")
    b.paragraph(left, "{{ header_parent }}", size=13, **CENTRE)
    b.tag(left, "{%p endif %}")
    b.tag(left, "{%p for line in issuer_lines %}")
    b.paragraph(left, "{{ line }}", size=13, bold=True, **CENTRE)
    b.tag(left, "{%p endfor %}")
    b.rule(left, b.ISSUER_RULE_MM, b.HEADER_LEFT_MM)
    b.paragraph(right, b.NATIONAL_TITLE, size=12, bold=True, **CENTRE)
    b.paragraph(right, b.MOTTO, size=13, bold=True, **CENTRE)
    b.rule(right, b.MOTTO_RULE_MM, b.HEADER_RIGHT_MM)
    return table


def field(doc, label: str, *, bold_value: str = ""):
    """"Họ và tên: ……………" to the right margin (a dotted tab)."""
    p = b.paragraph(doc, "", size=b.BODY_SIZE, **LEFT)
    p.paragraph_format.tab_stops.add_tab_stop(Mm(b.TEXT_WIDTH_MM), WD_TAB_ALIGNMENT.RIGHT,
                                              WD_TAB_LEADER.DOTS)
    b.run(p, label)
    if bold_value:
        b.run(p, bold_value, bold=True)
    b.run(p, "\t")
    return p


def writing_lines(doc):
    b.tag(doc, "{%p for line in lines %}")
    field(doc, "")
    b.tag(doc, "{%p endfor %}")


def signer(doc, role: str, hint: str):
    """The place and blank date, the writer's role and a hint, right-hand half, room to sign."""
    table = b._fixed_table(doc, 1, [b.SIGN_LEFT_MM, b.SIGN_RIGHT_MM])
    right = table.cell(0, 1)
    b.paragraph(right, "{{ date_line }}", size=13, italic=True, before=6, **CENTRE)
    b.paragraph(right, role, size=14, bold=True, **CENTRE)
    b.paragraph(right, hint, size=13, italic=True, **CENTRE)
    for _ in range(3):
        b.paragraph(right, "", size=14, **CENTRE)
    return table


def title(doc, type_name: str, summary: str):
    b.title_block(doc, type_name, summary)


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
