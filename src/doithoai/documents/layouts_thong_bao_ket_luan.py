"""Layout of the conclusion notice (Thông báo kết luận) of a conference."""

from __future__ import annotations

# docx_builder imports this module for its LAYOUTS: refer to it lazily.
from doithoai.documents import docx_builder as b
from doithoai.documents.layouts_thong_bao import _header


def build_thong_bao_ket_luan():
    """The opening (when, where, who chaired), the outcome, the general conclusion, then each
    opinion by field with what was concluded (answered on the spot, or the unit assigned and
    its due date), the follow-up, "./."."""
    doc = b.new_document()
    _header(doc)
    b.body(doc, "{{ opening }}")
    b.tag(doc, "{%p if outcome %}")
    b.heading(doc, "I. KẾT QUẢ HỘI NGHỊ")
    b.loop(doc, "{%p for line in outcome %}", "{{ line }}", "{%p endfor %}")
    b.tag(doc, "{%p endif %}")
    b.heading(doc, "{% if outcome %}II{% else %}I{% endif %}. KẾT LUẬN CHUNG")
    b.loop(doc, "{%p for line in conclusion %}", "{{ line }}", "{%p endfor %}")
    b.heading(doc, "{% if outcome %}III{% else %}II{% endif %}. KẾT LUẬN CÁC Ý KIẾN, KIẾN NGHỊ "
                 "CỤ THỂ")
    b.tag(doc, "{%p for section in fields %}")
    b.heading(doc, "{{ section.number }}. {{ section.field }}")
    b.tag(doc, "{%p for entry in section.entries %}")
    b.body(doc, "{{ entry.letter }} {{ entry.text }}")
    b.lead_in(doc, "Kết luận: ", "{{ entry.outcome }}")
    b.tag(doc, "{%p endfor %}")
    b.tag(doc, "{%p endfor %}")
    b.heading(doc, "{% if outcome %}IV{% else %}III{% endif %}. TỔ CHỨC THỰC HIỆN")
    b.loop(doc, "{%p for line in follow_up %}", "{{ line }}", "{%p endfor %}")
    b.body(doc, "{{ closing }}")
    b.signature_block(doc)
    return doc
