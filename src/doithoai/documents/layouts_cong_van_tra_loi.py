"""Layout of the written answer to a petitioner (công văn trả lời): a công văn has no type
title block; its summary "V/v …" stands under the number (12 pt, upright, centred, 6 pt
below it) and "Kính gửi:" opens the text (Decree 30/2020, Appendix I)."""

from __future__ import annotations

from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Mm, Pt

# docx_builder imports this module for its LAYOUTS: refer to it lazily.
from doithoai.documents import docx_builder as b

# "Kính gửi:" indented; the dashes of several addressees aligned under its colon ("Kính
# gửi:" is about 19 mm wide at 14 pt Times New Roman), a wrapped line under the name.
GREETING_LEFT_MM = 25
ITEM_LEFT_MM = GREETING_LEFT_MM + 18
DASH_MM = 3


def build_cong_van_tra_loi():
    doc = b.new_document()
    header = b.header_table(
        doc, parent="{{ header_parent }}",
        issuer_loop=("{%p for line in issuer_lines %}", "{{ line }}", "{%p endfor %}"),
        number="Số: {{ number_symbol }}", date="{{ date_line }}")
    # The summary 6 pt under the number, in the lines the context breaks it into.
    centre = {"align": WD_ALIGN_PARAGRAPH.CENTER, "first_line": None, "after": Pt(0),
              "line": None}
    cell = header.cell(1, 0)
    b.paragraph(cell, "", size=6, **centre)
    b.tag(cell, "{%p for line in summary_lines %}")
    b.paragraph(cell, "{{ line }}", size=12, **centre)
    b.tag(cell, "{%p endfor %}")

    b.replaces_line(doc)
    b.tag(doc, "{%p if addressee %}")
    b.paragraph(doc, "Kính gửi: {{ addressee }}", size=14, align=WD_ALIGN_PARAGRAPH.CENTER,
                first_line=None, before=18, after=Pt(6), line=None)
    b.tag(doc, "{%p else %}")
    b.paragraph(doc, "Kính gửi:", size=14, align=WD_ALIGN_PARAGRAPH.LEFT, first_line=None,
                before=18, after=Pt(0), line=None, keep_next=True, left=Mm(GREETING_LEFT_MM))
    b.loop(doc, "{%p for line in addressees %}", "{{ line }}", "{%p endfor %}", size=14,
           align=WD_ALIGN_PARAGRAPH.LEFT, first_line=Mm(-DASH_MM), after=Pt(0), line=None,
           left=Mm(ITEM_LEFT_MM + DASH_MM))
    b.paragraph(doc, "", size=6, first_line=None, after=Pt(6), line=None)
    b.tag(doc, "{%p endif %}")

    b.body(doc, "{{ opening }}")
    b.body(doc, "{{ lead }}")
    b.loop(doc, "{%p for line in answer %}", "{{ line }}", "{%p endfor %}")
    b.body(doc, "{{ closing }}")
    b.signature_block(doc)
    return doc
