"""The parts of a công văn (a letter of the committee) that no other kind of document has."""

from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt

from doithoai.documents.drawing import word as b


def letter_header(doc):
    """A công văn's header: `header_table` with the issuer's lines, "Số: …" and the date, and
    the summary (trích yếu) 6 pt under the number in the lines the context gives
    (`summary_lines`), since a công văn has no type title; then the `replaces_line`."""
    table = b.header_table(
        doc, parent="{{ header_parent }}",
        issuer_loop=("{%p for line in issuer_lines %}", "{{ line }}", "{%p endfor %}"),
        number="Số: {{ number_symbol }}", date="{{ date_line }}")
    centre = {"align": WD_ALIGN_PARAGRAPH.CENTER, "first_line": None, "after": Pt(0),
              "line": None}
    cell = table.cell(1, 0)
    b.paragraph(cell, "", size=6, **centre)
    b.tag(cell, "{%p for line in summary_lines %}")
    b.paragraph(cell, "{{ line }}", size=12, **centre)
    b.tag(cell, "{%p endfor %}")
    b.replaces_line(doc)
    return table
