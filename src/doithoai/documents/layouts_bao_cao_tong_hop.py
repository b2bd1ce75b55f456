"""Layout of the summary report of the opinions sent before a conference (Báo cáo tổng hợp ý
kiến, kiến nghị của Nhân dân trước hội nghị đối thoại)."""

from __future__ import annotations

from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt

# docx_builder imports this module for its LAYOUTS: refer to it lazily.
from doithoai.documents import docx_builder as b

# STT, field, then six counts: 165 mm, the width of the text.
TABLE_WIDTHS_MM = [11, 46, 18, 18, 18, 18, 18, 18]


def _table(doc) -> None:
    """The figures by field: its title centred above, the table, a little room after."""
    b.paragraph(doc, "{{ table.title }}", size=13, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER,
                first_line=None, keep_next=True)
    width = len(TABLE_WIDTHS_MM)
    b.data_table(doc, widths_mm=TABLE_WIDTHS_MM,
                 header=[f"{{{{ table.header[{i}] }}}}" for i in range(width)],
                 source="table.rows", total="table.total",
                 numeric=tuple(range(2, width)), centred=(0,))
    b.paragraph(doc, "", size=6, after=Pt(6), first_line=None)


def build_bao_cao_tong_hop():
    """The opening, I. how the opinions came in and their figures with the table by field,
    II. each opinion by field with its prepared answer, III. proposals, "./."."""
    doc = b.new_document()
    b.header_table(
        doc, parent="{{ header_parent }}",
        issuer_loop=("{%p for line in issuer_lines %}", "{{ line }}", "{%p endfor %}"),
        number="Số: {{ number_symbol }}", date="{{ date_line }}")
    b.title_block(doc, "BÁO CÁO", "{{ title }}")
    b.body(doc, "{{ opening }}")

    b.heading(doc, "I. KẾT QUẢ TIẾP NHẬN Ý KIẾN, KIẾN NGHỊ")
    b.heading(doc, "1. Tình hình tiếp nhận")
    b.body(doc, "{{ collection }}")
    b.tag(doc, "{%p if villages %}")
    b.body(doc, "{{ villages }}")
    b.tag(doc, "{%p endif %}")
    b.body(doc, "{{ received }}")
    b.loop(doc, "{%p for line in channels %}", "{{ line }}", "{%p endfor %}")
    b.tag(doc, "{%p if has_opinions %}")
    b.heading(doc, "2. Phân loại ý kiến, kiến nghị")
    b.body(doc, "{{ summary }}")
    b.loop(doc, "{%p for line in breakdown %}", "{{ line }}", "{%p endfor %}")
    _table(doc)
    b.tag(doc, "{%p endif %}")

    b.heading(doc, "II. NỘI DUNG Ý KIẾN, KIẾN NGHỊ")
    b.tag(doc, "{%p if fields %}")
    b.tag(doc, "{%p for section in fields %}")
    b.heading(doc, "{{ section.number }}. {{ section.heading }}")
    b.tag(doc, "{%p for entry in section.entries %}")
    b.body(doc, "{{ entry.letter }} {{ entry.text }}", keep_next=True)
    b.lead_in(doc, "{{ entry.label }}", "{{ entry.answer }}")
    b.tag(doc, "{%p endfor %}")
    b.tag(doc, "{%p endfor %}")
    b.tag(doc, "{%p else %}")
    b.body(doc, "{{ no_opinions }}")
    b.tag(doc, "{%p endif %}")

    b.heading(doc, "III. ĐỀ XUẤT, KIẾN NGHỊ")
    b.loop(doc, "{%p for line in proposals %}", "{{ line }}", "{%p endfor %}")
    b.body(doc, "{{ closing }}")
    b.signature_block(doc)
    return doc
