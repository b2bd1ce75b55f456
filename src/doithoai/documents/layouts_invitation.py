"""The layout of the invitations (Giấy mời, GM) of a conference, merged for printing.

Each invitation is a whole Decree-30 document (header, "GIẤY MỜI", the addressee, time, place,
content, the check-in code printed and as a QR code, signature and recipients) in a section of
its own: a section break (next page) ends every invitation but the last, as Word's mail merge
does, so each starts on a new page and its first page carries no page number.
"""

from __future__ import annotations

import copy

from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt

from doithoai.documents import docx_builder as b


def section_break(doc):
    """An empty paragraph ending a section (next page) laid out like the document's own:
    A4, the margins, the headers (none on the first page), page numbers restarting at 1."""
    p = doc.add_paragraph()
    b._format(p, first_line=None, after=Pt(0), line=None)
    b._mark_size(p, 2)
    sect = copy.deepcopy(doc.element.body.sectPr)
    kind = sect.find(qn("w:type"))
    if kind is None:
        kind = OxmlElement("w:type")
        sect.insert(len(sect.findall(qn("w:headerReference")))
                    + len(sect.findall(qn("w:footerReference"))), kind)
    kind.set(qn("w:val"), "nextPage")
    numbering = sect.find(qn("w:pgNumType"))
    if numbering is None:
        numbering = OxmlElement("w:pgNumType")
        sect.find(qn("w:pgMar")).addnext(numbering)
    numbering.set(qn("w:start"), "1")
    p._p.get_or_add_pPr().append(sect)
    return p


def text(doc, content: str, *, bold: bool = False, keep_next: bool = False):
    """A body paragraph (14 pt, justified, first line indented, 6 pt after) in single line
    spacing."""
    return b.paragraph(doc, content, size=b.BODY_SIZE, bold=bold, keep_next=keep_next, line=1)


def lead_in(doc, label: str, content: str):
    """"1. Thời gian: …": the label bold, the text regular."""
    p = b.paragraph(doc, "", size=b.BODY_SIZE, line=1)
    b.run(p, label, bold=True)
    b.run(p, content)
    return p


def build_giay_moi():
    doc = b.new_document()
    body_sect = doc.element.body.sectPr
    if body_sect.find(qn("w:pgNumType")) is None:
        numbering = OxmlElement("w:pgNumType")
        numbering.set(qn("w:start"), "1")
        body_sect.find(qn("w:pgMar")).addnext(numbering)
    b.tag(doc, "{%p for inv in invitations %}")
    b.header_table(
        doc, parent="{{ header_parent }}",
        issuer_loop=("{%p for line in issuer_lines %}", "{{ line }}", "{%p endfor %}"),
        number="Số: {{ number_symbol }}", date="{{ date_line }}")
    b.title_block(doc, "GIẤY MỜI", "{{ title }}")
    centre = {"align": WD_ALIGN_PARAGRAPH.CENTER, "first_line": None}
    p = b.paragraph(doc, "", size=b.BODY_SIZE, keep_next=True, **centre)
    b.run(p, "Kính gửi: ")
    b.run(p, "{{ inv.to }}", bold=True)
    # Single line spacing (the Decree allows 1 to 1.5 lines) so that one invitation, its QR
    # code and the signature hold on one page.
    text(doc, "{{ issuer_name }} trân trọng kính mời {{ inv.you }} tới dự "
              "{{ conference_title }}.")
    lead_in(doc, "1. Thời gian: ", "{{ time_text }}")
    lead_in(doc, "2. Địa điểm: ", "{{ venue }}")
    b.tag(doc, "{%p if topics %}")
    text(doc, "3. Nội dung", bold=True, keep_next=True)
    b.tag(doc, "{%p for line in topics %}")
    text(doc, "- {{ line }}")
    b.tag(doc, "{%p endfor %}")
    b.tag(doc, "{%p endif %}")
    b.paragraph(doc, "{{ inv.qr }}", after=Pt(0), line=None, keep_next=True, **centre)
    code = b.paragraph(doc, "", after=Pt(6), line=None, keep_next=True, **centre)
    b.run(code, "Mã điểm danh: ")
    b.run(code, "{{ inv.code }}", size=16, bold=True)
    text(doc, "Đề nghị {{ inv.you }} mang theo giấy mời này để điểm danh khi đến dự (quét mã "
              "QR hoặc đọc mã điểm danh). Rất mong {{ inv.you }} đến dự đúng thời gian./.")
    b.signature_block(doc)
    b.tag(doc, "{%p if not loop.last %}")
    section_break(doc)
    b.tag(doc, "{%p endif %}")
    b.tag(doc, "{%p endfor %}")
    return doc
