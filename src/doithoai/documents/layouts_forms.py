"""The layouts of the two forms of a conference (not numbered documents, so no "Số:" and no
date in the header, no "./." and no recipients): the opinion survey form, one page per village
(a section each, as the invitations), and the speaker registration form.

The header keeps the Decree-30 two columns (issuer with its rule | national title and motto
with its rule); fields are written on dotted lines (a right tab stop with a dot leader).
"""

from __future__ import annotations

from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT, WD_TAB_LEADER
from docx.shared import Mm, Pt

from doithoai.documents import docx_builder as b
from doithoai.documents.layouts_invitation import section_break

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


def build_phieu_lay_y_kien():
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
    section_break(doc)
    b.tag(doc, "{%p endif %}")
    b.tag(doc, "{%p endfor %}")
    return doc


def build_phieu_dang_ky_phat_bieu():
    doc = b.new_document()
    form_header(doc)
    title(doc, "PHIẾU ĐĂNG KÝ PHÁT BIỂU", "Tại {{ conference_title }}")
    field(doc, "Họ và tên: ")
    field(doc, "Thôn (tổ dân phố): ")
    field(doc, "Số điện thoại (nếu có): ")
    field(doc, "Vấn đề đăng ký phát biểu (lĩnh vực): ")
    b.paragraph(doc, "Nội dung tóm tắt:", size=b.BODY_SIZE, bold=True, **LEFT)
    writing_lines(doc)
    b.paragraph(doc, "Mỗi lượt phát biểu không quá {{ speaker_minutes }} phút. Nộp phiếu cho "
                     "Thư ký hội nghị trước khi phát biểu.", size=13, italic=True, before=6, **NOTE)
    signer(doc, "NGƯỜI ĐĂNG KÝ", "(Ký, ghi rõ họ tên)")
    return doc
