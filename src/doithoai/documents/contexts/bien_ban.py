"""The context of the minutes (Biên bản hội nghị đối thoại, BB) of a conference, from its
record: time and place, who chaired, the secretary, who was invited and how many came (the
check-in at the door), the programme, each opinion heard with the answer given or the unit
assigned, the chair's conclusion, and the signatures of the secretary and the chair
(Decree 30/2020, Appendix III, form 1.6)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from doithoai.core import decree30
from doithoai.core.petition_flow import State
from doithoai.core.text import fold
from doithoai.dialogues.models import Conference, Delegate, Mode, ParticipantGroup
from doithoai.dialogues.selectors import conferences
from doithoai.documents.contexts import nfc_all
from doithoai.documents.contexts import thong_bao as tb
from doithoai.documents.contexts import thong_bao_ket_luan as conclusion
from doithoai.documents.contexts.plan import SIDE_LABELS
from doithoai.petitions.models import Channel, Petition

GAP = decree30.MISSING
SENSITIVE = ("Nêu nội dung khiếu nại, tố cáo (nội dung và thông tin người gửi không ghi vào "
             "biên bản).")
# Words that open a village's name and are written in lower case inside a sentence.
PLACE_WORDS = ("Thôn", "Bản", "Xóm", "Tổ", "Khu", "Ấp", "Khối", "Làng", "Buôn", "Khóm")
# The invited, as the minutes group them: the commune's side, then the villages with their
# citizens' representatives, then other guests.
SIDES = (("commune", SIDE_LABELS["commune"]),
         ("village", "Đại biểu thôn và đại diện Nhân dân"),
         ("extra", SIDE_LABELS["extra"]))


@dataclass(frozen=True)
class Speaker:
    """One opinion heard at the conference, as the minutes record it."""

    who: str  # "Ông Hà Văn Khiêm (thôn Bản Chặng)"
    text: str  # what was said (or why it is not written here)
    reply_label: str  # "Trả lời: " before the answer, "" before the chair's direction
    reply: str
    spoken: bool  # spoken in the hall (else sent before and read at the conference)


# --- the speakers ------------------------------------------------------------------------------

def _village_text(name: str) -> str:
    """"Thôn Bản Chặng" inside a sentence: "thôn Bản Chặng"."""
    name = name.strip()
    first = name.split(" ", 1)[0]
    return name[:1].lower() + name[1:] if first in PLACE_WORDS else name


def _title(full_name: str) -> str:
    """"Ông" or "Bà" from the middle name (Văn, Thị) when it tells; else "Ông (bà)"."""
    middle = [fold(word) for word in full_name.split()[1:-1]]
    if "thi" in middle:
        return "Bà"
    if "van" in middle:
        return "Ông"
    return "Ông (bà)"


def _who(petition: Petition) -> str:
    village = petition.village.name if petition.village_id else ""
    if petition.is_sensitive or petition.state == State.TRANSFERRED:
        return "Một công dân"  # neither name nor village: the sender stays confidential
    people = [p for p in petition.petitioners.all() if p.full_name.strip()]
    named = [p for p in people if not p.anonymous_to_public]
    if not village:
        village = next((p.village.name for p in people if p.village_id), "")
    where = f" ({_village_text(village)})" if village else ""
    if named:
        names = [f"{_title(p.full_name)} {p.full_name.strip()}" for p in named]
        names[1:] = [name[:1].lower() + name[1:] for name in names[1:]]
        return ", ".join(names) + where
    if people:
        return "Một công dân" + where
    return f"Ý kiến của Nhân dân {_village_text(village)}" if village else "Ý kiến của Nhân dân"


def _first_due(petition: Petition) -> dt.date | None:
    """The deadline set at the conference: before any later extension."""
    first = min(petition.extensions.all(), key=lambda e: e.pk, default=None)
    return first.old_due_date if first is not None and first.old_due_date else petition.due_date


def _before(day: dt.date | None) -> str:
    return f" trước {decree30.date_text(day)}" if day else ""


def _reply(petition: Petition, conference: Conference, office_name: str) -> tuple[str, str]:
    """(label, text): the answer given in the hall, or what the chair decided."""
    if petition.is_sensitive or petition.state == State.TRANSFERRED:
        return "", ("Chủ trì tiếp nhận, chuyển giải quyết theo quy định của pháp luật về khiếu "
                    "nại, tố cáo.")
    answer = conclusion._answer_on_the_spot(petition)
    if answer is not None:
        by = answer.answered_by.strip().rstrip(":") or _official(conference.chair, "Chủ trì")
        if petition.hide_from_public:  # the answer would tell what the opinion kept back
            return "Trả lời: ", f"{by} đã trả lời trực tiếp tại hội nghị."
        return "Trả lời: ", f"{by}: {tb.sentence(answer.text)}"
    escalation = min(petition.escalations.all(), key=lambda e: e.pk, default=None)
    if escalation is not None:
        return "", (f"Chủ trì tiếp thu; Ủy ban nhân dân xã chuyển ý kiến đến "
                    f"{escalation.receiving_agency.strip()} xem xét, giải quyết theo thẩm quyền.")
    if petition.state == State.NOT_ACCEPTED:
        note = petition.public_note.strip()
        return "", ("Chủ trì giải thích: nội dung không thuộc phạm vi giải quyết của Ủy ban nhân "
                    "dân xã" + (f"; {tb.lower_first(note)}." if note else "."))
    due = _before(_first_due(petition))
    if petition.unit_id:
        return "", (f"Chủ trì giao {petition.unit.name} xem xét, giải quyết, trả lời bằng văn "
                    f"bản cho công dân{due}.")
    return "", (f"Chủ trì tiếp thu, giao {office_name} phân công đơn vị xem xét, giải quyết, "
                f"trả lời bằng văn bản cho công dân{due}.")


def _shown(petition: Petition) -> str:
    if petition.is_sensitive or petition.state == State.TRANSFERRED:
        return SENSITIVE
    return tb.sentence(conclusion._shown(petition))


def speakers(conference: Conference) -> list[Speaker]:
    """Everyone heard at the conference, in the order the minutes list them.

    Today the record is the conference's petitions: those spoken in the hall (channel
    "Phát biểu tại hội nghị") in the order received, then those sent before and read at the
    conference. The live room (issue 6) keeps a speaker queue with each speaker's record;
    that record will feed this function, and the minutes read it from here only."""
    unit = tb.office(conference.agency)
    office_name = unit.name if unit else "Văn phòng Ủy ban nhân dân xã"
    from doithoai.live import minutes

    adopted = minutes.adopted(conference)
    if adopted is not None:  # what was read and adopted in the hall, whatever came after
        return [Speaker(**entry) for entry in adopted.content.get("speakers", [])]
    heard = _heard_in_the_live_room(conference, office_name)
    if heard is not None:
        return heard
    petitions = (Petition.objects.filter(conference=conference)
                 .select_related("village", "unit")
                 .prefetch_related("petitioners__village", "answers", "escalations",
                                   "extensions")
                 .order_by("received_on", "created_at", "pk"))
    result = []
    for petition in petitions:
        label, reply = _reply(petition, conference, office_name)
        result.append(Speaker(who=_who(petition), text=_shown(petition), reply_label=label,
                              reply=reply, spoken=petition.channel == Channel.CONFERENCE))
    return [s for s in result if s.spoken] + [s for s in result if not s.spoken]


def _heard_in_the_live_room(conference: Conference, office_name: str) -> list[Speaker] | None:
    """Those who had the floor in the live room, in the order they were called, each with
    what became of the opinion; None when the conference was not run in the live room."""
    from doithoai.live.models import Registration

    rows = list(Registration.objects.filter(
        session__conference=conference,
        state__in=(Registration.State.SPEAKING, Registration.State.DONE))
        .select_related("village", "petition__village", "petition__unit")
        .prefetch_related("petition__petitioners__village", "petition__answers",
                          "petition__escalations", "petition__extensions")
        .order_by("called_at", "number"))
    if not rows:
        return None
    result = []
    for row in rows:
        petition = row.petition
        if petition is None:  # heard, nothing recorded yet: the topic the speaker gave
            where = f" ({_village_text(row.village.name)})" if row.village_id else ""
            result.append(Speaker(
                who=f"{_title(row.full_name)} {row.full_name.strip()}{where}",
                text=tb.sentence(row.topic) or decree30.MISSING, reply_label="", reply="",
                spoken=True))
            continue
        label, reply = _reply(petition, conference, office_name)
        if row.conclusion.strip():
            reply = f"{reply} Chủ trì kết luận: {tb.sentence(row.conclusion)}".strip()
        # An opinion sent before and presented by its sender at the chair's invitation was
        # heard in the hall like any other, in its turn.
        result.append(Speaker(who=_who(petition), text=_shown(petition), reply_label=label,
                              reply=reply, spoken=True))
    return result


def ended_at(conference: Conference) -> dt.time | None:
    """When the session closed in the live room (None: not recorded, the minutes leave the
    time blank)."""
    from django.utils import timezone

    from doithoai.live.models import Session

    closed = (Session.objects.filter(conference=conference).values_list("closed_at", flat=True)
              .first())
    return timezone.localtime(closed).time() if closed else None


# --- the composition ------------------------------------------------------------------------

def _person(person) -> str:
    """"Bà Lý Thị Dương, Chủ tịch UBND xã" — as the minutes name an official."""
    if person is None or not person.full_name.strip():
        return ""
    position = person.position.strip()
    return person.full_name.strip() + (f", {position}" if position else "")


def _official(person, gap: str = GAP) -> str:
    """"Đồng chí Lý Thị Dương, Chủ tịch UBND xã"."""
    text = _person(person)
    return f"Đồng chí {text}" if text else gap


def _label(group: ParticipantGroup | None, delegate: Delegate) -> str:
    if group is None:
        return (delegate.position or delegate.full_name or SIDE_LABELS.get(delegate.side, "")
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
        result.append({"letter": tb.LETTERS[len(result)], "label": heading, "entries": items})
    return result


def attendance_text(conference: Conference) -> str:
    checked = conferences.checked_in_count(conference)
    if checked:
        return f"{decree30.number_text(checked)} người (theo danh sách điểm danh)."
    if conference.attendance:
        return f"{decree30.number_text(conference.attendance)} người."
    return f"{GAP} người."


def composition(conference: Conference) -> list[dict]:
    """The numbered lines of "I. THÀNH PHẦN" before the list of the invited."""
    lines = [("Chủ trì", _official(conference.chair))]
    if conference.co_chair_id:
        lines.append(("Đồng chủ trì", _official(conference.co_chair)))
    lines.append(("Thư ký", _official(conference.secretary)))
    return [{"label": f"{i}. {label}: ", "text": tb.sentence(text)} for i, (label, text) in
            enumerate(lines, 1)]


# --- the document -------------------------------------------------------------------------

def _time_line(conference: Conference) -> str:
    """"Vào hồi 08 giờ 00 phút, thứ Sáu, ngày 12 tháng 6 năm 2026."; gaps left blank."""
    at = tb.time_text(conference.starts_at) if conference.starts_at else f"{GAP} giờ {GAP} phút"
    day = (tb.day_text(conference.held_on) if conference.held_on
           else f"ngày {GAP} tháng {GAP} năm {GAP}")
    return f"Vào hồi {at}, {day}."


def _venue_line(conference: Conference) -> str:
    venue = conference.venue.strip().rstrip(".")
    link = conference.online_link.strip()
    if conference.mode == Mode.ONLINE:
        return f"Trực tuyến, tại địa chỉ {link}." if link else "Trực tuyến."
    venue = venue or GAP
    if conference.mode == Mode.HYBRID:
        return f"{venue}, kết hợp trực tuyến" + (f" tại địa chỉ {link}." if link else ".")
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
    at = tb.time_text(end) if end else f"{GAP} giờ {GAP}"
    return decree30.with_ending(
        f"Hội nghị kết thúc vào hồi {at} cùng ngày. Biên bản đã được thông qua tại hội nghị, "
        f"các thành viên dự họp nhất trí")


def missing(conference: Conference) -> list[str]:
    """What the minutes lack before they can be issued (Vietnamese field names)."""
    result = conclusion.held_missing(conference)
    if not conference.venue.strip() and conference.mode != Mode.ONLINE:
        result.append("địa điểm")
    if conference.chair is None or not conference.chair.full_name.strip():
        result.append("chủ trì")
    if conference.secretary is None or not conference.secretary.full_name.strip():
        result.append("thư ký")
    return result


def _live_minutes(conference: Conference):
    from doithoai.live.models import Minutes

    return Minutes.objects.filter(session__conference=conference).first()


def _conclusion(conference: Conference, live_minutes) -> str:
    """The conclusion as adopted; before adoption the minutes' draft (or the chair's
    conclusions on each matter), else what the conference page holds."""
    from doithoai.live import minutes

    if live_minutes is None:
        return conference.conclusion
    if live_minutes.is_adopted:
        return live_minutes.content.get("conclusion", "")
    return minutes.full_conclusion(live_minutes.session, live_minutes)


def context(conference: Conference, *, number: int | None = None,
            issued_on: dt.date | None = None) -> dict:
    heard = speakers(conference)
    live_minutes = _live_minutes(conference)
    spoken = [s for s in heard if s.spoken]
    read = [s for s in heard if not s.spoken]
    header = tb.header_context(conference, "BB", number, issued_on)
    for key in ("signature_lines", "signer_name"):
        header.pop(key)
    chair = conference.chair
    chair_text = _person(chair)
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
        "programme": programme(conference) or [GAP],
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
        "conclusion_intro": (f"Đồng chí {chair_text}, chủ trì hội nghị kết luận:" if chair_text
                             else "Chủ trì hội nghị kết luận:"),
        "notes": [tb.sentence(t) for t in tb.lines(live_minutes.notes)] if live_minutes else [],
        "conclusion": [tb.sentence(t) for t in tb.lines(_conclusion(conference, live_minutes))]
        or [GAP],
        "closing": closing(conference),
        "secretary_name": (conference.secretary.full_name.strip()
                           if conference.secretary is not None else ""),
        "chair_name": chair.full_name.strip() if chair is not None else "",
        "recipients": decree30.recipients(
            ["Thường trực Đảng ủy xã", "Thường trực HĐND xã", "Ủy ban MTTQ Việt Nam xã",
             "Chủ tịch, các Phó Chủ tịch UBND xã", "Lưu: VT, hồ sơ hội nghị"]),
    }
    return nfc_all(ctx)
