"""The invitations (Giấy mời, GM) of a conference: one invitation per invitee who has a
check-in code, merged into one document for printing, each with its code printed and as a QR
code the door scans.

Each invitation is a whole Decree-30 document (header, "GIẤY MỜI", the addressee, time, place,
content, the check-in code printed and as a QR code, signature and recipients) in a section of
its own: a section break (next page) ends every invitation but the last, as Word's mail merge
does, so each starts on a new page and its first page carries no page number.

One invitee's invitation (giay-moi-dai-bieu, `ONE_KIND`) is a variant of this kind, not a
kind of its own: the conference's invitation for one person, printed with this kind's template;
once the conference's invitation is issued, the invitee's own page cut from the issued file.
"""

from __future__ import annotations

import datetime as dt
import io

from django.utils.translation import gettext as _
from docx import Document as WordDocument
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt

from doithoai.core import decree30
from doithoai.core.text import fold, lower_first, sentence, sentences
from doithoai.dialogues.models import Conference, Delegate
from doithoai.dialogues.selectors import delegates as delegates_reads
from doithoai.documents.drawing import conference_text as ct
from doithoai.documents.drawing import word as b
from doithoai.documents.drawing.context import (
    agency_header,
    chair_signature_lines,
    nfc_all,
    office_short_name,
)
from doithoai.documents.drawing.fill import normalise_zip
from doithoai.documents.drawing.qr import QrImage
from doithoai.documents.kinds import Kind
from doithoai.documents.selectors.issued import issued_bytes, latest_issued

QR_WIDTH_MM = 22


def time_text(conference: Conference) -> str:
    """"08 giờ 00 phút, thứ Năm, ngày 17 tháng 12 năm 2026" ("…" for what is not set)."""
    gap = decree30.MISSING
    hour = (f"{conference.starts_at.hour:02d} giờ {conference.starts_at.minute:02d} phút"
            if conference.starts_at else f"{gap} giờ")
    if conference.held_on is None:
        return f"{hour}, ngày {gap}"
    day = conference.held_on
    return f"{hour}, {ct.day_text(day)}"


def delegates(conference: Conference):
    """The invitees with a check-in code, in the list's order: the commune, guests, then
    village by village (the chair, who signs, is not invited)."""
    qs = Delegate.objects.filter(conference=conference, invitation__isnull=False)
    if conference.chair_id:  # who signs the invitations does not invite himself
        qs = qs.exclude(person_id=conference.chair_id)
    return delegates_reads.in_list_order(qs).select_related("invitation", "unit", "village")


def addressee(delegate: Delegate) -> tuple[str, str]:
    """("Ông/Bà Nguyễn Văn An — Trưởng thôn Nà Pàn", "Ông/Bà") for a person; ("Đại diện
    lãnh đạo Công an xã", "đại diện lãnh đạo đơn vị") for a unit."""
    name, position = delegate.full_name.strip(), delegate.position.strip()
    village = delegate.village.name.strip() if delegate.village_id else ""
    if village and village.casefold() not in position.casefold():
        # "Trưởng thôn" alone does not say which village: "Trưởng thôn Nà Pàn"
        line = ct.village_line(village)  # "Thôn Nà Pàn"
        if fold(position).endswith("thon") and fold(line).startswith("thon "):
            position = f"{position} {line[5:]}"
        else:
            position = ", ".join(x for x in (position, line) if x)
    if name:
        return f"Ông/Bà {name}" + (f" — {position}" if position else ""), "Ông/Bà"
    unit = delegate.unit.name if delegate.unit_id else ""
    who = position or (f"Đại diện lãnh đạo {unit}" if unit else decree30.MISSING)
    return who, "đại diện đơn vị"


def missing(conference: Conference) -> list[str]:
    """What the invitations still lack before they can be issued (Vietnamese)."""
    result = []
    if not conference.title.strip():
        result.append("tên hội nghị")
    if conference.held_on is None:
        result.append("ngày tổ chức")
    if conference.starts_at is None:
        result.append("giờ bắt đầu")
    if not conference.venue.strip():
        result.append("địa điểm")
    if conference.chair_id is None or not conference.chair.full_name.strip():
        result.append("người ký (chủ trì hội nghị)")
    if not Delegate.objects.filter(conference=conference, invitation__isnull=False).exists():
        result.append("đại biểu có giấy mời (mã điểm danh)")
    return result


def context(conference: Conference, *, number: int | None = None,
            issued_on: dt.date | None = None, only: Delegate | None = None) -> dict:
    agency = conference.agency
    gap = decree30.MISSING
    title = conference.title.strip().rstrip(".")
    topics = sentences(conference.topics)
    year = conference.held_on.year if conference.held_on else None
    invitations = []
    invitees = delegates(conference)
    if only is not None:
        invitees = invitees.filter(pk=only.pk) if hasattr(only, "invitation") else []
    for delegate in invitees:
        to, you = addressee(delegate)
        code = delegate.invitation.code
        invitations.append({"to": to, "you": you, "code": code,
                            "qr": QrImage(code, QR_WIDTH_MM)})
    if not invitations:  # a draft still shows what an invitation will look like
        invitations.append({"to": gap, "you": "Ông/Bà", "code": gap, "qr": ""})
    ctx = {
        **agency_header(agency),
        "number_symbol": decree30.number_symbol(number, "GM", agency.symbol),
        "number_line": decree30.number_line(number, "GM", agency.symbol),
        "date_line": decree30.date_line(agency.place_name, issued_on,
                                        year=(issued_on.year if issued_on else year)),
        "type_name": "GIẤY MỜI",
        "title": f"Dự {lower_first(title)}" if title else gap,
        "issuer_name": agency.name.strip(),
        "conference_title": lower_first(title) or gap,
        "time_text": sentence(time_text(conference)),
        "venue": sentence(conference.venue) or gap,
        "topics": topics,
        "invitations": invitations,
        "recipients": decree30.recipients(["Như trên"], keep_unit=office_short_name(agency)),
        "signature_lines": chair_signature_lines(conference.chair),
        "signer_name": conference.chair.full_name if conference.chair_id else "",
    }
    return nfc_all(ctx)


# --- the layout ----------------------------------------------------------------------------

def text(doc, content: str, *, bold: bool = False, keep_next: bool = False):
    """A body paragraph (14 pt, justified, first line indented, 6 pt after) in single line
    spacing."""
    return b.paragraph(doc, content, size=b.BODY_SIZE, bold=bold, keep_next=keep_next, line=1)


def lead_in(doc, label: str, content: str):
    """"1. Thời gian: …": the label bold, the text regular."""
    p = b.paragraph(doc, "", size=b.BODY_SIZE, line=1)
    b.run(p, label, bold=True)
    b.run(p, content)
    return p


def layout():
    doc = b.new_document()
    body_sect = doc.element.body.sectPr
    if body_sect.find(qn("w:pgNumType")) is None:
        numbering = OxmlElement("w:pgNumType")
        numbering.set(qn("w:start"), "1")
        body_sect.find(qn("w:pgMar")).addnext(numbering)
    b.tag(doc, "{%p for inv in invitations %}")
    b.header_table(
        doc, parent="{{ header_parent }}",
        issuer_loop=("{%p for line in issuer_lines %}", "{{ line }}", "{%p endfor %}"),
        number="Số: {{ number_symbol }}", date="{{ date_line }}")
    b.title_block(doc, "GIẤY MỜI", "{{ title }}")
    centre = {"align": WD_ALIGN_PARAGRAPH.CENTER, "first_line": None}
    p = b.paragraph(doc, "", size=b.BODY_SIZE, keep_next=True, **centre)
    b.run(p, "Kính gửi: ")
    b.run(p, "{{ inv.to }}", bold=True)
    # Single line spacing (the Decree allows 1 to 1.5 lines) so that one invitation, its QR
    # code and the signature hold on one page.
    text(doc, "{{ issuer_name }} trân trọng kính mời {{ inv.you }} tới dự "
              "{{ conference_title }}.")
    lead_in(doc, "1. Thời gian: ", "{{ time_text }}")
    lead_in(doc, "2. Địa điểm: ", "{{ venue }}")
    b.tag(doc, "{%p if topics %}")
    text(doc, "3. Nội dung", bold=True, keep_next=True)
    b.tag(doc, "{%p for line in topics %}")
    text(doc, "- {{ line }}")
    b.tag(doc, "{%p endfor %}")
    b.tag(doc, "{%p endif %}")
    b.paragraph(doc, "{{ inv.qr }}", after=Pt(0), line=None, keep_next=True, **centre)
    code = b.paragraph(doc, "", after=Pt(6), line=None, keep_next=True, **centre)
    b.run(code, "Mã điểm danh: ")
    b.run(code, "{{ inv.code }}", size=16, bold=True)
    text(doc, "Đề nghị {{ inv.you }} mang theo giấy mời này để điểm danh khi đến dự (quét mã "
              "QR hoặc đọc mã điểm danh). Rất mong {{ inv.you }} đến dự đúng thời gian./.")
    b.signature_block(doc)
    b.tag(doc, "{%p if not loop.last %}")
    b.section_break(doc)
    b.tag(doc, "{%p endif %}")
    b.tag(doc, "{%p endfor %}")
    return doc


KIND = Kind(
    code="giay-moi", label="Giấy mời dự hội nghị đối thoại", abbreviation="GM",
    source="dialogues.conference", template="giay-moi.docx",
    context=context, required=missing, layout=layout)


# --- one invitee's invitation (giay-moi-dai-bieu) -------------------------------------------

def one_missing(delegate: Delegate) -> list[str]:
    """What one invitee's invitation lacks: the conference's gaps, and its check-in code."""
    result = [m for m in missing(delegate.conference)
              if m != "đại biểu có giấy mời (mã điểm danh)"]
    if not hasattr(delegate, "invitation"):
        result.append("mã điểm danh của đại biểu (chuẩn bị giấy mời trước)")
    elif delegate.person_id and delegate.person_id == delegate.conference.chair_id:
        result.append("người nhận khác người ký (chủ trì ký giấy mời, không tự mời mình)")
    return result


def one_context(delegate: Delegate, *, number: int | None = None,
                issued_on: dt.date | None = None) -> dict:
    """One invitee's invitation as it reads now (a draft: once the conference's invitation
    is issued, `reprint` gives the invitee's page of the issued file instead)."""
    return context(delegate.conference, number=number, issued_on=issued_on, only=delegate)


def reprint(delegate: Delegate) -> bytes | None:
    """The invitee's own page cut from the conference's issued invitation — the very page the
    register keeps, number and all — or None when it is not issued or he is not in it."""
    if not hasattr(delegate, "invitation"):
        return None
    issued = latest_issued(delegate.conference, "giay-moi")
    return page_of(issued_bytes(issued), delegate.invitation.code) if issued else None


def page_of(docx: bytes, code: str) -> bytes | None:
    """The invitation carrying check-in `code` out of a merged file (one section each)."""
    doc = WordDocument(io.BytesIO(docx))
    body = doc.element.body
    pages, page = [], []
    for element in list(body):
        if element.tag == qn("w:sectPr"):
            continue  # the last section's own properties stay
        page.append(element)
        if element.tag == qn("w:p") and element.find(f"{qn('w:pPr')}/{qn('w:sectPr')}") \
                is not None:
            pages.append(page)
            page = []
    pages.append(page)
    wanted = next((p for p in pages if any(code in "".join(t.text or "" for t in e.iter(qn("w:t")))
                                          for e in p)), None)
    if wanted is None:
        return None
    for page in pages:
        for element in page if page is not wanted else ():
            body.remove(element)
    last = wanted[-1]
    if last.tag == qn("w:p") and last.find(f"{qn('w:pPr')}/{qn('w:sectPr')}") is not None:
        body.remove(last)  # its section break: the page ends the file
    out = io.BytesIO()
    doc.save(out)
    return normalise_zip(out.getvalue())


def refusal(delegate) -> str | None:
    return _("Giấy mời của từng đại biểu là một trang của giấy mời hội nghị: ban hành giấy mời "
             "ở trang hội nghị, trang này in lại với cùng số, ngày.")


ONE_KIND = Kind(
    code="giay-moi-dai-bieu", label="Giấy mời một đại biểu", abbreviation="GM",
    source="dialogues.delegate", template="giay-moi.docx", template_of="giay-moi",
    context=one_context, required=one_missing, reprint=reprint, refusal=refusal)
