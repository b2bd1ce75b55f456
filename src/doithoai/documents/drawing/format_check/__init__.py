"""Read a rendered .docx back and say, in Vietnamese, where it breaks Decree 30/2020.

`check(docx_bytes, kind)` returns the problems found (empty: the structure is kept): page
size and margins, Times New Roman and black on every run (`page`), the two-column header
table and its texts and rules, the title and summary with its rule (`header`), italic legal
bases, the body's size, alignment, indent and spacing, headings, the "./." ending (`text`),
the signature block with the recipients (`signature`), and page numbers in the header from
page 2 (`page`). Used by the tests and to refuse an agency's template that no longer keeps
the format (render it with sample data, then check).
"""

from __future__ import annotations

import io

from docx import Document
from docx.table import Table
from docx.text.paragraph import Paragraph

from doithoai.documents.drawing.format_check import header, page, signature, text
from doithoai.documents.drawing.format_check import reading as rd
from doithoai.documents.drawing.format_check.checker import Checker


def _run(c: Checker) -> list[str]:
    page.page(c)
    page.fonts(c)
    blocks = list(rd.blocks(c.doc))
    header.header(c, blocks)
    tables = [i for i, b in enumerate(blocks) if isinstance(b, Table)]
    start = 1 if blocks and isinstance(blocks[0], Table) else 0
    later = [i for i in tables if i >= start]
    end = later[-1] if later else len(blocks)
    closing = blocks[end] if end < len(blocks) else None
    middle = [b for b in blocks[start:end] if isinstance(b, Paragraph)]
    after_title = (header.letter(c, middle, blocks[0] if start else None) if c.is_letter
                   else header.title(c, middle))
    if c.numbered:
        text.body(c, middle[after_title:])
        if c.kind.abbreviation == "BB":  # signed by the secretary and the chair
            signature.minutes_signature(c, closing)
        else:
            signature.signature(c, closing)
    else:
        signature.form(c, middle[after_title:])
    page.page_numbers(c)
    return c.problems


def check(docx_bytes: bytes, kind) -> list[str]:
    """The Decree-30 problems of a rendered document of this kind (empty: none)."""
    try:
        doc = Document(io.BytesIO(docx_bytes))
    except Exception:  # noqa: BLE001 — not a Word document at all
        return ["Không đọc được tệp: không phải văn bản Word .docx."]
    return _run(Checker(doc, kind))
