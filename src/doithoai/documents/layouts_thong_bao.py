"""Layouts of the conference announcement (Thông báo) and its loudspeaker version."""

from __future__ import annotations

# docx_builder imports this module for its LAYOUTS: refer to it lazily.
from doithoai.documents import docx_builder as b


def _header(doc) -> None:
    b.header_table(
        doc, parent="{{ header_parent }}",
        issuer_loop=("{%p for line in issuer_lines %}", "{{ line }}", "{%p endfor %}"),
        number="Số: {{ number_symbol }}", date="{{ date_line }}")
    b.title_block(doc, "THÔNG BÁO", "{{ title }}")


def build_thong_bao():
    """The written announcement: time, place, mode, chairs, content, programme, how and by
    when to send opinions (Law 72/2025 Art. 43)."""
    doc = b.new_document()
    _header(doc)
    b.body(doc, "{{ opening }}")
    b.heading(doc, "I. THỜI GIAN, ĐỊA ĐIỂM, HÌNH THỨC, THÀNH PHẦN")
    b.lead_in(doc, "1. Thời gian: ", "{{ time_text }}")
    b.lead_in(doc, "2. Địa điểm: ", "{{ venue }}")
    b.lead_in(doc, "3. Hình thức: ", "{{ mode }}")
    b.lead_in(doc, "4. Chủ trì hội nghị: ", "{{ chairs }}")
    b.lead_in(doc, "5. Thành phần: ", "{{ scope }}")
    b.heading(doc, "II. NỘI DUNG TRAO ĐỔI, ĐỐI THOẠI")
    b.loop(doc, "{%p for line in topics %}", "- {{ line }}", "{%p endfor %}")
    b.heading(doc, "III. CHƯƠNG TRÌNH HỘI NGHỊ")
    b.loop(doc, "{%p for line in programme %}", "{{ line }}", "{%p endfor %}")
    b.heading(doc, "IV. GỬI Ý KIẾN, KIẾN NGHỊ TRƯỚC HỘI NGHỊ")
    b.body(doc, "Nhân dân gửi ý kiến, kiến nghị về những vấn đề liên quan đến quyền và lợi ích "
              "hợp pháp của mình theo một trong các cách sau:")
    b.loop(doc, "{%p for line in channels %}", "{{ line }}", "{%p endfor %}")
    b.body(doc, "{{ deadline }}")
    b.body(doc, "{{ closing }}")
    b.signature_block(doc)
    return doc


def build_thong_bao_truyen_thanh():
    """The short text the loudspeaker announcer reads: a few paragraphs, no list, no table
    other than the header and the signature."""
    doc = b.new_document()
    _header(doc)
    b.loop(doc, "{%p for line in paragraphs %}", "{{ line }}", "{%p endfor %}")
    b.body(doc, "{{ closing }}")
    b.signature_block(doc)
    return doc

