"""The text: legal bases, body paragraphs (size, alignment, indent, spacing), headings, and
the "./." ending."""

from __future__ import annotations

from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.text.paragraph import Paragraph

from doithoai.documents.drawing.format_check import reading as rd
from doithoai.documents.drawing.format_check.checker import Checker


def body(c: Checker, paragraphs: list[Paragraph]) -> None:
    texts = rd.texts(paragraphs)
    if not texts:
        c.add("Văn bản không có nội dung.")
        return
    bases = []
    # A letter cites no bases before its text ("Căn cứ …" in it is the answer's wording).
    for p in ([] if c.is_letter else texts):
        if p.text.strip().startswith("Căn cứ"):
            bases.append(p)
        elif bases or rd.HEADING_RE.match(p.text.strip()):
            break
    for i, p in enumerate(bases):
        if not c.all_runs(p, "italic"):
            c.add("Căn cứ ban hành phải in nghiêng.")
        end = "." if i == len(bases) - 1 else ";"
        if not p.text.rstrip().endswith(end):
            c.add(f"Căn cứ ban hành: mỗi căn cứ kết thúc bằng “;”, căn cứ cuối bằng “.” "
                  f"(“…{p.text.strip()[-30:]}”).")
    for p in texts:
        text = p.text.strip()
        align = c.r.para_attr(p, "alignment")
        if align == WD_ALIGN_PARAGRAPH.CENTER:
            continue  # a centred block inside the text (banner wording)
        c.expect(p, "Nội dung văn bản", sizes=(13, 14))
        if align not in (WD_ALIGN_PARAGRAPH.JUSTIFY, WD_ALIGN_PARAGRAPH.JUSTIFY_LOW,
                         WD_ALIGN_PARAGRAPH.DISTRIBUTE):
            c.add("Nội dung văn bản phải căn đều hai lề.")
        indent = rd.mm(c.r.para_attr(p, "first_line_indent"))
        if indent is None or not 9.5 <= indent <= 13:
            c.add("Đoạn văn phải lùi đầu dòng 1 cm hoặc 1,27 cm.")
        after = c.r.para_attr(p, "space_after")
        if after is None or after.pt < 6:
            c.add("Khoảng cách giữa các đoạn văn phải tối thiểu 6 pt.")
        spacing = c.r.para_attr(p, "line_spacing")
        rule = c.r.para_attr(p, "line_spacing_rule")
        if isinstance(spacing, float):
            if not 1.0 <= spacing <= 1.5:
                c.add("Khoảng cách dòng phải từ đơn (1) đến 1,5 dòng.")
        elif spacing is not None and rule is not None and hasattr(spacing, "pt"):
            size = max(c.sizes(p) or {14})
            if not size * 0.95 <= spacing.pt <= size * 1.5 * 1.2:
                c.add("Khoảng cách dòng phải từ đơn (1) đến 1,5 dòng.")
        if rd.HEADING_RE.match(text):
            if text != text.upper():
                c.add(f"Đề mục “{text[:40]}” phải VIẾT HOA.")
            if not c.all_runs(p, "bold"):
                c.add(f"Đề mục “{text[:40]}” phải in đậm.")
    last = texts[-1].text.rstrip()
    if not last.endswith("./."):
        c.add("Nội dung văn bản phải kết thúc bằng dấu “./.”.")
