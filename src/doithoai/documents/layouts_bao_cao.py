"""Layouts of the reports to the province: the results of one conference (bao-cao-ket-qua)
and the year's dialogue work (bao-cao-nam), each with its table of figures."""

from __future__ import annotations

from docx.enum.text import WD_ALIGN_PARAGRAPH

# docx_builder imports this module for its LAYOUTS: refer to it lazily.
from doithoai.documents import docx_builder as b

# Column widths (mm) over the 165 mm of text; the header titles are the tables' own.
RESULT_WIDTHS = [12, 38, 17, 19, 21, 19, 18, 21]
RESULT_HEADER = ["STT", "Lĩnh vực", "Tổng số", "Trả lời tại hội nghị",
                 "Giao trả lời bằng văn bản", "Đã trả lời", "Quá hạn", "Chuyển cấp trên/khác"]
YEAR_WIDTHS = [11, 36, 24, 16, 16, 16, 15, 15, 16]
YEAR_HEADER = ["STT", "Hội nghị", "Ngày tổ chức", "Số người dự", "Số ý kiến", "Đã trả lời",
               "Đúng hạn", "Quá hạn", "Đang giải quyết"]


def _header(doc) -> None:
    b.header_table(
        doc, parent="{{ header_parent }}",
        issuer_loop=("{%p for line in issuer_lines %}", "{{ line }}", "{%p endfor %}"),
        number="Số: {{ number_symbol }}", date="{{ date_line }}")
    b.title_block(doc, "BÁO CÁO", "{{ title }}")


def _bullets(doc, source: str, prefix: str = "- ") -> None:
    b.loop(doc, f"{{%p for line in {source} %}}", f"{prefix}{{{{ line }}}}", "{%p endfor %}")


def _table(doc, *, widths, header, numeric) -> None:
    """The table's title, the table (when it has rows), its notes in italic."""
    b.tag(doc, "{%p if table.rows %}")
    b.paragraph(doc, "{{ table.title }}", size=13, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER,
                first_line=None, before=6, keep_next=True)
    b.data_table(doc, widths_mm=widths, header=header, source="table.rows",
                 total="table.total", numeric=numeric, centred=(0,))
    b.loop(doc, "{%p for note in table.notes %}", "{{ note }}", "{%p endfor %}",
           size=13, italic=True, before=6)
    b.tag(doc, "{%p endif %}")


def _evaluation(doc, number: str) -> None:
    b.heading(doc, f"{number}. ĐÁNH GIÁ")
    b.heading(doc, "1. Kết quả đạt được")
    _bullets(doc, "evaluation.good")
    b.heading(doc, "2. Tồn tại, hạn chế")
    _bullets(doc, "evaluation.weak")


def _ending(doc, number: str) -> None:
    b.heading(doc, f"{number}. ĐỀ XUẤT, KIẾN NGHỊ")
    _bullets(doc, "proposals")
    b.body(doc, "{{ closing }}")
    b.signature_block(doc)


def build_bao_cao_ket_qua():
    """The results of one conference: preparation, the session and its opinions, the
    conclusion notice, the answers given since (with the table by field), evaluation,
    proposals, "./."."""
    doc = b.new_document()
    _header(doc)
    b.body(doc, "{{ opening }}")
    b.heading(doc, "I. CÔNG TÁC CHUẨN BỊ")
    _bullets(doc, "preparation")
    b.heading(doc, "II. KẾT QUẢ HỘI NGHỊ")
    b.heading(doc, "1. Thời gian, địa điểm, thành phần")
    _bullets(doc, "session", prefix="")
    b.heading(doc, "2. Ý kiến, kiến nghị của Nhân dân tại hội nghị")
    _bullets(doc, "opinions", prefix="")
    b.heading(doc, "3. Thông báo kết luận hội nghị")
    _bullets(doc, "conclusion", prefix="")
    b.heading(doc, "III. KẾT QUẢ GIẢI QUYẾT SAU HỘI NGHỊ")
    b.body(doc, "{{ follow_up.lead }}")
    _bullets(doc, "follow_up.lines")
    _bullets(doc, "follow_up.after", prefix="")
    _table(doc, widths=RESULT_WIDTHS, header=RESULT_HEADER, numeric=(2, 3, 4, 5, 6, 7))
    _evaluation(doc, "IV")
    _ending(doc, "V")
    return doc


def build_bao_cao_nam():
    """The year's dialogue work: plans, each conference, the year's figures (with the table
    by conference), what is still open, evaluation, proposals, "./."."""
    doc = b.new_document()
    _header(doc)
    b.body(doc, "{{ opening }}")
    b.heading(doc, "I. CÔNG TÁC LÃNH ĐẠO, CHỈ ĐẠO VÀ BAN HÀNH KẾ HOẠCH")
    _bullets(doc, "plans")
    b.heading(doc, "II. KẾT QUẢ TỔ CHỨC HỘI NGHỊ ĐỐI THOẠI")
    b.heading(doc, "1. Các hội nghị trong năm")
    b.body(doc, "{{ summary }}")
    b.loop(doc, "{%p for item in conferences %}", "{{ item.letter }} {{ item.text }}",
           "{%p endfor %}")
    b.heading(doc, "2. Kết quả tiếp nhận, giải quyết ý kiến, kiến nghị")
    b.tag(doc, "{%p for part in figures %}")
    b.body(doc, "{{ part.head }}")
    _bullets(doc, "part.lines")
    b.tag(doc, "{%p endfor %}")
    _table(doc, widths=YEAR_WIDTHS, header=YEAR_HEADER, numeric=(3, 4, 5, 6, 7, 8))
    b.heading(doc, "III. NHỮNG NỘI DUNG CÒN ĐANG GIẢI QUYẾT")
    _bullets(doc, "still_open")
    _evaluation(doc, "IV")
    _ending(doc, "V")
    return doc

