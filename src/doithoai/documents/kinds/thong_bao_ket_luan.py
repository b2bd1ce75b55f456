"""The conclusion notice (Thông báo kết luận, TB) of a conference: the general
conclusion, then each opinion raised (the petitions of one Issue together), grouped by field,
with what was concluded — the answer given on the spot, or the unit assigned and its due date
— and who follows it up: its context and layout.

The notice is published: every text in it is its public copy (the names the product knows —
petitioners, co-petitioners, registrants — and "ông X", "bà Y" as initials; a denouncer and
a speaker who asked not to be named as "một công dân"). A denunciation
(by its kind, or by the words of the opinion or of the speaker's topic) is one generic entry:
neither the citizen's words, nor the accused's post, nor the village; a confidential speaker's
opinion is printed without its village."""

from __future__ import annotations

import datetime as dt

from django.utils.translation import gettext as _

from doithoai.core import dates, decree30
from doithoai.core.petition_flow import State, on_its_procedure
from doithoai.core.redaction import mask_names
from doithoai.core.text import lower_first, sentence, sentences
from doithoai.dialogues import conclusions, confidential
from doithoai.dialogues.models import Conference
from doithoai.documents.drawing import conference_text as ct
from doithoai.documents.drawing import word as b
from doithoai.documents.drawing.context import dmy, nfc_all, office_short_name
from doithoai.documents.kinds import Kind
from doithoai.org.selectors import office_of
from doithoai.petitions.models import Petition
from doithoai.petitions.selectors.petitions import answer_on_the_spot

# Petitions that left the dialogue track: named, with where they went, not concluded here.
NO_FIELD = "Các nội dung khác"
DENUNCIATION_TEXT = "Một nội dung tố cáo (không nêu thông tin người tố cáo)."
DENUNCIATION_OUTCOME = ("Được tiếp nhận, xử lý theo quy định của pháp luật về tố cáo; thông tin "
                        "người tố cáo được giữ bí mật.")


def _date(day: dt.date | None) -> str:
    return dates.day(day) or decree30.MISSING


def _public(text: str, known: confidential.Known) -> str:
    """The names the product knows as initials, those never to be named as "một công dân"."""
    return mask_names(text, known.names, unnamed=known.secret).text


def _outcome(group: list[Petition], known: confidential.Known) -> str:
    """What the notice concludes for one opinion (or one issue's petitions), as its public
    copy: the names in it as initials — not the official who answered ("Bà Lý Thị Dương,
    Chủ tịch UBND xã" answers in office; the notice names the chair in full too)."""
    first = group[0]
    answer = next((a for a in map(answer_on_the_spot, group) if a is not None), None)
    if answer is not None:
        by = f" ({answer.answered_by.strip()})" if answer.answered_by.strip() else ""
        return (f"Đã trả lời tại hội nghị{by}: "
                f"{_public(sentence(answer.text), known)}")
    if first.state == State.ESCALATED:
        escalation = first.escalations.order_by("-pk").first()
        where = escalation.receiving_agency if escalation else "cơ quan có thẩm quyền"
        return (f"Nội dung thuộc thẩm quyền của {where}; Ủy ban nhân dân xã chuyển đến "
                f"{where} xem xét, giải quyết và thông báo kết quả cho công dân.")
    if on_its_procedure(first.kind, first.state):
        return ("Nội dung là khiếu nại, tố cáo: được tiếp nhận, xử lý theo quy định của pháp "
                "luật về khiếu nại, tố cáo.")
    unit = next((p.unit for p in group if p.unit_id), None)
    due = max((p.due_date for p in group if p.due_date), default=None)
    if unit is None:
        return (f"Văn phòng phân công đơn vị xem xét, giải quyết và trả lời bằng văn bản; "
                f"thời hạn: trước ngày {_date(due)}.")
    return (f"Giao {unit.name} xem xét, giải quyết và trả lời bằng văn bản cho công dân; "
            f"thời hạn: trước ngày {_date(due)}.")


def _shown(petition: Petition) -> str:
    """The opinion as the notice prints it. A complaint or denunciation sent to its own
    procedure, or an opinion kept from the public, is named without its text (a denouncer's
    identity is confidential)."""
    if on_its_procedure(petition.kind, petition.state):
        return "Một nội dung khiếu nại, tố cáo (không nêu thông tin người gửi)"
    if petition.hide_from_public:
        return "Một ý kiến không công khai nội dung theo đề nghị của người gửi"
    return petition.text.strip()


def items(conference: Conference) -> list[dict]:
    """By field (in the field's order): {"number", "field", "entries": [{"letter", "text",
    "outcome"}]}; one entry per Issue (its petitions counted) or per petition."""
    petitions = list(Petition.objects.filter(conference=conference)
                     .select_related("field", "village", "unit", "issue")
                     .prefetch_related("answers", "petitioners")
                     .order_by("field__order", "field__name", "pk"))
    known = confidential.of(conference, petitions)
    fields: dict[object, dict] = {}
    groups: dict[object, list[Petition]] = {}
    for p in petitions:
        key = ("issue", p.issue_id) if p.issue_id else ("one", p.pk)
        if key not in groups:
            groups[key] = []
            name = p.field.name if p.field_id else NO_FIELD
            fields.setdefault(name, {"field": name, "groups": []})["groups"].append(
                groups[key])
        groups[key].append(p)
    result = []
    for section in fields.values():
        entries = []
        many = len(section["groups"]) > len(ct.LETTERS)
        for i, group in enumerate(section["groups"]):
            first = group[0]
            letter = "-" if many else f"{ct.LETTERS[i]})"
            if any(confidential.is_denunciation(p, known) for p in group):
                entries.append({"letter": letter, "text": DENUNCIATION_TEXT,
                                "outcome": DENUNCIATION_OUTCOME})
                continue
            # Where a complaint, an opinion kept from the public or a confidential speaker
            # came from is not told either.
            placeless = any(p.pk in known.unnamed or on_its_procedure(p.kind, p.state)
                            or p.hide_from_public for p in group)
            villages = [] if placeless else sorted({p.village.name for p in group
                                                    if p.village_id})
            where = (f" ({', '.join(villages)})" if villages else "")
            if first.issue_id:
                text = (f"{first.issue.title.strip().rstrip('.')}{where}: "
                        f"{decree30.number_text(len(group))} ý kiến cùng nội dung.")
            else:
                text = f"{villages[0] + ': ' if villages else ''}{sentence(_shown(first))}"
            entries.append({"letter": letter, "text": _public(text, known),
                            "outcome": _outcome(group, known)})
        result.append({"number": len(result) + 1, "field": section["field"],
                       "entries": entries})
    return result


def missing(conference: Conference) -> list[str]:
    result = ct.held_missing(conference)
    if not conclusions.draft(conference):
        result.append("nội dung kết luận")
    return result + ct.signer_missing(conference)


def context(conference: Conference, *, number: int | None = None,
            issued_on: dt.date | None = None) -> dict:
    agency = conference.agency
    gap = decree30.MISSING
    when = ct.day_text(conference.held_on) if conference.held_on else gap
    venue = conference.venue.strip().rstrip(".") or gap
    chair = conference.chair
    chair_text = (f", do đồng chí {chair.full_name.strip()}"
                  + (f", {chair.position.strip()}" if chair.position.strip() else "")
                  + " chủ trì") if chair is not None else ""
    attendance = (f" Tham dự hội nghị có {conference.attendance} đại biểu và Nhân dân."
                  if conference.attendance else "")
    opening = (f"Vào {when}, tại {venue}, {ct.body_name(agency)} tổ chức "
               f"{lower_first(conference.title)}{chair_text}.{attendance}")
    sections = items(conference)
    known = confidential.of(conference)
    unit = office_of(agency)
    office_name = unit.name if unit else "Văn phòng"
    assigned = sorted({entry for entry in (
        p.unit.name for p in Petition.objects.filter(conference=conference, unit__isnull=False)
        .select_related("unit"))})
    ctx = {
        **ct.header_context(conference, "TB", number, issued_on),
        "title": "Kết luận " + lower_first(conference.title),
        "opening": opening + " Sau khi nghe ý kiến, kiến nghị của Nhân dân và ý kiến trả lời "
                             "của các cơ quan, đơn vị, Chủ trì hội nghị kết luận như sau:",
        "outcome": sentences(_public(conference.outcome, known)),
        "conclusion": sentences(_public(conclusions.draft(conference), known)) or [gap],
        "fields": sections,
        "follow_up": [
            f"Các cơ quan, đơn vị được giao trả lời bằng văn bản cho công dân đúng thời hạn, "
            f"đồng thời gửi về {ct.body_name(agency)} (qua {office_name}) để tổng hợp, báo cáo.",
            f"{office_name} theo dõi, đôn đốc việc thực hiện; công khai kết quả giải quyết "
            f"trên Trang thông tin điện tử xã, niêm yết tại trụ sở và gửi Trưởng các thôn."],
        "closing": decree30.with_ending(
            f"{ct.body_name(agency)} thông báo để các cơ quan, đơn vị, các thôn và Nhân dân được "
            f"biết, thực hiện"),
        "recipients": decree30.recipients(
            ["Thường trực Đảng ủy xã", "Thường trực HĐND xã", "Ủy ban MTTQ Việt Nam xã",
             "Chủ tịch, các Phó Chủ tịch UBND xã", *assigned, "Trưởng các thôn",
             "Đài truyền thanh xã", "Trang thông tin điện tử xã"],
            keep_unit=office_short_name(agency)),
        "petitions": sum(len(s["entries"]) for s in sections),
    }
    return nfc_all(ctx)


def numbered_elsewhere(conference) -> str | None:
    if conference.conclusion_number:
        return _("Thông báo kết luận đã ban hành ngoài sổ với số %(number)s ngày %(date)s: bản "
                 ".docx ở đây chỉ để xem, in lại.") % {
            "number": conference.conclusion_number, "date": dmy(conference.concluded_on)}
    return None


# --- the layout ----------------------------------------------------------------------------


def layout():
    """The opening (when, where, who chaired), the outcome, the general conclusion, then each
    opinion by field with what was concluded (answered on the spot, or the unit assigned and
    its due date), the follow-up, "./."."""
    doc = b.new_document()
    ct.header_and_title(doc)
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


KIND = Kind(
    code="thong-bao-ket-luan", label="Thông báo kết luận hội nghị đối thoại",
    abbreviation="TB", source="dialogues.conference", template="thong-bao-ket-luan.docx",
    context=context, required=missing, layout=layout, refusal=numbered_elsewhere)
