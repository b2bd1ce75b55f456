"""The minutes (Biên bản hội nghị đối thoại, BB) of a conference, from its
record: time and place, who chaired, the secretary, who was invited and how many came (the
check-in at the door), the programme, each opinion heard with the answer given or the unit
assigned, those registered to speak and not heard with what became of them (a confidential
one by his registration number only), the chair's conclusion, and the signatures of the
secretary and the chair (Decree 30/2020, Appendix III, form 1.6).

A biên bản is signed by the secretary and the chair in their own names, side by side ("THƯ
KÝ" left, "CHỦ TRÌ" right, no "TM."); its recipients ("Nơi nhận") come below the signatures,
on the left, as the form has them.
"""

from __future__ import annotations

import datetime as dt

from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Mm, Pt

from doithoai.core import decree30
from doithoai.core.decree30 import MISSING
from doithoai.core.redaction import mask_names
from doithoai.core.text import fold, sentence, sentences
from doithoai.dialogues.choices import Mode
from doithoai.dialogues.models import Conference, Delegate, ParticipantGroup
from doithoai.dialogues.selectors import conferences
from doithoai.documents.drawing import conference_text as ct
from doithoai.documents.drawing import word as b
from doithoai.documents.drawing.context import nfc_all
from doithoai.documents.kinds import Kind
from doithoai.live.models import Minutes, Session
from doithoai.live.selectors.minutes import (
    Speaker,
    confidential_names,
    full_conclusion,
    official,
    registrants,
    speakers,
)

# The invited, as the minutes group them: the commune's side, then the villages with their
# citizens' representatives, then other guests.
SIDES = (("commune", ct.SIDE_LABELS["commune"]),
         ("village", "Đại biểu thôn và đại diện Nhân dân"),
         ("extra", ct.SIDE_LABELS["extra"]))


# --- the record ----------------------------------------------------------------------------

def ended_at(conference: Conference) -> dt.time | None:
    """When the session closed in the live room (None: not recorded, the minutes leave the
    time blank)."""
    from django.utils import timezone


    closed = (Session.objects.filter(conference=conference).values_list("closed_at", flat=True)
              .first())
    return timezone.localtime(closed).time() if closed else None


# --- the composition ------------------------------------------------------------------------

def _label(group: ParticipantGroup | None, delegate: Delegate) -> str:
    if group is None:
        return (delegate.position or delegate.full_name or ct.SIDE_LABELS.get(delegate.side, "")
                ).strip()
    label = group.label.strip().rstrip(" ;.")
    head, sep, rest = label.partition(":")
    # "Chủ trì: Chủ tịch, các Phó Chủ tịch UBND xã" — the chair is named above.
    return rest.strip() if sep and fold(head).startswith("chu tri") and rest.strip() else label


def invited(conference: Conference) -> list[dict]:
    """The invited by side ("a) Đại biểu xã"…), each group "- label (12 người);" from the
    delegates (who was invited), in the plan's order; the side's last item ends with "."."""
    sides: dict[str, dict[str, int]] = {side: {} for side, _label_text in SIDES}
    delegates = (conference.delegates.select_related("group")
                 .order_by("group__order", "group__pk", "pk"))
    for d in delegates:
        side = "village" if d.side == "citizen" else d.side
        label = _label(d.group, d)
        if label:
            counts = sides.setdefault(side, {})
            counts[label] = counts.get(label, 0) + 1
    result = []
    for side, heading in SIDES:
        counts = sides.get(side) or {}
        items = [label + (f" ({decree30.number_text(n)} người)" if n > 1 else "")
                 for label, n in counts.items()]
        if not items:
            continue
        items = [f"- {item}" + ("." if i == len(items) - 1 else ";")
                 for i, item in enumerate(items)]
        result.append({"letter": ct.LETTERS[len(result)], "label": heading, "entries": items})
    return result


def attendance_text(conference: Conference) -> str:
    checked = conferences.checked_in_count(conference)
    if checked:
        return f"{decree30.number_text(checked)} người (theo danh sách điểm danh)."
    if conference.attendance:
        return f"{decree30.number_text(conference.attendance)} người."
    return f"{MISSING} người."


def composition(conference: Conference) -> list[dict]:
    """The numbered lines of "I. THÀNH PHẦN" before the list of the invited."""
    lines = [("Chủ trì", official(conference.chair, MISSING))]
    if conference.co_chair_id:
        lines.append(("Đồng chủ trì", official(conference.co_chair, MISSING)))
    lines.append(("Thư ký", official(conference.secretary, MISSING)))
    return [{"label": f"{i}. {label}: ", "text": sentence(text)} for i, (label, text) in
            enumerate(lines, 1)]


# --- the document -------------------------------------------------------------------------

def _time_line(conference: Conference) -> str:
    """"Vào hồi 08 giờ 00 phút, thứ Sáu, ngày 12 tháng 6 năm 2026."; gaps left blank."""
    at = (ct.time_text(conference.starts_at) if conference.starts_at
          else f"{MISSING} giờ {MISSING} phút")
    day = (ct.day_text(conference.held_on) if conference.held_on
           else f"ngày {MISSING} tháng {MISSING} năm {MISSING}")
    return f"Vào hồi {at}, {day}."


def _venue_line(conference: Conference) -> str:
    if conference.mode == Mode.ONLINE:
        return ct.mode_text(conference)
    venue = conference.venue.strip().rstrip(".") or MISSING
    if conference.mode == Mode.HYBRID:
        return f"{venue}, {ct.joined_online(conference)}."
    return f"{venue}."


def programme(conference: Conference) -> list[str]:
    """The programme as carried out: "- Tuyên bố lý do … (presenter);", the last with "."."""
    items = []
    for item in conference.agenda.all():
        text = item.title.strip().rstrip(".;")
        if item.presenter.strip():
            text += f" ({item.presenter.strip()})"
        items.append(text)
    return [f"- {text}" + ("." if i == len(items) - 1 else ";")
            for i, text in enumerate(items)]


def _numbered(entries: list[Speaker], start: int) -> list[dict]:
    return [{"number": start + i, "who": s.who, "text": s.text, "reply_label": s.reply_label,
             "reply": s.reply} for i, s in enumerate(entries)]


def closing(conference: Conference) -> str:
    end = ended_at(conference)
    at = ct.time_text(end) if end else f"{MISSING} giờ {MISSING}"
    return decree30.with_ending(
        f"Hội nghị kết thúc vào hồi {at} cùng ngày. Biên bản đã được thông qua tại hội nghị, "
        f"các thành viên dự họp nhất trí")


def missing(conference: Conference) -> list[str]:
    """What the minutes lack before they can be issued (Vietnamese field names)."""
    result = ct.held_missing(conference)
    if not conference.venue.strip() and conference.mode != Mode.ONLINE:
        result.append("địa điểm")
    if conference.chair is None or not conference.chair.full_name.strip():
        result.append("chủ trì")
    if conference.secretary is None or not conference.secretary.full_name.strip():
        result.append("thư ký")
    return result


def _live_minutes(conference: Conference):

    return Minutes.objects.filter(session__conference=conference).first()


def _conclusion(conference: Conference, live_minutes) -> str:
    """The conclusion as adopted; before adoption the minutes' draft (or the chair's
    conclusions on each matter), else what the conference page holds."""
    if live_minutes is None:
        return conference.conclusion
    if live_minutes.is_adopted:
        return live_minutes.content.get("conclusion", "")
    return full_conclusion(live_minutes.session, live_minutes)


def context(conference: Conference, *, number: int | None = None,
            issued_on: dt.date | None = None) -> dict:
    heard = speakers(conference)
    not_heard = registrants(conference)
    secret = confidential_names(conference)
    live_minutes = _live_minutes(conference)
    spoken = [s for s in heard if s.spoken]
    read = [s for s in heard if not s.spoken]
    header = ct.header_context(conference, "BB", number, issued_on)
    for key in ("signature_lines", "signer_name"):
        header.pop(key)
    chair = conference.chair
    chair_text = chair.name_and_position if chair is not None else ""
    invited_total = conference.delegates.count()
    lines = composition(conference)
    ctx = {
        **header,
        "type_name": "BIÊN BẢN",
        "title": conference.title.strip().rstrip("."),
        "time_line": _time_line(conference),
        "venue_line": _venue_line(conference),
        "composition": lines,
        "invited_label": f"{len(lines) + 1}. Đại biểu được mời: ",
        "invited_text": (f"{decree30.number_text(invited_total)} người, gồm:" if invited_total
                         else "Theo danh sách đại biểu được mời."),
        "invited": invited(conference),
        "attendance_label": f"{len(lines) + 2}. Tổng số đại biểu và Nhân dân dự: ",
        "attendance": attendance_text(conference),
        "programme_intro": "Hội nghị tiến hành theo chương trình sau:",
        "programme": programme(conference) or [MISSING],
        "opinions_intro": (
            f"Tại hội nghị có {decree30.number_text(len(spoken))} lượt ý kiến phát biểu của "
            f"Nhân dân. Nội dung ý kiến và ý kiến trả lời, giải quyết như sau:" if spoken else
            "Tại hội nghị không có ý kiến phát biểu của Nhân dân."),
        "spoken": _numbered(spoken, 1),
        "read_intro": (
            f"Các ý kiến, kiến nghị của Nhân dân gửi trước hội nghị "
            f"({decree30.number_text(len(read))} ý kiến), "
            f"được Thư ký đọc tại hội nghị, và ý kiến trả lời:" if read else ""),
        "read": _numbered(read, len(spoken) + 1),
        "not_heard_intro": (
            f"Những người đăng ký phát biểu nhưng chưa được trình bày tại hội nghị "
            f"({decree30.number_text(len(not_heard))} người) và kết quả:" if not_heard else ""),
        "not_heard": [{"who": r.who, "text": r.text, "outcome": r.outcome}
                      for r in not_heard],
        "conclusion_intro": (f"Đồng chí {chair_text}, chủ trì hội nghị kết luận:" if chair_text
                             else "Chủ trì hội nghị kết luận:"),
        # No confidential speaker named, even in the secretary's or the chair's words.
        "notes": sentences(mask_names(live_minutes.notes, unnamed=secret, addressed=False).text)
        if live_minutes else [],
        "conclusion": sentences(mask_names(_conclusion(conference, live_minutes), unnamed=secret,
                                         addressed=False).text)
        or [MISSING],
        "closing": closing(conference),
        "secretary_name": (conference.secretary.full_name.strip()
                           if conference.secretary is not None else ""),
        "chair_name": chair.full_name.strip() if chair is not None else "",
        "recipients": decree30.recipients(
            ["Thường trực Đảng ủy xã", "Thường trực HĐND xã", "Ủy ban MTTQ Việt Nam xã",
             "Chủ tịch, các Phó Chủ tịch UBND xã", "Lưu: VT, hồ sơ hội nghị"]),
    }
    return nfc_all(ctx)


# --- the layout ----------------------------------------------------------------------------

ROOM_TO_SIGN = 4  # empty lines between the role and the name


def _speaker(doc, item: str) -> None:
    """"1. Ông … (thôn …): <opinion>" — the speaker bold; then the answer or the chair's
    direction, "Trả lời: " bold; the two kept on one page."""
    p = b.paragraph(doc, "", size=b.BODY_SIZE, keep_next=True)
    b.run(p, f"{{{{ {item}.number }}}}. {{{{ {item}.who }}}}: ", bold=True)
    b.run(p, f"{{{{ {item}.text }}}}")
    p = b.paragraph(doc, "", size=b.BODY_SIZE)
    b.run(p, f"{{{{ {item}.reply_label }}}}", bold=True)
    b.run(p, f"{{{{ {item}.reply }}}}")


def _registrant(doc, item: str) -> None:
    """"- Ông … (thôn …): <what he registered for>" — the registrant bold; then what became
    of it; the two kept on one page."""
    p = b.paragraph(doc, "", size=b.BODY_SIZE, keep_next=True)
    b.run(p, f"- {{{{ {item}.who }}}}: ", bold=True)
    b.run(p, f"{{{{ {item}.text }}}}")
    b.paragraph(doc, f"{{{{ {item}.outcome }}}}", size=b.BODY_SIZE)


def _signatures(doc) -> None:
    """Two signature columns, then the recipients under the left one; all on one page, and
    the closing sentence goes with them."""
    doc.paragraphs[-1].paragraph_format.keep_with_next = True
    b.paragraph(doc, "", size=6, after=Pt(0), first_line=None, line=None, keep_next=True)
    half = b.TEXT_WIDTH_MM / 2
    table = b._fixed_table(doc, 2, [half, half])
    # A little room on either side so that two long names do not run into each other.
    centre = {"align": WD_ALIGN_PARAGRAPH.CENTER, "first_line": None, "after": Pt(0),
              "line": None, "keep_next": True, "left": Mm(2), "right": Mm(2)}
    for cell, role, name in ((table.cell(0, 0), "THƯ KÝ", "{{ secretary_name }}"),
                             (table.cell(0, 1), "CHỦ TRÌ", "{{ chair_name }}")):
        b.paragraph(cell, role, size=14, bold=True, **centre)
        for _ in range(ROOM_TO_SIGN):
            b.paragraph(cell, "", size=14, **centre)
        b.paragraph(cell, name, size=14, bold=True, **centre)
        b.paragraph(cell, "", size=12, **centre)  # a line before "Nơi nhận"
    left = table.cell(1, 0)
    plain = {"align": WD_ALIGN_PARAGRAPH.LEFT, "first_line": None, "after": Pt(0),
             "line": None}
    b.paragraph(left, "Nơi nhận:", size=12, bold=True, italic=True, keep_next=True, **plain)
    b.tag(left, "{%p for item in recipients %}")
    b.paragraph(left, "{{ item }}", size=11, **plain)
    b.tag(left, "{%p endfor %}")
    b.paragraph(table.cell(1, 1), "", size=11, **plain)
    for row in table.rows:
        row._tr.get_or_add_trPr().append(b.OxmlElement("w:cantSplit"))


def layout():
    """Time and place, I. the composition (chairs, secretary, the invited, how many came),
    II. the programme, every opinion heard with its answer or assignment, those registered
    and not heard with what became of them, III. the chair's conclusion, the closing sentence
    with "./.", the two signatures and the recipients."""
    doc = b.new_document()
    b.header_table(
        doc, parent="{{ header_parent }}",
        issuer_loop=("{%p for line in issuer_lines %}", "{{ line }}", "{%p endfor %}"),
        number="Số: {{ number_symbol }}", date="{{ date_line }}")
    b.title_block(doc, "BIÊN BẢN", "{{ title }}")
    b.lead_in(doc, "Thời gian: ", "{{ time_line }}")
    b.lead_in(doc, "Địa điểm: ", "{{ venue_line }}")

    b.heading(doc, "I. THÀNH PHẦN")
    b.tag(doc, "{%p for line in composition %}")
    b.lead_in(doc, "{{ line.label }}", "{{ line.text }}")
    b.tag(doc, "{%p endfor %}")
    b.lead_in(doc, "{{ invited_label }}", "{{ invited_text }}")
    b.tag(doc, "{%p for side in invited %}")
    b.body(doc, "{{ side.letter }}) {{ side.label }}:", keep_next=True)
    b.loop(doc, "{%p for item in side.entries %}", "{{ item }}", "{%p endfor %}")
    b.tag(doc, "{%p endfor %}")
    b.lead_in(doc, "{{ attendance_label }}", "{{ attendance }}")

    b.heading(doc, "II. NỘI DUNG HỘI NGHỊ")
    b.body(doc, "{{ programme_intro }}", keep_next=True)
    b.loop(doc, "{%p for line in programme %}", "{{ line }}", "{%p endfor %}")
    b.body(doc, "{{ opinions_intro }}", keep_next=True)
    b.tag(doc, "{%p for s in spoken %}")
    _speaker(doc, "s")
    b.tag(doc, "{%p endfor %}")
    b.tag(doc, "{%p if read %}")
    b.body(doc, "{{ read_intro }}", keep_next=True)
    b.tag(doc, "{%p for s in read %}")
    _speaker(doc, "s")
    b.tag(doc, "{%p endfor %}")
    b.tag(doc, "{%p endif %}")
    b.tag(doc, "{%p if not_heard %}")
    b.body(doc, "{{ not_heard_intro }}", keep_next=True)
    b.tag(doc, "{%p for r in not_heard %}")
    _registrant(doc, "r")
    b.tag(doc, "{%p endfor %}")
    b.tag(doc, "{%p endif %}")
    b.loop(doc, "{%p for line in notes %}", "{{ line }}", "{%p endfor %}")

    b.heading(doc, "III. KẾT LUẬN CỦA CHỦ TRÌ")
    b.body(doc, "{{ conclusion_intro }}", keep_next=True)
    b.loop(doc, "{%p for line in conclusion %}", "{{ line }}", "{%p endfor %}")
    b.body(doc, "{{ closing }}")
    _signatures(doc)
    return doc


KIND = Kind(
    code="bien-ban", label="Biên bản hội nghị đối thoại", abbreviation="BB",
    source="dialogues.conference", template="bien-ban.docx",
    context=context, required=missing, layout=layout)
