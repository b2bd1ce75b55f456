"""The speaker registration form (Phiếu đăng ký phát biểu), not a numbered document: one blank
page (name, village, topic, short content, signature) copied as many times as needed in the
hall; laid out as the opinion survey form (`phieu_lay_y_kien`), both drawn by
`documents.drawing.blank_form`."""

from __future__ import annotations

import datetime as dt

from doithoai.dialogues.models import Conference
from doithoai.documents.drawing import word as b
from doithoai.documents.drawing.blank_form import (
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
from doithoai.documents.kinds import Kind

SPEAKER_LINES = 14


def missing(conference: Conference) -> list[str]:
    return [] if conference.title.strip() else ["tên hội nghị"]


def context(conference: Conference, *, number: int | None = None,
            issued_on: dt.date | None = None) -> dict:
    """`number` and `issued_on` are ignored: a form is not numbered."""
    ctx = {
        **common_context(conference),
        "type_name": "PHIẾU ĐĂNG KÝ PHÁT BIỂU",
        "lines": [""] * SPEAKER_LINES,
        "speaker_minutes": conference.speaker_minutes,
    }
    return nfc_all(ctx)


# --- the layout ----------------------------------------------------------------------------

def layout():
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


KIND = Kind(
    code="phieu-dang-ky-phat-bieu", label="Phiếu đăng ký phát biểu", abbreviation="",
    source="dialogues.conference", template="phieu-dang-ky-phat-bieu.docx",
    context=context, required=missing, layout=layout, numbered=False)
