"""Read a rendered .docx back and say, in Vietnamese, where it breaks Decree 30/2020.

`check(docx_bytes, kind)` returns the problems found (empty: the structure is kept): page
size and margins, Times New Roman and black on every run, the two-column header table and its
texts and rules, the title and summary with its rule, italic legal bases, the body's size,
alignment, indent and spacing, headings, the "./." ending, the signature block with the
recipients, and page numbers in the header from page 2. Used by the tests and to refuse an
agency's template that no longer keeps the format (render it with sample data, then check).
"""

from __future__ import annotations

import io
import re

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Length
from docx.table import Table
from docx.text.paragraph import Paragraph

from doithoai.documents.docx_builder import FONT, MOTTO, NATIONAL_TITLE

DATE_RE = re.compile(r"^.+, ngày (\d{2}|\s+) tháng (\d{1,2}|\s+) năm (\d{4}|\s+)$")
NUMBER_RE = re.compile(r"^Số: ?(\d{2,}|\s+)/[^\s]+$")
HEADING_RE = re.compile(r"^[IVXLC]+\. ")
CAPACITY_RE = re.compile(r"^(TM|KT|Q|TL|TUQ)\. ")
TYPE_NAMES = {"KH": "KẾ HOẠCH", "TB": "THÔNG BÁO", "BC": "BÁO CÁO", "BB": "BIÊN BẢN",
              "GM": "GIẤY MỜI", "QĐ": "QUYẾT ĐỊNH"}


def _mm(length) -> float | None:
    return None if length is None else Length(length).mm


# --- effective properties ---------------------------------------------------------------------

class _Resolver:
    def __init__(self, doc):
        self.doc = doc
        styles = doc.styles.element
        rpr = styles.find(f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}/{qn('w:rPr')}")
        self.default_fonts = _fonts_of(rpr)
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
        fonts = _fonts_of(run._element.rPr)
        for style in self._styles(paragraph):
            for key, value in _fonts_of(style.element.rPr).items():
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


def _fonts_of(rpr) -> dict:
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

def _blocks(doc):
    body = doc.element.body
    for child in body.iterchildren():
        if child.tag == qn("w:p"):
            yield Paragraph(child, doc)
        elif child.tag == qn("w:tbl"):
            yield Table(child, doc)


def _all_paragraphs(doc):
    for block in _blocks(doc):
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


def _texts(paragraphs) -> list[Paragraph]:
    return [p for p in paragraphs if p.text.strip()]


def _has_bottom_border(paragraph) -> bool:
    ppr = paragraph._p.pPr
    if ppr is None:
        return False
    bottom = ppr.find(f"{qn('w:pBdr')}/{qn('w:bottom')}")
    return bottom is not None and bottom.get(qn("w:val")) not in (None, "nil", "none")


def _has_drawn_line(paragraph) -> bool:
    xml = paragraph._p.xml
    return "<v:line" in xml or "prst=\"line\"" in xml or "wps:wsp" in xml


class _Checker:
    def __init__(self, doc, kind):
        self.doc = doc
        self.kind = kind
        # A form (Kind.numbered False) has no "Số:" and date line, no "./.", no recipients.
        self.numbered = getattr(kind, "numbered", True)
        # A công văn (numbered, no type abbreviation) has no title block: see `letter`.
        self.is_letter = self.numbered and not getattr(kind, "abbreviation", "x")
        self.r = _Resolver(doc)
        self.problems: list[str] = []

    def add(self, text: str) -> None:
        if text not in self.problems:
            self.problems.append(text)

    # properties of a paragraph's text runs
    def sizes(self, p) -> set[float]:
        return {self.r.size(run, p) for run in p.runs if run.text.strip()}

    def all_runs(self, p, name: str) -> bool:
        runs = [run for run in p.runs if run.text.strip()]
        return bool(runs) and all(self.r.run_attr(run, p, name) for run in runs)

    def expect(self, p, what: str, *, sizes: tuple[float, float], bold: bool | None = None,
               italic: bool | None = None, align=None) -> None:
        found = self.sizes(p)
        if not found or not all(sizes[0] <= s <= sizes[1] for s in found):
            shown = ", ".join(f"{s:g}" for s in sorted(found))
            self.add(f"{what}: cỡ chữ {shown} pt, phải từ {sizes[0]:g} đến {sizes[1]:g} pt.")
        if bold is True and not self.all_runs(p, "bold"):
            self.add(f"{what}: phải in đậm.")
        if bold is False and any(self.r.run_attr(run, p, "bold") for run in p.runs
                                 if run.text.strip()):
            self.add(f"{what}: không in đậm.")
        if italic is True and not self.all_runs(p, "italic"):
            self.add(f"{what}: phải in nghiêng.")
        if italic is False and any(self.r.run_attr(run, p, "italic") for run in p.runs
                                   if run.text.strip()):
            self.add(f"{what}: không in nghiêng.")
        if align is not None and self.r.para_attr(p, "alignment") != align:
            self.add(f"{what}: phải căn {_ALIGN_NAMES.get(align, 'đúng')}.")

    # --- the rules ---
    def page(self) -> None:
        for section in self.doc.sections:
            w, h = _mm(section.page_width), _mm(section.page_height)
            if w is None or h is None or abs(w - 210) > 1 or abs(h - 297) > 1:
                self.add("Khổ giấy phải là A4 (210 × 297 mm), khổ đứng.")
            for name, value, low, high in (
                    ("trên", section.top_margin, 20, 25), ("dưới", section.bottom_margin, 20, 25),
                    ("trái", section.left_margin, 30, 35), ("phải", section.right_margin, 15, 20)):
                mm = _mm(value)
                if mm is None or not (low - 0.5 <= mm <= high + 0.5):
                    shown = "không đặt" if mm is None else f"{mm:.0f} mm"
                    self.add(f"Lề {name} {shown}, phải từ {low} đến {high} mm.")

    def fonts(self) -> None:
        bad, colours = set(), False
        for p in _all_paragraphs(self.doc):
            for run in p.runs:
                if not run.text.strip():
                    continue
                fonts = self.r.font(run, p)
                for script in ("ascii", "hAnsi", "eastAsia", "cs"):
                    name = fonts.get(script)
                    if script in ("ascii", "hAnsi") and name is None:
                        bad.add("(không đặt)")
                    elif name is not None and name != FONT:
                        bad.add(name.removeprefix("theme:") if not name.startswith("theme:")
                                else "phông theo chủ đề (theme)")
                colour = run.font.color
                if colour is not None and colour.type is not None and colour.rgb is not None \
                        and str(colour.rgb) not in ("000000",):
                    colours = True
        if bad:
            self.add("Phông chữ phải là Times New Roman ở mọi chỗ; đang có: "
                     + ", ".join(sorted(bad)) + ".")
        if colours:
            self.add("Chữ phải màu đen.")

    def header(self, blocks) -> None:
        table = blocks[0] if blocks and isinstance(blocks[0], Table) else None
        if table is None:
            self.add("Thiếu bảng tiêu đề hai cột (tên cơ quan, số ký hiệu | Quốc hiệu, tiêu ngữ, "
                     "địa danh và ngày tháng) ở đầu văn bản.")
            return
        if len(table.columns) != 2:
            self.add("Bảng tiêu đề phải có đúng hai cột.")
            return
        if _table_has_borders(table):
            self.add("Bảng tiêu đề không được có đường viền.")
        left = [p for row in table.rows for p in row.cells[0].paragraphs]
        right = [p for row in table.rows for p in row.cells[1].paragraphs]
        lt, rt = _texts(left), _texts(right)
        # Left: parent (optional, regular), issuer (bold, with a rule), number.
        number = next((p for p in lt if p.text.strip().startswith("Số")), None)
        issuer = [p for p in lt if p is not number and p.text.strip() == p.text.strip().upper()
                  and self.all_runs(p, "bold")]
        if not issuer:
            self.add("Tên cơ quan ban hành (cột trái) phải VIẾT HOA, in đậm.")
        else:
            for p in issuer:
                self.expect(p, "Tên cơ quan ban hành", sizes=(12, 13),
                            align=WD_ALIGN_PARAGRAPH.CENTER)
            parents = [p for p in lt[:lt.index(issuer[0])]]
            for p in parents:
                if p.text.strip() != p.text.strip().upper():
                    self.add("Tên cơ quan chủ quản phải VIẾT HOA.")
                self.expect(p, "Tên cơ quan chủ quản", sizes=(12, 13), bold=False)
            after = left[left.index(issuer[-1]) + 1:]
            rule = next((p for p in after if not p.text.strip()), None)
            if rule is None or not (_has_bottom_border(rule) or _has_drawn_line(rule)
                                    or _has_drawn_line(issuer[-1])):
                self.add("Thiếu đường kẻ ngang dưới tên cơ quan ban hành.")
            elif _has_bottom_border(rule):
                width = _rule_width(rule, table, 0)
                if width is not None and not 12 <= width <= 35:
                    self.add(f"Đường kẻ dưới tên cơ quan dài {width:.0f} mm, phải bằng 1/3 "
                             f"đến 1/2 dòng chữ.")
        if not self.numbered:
            pass  # a form has no number
        elif number is None:
            self.add("Thiếu dòng “Số: …” ở cột trái bảng tiêu đề.")
        else:
            if not NUMBER_RE.match(number.text.strip()):
                self.add(f"Dòng số ký hiệu “{number.text.strip()}” không đúng dạng "
                         f"“Số: 27/KH-UBND”.")
            self.expect(number, "Dòng số ký hiệu", sizes=(13, 13), bold=False, italic=False)
        # Right: national title, motto with its rule, place and date.
        title = next((p for p in rt if p.text.strip() == NATIONAL_TITLE), None)
        motto = next((p for p in rt if p.text.strip() == MOTTO), None)
        if title is None:
            self.add(f"Thiếu Quốc hiệu “{NATIONAL_TITLE}” ở cột phải bảng tiêu đề.")
        else:
            self.expect(title, "Quốc hiệu", sizes=(12, 13), bold=True,
                        align=WD_ALIGN_PARAGRAPH.CENTER)
        if motto is None:
            self.add(f"Thiếu Tiêu ngữ “{MOTTO}” ở cột phải bảng tiêu đề.")
        else:
            self.expect(motto, "Tiêu ngữ", sizes=(13, 14), bold=True,
                        align=WD_ALIGN_PARAGRAPH.CENTER)
            after = right[right.index(motto) + 1:]
            rule = next((p for p in after if not p.text.strip()), None)
            if rule is None or not (_has_bottom_border(rule) or _has_drawn_line(rule)
                                    or _has_drawn_line(motto)):
                self.add("Thiếu đường kẻ ngang dưới Tiêu ngữ.")
            elif _has_bottom_border(rule):
                width = _rule_width(rule, table, 1)
                if width is not None and not 50 <= width <= 62:
                    self.add(f"Đường kẻ dưới Tiêu ngữ dài {width:.0f} mm, phải dài bằng dòng "
                             f"chữ (khoảng 57 mm).")
        date = next((p for p in rt if DATE_RE.match(p.text.strip())), None)
        if not self.numbered:
            pass  # nor a date in its header
        elif date is None:
            self.add("Thiếu dòng địa danh và ngày tháng “…, ngày … tháng … năm …” ở cột phải.")
        else:
            self.expect(date, "Dòng địa danh, ngày tháng", sizes=(13, 14), italic=True)
            if number is not None and _row_of(table, number) != _row_of(table, date):
                self.add("Dòng địa danh, ngày tháng phải ngang hàng với dòng “Số: …”.")

    def title(self, body_paragraphs: list[Paragraph]) -> int:
        """The title and summary; returns the index of the first paragraph after them."""
        texts = [i for i, p in enumerate(body_paragraphs) if p.text.strip()]
        if len(texts) < 2:
            self.add("Thiếu tên loại và trích yếu nội dung văn bản.")
            return len(body_paragraphs)
        type_p, summary = body_paragraphs[texts[0]], body_paragraphs[texts[1]]
        expected = TYPE_NAMES.get(self.kind.abbreviation)
        if expected and type_p.text.strip() != expected:
            self.add(f"Tên loại văn bản phải là “{expected}”.")
        if type_p.text.strip() != type_p.text.strip().upper():
            self.add("Tên loại văn bản phải VIẾT HOA.")
        self.expect(type_p, "Tên loại văn bản", sizes=(13, 14), bold=True,
                    align=WD_ALIGN_PARAGRAPH.CENTER)
        self.expect(summary, "Trích yếu nội dung", sizes=(13, 14), bold=True,
                    align=WD_ALIGN_PARAGRAPH.CENTER)
        rest = body_paragraphs[texts[1] + 1:]
        rule = next((p for p in rest[:2] if not p.text.strip() and _has_bottom_border(p)), None)
        if rule is None and not _has_drawn_line(summary):
            self.add("Thiếu đường kẻ ngang dưới trích yếu.")
        return texts[1] + 1

    def letter(self, paragraphs: list[Paragraph], header) -> int:
        """A công văn: "V/v …" under the number (12–13 pt, upright, centred) and "Kính gửi: …"
        (13–14 pt, regular; several addressees one per line "- …;", the last "- … .") before
        the text. Returns the index of the first paragraph of the text."""
        left = ([p for row in header.rows for p in row.cells[0].paragraphs]
                if isinstance(header, Table) and len(header.columns) == 2 else [])
        summary = next((p for p in left if p.text.strip().startswith("V/v ")), None)
        number = next((p for p in left if p.text.strip().startswith("Số")), None)
        if summary is None:
            self.add("Công văn phải có trích yếu “V/v …” dưới số, ký hiệu (cột trái tiêu đề).")
        else:
            self.expect(summary, "Trích yếu công văn “V/v …”", sizes=(12, 13), bold=False,
                        italic=False, align=WD_ALIGN_PARAGRAPH.CENTER)
            if number is not None and left.index(summary) < left.index(number):
                self.add("Trích yếu “V/v …” phải đặt dưới dòng số, ký hiệu.")
        texts = [i for i, p in enumerate(paragraphs) if p.text.strip()]
        if not texts or not paragraphs[texts[0]].text.strip().startswith("Kính gửi:"):
            self.add("Công văn phải có “Kính gửi: …” trước nội dung.")
            return texts[0] if texts else len(paragraphs)
        greeting = paragraphs[texts[0]]
        self.expect(greeting, "“Kính gửi”", sizes=(13, 14), bold=False, italic=False)
        if greeting.text.strip() != "Kính gửi:":
            return texts[0] + 1
        items = []
        for i in texts[1:]:
            if not paragraphs[i].text.strip().startswith("- "):
                break
            items.append(paragraphs[i])
        if not items:
            self.add("Sau “Kính gửi:” phải ghi nơi nhận.")
        for k, p in enumerate(items):
            self.expect(p, "Nơi nhận sau “Kính gửi:”", sizes=(13, 14), bold=False)
            if not p.text.rstrip().endswith("." if k == len(items) - 1 else ";"):
                self.add("Sau “Kính gửi:” mỗi nơi nhận một dòng “- …;”, dòng cuối “- ….”.")
        return texts[len(items)] + 1

    def body(self, paragraphs: list[Paragraph]) -> None:
        texts = _texts(paragraphs)
        if not texts:
            self.add("Văn bản không có nội dung.")
            return
        bases = []
        # A letter cites no bases before its text ("Căn cứ …" in it is the answer's wording).
        for p in ([] if self.is_letter else texts):
            if p.text.strip().startswith("Căn cứ"):
                bases.append(p)
            elif bases or HEADING_RE.match(p.text.strip()):
                break
        for i, p in enumerate(bases):
            if not self.all_runs(p, "italic"):
                self.add("Căn cứ ban hành phải in nghiêng.")
            end = "." if i == len(bases) - 1 else ";"
            if not p.text.rstrip().endswith(end):
                self.add(f"Căn cứ ban hành: mỗi căn cứ kết thúc bằng “;”, căn cứ cuối bằng “.” "
                         f"(“…{p.text.strip()[-30:]}”).")
        for p in texts:
            text = p.text.strip()
            align = self.r.para_attr(p, "alignment")
            if align == WD_ALIGN_PARAGRAPH.CENTER:
                continue  # a centred block inside the text (banner wording)
            self.expect(p, "Nội dung văn bản", sizes=(13, 14))
            if align not in (WD_ALIGN_PARAGRAPH.JUSTIFY, WD_ALIGN_PARAGRAPH.JUSTIFY_LOW,
                             WD_ALIGN_PARAGRAPH.DISTRIBUTE):
                self.add("Nội dung văn bản phải căn đều hai lề.")
            indent = _mm(self.r.para_attr(p, "first_line_indent"))
            if indent is None or not 9.5 <= indent <= 13:
                self.add("Đoạn văn phải lùi đầu dòng 1 cm hoặc 1,27 cm.")
            after = self.r.para_attr(p, "space_after")
            if after is None or after.pt < 6:
                self.add("Khoảng cách giữa các đoạn văn phải tối thiểu 6 pt.")
            spacing = self.r.para_attr(p, "line_spacing")
            rule = self.r.para_attr(p, "line_spacing_rule")
            if isinstance(spacing, float):
                if not 1.0 <= spacing <= 1.5:
                    self.add("Khoảng cách dòng phải từ đơn (1) đến 1,5 dòng.")
            elif spacing is not None and rule is not None and hasattr(spacing, "pt"):
                size = max(self.sizes(p) or {14})
                if not size * 0.95 <= spacing.pt <= size * 1.5 * 1.2:
                    self.add("Khoảng cách dòng phải từ đơn (1) đến 1,5 dòng.")
            if HEADING_RE.match(text):
                if text != text.upper():
                    self.add(f"Đề mục “{text[:40]}” phải VIẾT HOA.")
                if not self.all_runs(p, "bold"):
                    self.add(f"Đề mục “{text[:40]}” phải in đậm.")
        last = texts[-1].text.rstrip()
        if not last.endswith("./."):
            self.add("Nội dung văn bản phải kết thúc bằng dấu “./.”.")

    def signature(self, table: Table | None) -> None:
        if table is None or len(table.columns) != 2:
            self.add("Thiếu bảng hai cột cuối văn bản: nơi nhận (trái) và chữ ký (phải).")
            return
        if _table_has_borders(table):
            self.add("Bảng nơi nhận, chữ ký không được có đường viền.")
        left = _texts([p for row in table.rows for p in row.cells[0].paragraphs])
        right = _texts([p for row in table.rows for p in row.cells[1].paragraphs])
        if not left or left[0].text.strip() != "Nơi nhận:":
            self.add("Cột trái cuối văn bản phải bắt đầu bằng “Nơi nhận:”.")
        else:
            self.expect(left[0], "“Nơi nhận:”", sizes=(12, 12), bold=True, italic=True)
            items = left[1:]
            if not items:
                self.add("Nơi nhận không có mục nào.")
            for i, p in enumerate(items):
                self.expect(p, "Các nơi nhận", sizes=(11, 11), bold=False)
                text = p.text.strip()
                end = "." if i == len(items) - 1 else ";"
                if not text.startswith("- ") or not text.endswith(end):
                    self.add("Mỗi nơi nhận viết “- …;”, nơi cuối “- Lưu: VT, …”.")
            if items and not items[-1].text.strip().startswith("- Lưu"):
                self.add("Nơi nhận cuối cùng phải là “- Lưu: VT, …”.")
        if not right:
            self.add("Thiếu thẩm quyền, chức vụ và họ tên người ký ở cột phải.")
            return
        capacity = right[0].text.strip()
        if capacity != capacity.upper():
            self.add("Quyền hạn, chức vụ người ký phải VIẾT HOA.")
        heads = [p for p in right if p.text.strip() == p.text.strip().upper()]
        for p in heads[:3]:
            self.expect(p, "Quyền hạn, chức vụ người ký", sizes=(13, 14), bold=True,
                        align=WD_ALIGN_PARAGRAPH.CENTER)
        names = [p for p in right if p.text.strip() != p.text.strip().upper()]
        for p in names:
            self.expect(p, "Họ tên người ký", sizes=(13, 14), bold=True)

    def minutes_signature(self, table: Table | None) -> None:
        """A biên bản (Decree 30, Appendix III, form 1.6): the secretary signs left ("THƯ KÝ")
        and the chair right ("CHỦ TRÌ" or "CHỦ TỌA"), each in their own name, no "TM."; the
        recipients come under the secretary's signature."""
        if table is None or len(table.columns) != 2:
            self.add("Thiếu bảng chữ ký cuối biên bản: thư ký (trái) và chủ trì (phải).")
            return
        if _table_has_borders(table):
            self.add("Bảng chữ ký không được có đường viền.")
        left = _texts([p for row in table.rows for p in row.cells[0].paragraphs])
        right = _texts([p for row in table.rows for p in row.cells[1].paragraphs])
        at = next((i for i, p in enumerate(left) if p.text.strip() == "Nơi nhận:"), len(left))
        for column, roles, who in ((left[:at], ("THƯ KÝ",), "thư ký"),
                                   (right, ("CHỦ TRÌ", "CHỦ TỌA"), "chủ trì")):
            if not column or column[0].text.strip() not in roles:
                self.add(f"Chữ ký của {who} phải có chức danh “{roles[0]}” (không ghi “TM.”).")
                continue
            self.expect(column[0], f"Chức danh {who}", sizes=(13, 14), bold=True,
                        align=WD_ALIGN_PARAGRAPH.CENTER)
            for p in column[1:]:
                self.expect(p, f"Họ tên {who}", sizes=(13, 14), bold=True,
                            align=WD_ALIGN_PARAGRAPH.CENTER)
        if at == len(left):
            self.add("Biên bản phải có “Nơi nhận:” dưới chữ ký của thư ký.")
            return
        self.expect(left[at], "“Nơi nhận:”", sizes=(12, 12), bold=True, italic=True)
        items = left[at + 1:]
        for i, p in enumerate(items):
            self.expect(p, "Các nơi nhận", sizes=(11, 11), bold=False)
            end = "." if i == len(items) - 1 else ";"
            if not p.text.strip().startswith("- ") or not p.text.strip().endswith(end):
                self.add("Mỗi nơi nhận viết “- …;”, nơi cuối “- Lưu: VT, …”.")
        if not items or not items[-1].text.strip().startswith("- Lưu"):
            self.add("Nơi nhận cuối cùng phải là “- Lưu: VT, …”.")

    def form(self, paragraphs: list[Paragraph]) -> None:
        """A form's fields and notes: 12 to 14 pt, and something to fill in."""
        texts = _texts(paragraphs)
        if not texts:
            self.add("Phiếu không có nội dung.")
        for p in texts:
            self.expect(p, "Nội dung phiếu", sizes=(12, 14))

    def page_numbers(self) -> None:
        section = self.doc.sections[0]
        if not section.different_first_page_header_footer:
            self.add("Trang đầu không đánh số: cần đặt đầu trang riêng cho trang đầu.")
        header = section.header
        numbered = [p for p in header.paragraphs if _has_page_field(p)]
        if header.is_linked_to_previous or not numbered:
            self.add("Thiếu số trang ở đầu trang (từ trang 2), giữa, cỡ 13–14 pt.")
        else:
            p = numbered[0]
            if self.r.para_attr(p, "alignment") != WD_ALIGN_PARAGRAPH.CENTER:
                self.add("Số trang phải căn giữa ở đầu trang.")
            sizes = {self.r.size(run, p) for run in p.runs}
            if not sizes or not all(13 <= s <= 14 for s in sizes):
                self.add("Số trang phải cỡ 13–14 pt.")
            if any(self.r.run_attr(run, p, "italic") or self.r.run_attr(run, p, "bold")
                   for run in p.runs):
                self.add("Số trang phải in đứng, không đậm.")
        first = section.first_page_header
        if section.different_first_page_header_footer and not first.is_linked_to_previous \
                and any(_has_page_field(p) for p in first.paragraphs):
            self.add("Trang đầu không được có số trang.")

    def run(self) -> list[str]:
        self.page()
        self.fonts()
        blocks = list(_blocks(self.doc))
        self.header(blocks)
        tables = [i for i, b in enumerate(blocks) if isinstance(b, Table)]
        start = 1 if blocks and isinstance(blocks[0], Table) else 0
        later = [i for i in tables if i >= start]
        end = later[-1] if later else len(blocks)
        signature = blocks[end] if end < len(blocks) else None
        middle = [b for b in blocks[start:end] if isinstance(b, Paragraph)]
        after_title = (self.letter(middle, blocks[0] if start else None) if self.is_letter
                       else self.title(middle))
        if self.numbered:
            self.body(middle[after_title:])
            if self.kind.abbreviation == "BB":  # signed by the secretary and the chair
                self.minutes_signature(signature)
            else:
                self.signature(signature)
        else:
            self.form(middle[after_title:])
        self.page_numbers()
        return self.problems


_ALIGN_NAMES = {WD_ALIGN_PARAGRAPH.CENTER: "giữa", WD_ALIGN_PARAGRAPH.JUSTIFY: "đều hai lề"}


def _table_has_borders(table) -> bool:
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


def _row_of(table, paragraph) -> int | None:
    for i, row in enumerate(table.rows):
        for cell in row.cells:
            if any(p._p is paragraph._p for p in cell.paragraphs):
                return i
    return None


def _rule_width(paragraph, table, column: int) -> float | None:
    width = table.columns[column].width
    if width is None:
        return None
    pf = paragraph.paragraph_format
    left = _mm(pf.left_indent) or 0
    right = _mm(pf.right_indent) or 0
    return _mm(width) - left - right


def _has_page_field(paragraph) -> bool:
    xml = paragraph._p.xml
    return bool(re.search(r"<w:instrText[^>]*>\s*PAGE\b", xml)
                or re.search(r'w:instr="\s*PAGE\b', xml))


def check(docx_bytes: bytes, kind) -> list[str]:
    """The Decree-30 problems of a rendered document of this kind (empty: none)."""
    try:
        doc = Document(io.BytesIO(docx_bytes))
    except Exception:  # noqa: BLE001 — not a Word document at all
        return ["Không đọc được tệp: không phải văn bản Word .docx."]
    return _Checker(doc, kind).run()
