"""Reading a .docx back for the format check: the effective fonts, sizes and alignments of
runs and paragraphs (through the styles they are based on), the blocks of the body, and the
rules, borders and fields drawn in it."""

from __future__ import annotations

import re

from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Length
from docx.table import Table
from docx.text.paragraph import Paragraph

DATE_RE = re.compile(r"^.+, ngày (\d{2}|\s+) tháng (\d{1,2}|\s+) năm (\d{4}|\s+)$")
NUMBER_RE = re.compile(r"^Số: ?(\d{2,}|\s+)/[^\s]+$")
HEADING_RE = re.compile(r"^[IVXLC]+\. ")
CAPACITY_RE = re.compile(r"^(TM|KT|Q|TL|TUQ)\. ")
TYPE_NAMES = {"KH": "KẾ HOẠCH", "TB": "THÔNG BÁO", "BC": "BÁO CÁO", "BB": "BIÊN BẢN",
              "GM": "GIẤY MỜI", "QĐ": "QUYẾT ĐỊNH"}


def mm(length) -> float | None:
    return None if length is None else Length(length).mm


# --- effective properties ---------------------------------------------------------------------

class Resolver:
    def __init__(self, doc):
        self.doc = doc
        styles = doc.styles.element
        rpr = styles.find(f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}/{qn('w:rPr')}")
        self.default_fonts = fonts_of(rpr)
        size = rpr.find(qn("w:sz")) if rpr is not None else None
        self.default_size = int(size.get(qn("w:val"))) / 2 if size is not None else 10.0
        self._chains: dict[str | None, list] = {}

    def _styles(self, paragraph):
        """The paragraph's style and those it is based on (looked up once per style id:
        python-docx searches the whole styles part for each lookup)."""
        key = paragraph._p.style
        chain = self._chains.get(key)
        if chain is None:
            chain, style = [], paragraph.style
            while style is not None:
                chain.append(style)
                style = style.base_style
            self._chains[key] = chain
        return chain

    def font(self, run, paragraph) -> dict:
        fonts = fonts_of(run._element.rPr)
        for style in self._styles(paragraph):
            for key, value in fonts_of(style.element.rPr).items():
                fonts.setdefault(key, value)
        for key, value in self.default_fonts.items():
            fonts.setdefault(key, value)
        return fonts

    def run_attr(self, run, paragraph, name: str):
        value = getattr(run.font, name)
        if value is not None:
            return value
        for style in self._styles(paragraph):
            value = getattr(style.font, name)
            if value is not None:
                return value
        return None

    def size(self, run, paragraph) -> float:
        value = self.run_attr(run, paragraph, "size")
        return value.pt if value is not None else self.default_size

    def para_attr(self, paragraph, name: str):
        value = getattr(paragraph.paragraph_format, name)
        if value is not None:
            return value
        for style in self._styles(paragraph):
            value = getattr(style.paragraph_format, name)
            if value is not None:
                return value
        return None


def fonts_of(rpr) -> dict:
    if rpr is None:
        return {}
    el = rpr.find(qn("w:rFonts"))
    if el is None:
        return {}
    result = {}
    for script in ("ascii", "hAnsi", "eastAsia", "cs"):
        theme = el.get(qn(f"w:{script}Theme" if script != "cs" else "w:cstheme"))
        name = el.get(qn(f"w:{script}"))
        if theme:
            result[script] = f"theme:{theme}"
        elif name:
            result[script] = name
    return result


# --- walking ---------------------------------------------------------------------------------

def blocks(doc):
    body = doc.element.body
    for child in body.iterchildren():
        if child.tag == qn("w:p"):
            yield Paragraph(child, doc)
        elif child.tag == qn("w:tbl"):
            yield Table(child, doc)


def all_paragraphs(doc):
    for block in blocks(doc):
        if isinstance(block, Paragraph):
            yield block
        else:
            for row in block.rows:
                for cell in row.cells:
                    yield from cell.paragraphs
    for section in doc.sections:
        for part in (section.header, section.first_page_header, section.even_page_header,
                     section.footer, section.first_page_footer, section.even_page_footer):
            if not part.is_linked_to_previous:
                yield from part.paragraphs


def texts(paragraphs) -> list[Paragraph]:
    return [p for p in paragraphs if p.text.strip()]


def has_bottom_border(paragraph) -> bool:
    ppr = paragraph._p.pPr
    if ppr is None:
        return False
    bottom = ppr.find(f"{qn('w:pBdr')}/{qn('w:bottom')}")
    return bottom is not None and bottom.get(qn("w:val")) not in (None, "nil", "none")


def has_drawn_line(paragraph) -> bool:
    xml = paragraph._p.xml
    return "<v:line" in xml or "prst=\"line\"" in xml or "wps:wsp" in xml



ALIGN_NAMES = {WD_ALIGN_PARAGRAPH.CENTER: "giữa", WD_ALIGN_PARAGRAPH.JUSTIFY: "đều hai lề"}


def table_has_borders(table) -> bool:
    tblpr = table._tbl.tblPr
    borders = tblpr.find(qn("w:tblBorders")) if tblpr is not None else None
    if borders is not None:
        for el in borders:
            if el.get(qn("w:val")) not in ("nil", "none", None):
                return True
    for tc in table._tbl.iter(qn("w:tc")):
        tcb = tc.find(f"{qn('w:tcPr')}/{qn('w:tcBorders')}")
        if tcb is not None and any(el.get(qn("w:val")) not in ("nil", "none") for el in tcb):
            return True
    style = table.style
    if borders is None and style is not None and style.element.find(
            f"{qn('w:tblPr')}/{qn('w:tblBorders')}") is not None:
        return any(el.get(qn("w:val")) not in ("nil", "none") for el in style.element.find(
            f"{qn('w:tblPr')}/{qn('w:tblBorders')}"))
    return False


def row_of(table, paragraph) -> int | None:
    for i, row in enumerate(table.rows):
        for cell in row.cells:
            if any(p._p is paragraph._p for p in cell.paragraphs):
                return i
    return None


def rule_width(paragraph, table, column: int) -> float | None:
    width = table.columns[column].width
    if width is None:
        return None
    pf = paragraph.paragraph_format
    left = mm(pf.left_indent) or 0
    right = mm(pf.right_indent) or 0
    return mm(width) - left - right


def has_page_field(paragraph) -> bool:
    xml = paragraph._p.xml
    return bool(re.search(r"<w:instrText[^>]*>\s*PAGE\b", xml)
                or re.search(r'w:instr="\s*PAGE\b', xml))


