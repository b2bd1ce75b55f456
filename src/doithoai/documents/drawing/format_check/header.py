"""The head of a document: the two-column header table (issuer and number | national title,
motto, place and date) with its rules, then the type name and summary with its rule — or, for
a công văn, the summary under the number and "Kính gửi:"."""

from __future__ import annotations

from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.table import Table
from docx.text.paragraph import Paragraph

from doithoai.documents.drawing.format_check import reading as rd
from doithoai.documents.drawing.format_check.checker import Checker
from doithoai.documents.drawing.word import MOTTO, NATIONAL_TITLE


def header(c: Checker, blocks) -> None:
    table = blocks[0] if blocks and isinstance(blocks[0], Table) else None
    if table is None:
        c.add("Thiếu bảng tiêu đề hai cột (tên cơ quan, số ký hiệu | Quốc hiệu, tiêu ngữ, "
              "địa danh và ngày tháng) ở đầu văn bản.")
        return
    if len(table.columns) != 2:
        c.add("Bảng tiêu đề phải có đúng hai cột.")
        return
    if rd.table_has_borders(table):
        c.add("Bảng tiêu đề không được có đường viền.")
    left = [p for row in table.rows for p in row.cells[0].paragraphs]
    right = [p for row in table.rows for p in row.cells[1].paragraphs]
    lt, rt = rd.texts(left), rd.texts(right)
    # Left: parent (optional, regular), issuer (bold, with a rule), number.
    number = next((p for p in lt if p.text.strip().startswith("Số")), None)
    issuer = [p for p in lt if p is not number and p.text.strip() == p.text.strip().upper()
              and c.all_runs(p, "bold")]
    if not issuer:
        c.add("Tên cơ quan ban hành (cột trái) phải VIẾT HOA, in đậm.")
    else:
        for p in issuer:
            c.expect(p, "Tên cơ quan ban hành", sizes=(12, 13),
                     align=WD_ALIGN_PARAGRAPH.CENTER)
        parents = [p for p in lt[:lt.index(issuer[0])]]
        for p in parents:
            if p.text.strip() != p.text.strip().upper():
                c.add("Tên cơ quan chủ quản phải VIẾT HOA.")
            c.expect(p, "Tên cơ quan chủ quản", sizes=(12, 13), bold=False)
        after = left[left.index(issuer[-1]) + 1:]
        rule = next((p for p in after if not p.text.strip()), None)
        if rule is None or not (rd.has_bottom_border(rule) or rd.has_drawn_line(rule)
                                or rd.has_drawn_line(issuer[-1])):
            c.add("Thiếu đường kẻ ngang dưới tên cơ quan ban hành.")
        elif rd.has_bottom_border(rule):
            width = rd.rule_width(rule, table, 0)
            if width is not None and not 12 <= width <= 35:
                c.add(f"Đường kẻ dưới tên cơ quan dài {width:.0f} mm, phải bằng 1/3 "
                      f"đến 1/2 dòng chữ.")
    if not c.numbered:
        pass  # a form has no number
    elif number is None:
        c.add("Thiếu dòng “Số: …” ở cột trái bảng tiêu đề.")
    else:
        if not rd.NUMBER_RE.match(number.text.strip()):
            c.add(f"Dòng số ký hiệu “{number.text.strip()}” không đúng dạng "
                  f"“Số: 27/KH-UBND”.")
        c.expect(number, "Dòng số ký hiệu", sizes=(13, 13), bold=False, italic=False)
    # Right: national title, motto with its rule, place and date.
    title = next((p for p in rt if p.text.strip() == NATIONAL_TITLE), None)
    motto = next((p for p in rt if p.text.strip() == MOTTO), None)
    if title is None:
        c.add(f"Thiếu Quốc hiệu “{NATIONAL_TITLE}” ở cột phải bảng tiêu đề.")
    else:
        c.expect(title, "Quốc hiệu", sizes=(12, 13), bold=True,
                 align=WD_ALIGN_PARAGRAPH.CENTER)
    if motto is None:
        c.add(f"Thiếu Tiêu ngữ “{MOTTO}” ở cột phải bảng tiêu đề.")
    else:
        c.expect(motto, "Tiêu ngữ", sizes=(13, 14), bold=True,
                 align=WD_ALIGN_PARAGRAPH.CENTER)
        after = right[right.index(motto) + 1:]
        rule = next((p for p in after if not p.text.strip()), None)
        if rule is None or not (rd.has_bottom_border(rule) or rd.has_drawn_line(rule)
                                or rd.has_drawn_line(motto)):
            c.add("Thiếu đường kẻ ngang dưới Tiêu ngữ.")
        elif rd.has_bottom_border(rule):
            width = rd.rule_width(rule, table, 1)
            if width is not None and not 50 <= width <= 62:
                c.add(f"Đường kẻ dưới Tiêu ngữ dài {width:.0f} mm, phải dài bằng dòng "
                      f"chữ (khoảng 57 mm).")
    date = next((p for p in rt if rd.DATE_RE.match(p.text.strip())), None)
    if not c.numbered:
        pass  # nor a date in its header
    elif date is None:
        c.add("Thiếu dòng địa danh và ngày tháng “…, ngày … tháng … năm …” ở cột phải.")
    else:
        c.expect(date, "Dòng địa danh, ngày tháng", sizes=(13, 14), italic=True)
        if number is not None and rd.row_of(table, number) != rd.row_of(table, date):
            c.add("Dòng địa danh, ngày tháng phải ngang hàng với dòng “Số: …”.")


def title(c: Checker, body_paragraphs: list[Paragraph]) -> int:
    """The title and summary; returns the index of the first paragraph after them."""
    texts = [i for i, p in enumerate(body_paragraphs) if p.text.strip()]
    if len(texts) < 2:
        c.add("Thiếu tên loại và trích yếu nội dung văn bản.")
        return len(body_paragraphs)
    type_p, summary = body_paragraphs[texts[0]], body_paragraphs[texts[1]]
    expected = rd.TYPE_NAMES.get(c.kind.abbreviation)
    if expected and type_p.text.strip() != expected:
        c.add(f"Tên loại văn bản phải là “{expected}”.")
    if type_p.text.strip() != type_p.text.strip().upper():
        c.add("Tên loại văn bản phải VIẾT HOA.")
    c.expect(type_p, "Tên loại văn bản", sizes=(13, 14), bold=True,
             align=WD_ALIGN_PARAGRAPH.CENTER)
    c.expect(summary, "Trích yếu nội dung", sizes=(13, 14), bold=True,
             align=WD_ALIGN_PARAGRAPH.CENTER)
    rest = body_paragraphs[texts[1] + 1:]
    rule = next((p for p in rest[:2] if not p.text.strip() and rd.has_bottom_border(p)), None)
    if rule is None and not rd.has_drawn_line(summary):
        c.add("Thiếu đường kẻ ngang dưới trích yếu.")
    return texts[1] + 1


def letter(c: Checker, paragraphs: list[Paragraph], header) -> int:
    """A công văn: "V/v …" under the number (12–13 pt, upright, centred) and "Kính gửi: …"
    (13–14 pt, regular; several addressees one per line "- …;", the last "- … .") before
    the text. Returns the index of the first paragraph of the text."""
    left = ([p for row in header.rows for p in row.cells[0].paragraphs]
            if isinstance(header, Table) and len(header.columns) == 2 else [])
    summary = next((p for p in left if p.text.strip().startswith("V/v ")), None)
    number = next((p for p in left if p.text.strip().startswith("Số")), None)
    if summary is None:
        c.add("Công văn phải có trích yếu “V/v …” dưới số, ký hiệu (cột trái tiêu đề).")
    else:
        c.expect(summary, "Trích yếu công văn “V/v …”", sizes=(12, 13), bold=False,
                 italic=False, align=WD_ALIGN_PARAGRAPH.CENTER)
        if number is not None and left.index(summary) < left.index(number):
            c.add("Trích yếu “V/v …” phải đặt dưới dòng số, ký hiệu.")
    texts = [i for i, p in enumerate(paragraphs) if p.text.strip()]
    if not texts or not paragraphs[texts[0]].text.strip().startswith("Kính gửi:"):
        c.add("Công văn phải có “Kính gửi: …” trước nội dung.")
        return texts[0] if texts else len(paragraphs)
    greeting = paragraphs[texts[0]]
    c.expect(greeting, "“Kính gửi”", sizes=(13, 14), bold=False, italic=False)
    if greeting.text.strip() != "Kính gửi:":
        return texts[0] + 1
    items = []
    for i in texts[1:]:
        if not paragraphs[i].text.strip().startswith("- "):
            break
        items.append(paragraphs[i])
    if not items:
        c.add("Sau “Kính gửi:” phải ghi nơi nhận.")
    for k, p in enumerate(items):
        c.expect(p, "Nơi nhận sau “Kính gửi:”", sizes=(13, 14), bold=False)
        if not p.text.rstrip().endswith("." if k == len(items) - 1 else ";"):
            c.add("Sau “Kính gửi:” mỗi nơi nhận một dòng “- …;”, dòng cuối “- ….”.")
    return texts[len(items)] + 1
