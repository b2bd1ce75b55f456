"""Word skeletons in the format of Decree 30/2020 (docs/law.md#document-format), built with
python-docx.

The builder writes TEMPLATES: any text may carry docxtpl Jinja tags ("{{ title }}",
"{%p for x in items %}" on a paragraph of its own), which `render.render_docx` fills in.
Every run names Times New Roman (also for East Asian and complex scripts), black; the styles
and the document defaults do too, so text a clerk types in Word stays in the right font.

Each kind's `layout` (documents/kinds/) draws its template with these parts; the shipped
templates (`docx/<code>.docx`) are regenerated from them by `doithoai docs_templates`.
"""

from __future__ import annotations

import copy
import io

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt, RGBColor

FONT = "Times New Roman"
BLACK = RGBColor(0, 0, 0)

PAGE_WIDTH, PAGE_HEIGHT = Mm(210), Mm(297)
MARGIN_TOP, MARGIN_BOTTOM = Mm(20), Mm(20)
MARGIN_LEFT, MARGIN_RIGHT = Mm(30), Mm(15)
TEXT_WIDTH_MM = 210 - 30 - 15  # 165 mm

BODY_SIZE = 14
FIRST_LINE_INDENT = Cm(1.27)
BODY_AFTER = Pt(6)
BODY_LINE_SPACING = 1.15

# The header table: left column for the issuer and the number, right for the national title.
HEADER_LEFT_MM, HEADER_RIGHT_MM = 64, TEXT_WIDTH_MM - 64
# The rule under the issuing body: 1/3–1/2 of "ỦY BAN NHÂN DÂN" (about 45 mm at 13 pt bold).
ISSUER_RULE_MM = 20
# The rule under "Độc lập - Tự do - Hạnh phúc": as long as the text (13 pt bold Times New
# Roman, measured with the metric-compatible Liberation Serif).
MOTTO_RULE_MM = 57
# The rule under the summary line.
SUMMARY_RULE_MM = 50
# The signature table: recipients left, signature right.
SIGN_LEFT_MM, SIGN_RIGHT_MM = 80, TEXT_WIDTH_MM - 80

NATIONAL_TITLE = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"


# --- low level -------------------------------------------------------------------------------

def _set_fonts(rpr) -> None:
    """Times New Roman for every script, black, on a run's or a style's properties."""
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(attr), None)
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attr), FONT)


def run(paragraph, text: str, *, size: float = BODY_SIZE, bold: bool = False,
        italic: bool = False, underline: bool = False):
    r = paragraph.add_run(text)
    r.font.name = FONT
    _set_fonts(r._element.get_or_add_rPr())
    r.font.size = Pt(size)
    r.font.bold = bold
    r.font.italic = italic
    if underline:
        r.font.underline = True
    r.font.color.rgb = BLACK
    return r


def _format(paragraph, *, align=WD_ALIGN_PARAGRAPH.JUSTIFY, first_line=FIRST_LINE_INDENT,
            before: float = 0, after=BODY_AFTER, line: float | None = BODY_LINE_SPACING,
            keep_next: bool = False, left=None, right=None) -> None:
    pf = paragraph.paragraph_format
    pf.alignment = align
    pf.first_line_indent = first_line if first_line is not None else Cm(0)
    pf.space_before = Pt(before)
    pf.space_after = after if after is not None else Pt(0)
    if line is None or line == 1:
        pf.line_spacing_rule = WD_LINE_SPACING.SINGLE
    else:
        pf.line_spacing = line
    pf.keep_with_next = keep_next
    if left is not None:
        pf.left_indent = left
    if right is not None:
        pf.right_indent = right
    pf.widow_control = True


def _bottom_border(paragraph, size_eighths: int = 8) -> None:
    ppr = paragraph._p.get_or_add_pPr()
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    bottom.set(qn("w:val"), "single")
    bottom.set(qn("w:sz"), str(size_eighths))
    bottom.set(qn("w:space"), "1")
    bottom.set(qn("w:color"), "000000")
    borders.append(bottom)
    # pBdr goes before spacing/ind/jc in the schema's sequence.
    anchor = None
    for tag in ("w:shd", "w:tabs", "w:suppressAutoHyphens", "w:spacing", "w:ind", "w:jc"):
        anchor = ppr.find(qn(tag))
        if anchor is not None:
            break
    if anchor is not None:
        anchor.addprevious(borders)
    else:
        ppr.append(borders)


def _first_paragraph(container):
    """A fresh cell holds one empty paragraph: use it first, then add."""
    paragraphs = container.paragraphs
    if len(paragraphs) == 1 and not paragraphs[0].text and not paragraphs[0].runs \
            and not getattr(container, "_used", False):
        container._used = True
        return paragraphs[0]
    return container.add_paragraph()


def paragraph(container, text: str = "", *, size: float = BODY_SIZE, bold: bool = False,
              italic: bool = False, **fmt):
    p = _first_paragraph(container)
    _format(p, **fmt)
    if text:
        run(p, text, size=size, bold=bold, italic=italic)
    _mark_size(p, size)
    return p


def _mark_size(p, size: float) -> None:
    """The paragraph mark takes the run's font and size (an empty line keeps its height)."""
    ppr = p._p.get_or_add_pPr()
    rpr = ppr.find(qn("w:rPr"))
    if rpr is None:
        rpr = OxmlElement("w:rPr")
        ppr.append(rpr)
    _set_fonts(rpr)
    sz = OxmlElement("w:sz")
    sz.set(qn("w:val"), str(int(size * 2)))
    rpr.append(sz)


def tag(container, text: str):
    """A paragraph holding one docxtpl block tag ("{%p for … %}"), removed when rendering."""
    p = _first_paragraph(container)
    run(p, text, size=BODY_SIZE)
    return p


def rule(container, width_mm: float, container_mm: float):
    """A centred horizontal line `width_mm` long: an empty paragraph with a bottom border,
    indented on both sides; it adds almost no height."""
    p = _first_paragraph(container)
    side = Mm(max(0.0, (container_mm - width_mm) / 2))
    _format(p, align=WD_ALIGN_PARAGRAPH.CENTER, first_line=None, after=Pt(0), line=None,
            left=side, right=side)
    _bottom_border(p)
    _mark_size(p, 2)
    return p


def _no_borders(table) -> None:
    tblpr = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        el = OxmlElement(f"w:{edge}")
        el.set(qn("w:val"), "nil")
        borders.append(el)
    tblpr.append(borders)


def _fixed_table(container, rows: int, widths_mm: list[float]):
    table = container.add_table(rows=rows, cols=len(widths_mm))
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    _no_borders(table)
    tblpr = table._tbl.tblPr
    layout = OxmlElement("w:tblLayout")
    layout.set(qn("w:type"), "fixed")
    tblpr.append(layout)
    margins = OxmlElement("w:tblCellMar")
    for edge in ("left", "right"):
        el = OxmlElement(f"w:{edge}")
        el.set(qn("w:w"), "0")
        el.set(qn("w:type"), "dxa")
        margins.append(el)
    tblpr.append(margins)
    for i, width in enumerate(widths_mm):
        table.columns[i].width = Mm(width)
        for cell in table.columns[i].cells:
            cell.width = Mm(width)
    return table


# --- the document ----------------------------------------------------------------------------

def new_document():
    """An empty A4 portrait document: margins, Times New Roman on every style and default,
    page numbers centred in the header from page 2."""
    doc = Document()
    section = doc.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = PAGE_WIDTH, PAGE_HEIGHT
    section.top_margin, section.bottom_margin = MARGIN_TOP, MARGIN_BOTTOM
    section.left_margin, section.right_margin = MARGIN_LEFT, MARGIN_RIGHT
    section.header_distance = section.footer_distance = Mm(10)
    _fonts_everywhere(doc)
    _page_numbers(section)
    core = doc.core_properties
    core.author = core.last_modified_by = "doithoai"
    core.title = core.subject = core.comments = core.keywords = ""
    return doc


def _fonts_everywhere(doc) -> None:
    styles = doc.styles.element
    defaults = styles.find(qn("w:docDefaults"))
    rpr_default = defaults.find(qn("w:rPrDefault"))
    rpr = rpr_default.find(qn("w:rPr"))
    _set_fonts(rpr)
    for el in rpr.findall(qn("w:lang")):
        rpr.remove(el)
    lang = OxmlElement("w:lang")
    lang.set(qn("w:val"), "vi-VN")
    lang.set(qn("w:eastAsia"), "vi-VN")
    rpr.append(lang)
    for style in doc.styles:
        el = style.element
        if el.find(qn("w:rPr")) is not None or style.name in ("Normal", "Header", "Footer"):
            _set_fonts(el.get_or_add_rPr())
    normal = doc.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(BODY_SIZE)
    normal.font.color.rgb = BLACK


def _page_field(paragraph) -> None:
    """A PAGE field, upright 13 pt."""
    for kind, text in (("begin", None), (None, " PAGE "), ("separate", None), (None, "2"),
                       ("end", None)):
        r = run(paragraph, "", size=13)
        if kind:
            fld = OxmlElement("w:fldChar")
            fld.set(qn("w:fldCharType"), kind)
            r._element.append(fld)
        elif text == " PAGE ":
            instr = OxmlElement("w:instrText")
            instr.set(qn("xml:space"), "preserve")
            instr.text = text
            r._element.append(instr)
        else:
            r.text = text


def _page_numbers(section) -> None:
    section.different_first_page_header_footer = True
    header = section.header
    header.is_linked_to_previous = False
    p = header.paragraphs[0]
    _format(p, align=WD_ALIGN_PARAGRAPH.CENTER, first_line=None, after=Pt(0), line=None)
    _page_field(p)
    _mark_size(p, 13)
    first = section.first_page_header
    first.is_linked_to_previous = False
    fp = first.paragraphs[0]
    _format(fp, align=WD_ALIGN_PARAGRAPH.CENTER, first_line=None, after=Pt(0), line=None)
    _mark_size(fp, 13)


def header_table(doc, *, parent: str, issuer_loop: tuple[str, str, str], number: str,
                 date: str):
    """The two-column header without borders.

    Row 1: parent body and issuing body (with its rule) | national title and motto (rule).
    Row 2: "Số: …" | the place and date, italic — on the same row.
    `parent`: a paragraph's text that may be empty after rendering; it is wrapped in
    "{%p if header_parent %}". `issuer_loop`: (opening tag, line text, closing tag).
    """
    table = _fixed_table(doc, 2, [HEADER_LEFT_MM, HEADER_RIGHT_MM])
    left, right = table.cell(0, 0), table.cell(0, 1)
    centre = {"align": WD_ALIGN_PARAGRAPH.CENTER, "first_line": None, "after": Pt(0),
              "line": None}
    tag(left, "{%p if header_parent %}")
    paragraph(left, parent, size=13, **centre)
    tag(left, "{%p endif %}")
    opening, line, closing = issuer_loop
    tag(left, opening)
    paragraph(left, line, size=13, bold=True, **centre)
    tag(left, closing)
    rule(left, ISSUER_RULE_MM, HEADER_LEFT_MM)

    paragraph(right, NATIONAL_TITLE, size=12, bold=True, **centre)
    paragraph(right, MOTTO, size=13, bold=True, **centre)
    rule(right, MOTTO_RULE_MM, HEADER_RIGHT_MM)

    number_cell, date_cell = table.cell(1, 0), table.cell(1, 1)
    paragraph(number_cell, number, size=13, before=6, **centre)
    paragraph(date_cell, date, size=13, italic=True, before=6, **centre)
    return table


def title_block(doc, type_name: str, summary: str):
    """Type name UPPERCASE bold 14 pt centred, summary bold 14 pt centred, a rule below."""
    centre = {"align": WD_ALIGN_PARAGRAPH.CENTER, "first_line": None, "line": None}
    paragraph(doc, type_name, size=14, bold=True, before=18, after=Pt(0), keep_next=True,
              **centre)
    paragraph(doc, summary, size=14, bold=True, after=Pt(0), keep_next=True, **centre)
    rule(doc, SUMMARY_RULE_MM, TEXT_WIDTH_MM)
    paragraph(doc, "", size=6, after=Pt(6), **centre)
    replaces_line(doc)


def replaces_line(doc):
    """A correction names the document it replaces, italic and centred, under the title."""
    tag(doc, "{%p if replaces %}")
    paragraph(doc, "{{ replaces }}", size=14, italic=True, align=WD_ALIGN_PARAGRAPH.CENTER,
              first_line=None, line=None)
    tag(doc, "{%p endif %}")


def body(doc, text: str, *, bold: bool = False, italic: bool = False, keep_next: bool = False):
    return paragraph(doc, text, size=BODY_SIZE, bold=bold, italic=italic, keep_next=keep_next)


def heading(doc, text: str):
    """"I. MỤC ĐÍCH, YÊU CẦU" or "1. Mục đích": bold, kept with the next paragraph."""
    return paragraph(doc, text, size=BODY_SIZE, bold=True, keep_next=True)


def lead_in(doc, label: str, text: str):
    """"1. Hình thức: Đối thoại trực tiếp": the heading bold, the text regular."""
    p = paragraph(doc, "", size=BODY_SIZE)
    run(p, label, bold=True)
    run(p, text)
    return p


def loop(doc, opening: str, text: str, closing: str, **style):
    """One paragraph repeated for each item."""
    tag(doc, opening)
    p = paragraph(doc, text, **style) if style else body(doc, text)
    tag(doc, closing)
    return p


def signature_table(doc, *, recipients_loop: tuple[str, str, str],
                    signature_loop: tuple[str, str, str], signer: str):
    """Recipients left ("Nơi nhận:" 12 pt bold italic, items 11 pt), signature right (capacity
    and position 14 pt bold, room to sign, the name 14 pt bold)."""
    doc.add_paragraph()  # a line between the text and the signature block
    last = doc.paragraphs[-1]
    _format(last, after=Pt(0), first_line=None, line=None)
    _mark_size(last, 6)
    table = _fixed_table(doc, 1, [SIGN_LEFT_MM, SIGN_RIGHT_MM])
    left, right = table.cell(0, 0), table.cell(0, 1)
    plain = {"align": WD_ALIGN_PARAGRAPH.LEFT, "first_line": None, "after": Pt(0),
             "line": None}
    centre = dict(plain, align=WD_ALIGN_PARAGRAPH.CENTER)
    paragraph(left, "Nơi nhận:", size=12, bold=True, italic=True, **plain)
    opening, text, closing = recipients_loop
    tag(left, opening)
    paragraph(left, text, size=11, **plain)
    tag(left, closing)

    opening, text, closing = signature_loop
    tag(right, opening)
    paragraph(right, text, size=14, bold=True, **centre)
    tag(right, closing)
    for _ in range(4):
        paragraph(right, "", size=14, **centre)
    paragraph(right, signer, size=14, bold=True, **centre)
    return table


def _box_borders(table) -> None:
    tblpr = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        el = OxmlElement(f"w:{edge}")
        el.set(qn("w:val"), "single")
        el.set(qn("w:sz"), "4")
        el.set(qn("w:space"), "0")
        el.set(qn("w:color"), "000000")
        borders.append(el)
    tblpr.append(borders)


def _repeat_header(row) -> None:
    tr_pr = row._tr.get_or_add_trPr()
    tr_pr.append(OxmlElement("w:tblHeader"))


def data_table(doc, *, widths_mm: list[float], header: list[str], source: str,
               total: str | None = None, numeric: tuple[int, ...] = (),
               centred: tuple[int, ...] = ()):
    """A bordered table of figures: a bold header row repeated on every page, one row per item
    of the context list `source` (each row a list of cell strings: "{{ row[0] }}"…), and, if
    `total` names a context list, a bold total row printed when that list is not empty.
    Cells are 12 pt, single-spaced; `numeric` columns right-aligned, `centred` ones centred
    (the "STT" column)."""
    rows = 4 + (3 if total else 0)
    table = _fixed_table(doc, rows, widths_mm)
    tblpr = table._tbl.tblPr
    tblpr.remove(tblpr.find(qn("w:tblBorders")))
    _box_borders(table)
    margins = tblpr.find(qn("w:tblCellMar"))
    for el in margins:
        el.set(qn("w:w"), "57")  # 1 mm inside each cell
    plain = {"first_line": None, "after": Pt(0), "line": None}

    def cells(row_index: int, texts: list[str], *, bold: bool) -> None:
        for i, text in enumerate(texts):
            align = (WD_ALIGN_PARAGRAPH.CENTER if row_index == 0 or i in centred
                     else WD_ALIGN_PARAGRAPH.RIGHT if i in numeric
                     else WD_ALIGN_PARAGRAPH.LEFT)
            paragraph(table.cell(row_index, i), text, size=12, bold=bold, align=align,
                      before=2, **dict(plain, after=Pt(2)))

    cells(0, header, bold=True)
    _repeat_header(table.rows[0])
    width = len(widths_mm)
    # docxtpl: a row holding "{%tr … %}" is replaced by the tag itself.
    paragraph(table.cell(1, 0), f"{{%tr for row in {source} %}}", size=12, **plain)
    cells(2, [f"{{{{ row[{i}] }}}}" for i in range(width)], bold=False)
    paragraph(table.cell(3, 0), "{%tr endfor %}", size=12, **plain)
    if total:
        paragraph(table.cell(4, 0), f"{{%tr if {total} %}}", size=12, **plain)
        cells(5, [f"{{{{ {total}[{i}] }}}}" for i in range(width)], bold=True)
        paragraph(table.cell(6, 0), "{%tr endif %}", size=12, **plain)
    for row in table.rows:
        tr_pr = row._tr.get_or_add_trPr()
        tr_pr.append(OxmlElement("w:cantSplit"))
    return table


def signature_block(doc):
    """The usual end of a document: "Nơi nhận" and the signature from the context's
    `recipients`, `signature_lines` and `signer_name`, kept on one page with the closing
    sentence (never the signature alone at the top of a page)."""
    doc.paragraphs[-1].paragraph_format.keep_with_next = True
    table = signature_table(
        doc, recipients_loop=("{%p for item in recipients %}", "{{ item }}", "{%p endfor %}"),
        signature_loop=("{%p for line in signature_lines %}", "{{ line }}", "{%p endfor %}"),
        signer="{{ signer_name }}")
    doc.paragraphs[-1].paragraph_format.keep_with_next = True  # the spacer before the table
    for row in table.rows:
        row._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))
    return table


def section_break(doc):
    """An empty paragraph ending a section (next page) laid out like the document's own:
    A4, the margins, the headers (none on the first page), page numbers restarting at 1."""
    p = doc.add_paragraph()
    _format(p, first_line=None, after=Pt(0), line=None)
    _mark_size(p, 2)
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



def to_bytes(doc) -> bytes:
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()
