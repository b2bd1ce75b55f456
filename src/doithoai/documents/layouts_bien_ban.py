"""Layout of the minutes (Biên bản) of a conference: Decree 30/2020, Appendix III, form 1.6.

A biên bản is signed by the secretary and the chair in their own names, side by side ("THƯ
KÝ" left, "CHỦ TRÌ" right, no "TM."); its recipients ("Nơi nhận") come below the signatures,
on the left, as the form has them.
"""

from __future__ import annotations

from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Mm, Pt

# docx_builder imports this module for its LAYOUTS: refer to it lazily.
from doithoai.documents import docx_builder as b

ROOM_TO_SIGN = 4  # empty lines between the role and the name


def _speaker(doc, item: str) -> None:
    """"1. Ông … (thôn …): <opinion>" — the speaker bold; then the answer or the chair's
    direction, "Trả lời: " bold; the two kept on one page."""
    p = b.paragraph(doc, "", size=b.BODY_SIZE, keep_next=True)
    b.run(p, f"{{{{ {item}.number }}}}. {{{{ {item}.who }}}}: ", bold=True)
    b.run(p, f"{{{{ {item}.text }}}}")
    p = b.paragraph(doc, "", size=b.BODY_SIZE)
    b.run(p, f"{{{{ {item}.reply_label }}}}", bold=True)
    b.run(p, f"{{{{ {item}.reply }}}}")


def _signatures(doc) -> None:
    """Two signature columns, then the recipients under the left one; all on one page, and
    the closing sentence goes with them."""
    doc.paragraphs[-1].paragraph_format.keep_with_next = True
    b.paragraph(doc, "", size=6, after=Pt(0), first_line=None, line=None, keep_next=True)
    half = b.TEXT_WIDTH_MM / 2
    table = b._fixed_table(doc, 2, [half, half])
    # A little room on either side so that two long names do not run into each other.
    centre = {"align": WD_ALIGN_PARAGRAPH.CENTER, "first_line": None, "after": Pt(0),
              "line": None, "keep_next": True, "left": Mm(2), "right": Mm(2)}
    for cell, role, name in ((table.cell(0, 0), "THƯ KÝ", "{{ secretary_name }}"),
                             (table.cell(0, 1), "CHỦ TRÌ", "{{ chair_name }}")):
        b.paragraph(cell, role, size=14, bold=True, **centre)
        for _ in range(ROOM_TO_SIGN):
            b.paragraph(cell, "", size=14, **centre)
        b.paragraph(cell, name, size=14, bold=True, **centre)
        b.paragraph(cell, "", size=12, **centre)  # a line before "Nơi nhận"
    left = table.cell(1, 0)
    plain = {"align": WD_ALIGN_PARAGRAPH.LEFT, "first_line": None, "after": Pt(0),
             "line": None}
    b.paragraph(left, "Nơi nhận:", size=12, bold=True, italic=True, keep_next=True, **plain)
    b.tag(left, "{%p for item in recipients %}")
    b.paragraph(left, "{{ item }}", size=11, **plain)
    b.tag(left, "{%p endfor %}")
    b.paragraph(table.cell(1, 1), "", size=11, **plain)
    for row in table.rows:
        row._tr.get_or_add_trPr().append(b.OxmlElement("w:cantSplit"))


def build_bien_ban():
    """Time and place, I. the composition (chairs, secretary, the invited, how many came),
    II. the programme and every opinion heard with its answer or assignment, III. the chair's
    conclusion, the closing sentence with "./.", the two signatures and the recipients."""
    doc = b.new_document()
    b.header_table(
        doc, parent="{{ header_parent }}",
        issuer_loop=("{%p for line in issuer_lines %}", "{{ line }}", "{%p endfor %}"),
        number="Số: {{ number_symbol }}", date="{{ date_line }}")
    b.title_block(doc, "BIÊN BẢN", "{{ title }}")
    b.lead_in(doc, "Thời gian: ", "{{ time_line }}")
    b.lead_in(doc, "Địa điểm: ", "{{ venue_line }}")

    b.heading(doc, "I. THÀNH PHẦN")
    b.tag(doc, "{%p for line in composition %}")
    b.lead_in(doc, "{{ line.label }}", "{{ line.text }}")
    b.tag(doc, "{%p endfor %}")
    b.lead_in(doc, "{{ invited_label }}", "{{ invited_text }}")
    b.tag(doc, "{%p for side in invited %}")
    b.body(doc, "{{ side.letter }}) {{ side.label }}:", keep_next=True)
    b.loop(doc, "{%p for item in side.entries %}", "{{ item }}", "{%p endfor %}")
    b.tag(doc, "{%p endfor %}")
    b.lead_in(doc, "{{ attendance_label }}", "{{ attendance }}")

    b.heading(doc, "II. NỘI DUNG HỘI NGHỊ")
    b.body(doc, "{{ programme_intro }}", keep_next=True)
    b.loop(doc, "{%p for line in programme %}", "{{ line }}", "{%p endfor %}")
    b.body(doc, "{{ opinions_intro }}", keep_next=True)
    b.tag(doc, "{%p for s in spoken %}")
    _speaker(doc, "s")
    b.tag(doc, "{%p endfor %}")
    b.tag(doc, "{%p if read %}")
    b.body(doc, "{{ read_intro }}", keep_next=True)
    b.tag(doc, "{%p for s in read %}")
    _speaker(doc, "s")
    b.tag(doc, "{%p endfor %}")
    b.tag(doc, "{%p endif %}")
    b.loop(doc, "{%p for line in notes %}", "{{ line }}", "{%p endfor %}")

    b.heading(doc, "III. KẾT LUẬN CỦA CHỦ TRÌ")
    b.body(doc, "{{ conclusion_intro }}", keep_next=True)
    b.loop(doc, "{%p for line in conclusion %}", "{{ line }}", "{%p endfor %}")
    b.body(doc, "{{ closing }}")
    _signatures(doc)
    return doc
