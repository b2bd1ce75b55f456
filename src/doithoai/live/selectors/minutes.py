"""The session's minutes (R23) as pages and documents read them: the draft that follows
the live record (the chair's conclusions on each matter, the outcome line), the adopted
minutes, and everyone heard as the Biên bản prints them. Adoption freezes that list; the
draft is written in `live.actions.minutes`."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext as _

from doithoai.core import dates, decree30
from doithoai.core.kind_hints import suggested_kind
from doithoai.core.petition_flow import (
    OPEN_STATES,
    STATE_LABELS,
    State,
    on_answer_track,
    on_its_procedure,
)
from doithoai.core.redaction import mask_names
from doithoai.core.text import fold, lower_first, sentence
from doithoai.dialogues.models import Conference
from doithoai.live.models import Minutes, Registration, Session
from doithoai.org.selectors import office_of
from doithoai.petitions.models import Channel, Petition
from doithoai.petitions.selectors.petitions import answer_on_the_spot
from doithoai.petitions.selectors.public_text import secret_names


def minutes_of(session: Session) -> Minutes | None:
    """The session's draft of the Biên bản (started when the session was opened)."""
    return Minutes.objects.filter(session=session).first()


def heard(session: Session):
    """Those who had the floor, in the order called."""
    return (session.registrations.filter(state__in=(Registration.State.SPEAKING,
                                                    Registration.State.DONE))
            .select_related("village", "petition").order_by("called_at", "number"))


# A denunciation's line in the conclusions, the Biên bản and the notice: neither the words of
# the citizen nor the post of the accused (the chair's own words stay in the staff's record).
DENUNCIATION_LINE = ("Về một nội dung tố cáo: Chủ trì tiếp nhận, chuyển giải quyết theo quy "
                     "định của pháp luật về tố cáo; thông tin người tố cáo được giữ bí mật.")


def draft_conclusion(session: Session, rows=None) -> str:
    """The chair's conclusions on each matter, one line each, in the order heard (`rows`:
    those heard, when the caller already has them). A denunciation is one generic line; a
    complaint is "một nội dung khiếu nại"; a confidential speaker or a complainant is not
    named (his name, anywhere in the line, is "một công dân")."""
    rows = list(rows if rows is not None else heard(session).prefetch_related(
        "petition__petitioners"))
    secret = confidential_names(session.conference) if any(
        r.is_confidential or _on_procedure(r) for r in rows) else []
    lines = []
    for row in rows:
        if not row.conclusion.strip():
            continue
        if row.is_denunciation:
            lines.append(DENUNCIATION_LINE)
            continue
        topic = row.topic.strip().rstrip(".").split("\n")[0][:120]
        line = row.conclusion.strip()
        if _on_procedure(row):  # its content is not in the minutes either
            line = f"Về một nội dung khiếu nại: {line}"
        elif topic:
            line = f"Về {topic[:1].lower() + topic[1:]}: {line}"
        elif row.is_confidential:
            line = f"Về ý kiến của một công dân: {line}"
        else:
            line = f"Về ý kiến của {row.full_name}: {line}"
        lines.append(mask_names(line, unnamed=secret, addressed=False).text if secret else line)
    return "\n".join(lines)


def _on_procedure(row: Registration) -> bool:
    return row.petition_id is not None and on_its_procedure(row.petition.kind,
                                                            row.petition.state)


def confidential_names(conference: Conference) -> list[str]:
    """Whom the minutes and the conference's documents never name: the registrants who asked
    not to be named, denounce or complain, the senders of the conference's complaints and
    denunciations (by their kind or words) and those who asked not to be named publicly."""
    rows = (Registration.objects.filter(session__conference=conference)
            .select_related("petition").prefetch_related("petition__petitioners"))
    names = set()
    for row in rows:
        petition = row.petition if row.petition_id else None
        if row.is_confidential or (petition is not None
                                   and on_its_procedure(petition.kind, petition.state)):
            names.add(row.full_name)
            if petition is not None:
                names |= {p.full_name for p in petition.petitioners.all()}
    names |= set(secret_names(Petition.objects.filter(conference=conference)))
    return sorted(n.strip() for n in names if n.strip())


def full_conclusion(session: Session, minutes: Minutes | None) -> str:
    """What section III of the minutes and the conclusion notice say: the conclusions on
    each matter (they follow the record until adoption), then the chair's general
    conclusion."""
    general = minutes.conclusion.strip() if minutes is not None else ""
    return "\n".join(part for part in (draft_conclusion(session), general) if part)


# What became of an opinion heard (the console's labels and the outcome line count these).
UNRECORDED, RECORDED, ANSWERED, PROCEDURE, ASSIGNED = (
    "unrecorded", "recorded", "answered", "procedure", "assigned")


def heard_with_outcomes(session: Session):
    """Those heard, with what `outcome_of` needs in one query each."""
    return heard(session).select_related("petition__unit").prefetch_related(
        "petition__answers", "petition__petitioners")


def outcome_of(row: Registration) -> str:
    """What became of the opinion as the petition says now, wherever it was changed (the
    live room or the petition's page): an answer withdrawn when the kind was corrected no
    longer counts; a complaint or denunciation not yet sent to its procedure is only
    recorded."""
    petition = row.petition
    if petition is None:
        return UNRECORDED
    if petition.state == State.TRANSFERRED:
        return PROCEDURE
    if not on_answer_track(petition.kind):
        return RECORDED
    if any(a.at_conference and a.is_current for a in petition.answers.all()):
        return ANSWERED
    return ASSIGNED if petition.unit_id else RECORDED


def outcome_text(session: Session) -> str:
    """The conference's outcome line, from the live record."""
    outcomes = [outcome_of(row) for row in heard_with_outcomes(session)]
    answered, assigned = outcomes.count(ANSWERED), outcomes.count(ASSIGNED)
    procedure = outcomes.count(PROCEDURE)
    start = timezone.localtime(session.opened_at)
    end = timezone.localtime(session.closed_at) if session.closed_at else None
    text = _("Phiên họp từ %(start)s đến %(end)s; %(n)s lượt phát biểu: %(answered)s trả lời "
             "tại hội nghị, %(assigned)s giao đơn vị trả lời bằng văn bản, %(procedure)s "
             "chuyển theo thủ tục khiếu nại, tố cáo.") % {
        "start": dates.clock(start), "end": dates.clock(end) if end else "…",
        "n": len(outcomes), "answered": answered, "assigned": assigned, "procedure": procedure}
    later = not_heard(session).exclude(petition=None).count()
    if later:
        text = text.rstrip(".") + _("; %(n)s người đăng ký chưa được trình bày được tiếp nhận "
                                    "thành ý kiến, kiến nghị để trả lời, giải quyết sau hội "
                                    "nghị.") % {"n": later}
    return text


def adopted(conference) -> Minutes | None:
    return (Minutes.objects.filter(session__conference=conference).exclude(adopted_at=None)
            .first())


def room_conclusion(conference) -> str:
    """The conclusions given in the live room, for the conclusion notice
    (`dialogues.conclusions.draft`): as adopted with the minutes, else as the record reads now
    (its session's); "" without a session."""
    minutes = adopted(conference)
    if minutes is not None:
        return minutes.content.get("conclusion") or full_conclusion(minutes.session, minutes)
    session = Session.objects.filter(conference=conference).first()
    return full_conclusion(session, minutes_of(session)) if session is not None else ""


# --- Everyone heard, as the Biên bản prints them (adoption freezes this list) ----------------

SENSITIVE = ("Nêu nội dung khiếu nại, tố cáo (nội dung và thông tin người gửi không ghi vào "
             "biên bản).")
SENSITIVE_REPLY = ("Chủ trì tiếp nhận, chuyển giải quyết theo quy định của pháp luật về khiếu "
                   "nại, tố cáo.")
CITIZEN = "Một công dân"  # neither name nor village: the sender stays confidential
# Words that open a village's name and are written in lower case inside a sentence.
PLACE_WORDS = ("Thôn", "Bản", "Xóm", "Tổ", "Khu", "Ấp", "Khối", "Làng", "Buôn", "Khóm")


@dataclass(frozen=True)
class Speaker:
    """One opinion heard at the conference, as the minutes record it."""

    who: str  # "Ông Hà Văn Khiêm (thôn Bản Chặng)"
    text: str  # what was said (or why it is not written here)
    reply_label: str  # "Trả lời: " before the answer, "" before the chair's direction
    reply: str
    spoken: bool  # spoken in the hall (else sent before and read at the conference)


def official(person, gap: str) -> str:
    """"Đồng chí Lý Thị Dương, Chủ tịch UBND xã", as the minutes (and the Biên bản drawn from
    them) name an official; `gap` for nobody."""
    named = person.name_and_position if person is not None else ""
    return f"Đồng chí {named}" if named else gap


def _office_name(agency) -> str:
    office = office_of(agency)
    return office.name if office else "Văn phòng Ủy ban nhân dân xã"


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
        return CITIZEN
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
        return "", SENSITIVE_REPLY
    answer = answer_on_the_spot(petition)
    if answer is not None:
        by = answer.answered_by.strip().rstrip(":") or official(conference.chair, "Chủ trì")
        if petition.hide_from_public:  # the answer would tell what the opinion kept back
            return "Trả lời: ", f"{by} đã trả lời trực tiếp tại hội nghị."
        return "Trả lời: ", f"{by}: {sentence(answer.text)}"
    escalation = min(petition.escalations.all(), key=lambda e: e.pk, default=None)
    if escalation is not None:
        return "", (f"Chủ trì tiếp thu; Ủy ban nhân dân xã chuyển ý kiến đến "
                    f"{escalation.receiving_agency.strip()} xem xét, giải quyết theo thẩm quyền.")
    if petition.state == State.NOT_ACCEPTED:
        note = petition.public_note.strip()
        return "", ("Chủ trì giải thích: nội dung không thuộc phạm vi giải quyết của Ủy ban nhân "
                    "dân xã" + (f"; {lower_first(note)}." if note else "."))
    due = _before(_first_due(petition))
    if petition.unit_id:
        return "", (f"Chủ trì giao {petition.unit.name} xem xét, giải quyết, trả lời bằng văn "
                    f"bản cho công dân{due}.")
    return "", (f"Chủ trì tiếp thu, giao {office_name} phân công đơn vị xem xét, giải quyết, "
                f"trả lời bằng văn bản cho công dân{due}.")


def _shown(petition: Petition) -> str:
    """The opinion as the minutes print it: a complaint or denunciation, or an opinion kept
    from the public, without its text."""
    if petition.is_sensitive or petition.state == State.TRANSFERRED:
        return SENSITIVE
    if petition.hide_from_public:
        return "Một ý kiến không công khai nội dung theo đề nghị của người gửi."
    return sentence(petition.text)


def speakers(conference: Conference) -> list[Speaker]:
    """Everyone heard at the conference, in the order the minutes list them: as adopted in
    the hall, else those called in the live room in turn, else (a conference not run in the
    live room) its petitions — spoken in the hall in the order received, then those sent
    before and read at the conference. No confidential speaker is named (even in what was
    answered), however the list was made (`confidential_names`)."""
    return without_confidential_names(_speakers(conference), confidential_names(conference))


def _speakers(conference: Conference) -> list[Speaker]:
    office_name = _office_name(conference.agency)
    minutes = adopted(conference)
    if minutes is not None:  # what was read and adopted in the hall, whatever came after
        return [Speaker(**entry) for entry in minutes.content.get("speakers", [])]
    heard = _heard_in_the_live_room(conference, office_name)
    if heard is not None:
        return heard
    # Those registered and not heard are listed apart (`registrants`), never as heard.
    petitions = (Petition.objects.filter(conference=conference)
                 .exclude(channel=Channel.REGISTERED)
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
        # A confidential speaker is "Một công dân"; a denunciation, by its words or its kind,
        # is recorded without its content (SENSITIVE) and with the generic direction.
        if petition is None:  # heard, nothing recorded yet: the topic the speaker gave
            where = f" ({_village_text(row.village.name)})" if row.village_id else ""
            who = (CITIZEN if row.is_confidential
                   else f"{_title(row.full_name)} {row.full_name.strip()}{where}")
            text = SENSITIVE if row.is_denunciation else (sentence(row.topic)
                                                          or decree30.MISSING)
            result.append(Speaker(who=who, text=text, reply_label="", reply="", spoken=True))
            continue
        if row.is_denunciation:
            result.append(Speaker(who=CITIZEN, text=SENSITIVE, reply_label="",
                                  reply=SENSITIVE_REPLY, spoken=True))
            continue
        label, reply = _reply(petition, conference, office_name)
        if row.conclusion.strip():
            reply = f"{reply} Chủ trì kết luận: {sentence(row.conclusion)}".strip()
        # An opinion sent before and presented by its sender at the chair's invitation was
        # heard in the hall like any other, in its turn.
        result.append(Speaker(who=CITIZEN if row.is_confidential else _who(petition),
                              text=_shown(petition), reply_label=label, reply=reply,
                              spoken=True))
    return result


def without_confidential_names(entries: list[Speaker], names: list[str]) -> list[Speaker]:
    """The speakers with every confidential name (wherever said or answered) as "một công
    dân"."""
    if not names:
        return entries

    def masked(text: str) -> str:
        return mask_names(text, unnamed=names, addressed=False).text

    return [Speaker(who=masked(s.who), text=masked(s.text), reply_label=s.reply_label,
                    reply=masked(s.reply), spoken=s.spoken) for s in entries]


# --- Those registered and not heard, as the Biên bản lists them (adoption freezes this) ------

# How the minutes call one whom they do not name: the number he registered under.
REGISTRANT = "Người đăng ký số {number}"
NOT_PRESENTED = "Chưa được trình bày tại hội nghị"
WITHDREW = "Đã rút đăng ký phát biểu"
NO_TOPIC = "Không ghi nội dung muốn phát biểu."
PROCEDURE_LINE = ("Ủy ban nhân dân xã tiếp nhận, xử lý theo quy định của pháp luật về khiếu "
                  "nại, tố cáo.")
SENSITIVE_TOPIC = ("Đăng ký nêu nội dung khiếu nại, tố cáo (nội dung và thông tin người đăng "
                   "ký không ghi vào biên bản).")


@dataclass(frozen=True)
class Registrant:
    """One who registered to speak and was not heard, with what became of it."""

    who: str  # "Ông Hà Văn Khiêm (thôn Bản Chặng)", or "Người đăng ký số 7"
    text: str  # what he registered to speak about (or why it is not written here)
    outcome: str  # not presented or withdrew, and what became of it


def not_heard(session: Session):
    """Those who registered and never had the floor (waiting at the end, or withdrawn), in
    the order they registered."""
    return (session.registrations.filter(state__in=(Registration.State.WAITING,
                                                    Registration.State.WITHDRAWN))
            .select_related("village", "petition__village", "petition__unit")
            .prefetch_related("petition__petitioners")
            .order_by("number"))


def _sensitive(row: Registration) -> bool:
    """A complaint or denunciation by its words or its petition's kind: neither content nor
    sender in the minutes."""
    petition = row.petition
    return (row.is_denunciation or suggested_kind(row.topic) is not None
            or (petition is not None and (petition.is_sensitive
                                          or petition.state == State.TRANSFERRED)))


def _registrant_outcome(row: Registration, office_name: str) -> str:
    status = NOT_PRESENTED if row.state == Registration.State.WAITING else WITHDREW
    petition = row.petition
    if petition is None:
        return f"{status}."
    if _sensitive(row):
        return f"{status}; {PROCEDURE_LINE}"
    if petition.state in OPEN_STATES:
        due = _before(petition.due_date)
        who = petition.unit.name if petition.unit_id else office_name
        task = "xem xét, giải quyết" if petition.unit_id else "phân công đơn vị xem xét"
        return (f"{status}; Ủy ban nhân dân xã tiếp nhận là ý kiến, kiến nghị, giao {who} "
                f"{task}, trả lời bằng văn bản cho công dân{due}.")
    label = lower_first(STATE_LABELS[State(petition.state)])
    return f"{status}; ý kiến, kiến nghị đã được xử lý ({label})."


def _registrant(row: Registration, office_name: str) -> Registrant:
    petition = row.petition
    anonymous = row.is_confidential or _sensitive(row)
    if anonymous:
        who = REGISTRANT.format(number=row.number)
    else:
        village = row.village.name if row.village_id else ""
        where = f" ({_village_text(village)})" if village else ""
        who = f"{_title(row.full_name)} {row.full_name.strip()}{where}"
    if _sensitive(row):
        text = SENSITIVE_TOPIC
    elif petition is not None and petition.hide_from_public:
        text = "Một ý kiến không công khai nội dung theo đề nghị của người gửi."
    else:
        text = sentence(row.topic) or NO_TOPIC
    return Registrant(who=who, text=text, outcome=_registrant_outcome(row, office_name))


def registrants(conference: Conference) -> list[Registrant]:
    """Those registered and not heard as the Biên bản lists them: as adopted in the hall,
    else from the live record now. No confidential person named (even in the words of
    another), a complaint or denunciation without its content."""
    minutes = adopted(conference)
    if minutes is not None:
        return [Registrant(**entry) for entry in minutes.content.get("not_heard", [])]
    session = Session.objects.filter(conference=conference).first()
    if session is None:
        return []
    office_name = _office_name(conference.agency)
    rows = [_registrant(row, office_name) for row in not_heard(session)]
    secret = confidential_names(conference)
    if not secret:
        return rows

    def masked(text: str) -> str:
        return mask_names(text, unnamed=secret, addressed=False).text

    return [Registrant(who=masked(r.who), text=masked(r.text), outcome=masked(r.outcome))
            for r in rows]
