"""The written answer to a petitioner (công văn trả lời): a công văn, so no
type title block — "Số: 12/UBND-VP" with "V/v …" under it — then "Kính gửi:" each petitioner
of the petition, the opinion as it was received, the approved answer, and the signature of
the leader who approved it (else the chairman).

A denunciation (by its kind or by its words), or a complaint sent to its own procedure, gets no
letter of this kind: the law has its own decisions for them and a denouncer's identity is kept
secret, so the draft prints neither the petitioner nor the text. The letter goes to the
petitioner himself (and its copy to the unit): it names him, as it must.

Its layout: a công văn has no type title block; its summary "V/v …" stands under the number
(12 pt, upright, centred, 6 pt below it) and "Kính gửi:" opens the text (Decree 30/2020,
Appendix I).
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone
from django.utils.translation import gettext as _
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Mm, Pt

from doithoai.core import decree30
from doithoai.core.kind_hints import DENUNCIATION, suggested_kind
from doithoai.core.petition_flow import APPROVED_ANSWER_STATES, State
from doithoai.core.text import fold, lower_first, sentence
from doithoai.dialogues.selectors import conference_links
from doithoai.dialogues.selectors.plans import default_signer
from doithoai.documents.drawing import conference_text as ct
from doithoai.documents.drawing import word as b
from doithoai.documents.drawing.context import (
    agency_header,
    chair_signature_lines,
    dmy,
    letter_symbol,
    nfc_all,
    office_short_name,
)
from doithoai.documents.drawing.letter import letter_header
from doithoai.documents.kinds import Kind as DocumentKind
from doithoai.documents.selectors.issued import latest_issued
from doithoai.org.selectors import office_of
from doithoai.petitions.models import Answer, Channel, Kind, Petition
from doithoai.petitions.selectors.petitions import current_answer

ADDRESS = "Ông/Bà"  # the petitioner's gender is not recorded
# The summary under the number, in the lines an office breaks it into by hand.
SUMMARY = ("V/v trả lời ý kiến, kiến nghị", "của công dân")
SUMMARIES = {Kind.REPORT: ("V/v trả lời phản ánh", "của công dân")}
WHAT = {Kind.OPINION: "ý kiến, kiến nghị", Kind.REPORT: "phản ánh"}
# How the opinion reached the committee, as the letter says it.
CHANNELS = {
    Channel.SURVEY_FORM: "qua Phiếu lấy ý kiến Nhân dân",
    Channel.FRONT_SUMMARY: "qua Ủy ban Mặt trận Tổ quốc Việt Nam xã tổng hợp",
    Channel.ONLINE: "qua hình thức trực tuyến",
    Channel.HOTLINE: "qua đường dây nóng",
    Channel.INSPECTORATE: "qua Thanh tra chuyển đến",
}
# Words that open a place name and are written lower case inside a sentence ("thôn Nà Pàn").
PLACE_WORDS = ("Thôn ", "Bản ", "Làng ", "Ấp ", "Xóm ", "Tổ dân phố ", "Khu phố ", "Tổ ")
LEADER_POSITIONS = ("chu tich ubnd", "chu tich uy ban nhan dan", "pho chu tich ubnd",
                    "pho chu tich uy ban nhan dan")


def withheld(petition: Petition) -> str | None:
    """Why this petition gets no công văn trả lời (None: it may get one). A denunciation by its
    words is one too, whatever kind was recorded: the letter's copy goes to the unit, and the
    denouncer's identity never leaves the office."""
    if petition.kind == Kind.DENUNCIATION or suggested_kind(petition.text) == DENUNCIATION:
        return ("không lập công văn trả lời cho đơn tố cáo (giải quyết theo Luật Tố cáo 2018, "
                "giữ bí mật người tố cáo)")
    if petition.kind == Kind.COMPLAINT or petition.state == State.TRANSFERRED:
        return ("không lập công văn trả lời cho đơn đã chuyển giải quyết theo thủ tục khiếu "
                "nại, tố cáo")
    return None


def is_approved(petition: Petition, answer: Answer | None) -> bool:
    return answer is not None and answer.approved_at is not None \
        and petition.state in APPROVED_ANSWER_STATES


def signer(petition: Petition, answer: Answer | None):
    """The leader who approved the answer when the account is a known person of the committee
    who leads it; else the chairman (who signs for the committee)."""

    person = answer.approved_by.person if answer is not None and answer.approved_by_id \
        else None
    if person is not None and person.agency_id == petition.agency_id \
            and fold(person.position).startswith(LEADER_POSITIONS):
        return person
    return default_signer(petition.agency)


def place(agency) -> str:
    """"xã Điềm He": the commune as an address names it (from "Ủy ban nhân dân xã Điềm He")."""
    name = ct.body_name(agency)
    head = "ủy ban nhân dân "
    return name[len(head):].strip() if fold(name).startswith(fold(head)) else ""


def in_text(name: str) -> str:
    """"Thôn Nà Pàn, xã Điềm He" → "thôn Nà Pàn, xã Điềm He"."""
    name = " ".join((name or "").split())
    return name[:1].lower() + name[1:] if name.startswith(PLACE_WORDS) else name


def petitioners(petition: Petition) -> list:
    """This petition's petitioners with a name (those of other petitions of its issue get
    their own letters)."""
    return [p for p in petition.petitioners.select_related("village").order_by("pk")
            if p.full_name.strip()]


def addressee(person, petition: Petition) -> str:
    """"Ông/Bà Hoàng Văn Pản, thôn Bản Chu, xã Điềm He"."""
    where = in_text(person.address)
    village = person.village or petition.village
    if not where and village is not None:
        where = in_text(village.name)
    commune = place(petition.agency)
    if where and commune and fold(commune) not in fold(where):
        where = f"{where}, {commune}"
    name = " ".join(person.full_name.split())
    return f"{ADDRESS} {name}" + (f", {where}" if where else "")


def received_text(petition: Petition) -> str:
    """How and when the opinion came: "gửi ngày 03 tháng 4 năm 2026 (qua Phiếu lấy ý kiến
    Nhân dân ở thôn Khòn Pát; mã tra cứu WYBE-SPUQ)"."""
    day = decree30.date_text(petition.received_on)
    code = f"mã tra cứu {petition.tracking_code}"
    if petition.channel in (Channel.CONFERENCE, Channel.REGISTERED):
        conference = conference_links.of_petition(petition)
        where = (lower_first(conference.title) if conference is not None
                 else "hội nghị đối thoại")
        # Registered to speak and not heard: the letter answers what he registered to say.
        said = "phát biểu" if petition.channel == Channel.CONFERENCE else "đăng ký phát biểu"
        return f"{said} tại {where} {day} ({code})"
    if petition.channel == Channel.OFFICE:
        unit = office_of(petition.agency)
        how = f"gửi {unit.name}" if unit is not None else "gửi Văn phòng"
    else:
        how = CHANNELS.get(petition.channel, "")
        if petition.channel == Channel.SURVEY_FORM and petition.village_id:
            how += f" ở {in_text(petition.village.name)}"
    return f"gửi {day} ({how}; {code})" if how else f"gửi {day} ({code})"


def quoted(text: str) -> str:
    """The opinion in one line, inside quotation marks."""
    text = " ".join((text or "").split()).rstrip(" .;")
    return f"“{text}”" if text else decree30.MISSING


def _short_body(agency) -> str:
    """"Ủy ban nhân dân xã": the issuer named a second time."""
    name = ct.body_name(agency)
    short = name.replace(agency.place_name.strip(), "").strip() if agency.place_name.strip() \
        else name
    return short or name


def missing(petition: Petition) -> list[str]:
    """What the letter lacks before it can be issued (Vietnamese)."""
    reason = withheld(petition)
    if reason:
        return [reason]
    result = []
    answer = current_answer(petition)
    if answer is None:
        result.append("nội dung trả lời")
    elif not is_approved(petition, answer):
        result.append("lãnh đạo duyệt nội dung trả lời")
    if not petitioners(petition):
        result.append("họ tên người gửi (ý kiến không ghi tên nên không gửi được công văn "
                      "trả lời)")
    person = signer(petition, answer)
    if person is None or not person.full_name.strip():
        result.append("người ký")
    return result


def _in_register(petition: Petition) -> bool:
    return latest_issued(petition, "cong-van-tra-loi") is not None


def context(petition: Petition, *, number: int | None = None,
            issued_on: dt.date | None = None) -> dict:
    agency = petition.agency
    gap = decree30.MISSING
    hidden = withheld(petition) is not None
    answer = None if hidden else current_answer(petition)
    people = [] if hidden else petitioners(petition)
    lines = [addressee(p, petition) for p in people]
    several = len(lines) > 1
    you = f"các {ADDRESS}" if several else ADDRESS
    who = f"của các {ADDRESS} có tên trên" if several else (
        f"của {ADDRESS}" if lines else "của công dân")
    opening = (f"{ct.body_name(agency)} nhận được {gap}" if hidden else
               f"{ct.body_name(agency)} nhận được {WHAT.get(petition.kind, 'ý kiến')} {who} "
               f"{received_text(petition)} với nội dung: {quoted(petition.text)}.")
    issuer = _short_body(agency)
    unit = petition.unit
    if answer is not None and answer.at_conference:
        by = " ".join(answer.answered_by.split())
        spot = (f"Tại hội nghị, {by} đã trả lời trực tiếp ý kiến của {you}." if by else
                f"Tại hội nghị, ý kiến của {you} đã được trả lời trực tiếp.")
        lead = f"{spot} {issuer} trả lời bằng văn bản như sau:"
    elif unit is not None:
        lead = f"Sau khi xem xét, trên cơ sở đề xuất của {unit.name}, {issuer} trả lời như sau:"
    else:
        lead = f"Sau khi xem xét, {issuer} trả lời như sau:"
    person = signer(petition, answer)
    year = (issued_on or timezone.localdate()).year
    symbol = letter_symbol(agency, unit)
    number_symbol = decree30.number_symbol(number, "", symbol)
    if number is None and answer is not None and answer.document_number.strip() \
            and not _in_register(petition):
        # Sent on a number of its own (written when the answer was drafted): reprinted so.
        number_symbol, issued_on = answer.document_number.strip(), answer.document_date
    summary = SUMMARIES.get(petition.kind, SUMMARY)
    ctx = {
        **agency_header(agency),
        "number_symbol": number_symbol,
        "number_line": f"Số: {number_symbol}",
        "date_line": decree30.date_line(agency.place_name, issued_on, year=year),
        "summary": " ".join(summary),
        "summary_lines": list(summary),
        # One petitioner on the line of "Kính gửi:"; several one per line under it.
        "addressee": "" if several else (lines[0] if lines else f"{ADDRESS} {gap}"),
        "addressees": ([f"- {line}" + ("." if i == len(lines) - 1 else ";")
                        for i, line in enumerate(lines)] if several else []),
        "opening": opening,
        "lead": lead,
        "answer": [sentence(line) for line in (answer.text if answer else "").splitlines()
                   if line.strip()] or [gap],
        "closing": decree30.with_ending(f"{issuer} trả lời để {you} được biết"),
        "recipients": decree30.recipients(
            ["Như trên", *([unit.name] if unit is not None else [])],
            keep_unit=office_short_name(agency)),
        "signature_lines": chair_signature_lines(person),
        "signer_name": person.full_name.strip() if person is not None else "",
    }
    return nfc_all(ctx)


def numbered_elsewhere(petition) -> str | None:
    answer = current_answer(petition)
    if answer is not None and answer.document_number.strip():
        return _("Đã trả lời bằng văn bản số %(number)s ngày %(date)s (ghi khi soạn trả lời): "
                 "bản .docx ở đây chỉ để xem, in lại.") % {
            "number": answer.document_number, "date": dmy(answer.document_date)}
    return None


# --- the layout ----------------------------------------------------------------------------

# "Kính gửi:" indented; the dashes of several addressees aligned under its colon ("Kính
# gửi:" is about 19 mm wide at 14 pt Times New Roman), a wrapped line under the name.
GREETING_LEFT_MM = 25
ITEM_LEFT_MM = GREETING_LEFT_MM + 18
DASH_MM = 3


def layout():
    doc = b.new_document()
    letter_header(doc)
    b.tag(doc, "{%p if addressee %}")
    b.paragraph(doc, "Kính gửi: {{ addressee }}", size=14, align=WD_ALIGN_PARAGRAPH.CENTER,
                first_line=None, before=18, after=Pt(6), line=None)
    b.tag(doc, "{%p else %}")
    b.paragraph(doc, "Kính gửi:", size=14, align=WD_ALIGN_PARAGRAPH.LEFT, first_line=None,
                before=18, after=Pt(0), line=None, keep_next=True, left=Mm(GREETING_LEFT_MM))
    b.loop(doc, "{%p for line in addressees %}", "{{ line }}", "{%p endfor %}", size=14,
           align=WD_ALIGN_PARAGRAPH.LEFT, first_line=Mm(-DASH_MM), after=Pt(0), line=None,
           left=Mm(ITEM_LEFT_MM + DASH_MM))
    b.paragraph(doc, "", size=6, first_line=None, after=Pt(6), line=None)
    b.tag(doc, "{%p endif %}")

    b.body(doc, "{{ opening }}")
    b.body(doc, "{{ lead }}")
    b.loop(doc, "{%p for line in answer %}", "{{ line }}", "{%p endfor %}")
    b.body(doc, "{{ closing }}")
    b.signature_block(doc)
    return doc


KIND = DocumentKind(
    code="cong-van-tra-loi", label="Công văn trả lời ý kiến, kiến nghị", abbreviation="",
    source="petitions.petition", template="cong-van-tra-loi.docx",
    context=context, required=missing, layout=layout, refusal=numbered_elsewhere)
