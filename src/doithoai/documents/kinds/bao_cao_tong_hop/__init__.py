"""The summary report of the opinions sent before a conference (Báo cáo tổng hợp
ý kiến, kiến nghị của Nhân dân trước hội nghị đối thoại, BC), read out at the conference: how
the opinions were collected, the figures (by kind, urgency, village and, in a table, by field),
then each opinion by field — a grouped issue once, with how many people raised it — with the
answer its unit has prepared, and what is proposed.

The opinions are the Front's summary (`village_opinions.front_report_data`) without those spoken
at the conference itself: they belong to the minutes and the conclusion notice, not to a report
made before. The table (`table(conference)`) is built from the same data as the text, for the
.docx and the .xlsx alike."""

from __future__ import annotations

import datetime as dt
from collections import Counter

from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt

from doithoai.core import decree30
from doithoai.core.petition_flow import ROUTED_AWAY_STATES, State
from doithoai.core.redaction import mask_names
from doithoai.core.text import lower_first, nfc, sentence
from doithoai.dialogues.choices import Mode
from doithoai.dialogues.models import Conference
from doithoai.dialogues.selectors import village_opinions
from doithoai.documents.drawing import conference_text as ct
from doithoai.documents.drawing import word as b
from doithoai.documents.drawing.context import nfc_all, office_short_name
from doithoai.documents.kinds import Kind as DocumentKind
from doithoai.documents.kinds.bao_cao_tong_hop.opinions import (
    Data,
    Entry,
    build_table,
    collect,
    table,
)
from doithoai.org.selectors import office_of
from doithoai.petitions.models import Channel, Kind, Urgency

# How the report names each channel an opinion came through ("- Qua …: 05 ý kiến;").
CHANNELS = {
    Channel.SURVEY_FORM: "Qua phiếu lấy ý kiến ở các thôn",
    Channel.FRONT_SUMMARY: "Qua Ủy ban MTTQ Việt Nam xã tổng hợp",
    Channel.OFFICE: "Gửi trực tiếp, bằng văn bản đến Văn phòng",
    Channel.ONLINE: "Gửi trực tuyến",
    Channel.HOTLINE: "Qua đường dây nóng",
    Channel.INSPECTORATE: "Do cơ quan thanh tra chuyển đến",
}
KIND_WORDS = {Kind.OPINION: "ý kiến, kiến nghị", Kind.REPORT: "phản ánh",
              Kind.COMPLAINT: "khiếu nại", Kind.DENUNCIATION: "tố cáo"}
URGENCY_WORDS = {Urgency.URGENT: "khẩn", Urgency.PRESSING: "cấp thiết", Urgency.NORMAL: "thường"}
NONE_YET = ("Đến thời điểm báo cáo, chưa nhận được ý kiến, kiến nghị nào của Nhân dân gửi "
            "trước hội nghị.")
NOTHING = "Không có nội dung ý kiến, kiến nghị để tổng hợp."
ANSWER_LABEL = "Trả lời/hướng giải quyết"
UNIT_LABEL = "Đơn vị chuẩn bị trả lời: "
WAY_LABEL = "Hướng giải quyết: "
PROCEDURE = ("Tiếp nhận, xử lý theo quy định của pháp luật về khiếu nại, tố cáo; kết quả "
             "thông báo cho người gửi.")


def _n(n: int) -> str:
    """A count as the text prints it: "07", "12", "500"; "0" for none."""
    return decree30.number_text(n) if n > 0 else "0"


# --- the text ------------------------------------------------------------------------------

def _summary_title(conference: Conference) -> str:
    title = lower_first(nfc(conference.title))  # NFD input would miss "hội nghị"
    if not title.startswith("hội nghị"):
        title = f"hội nghị {title}" if title else "hội nghị đối thoại"
    return title


def _when_where(conference: Conference) -> str:
    when = ct.when_text(conference)
    venue = conference.venue.strip().rstrip(".")
    if conference.mode == Mode.ONLINE:
        venue = "theo hình thức trực tuyến"
    elif venue:
        venue = f"tại {venue}"
    parts = [f"vào {when}" if when else "", venue]
    return ", ".join(p for p in parts if p)


def _opening(conference: Conference) -> str:
    agency = conference.agency
    plan = conference.plan
    if plan is not None and plan.number and plan.issued_on:
        head = (f"Thực hiện Kế hoạch số {plan.number} {decree30.date_text(plan.issued_on)} "
                f"của {ct.body_name(agency)} về {lower_first(plan.title)}")
    else:
        head = ("Thực hiện Điều 43 Luật Tổ chức chính quyền địa phương số 72/2025/QH15 về "
                "trao đổi, đối thoại giữa chính quyền địa phương cấp xã với Nhân dân")
    where = _when_where(conference)
    return (f"{head}; để chuẩn bị cho {_summary_title(conference)}"
            + (f" ({where})" if where else "")
            + ", Ủy ban nhân dân xã báo cáo tổng hợp ý kiến, kiến nghị của Nhân dân gửi trước "
              "hội nghị như sau:")


def _collection(data: Data, office_name: str) -> str:
    """How the opinions were collected."""
    return (f"{data.report.front_name} đã chỉ đạo Ban công tác Mặt trận các thôn phối hợp với "
            f"Trưởng thôn phát phiếu lấy ý kiến, tổng hợp, phân loại ý kiến, kiến nghị của Nhân "
            f"dân; {office_name} tiếp nhận các ý kiến gửi trực tiếp, bằng văn bản và gửi trực "
            f"tuyến.")


def _received(data: Data) -> str:
    """How many came in, and by when."""
    report = data.report
    if not data.petitions:
        return NONE_YET
    return (f"Tính đến {decree30.date_text(data.last_received)}, Ủy ban nhân dân xã đã tiếp "
            f"nhận {_n(report.total_petitions)} ý kiến, kiến nghị của "
            f"{_n(report.total_petitioners)} người, cụ thể:")


def _channels(data: Data) -> list[str]:
    counts = Counter(p.channel for p in data.petitions)
    items = [f"{label}: {_n(counts[c])} ý kiến" for c, label in CHANNELS.items() if counts[c]]
    others = sum(n for c, n in counts.items() if c not in CHANNELS)
    if others:
        items.append(f"Qua các hình thức khác: {_n(others)} ý kiến")
    return [f"- {text}" + ("." if i == len(items) - 1 else ";")
            for i, text in enumerate(items)]


def _villages(data: Data) -> str:
    report = data.report
    sent, missing = report.villages_sent, report.villages_missing
    covered = len(sent) + len(missing)
    if not covered:
        return ""
    text = f"Có {_n(len(sent))}/{_n(covered)} thôn đã gửi kết quả lấy ý kiến"
    if sent and missing:
        text += f" ({', '.join(sent)})"
    if report.villages_late:
        text += (f", trong đó {_n(len(report.villages_late))} thôn gửi sau thời hạn "
                 f"({', '.join(report.villages_late)})")
    if missing:
        text += f"; {_n(len(missing))} thôn chưa gửi: {', '.join(missing)}"
        due = village_opinions.opinions_due(data.conference)
        if due:
            text += f" (hạn gửi {decree30.date_text(due)})"
    return text + "."


def _listing(pairs: list[tuple[str, int]]) -> str:
    items = [f"{word}: {_n(n)}" for word, n in pairs if n]
    return "; ".join(items)


def _breakdown(data: Data) -> tuple[str, list[str]]:
    """The summary sentence and the lines by kind, urgency and village."""
    report = data.report
    kinds = Counter(data.kind_of(p) for p in data.petitions)
    urgencies = Counter(p.urgency for p in data.petitions)
    grouped = sum(1 for e in data.entries if e.item.is_issue)
    summary = (f"Tổng số {_n(report.total_petitions)} ý kiến, kiến nghị; sau khi gộp các ý kiến "
               f"trùng nội dung còn {_n(report.total_items)} nội dung"
               + (f" (trong đó {_n(grouped)} vấn đề được nhiều ý kiến cùng nêu)" if grouped
                  else "")
               + ", tổng hợp theo lĩnh vực tại mục II. Phân loại như sau:")
    lines = [
        "- Theo loại: " + _listing([(KIND_WORDS[k], kinds[k]) for k in Kind]) + ";",
        "- Theo mức độ: " + _listing([(URGENCY_WORDS[u], urgencies[u])
                                       for u in (Urgency.URGENT, Urgency.PRESSING,
                                                 Urgency.NORMAL)]) + ";",
        "- Theo thôn: " + "; ".join(_by_village(data)) + ";",
        "- Theo lĩnh vực: chi tiết tại bảng dưới đây.",
    ]
    return summary, lines


def _by_village(data: Data) -> list[str]:
    """"Thôn Nà Pàn: 03" each; complaints, denunciations and the opinions of those who asked
    not to be named apart, without their villages ("không nêu thôn (giữ bí mật người gửi):
    02"): a village's count beside the opinions listed in section II would tell where their
    sender lives."""
    secret = data.secret
    counts = Counter(p.village.name if p.village else village_opinions.NO_VILLAGE
                     for p in data.petitions if p.pk not in secret)
    items = [f"{name}: {_n(counts[name])}" for name, _n_all in data.report.by_village
             if counts[name]]
    if secret:
        items.append(f"không nêu thôn (giữ bí mật người gửi): {_n(len(secret))}")
    return items


def _escalated_to(entry: Entry) -> str:
    for p in entry.members:
        escalation = next(iter(p.escalations.all()), None)
        if escalation is not None:
            return escalation.receiving_agency
    return "cơ quan có thẩm quyền"


def _public(text: str, data: Data) -> str:
    """A text of the report with the names the product knows as initials, those never to be
    named as "một công dân", on one line."""
    return sentence(mask_names(" ".join(text.split()), data.names, unnamed=data.never_named).text)


def _shown(entry: Entry, data: Data) -> str:
    """The item as the report prints it: where it came from and how many raised it, then its
    content — an opinion kept from the public without its text, the village of someone who
    asked not to be named left out, the names the product knows as initials (the report is
    read out at the conference and sent to the Party committee, the People's Council and the
    Front). (Complaints and denunciations are counted per field by `_procedure`.)"""
    item = entry.item
    first = entry.members[0] if entry.members else None
    meta = []
    if item.is_issue:
        meta.append(f"{_n(item.petitions)} ý kiến cùng nội dung")
    meta.append(f"{_n(item.petitioners)} người")
    if first is not None and first.kind != Kind.OPINION:
        meta.append(KIND_WORDS[first.kind])
    if item.urgency_code != Urgency.NORMAL:
        meta.append(URGENCY_WORDS.get(item.urgency_code, item.urgency.lower()))
    if entry.private:
        text = "Một ý kiến không công khai nội dung theo đề nghị của người gửi."
    else:
        text = _public(item.text, data)
    where = "" if entry.unnamed else f"{', '.join(item.villages)} "
    return f"{where}({', '.join(meta)}): {text}"


def _answer(entry: Entry, data: Data) -> tuple[str, str]:
    """(label, text) of the line under an item: the prepared answer, or where it stands."""
    states = {p.state for p in entry.members}
    if entry.answer and not entry.private:
        return f"{ANSWER_LABEL} ({entry.unit}): ", _public(entry.answer, data)
    if entry.answer:
        return UNIT_LABEL, f"{entry.unit}; nội dung trả lời gửi riêng cho người gửi."
    if State.TRANSFERRED in states or entry.sensitive:
        return WAY_LABEL, PROCEDURE
    if State.ESCALATED in states:
        where = _escalated_to(entry)
        return WAY_LABEL, (f"Nội dung thuộc thẩm quyền của {where}; Ủy ban nhân dân xã đã "
                           f"chuyển đến {where} xem xét, giải quyết.")
    if State.NOT_ACCEPTED in states:
        return WAY_LABEL, ("Không thuộc thẩm quyền giải quyết của Ủy ban nhân dân xã; đã hướng "
                           "dẫn người gửi đến cơ quan có thẩm quyền.")
    if entry.unit:
        return UNIT_LABEL, f"{entry.unit}; chưa có nội dung trả lời."
    return UNIT_LABEL, "chưa phân công."


def _procedure(entries: list[Entry]) -> dict:
    """A field's complaints and denunciations as one item: how many of each, nothing of their
    content nor of who sent them; they follow their own procedure."""
    denunciations = sum(1 for e in entries if e.denunciation)
    complaints = len(entries) - denunciations
    parts = [f"{_n(n)} nội dung {word}" for word, n in (("khiếu nại", complaints),
                                                      ("tố cáo", denunciations)) if n]
    return {"text": " và ".join(parts) + " (không nêu nội dung và thông tin người gửi).",
            "label": WAY_LABEL, "answer": PROCEDURE}


def _sections(data: Data) -> list[dict]:
    result = []
    for number, (name, entries) in enumerate(data.fields, start=1):
        people = sum(len(e.members) for e in entries)
        items = []
        for entry in entries:
            if not entry.sensitive:
                label, answer = _answer(entry, data)
                items.append({"text": _shown(entry, data), "label": label,
                              "answer": answer})
        sensitive = [e for e in entries if e.sensitive]
        if sensitive:
            items.append(_procedure(sensitive))
        many = len(items) > len(ct.LETTERS)
        for i, item in enumerate(items):
            item["letter"] = "-" if many else f"{ct.LETTERS[i]})"
        result.append({"number": number, "heading": f"{name} ({_n(people)} ý kiến)",
                       "entries": items})
    return result


def _proposals(data: Data, office_name: str) -> list[str]:
    conference = data.conference
    agency = conference.agency
    entries = data.entries
    waiting = [e for e in entries if e.unit and not e.answer and not e.sensitive]
    unassigned = [e for e in entries if not e.unit and not e.sensitive
                  and not {p.state for p in e.members} & ROUTED_AWAY_STATES]
    lines = []
    if waiting:
        units = list(dict.fromkeys(e.unit for e in waiting))
        lines.append(f"Đề nghị {', '.join(units)} hoàn thiện nội dung trả lời "
                     f"{_n(len(waiting))} nội dung chưa có trả lời, gửi về "
                     f"{ct.body_name(agency)} (qua {office_name}) trước ngày tổ chức hội nghị.")
    if unassigned:
        lines.append(f"{office_name} tham mưu phân công đơn vị chuẩn bị trả lời "
                     f"{_n(len(unassigned))} nội dung chưa được phân công.")
    missing = data.report.villages_missing
    if missing and conference.state == Conference.State.PLANNED:
        lines.append(f"Đề nghị Trưởng thôn, Ban công tác Mặt trận các thôn chưa gửi ý kiến "
                     f"({', '.join(missing)}) khẩn trương tổng hợp, gửi về "
                     f"{ct.body_name(agency)} trước ngày tổ chức hội nghị.")
    if entries:
        lines.append(
            "Các cơ quan, đơn vị được giao trả lời trực tiếp tại hội nghị những nội dung thuộc "
            "thẩm quyền; những nội dung chưa trả lời được tại hội nghị, đề nghị Chủ trì hội nghị "
            "kết luận, giao cơ quan, đơn vị trả lời bằng văn bản cho công dân theo quy định.")
    lines += [
        f"Đề nghị {data.report.front_name} tiếp tục nắm tình hình, phản ánh kịp thời ý kiến "
        f"của Nhân dân; phối hợp giám sát việc giải quyết các ý kiến, kiến nghị sau hội nghị.",
    ]
    return [f"- {line.rstrip('.')}" + ("." if i == len(lines) - 1 else ";")
            for i, line in enumerate(lines)]


def missing(conference: Conference) -> list[str]:
    """What the report lacks before it can be issued (Vietnamese field names)."""
    result = []
    if conference.held_on is None:
        result.append("ngày tổ chức")
    if not conference.venue.strip() and conference.mode != Mode.ONLINE:
        result.append("địa điểm")
    return result + ct.signer_missing(conference)


def context(conference: Conference, *, number: int | None = None,
            issued_on: dt.date | None = None) -> dict:
    agency = conference.agency
    data = collect(conference)
    unit = office_of(agency)
    office_name = unit.name if unit else "Văn phòng"
    summary, breakdown = _breakdown(data) if data.petitions else ("", [])
    units = list(dict.fromkeys(e.unit for e in data.entries if e.unit))
    ctx = {
        **ct.header_context(conference, "BC", number, issued_on),
        "type_name": "BÁO CÁO",
        "title": "Tổng hợp ý kiến, kiến nghị của Nhân dân trước "
                 + _summary_title(conference),
        "opening": _opening(conference),
        "collection": _collection(data, office_name),
        "received": _received(data),
        "channels": _channels(data),
        "villages": _villages(data),
        "has_opinions": bool(data.petitions),
        "summary": summary,
        "breakdown": breakdown,
        "table": build_table(data).as_context(),
        "fields": _sections(data),
        "no_opinions": NOTHING,
        "proposals": _proposals(data, office_name),
        "closing": decree30.with_ending(
            f"Trên đây là báo cáo tổng hợp ý kiến, kiến nghị của Nhân dân trước "
            f"{_summary_title(conference)}, {ct.body_name(agency)} báo cáo Thường trực Đảng ủy, "
            f"Thường trực HĐND xã và trình bày tại hội nghị"),
        "recipients": decree30.recipients(
            ["Thường trực Đảng ủy xã", "Thường trực HĐND xã", "Ủy ban MTTQ Việt Nam xã",
             "Chủ tịch, các Phó Chủ tịch UBND xã", *units],
            keep_unit=office_short_name(agency)),
        "opinions": data.report.total_petitions,
    }
    return nfc_all(ctx)


# --- the layout ----------------------------------------------------------------------------

# STT, field, then six counts: 165 mm, the width of the text.
TABLE_WIDTHS_MM = [11, 46, 18, 18, 18, 18, 18, 18]


def _table(doc) -> None:
    """The figures by field: its title centred above, the table, a little room after."""
    b.paragraph(doc, "{{ table.title }}", size=13, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER,
                first_line=None, keep_next=True)
    width = len(TABLE_WIDTHS_MM)
    b.data_table(doc, widths_mm=TABLE_WIDTHS_MM,
                 header=[f"{{{{ table.header[{i}] }}}}" for i in range(width)],
                 source="table.rows", total="table.total",
                 numeric=tuple(range(2, width)), centred=(0,))
    b.paragraph(doc, "", size=6, after=Pt(6), first_line=None)


def layout():
    """The opening, I. how the opinions came in and their figures with the table by field,
    II. each opinion by field with its prepared answer, III. proposals, "./."."""
    doc = b.new_document()
    b.header_table(
        doc, parent="{{ header_parent }}",
        issuer_loop=("{%p for line in issuer_lines %}", "{{ line }}", "{%p endfor %}"),
        number="Số: {{ number_symbol }}", date="{{ date_line }}")
    b.title_block(doc, "BÁO CÁO", "{{ title }}")
    b.body(doc, "{{ opening }}")

    b.heading(doc, "I. KẾT QUẢ TIẾP NHẬN Ý KIẾN, KIẾN NGHỊ")
    b.heading(doc, "1. Tình hình tiếp nhận")
    b.body(doc, "{{ collection }}")
    b.tag(doc, "{%p if villages %}")
    b.body(doc, "{{ villages }}")
    b.tag(doc, "{%p endif %}")
    b.body(doc, "{{ received }}")
    b.loop(doc, "{%p for line in channels %}", "{{ line }}", "{%p endfor %}")
    b.tag(doc, "{%p if has_opinions %}")
    b.heading(doc, "2. Phân loại ý kiến, kiến nghị")
    b.body(doc, "{{ summary }}")
    b.loop(doc, "{%p for line in breakdown %}", "{{ line }}", "{%p endfor %}")
    _table(doc)
    b.tag(doc, "{%p endif %}")

    b.heading(doc, "II. NỘI DUNG Ý KIẾN, KIẾN NGHỊ")
    b.tag(doc, "{%p if fields %}")
    b.tag(doc, "{%p for section in fields %}")
    b.heading(doc, "{{ section.number }}. {{ section.heading }}")
    b.tag(doc, "{%p for entry in section.entries %}")
    b.body(doc, "{{ entry.letter }} {{ entry.text }}", keep_next=True)
    b.lead_in(doc, "{{ entry.label }}", "{{ entry.answer }}")
    b.tag(doc, "{%p endfor %}")
    b.tag(doc, "{%p endfor %}")
    b.tag(doc, "{%p else %}")
    b.body(doc, "{{ no_opinions }}")
    b.tag(doc, "{%p endif %}")

    b.heading(doc, "III. ĐỀ XUẤT, KIẾN NGHỊ")
    b.loop(doc, "{%p for line in proposals %}", "{{ line }}", "{%p endfor %}")
    b.body(doc, "{{ closing }}")
    b.signature_block(doc)
    return doc


KIND = DocumentKind(
    code="bao-cao-tong-hop",
    label="Báo cáo tổng hợp ý kiến, kiến nghị của Nhân dân trước hội nghị đối thoại",
    abbreviation="BC", source="dialogues.conference", template="bao-cao-tong-hop.docx",
    context=context, required=missing, layout=layout, table=table)
