"""The end of a document: the recipients and the signature block (the minutes: the secretary
and the chair side by side), or a form's own end."""

from __future__ import annotations

from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.table import Table
from docx.text.paragraph import Paragraph

from doithoai.documents.drawing.format_check import reading as rd
from doithoai.documents.drawing.format_check.checker import Checker


def signature(c: Checker, table: Table | None) -> None:
    if table is None or len(table.columns) != 2:
        c.add("Thiếu bảng hai cột cuối văn bản: nơi nhận (trái) và chữ ký (phải).")
        return
    if rd.table_has_borders(table):
        c.add("Bảng nơi nhận, chữ ký không được có đường viền.")
    left = rd.texts([p for row in table.rows for p in row.cells[0].paragraphs])
    right = rd.texts([p for row in table.rows for p in row.cells[1].paragraphs])
    if not left or left[0].text.strip() != "Nơi nhận:":
        c.add("Cột trái cuối văn bản phải bắt đầu bằng “Nơi nhận:”.")
    else:
        c.expect(left[0], "“Nơi nhận:”", sizes=(12, 12), bold=True, italic=True)
        items = left[1:]
        if not items:
            c.add("Nơi nhận không có mục nào.")
        for i, p in enumerate(items):
            c.expect(p, "Các nơi nhận", sizes=(11, 11), bold=False)
            text = p.text.strip()
            end = "." if i == len(items) - 1 else ";"
            if not text.startswith("- ") or not text.endswith(end):
                c.add("Mỗi nơi nhận viết “- …;”, nơi cuối “- Lưu: VT, …”.")
        if items and not items[-1].text.strip().startswith("- Lưu"):
            c.add("Nơi nhận cuối cùng phải là “- Lưu: VT, …”.")
    if not right:
        c.add("Thiếu thẩm quyền, chức vụ và họ tên người ký ở cột phải.")
        return
    capacity = right[0].text.strip()
    if capacity != capacity.upper():
        c.add("Quyền hạn, chức vụ người ký phải VIẾT HOA.")
    heads = [p for p in right if p.text.strip() == p.text.strip().upper()]
    for p in heads[:3]:
        c.expect(p, "Quyền hạn, chức vụ người ký", sizes=(13, 14), bold=True,
                 align=WD_ALIGN_PARAGRAPH.CENTER)
    names = [p for p in right if p.text.strip() != p.text.strip().upper()]
    for p in names:
        c.expect(p, "Họ tên người ký", sizes=(13, 14), bold=True)


def minutes_signature(c: Checker, table: Table | None) -> None:
    """A biên bản (Decree 30, Appendix III, form 1.6): the secretary signs left ("THƯ KÝ")
    and the chair right ("CHỦ TRÌ" or "CHỦ TỌA"), each in their own name, no "TM."; the
    recipients come under the secretary's signature."""
    if table is None or len(table.columns) != 2:
        c.add("Thiếu bảng chữ ký cuối biên bản: thư ký (trái) và chủ trì (phải).")
        return
    if rd.table_has_borders(table):
        c.add("Bảng chữ ký không được có đường viền.")
    left = rd.texts([p for row in table.rows for p in row.cells[0].paragraphs])
    right = rd.texts([p for row in table.rows for p in row.cells[1].paragraphs])
    at = next((i for i, p in enumerate(left) if p.text.strip() == "Nơi nhận:"), len(left))
    for column, roles, who in ((left[:at], ("THƯ KÝ",), "thư ký"),
                               (right, ("CHỦ TRÌ", "CHỦ TỌA"), "chủ trì")):
        if not column or column[0].text.strip() not in roles:
            c.add(f"Chữ ký của {who} phải có chức danh “{roles[0]}” (không ghi “TM.”).")
            continue
        c.expect(column[0], f"Chức danh {who}", sizes=(13, 14), bold=True,
                 align=WD_ALIGN_PARAGRAPH.CENTER)
        for p in column[1:]:
            c.expect(p, f"Họ tên {who}", sizes=(13, 14), bold=True,
                     align=WD_ALIGN_PARAGRAPH.CENTER)
    if at == len(left):
        c.add("Biên bản phải có “Nơi nhận:” dưới chữ ký của thư ký.")
        return
    c.expect(left[at], "“Nơi nhận:”", sizes=(12, 12), bold=True, italic=True)
    items = left[at + 1:]
    for i, p in enumerate(items):
        c.expect(p, "Các nơi nhận", sizes=(11, 11), bold=False)
        end = "." if i == len(items) - 1 else ";"
        if not p.text.strip().startswith("- ") or not p.text.strip().endswith(end):
            c.add("Mỗi nơi nhận viết “- …;”, nơi cuối “- Lưu: VT, …”.")
    if not items or not items[-1].text.strip().startswith("- Lưu"):
        c.add("Nơi nhận cuối cùng phải là “- Lưu: VT, …”.")


def form(c: Checker, paragraphs: list[Paragraph]) -> None:
    """A form's fields and notes: 12 to 14 pt, and something to fill in."""
    texts = rd.texts(paragraphs)
    if not texts:
        c.add("Phiếu không có nội dung.")
    for p in texts:
        c.expect(p, "Nội dung phiếu", sizes=(12, 14))
