"""The page: A4 portrait and its margins, Times New Roman and black everywhere, page numbers
in the header from page 2 only."""

from __future__ import annotations

from docx.enum.text import WD_ALIGN_PARAGRAPH

from doithoai.documents.drawing.format_check import reading as rd
from doithoai.documents.drawing.format_check.checker import Checker
from doithoai.documents.drawing.word import FONT


def page(c: Checker) -> None:
    for section in c.doc.sections:
        w, h = rd.mm(section.page_width), rd.mm(section.page_height)
        if w is None or h is None or abs(w - 210) > 1 or abs(h - 297) > 1:
            c.add("Khổ giấy phải là A4 (210 × 297 mm), khổ đứng.")
        for name, value, low, high in (
                ("trên", section.top_margin, 20, 25), ("dưới", section.bottom_margin, 20, 25),
                ("trái", section.left_margin, 30, 35), ("phải", section.right_margin, 15, 20)):
            mm = rd.mm(value)
            if mm is None or not (low - 0.5 <= mm <= high + 0.5):
                shown = "không đặt" if mm is None else f"{mm:.0f} mm"
                c.add(f"Lề {name} {shown}, phải từ {low} đến {high} mm.")


def fonts(c: Checker) -> None:
    bad, colours = set(), False
    for p in rd.all_paragraphs(c.doc):
        for run in p.runs:
            if not run.text.strip():
                continue
            fonts = c.r.font(run, p)
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
        c.add("Phông chữ phải là Times New Roman ở mọi chỗ; đang có: "
              + ", ".join(sorted(bad)) + ".")
    if colours:
        c.add("Chữ phải màu đen.")


def page_numbers(c: Checker) -> None:
    section = c.doc.sections[0]
    if not section.different_first_page_header_footer:
        c.add("Trang đầu không đánh số: cần đặt đầu trang riêng cho trang đầu.")
    header = section.header
    numbered = [p for p in header.paragraphs if rd.has_page_field(p)]
    if header.is_linked_to_previous or not numbered:
        c.add("Thiếu số trang ở đầu trang (từ trang 2), giữa, cỡ 13–14 pt.")
    else:
        p = numbered[0]
        if c.r.para_attr(p, "alignment") != WD_ALIGN_PARAGRAPH.CENTER:
            c.add("Số trang phải căn giữa ở đầu trang.")
        sizes = {c.r.size(run, p) for run in p.runs}
        if not sizes or not all(13 <= s <= 14 for s in sizes):
            c.add("Số trang phải cỡ 13–14 pt.")
        if any(c.r.run_attr(run, p, "italic") or c.r.run_attr(run, p, "bold")
               for run in p.runs):
            c.add("Số trang phải in đứng, không đậm.")
    first = section.first_page_header
    if section.different_first_page_header_footer and not first.is_linked_to_previous \
            and any(rd.has_page_field(p) for p in first.paragraphs):
        c.add("Trang đầu không được có số trang.")
