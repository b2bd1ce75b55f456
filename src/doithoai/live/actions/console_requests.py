"""The console's and the chair's requests: each change sent as one POST with the device's
key, read into the action it asks for and done exactly once. (The dispatcher of the console,
named for what it handles; the use cases themselves are in the topic modules beside it.)

The browser keeps every change in its outbox until the server has taken it (a hall with bad
Wi-Fi): a change sent again after a dropped connection finds its key already taken and is not
done twice. A change the actions refuse comes back with its Vietnamese message, nothing done.
"""

from __future__ import annotations

from collections.abc import Callable

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from doithoai.core import dates
from doithoai.core.kind_hints import suggested_kind
from doithoai.core.petition_flow import PROCEDURE_KINDS
from doithoai.live.actions import minutes, registrations, sessions, speeches, turns
from doithoai.live.models import ConsoleRequest, Registration, Session
from doithoai.live.selectors.outcomes import not_heard_received, slips_count
from doithoai.org.models import Unit, Village
from doithoai.petitions.models import Field, Kind, Petition, Urgency


class Done:
    def __init__(self, message: str, selected: int | None = None,
                 minutes_version: int | None = None, link: tuple[str, str] | None = None):
        self.message, self.selected = message, selected
        self.minutes_version = minutes_version  # the draft's new version, for the device
        self.link = link  # (address, label): where the message sends the secretary next


def _who(row: Registration) -> str:
    """How the console's messages name a speaker: a confidential one by his number only (a
    secretary's screen may be in sight of the hall, or shown on its projector)."""
    if row.is_confidential:
        return _("người đăng ký số %(n)s") % {"n": row.number}
    return row.full_name


def _text(data, name: str) -> str:
    return (data.get(name) or "").strip()


def _int(data, name: str) -> int | None:
    raw = _text(data, name)
    return int(raw) if raw.isdigit() else None


def _registration(session: Session, data, name: str = "registration") -> Registration:
    pk = _int(data, name)
    found = session.registrations.filter(pk=pk).first() if pk else None
    if found is None:
        raise ValidationError(_("Không tìm thấy người đăng ký phát biểu này."))
    return found


def _numbered(session: Session, data, name: str) -> Registration:
    """A registration by the number the queue shows."""
    number = _int(data, name)
    found = session.registrations.filter(number=number).first() if number else None
    if found is None:
        raise ValidationError(_("Không có người đăng ký số %(n)s.") % {
            "n": _text(data, name) or "—"})
    return found


def _row(session: Session, data) -> Registration:
    """The registration a queue row's button names (its id), or the number typed."""
    if _text(data, "registration"):
        return _registration(session, data)
    return _numbered(session, data, "number")


def _village(session: Session, data) -> Village | None:
    pk = _int(data, "village")
    if pk is None:
        return None
    village = Village.objects.filter(pk=pk, agency=session.conference.agency).first()
    if village is None:
        raise ValidationError({"village": _("Thôn không thuộc xã tổ chức hội nghị.")})
    return village


def _conference_petition(session: Session, data, name: str) -> Petition | None:
    pk = _int(data, name)
    if pk is None:
        return None
    petition = Petition.objects.filter(pk=pk, conference=session.conference).first()
    if petition is None:
        raise ValidationError(_("Ý kiến này không thuộc hội nghị."))
    return petition


def register(actor, session, data) -> Done:
    prior = _conference_petition(session, data, "petition")
    source = Registration.Source.PRIOR if prior is not None else Registration.Source.PAPER
    row = registrations.register(actor=actor, session=session, source=source,
                            full_name=_text(data, "full_name"), village=_village(session, data),
                            topic=_text(data, "topic"), petition=prior,
                            client_key=_text(data, "client_key"),
                            confidential=bool(_text(data, "confidential")))
    if row.is_confidential:
        done = _("Đã đăng ký phát biểu: số %(n)s, không nêu tên trước hội trường.") % {
            "n": row.number}
    else:
        done = _("Đã đăng ký phát biểu: số %(n)s, %(name)s.") % {"n": row.number,
                                                               "name": row.full_name}
    suggested = suggested_kind(row.topic)
    if suggested is not None:
        done += " " + _("Nội dung đăng ký có thể là %(kind)s: hãy xác nhận loại khi ghi nội "
                        "dung phát biểu.") % {"kind": Kind(suggested).label.lower()}
    return Done(done)


def call_next(actor, session, data) -> Done:
    seen = _int(data, "seen_speaker")
    row = registrations.call_next(actor=actor, session=session,
                             seen_speaker=seen if seen is not None else None)
    if row is None:
        return Done(_("Không còn ai chờ phát biểu."))
    return Done(_("Mời %(name)s phát biểu.") % {"name": _who(row)}, selected=row.pk)


def call_now(actor, session, data) -> Done:
    seen = _int(data, "seen_speaker")
    row = turns.call_now(actor=actor, registration=_registration(session, data),
                         reason=_text(data, "reason"), seen_speaker=seen)
    return Done(_("Mời %(name)s phát biểu.") % {"name": _who(row)}, selected=row.pk)


def step(actor, session, data) -> Done:
    raw = _text(data, "step")
    if raw not in ("-1", "1"):
        raise ValidationError(_("Chỉ lên hoặc xuống một bậc mỗi lần."))
    row = turns.move_step(actor=actor, registration=_registration(session, data),
                          step=int(raw), reason=_text(data, "reason"))
    message = (_("%(name)s lên một bậc trong hàng chờ.") if raw == "-1"
               else _("%(name)s xuống một bậc trong hàng chờ."))
    return Done(capfirst(message % {"name": _who(row)}))


def finish(actor, session, data) -> Done:
    row = registrations.finish(actor=actor, registration=_registration(session, data))
    return Done(capfirst(_("%(name)s đã kết thúc lượt phát biểu.") % {"name": _who(row)}))


def move(actor, session, data) -> Done:
    row = _numbered(session, data, "number")
    after = _numbered(session, data, "after_number") if _int(data, "after_number") else None
    registrations.move(actor=actor, registration=row, after=after, reason=_text(data, "reason"))
    return Done(_("Đã thay đổi thứ tự phát biểu của %(name)s.") % {"name": _who(row)})


def withdraw(actor, session, data) -> Done:
    row = registrations.withdraw(actor=actor, registration=_row(session, data),
                                 reason=_text(data, "reason"))
    return Done(capfirst(_("%(name)s đã rút đăng ký phát biểu.") % {"name": _who(row)}))


def confidential(actor, session, data) -> Done:
    """Named before the hall or not: "named" sent asks to name him again (with a reason)."""
    named = bool(_text(data, "named"))
    row = registrations.set_confidential(actor=actor,
                                         registration=_row(session, data),
                                         confidential=not named, reason=_text(data, "reason"))
    if named:
        return Done(_("Màn hình hội trường nêu tên người đăng ký số %(n)s.") % {
            "n": row.number})
    return Done(_("Màn hình hội trường không nêu tên người đăng ký số %(n)s: chỉ hiện "
                  "“Người phát biểu số %(n)s”.") % {"n": row.number})


def speech(actor, session, data) -> Done:
    row = _registration(session, data)
    kind = _text(data, "kind") or Kind.OPINION
    urgency = _text(data, "urgency") or Urgency.NORMAL
    if kind not in Kind.values or urgency not in Urgency.values:
        raise ValidationError(_("Loại hoặc mức độ không hợp lệ."))
    field_pk = _int(data, "field")
    field = Field.objects.filter(pk=field_pk, agency=session.conference.agency).first() \
        if field_pk else None
    if field_pk and field is None:
        raise ValidationError({"field": _("Lĩnh vực không thuộc cơ quan này.")})
    speeches.record_speech(actor=actor, registration=row, text=_text(data, "text"), kind=kind,
                         field=field, urgency=urgency,
                         same_as=_conference_petition(session, data, "same_as"))
    return Done(_("Đã ghi nội dung phát biểu của %(name)s.") % {"name": _who(row)},
                selected=row.pk)


def answer(actor, session, data) -> Done:
    row = _registration(session, data)
    speeches.answer_on_the_spot(actor=actor, registration=row, text=_text(data, "text"),
                              answered_by=_text(data, "answered_by"),
                              addition=_text(data, "addition"),
                              not_a_procedure=data.get("not_a_procedure") == "1")
    return Done(_("Đã ghi câu trả lời tại hội nghị cho %(name)s.") % {"name": _who(row)},
                selected=row.pk)


def addition(actor, session, data) -> Done:
    row = _registration(session, data)
    speeches.add_to_answer(actor=actor, registration=row, addition=_text(data, "addition"))
    return Done(_("Đã ghi phần chủ trì bổ sung."), selected=row.pk)


def assign(actor, session, data) -> Done:
    row = _registration(session, data)
    pk = _int(data, "unit")
    unit = Unit.objects.filter(pk=pk, agency=session.conference.agency,
                               is_active=True).first() if pk else None
    if unit is None:
        raise ValidationError({"unit": _("Hãy chọn một đơn vị của Ủy ban nhân dân xã.")})
    petition = speeches.assign_for_answer(actor=actor, registration=row, unit=unit)
    return Done(_("Đã giao %(unit)s trả lời bằng văn bản, hạn %(due)s.") % {
        "unit": unit.name, "due": dates.day(petition.due_date)}, selected=row.pk)


def procedure(actor, session, data) -> Done:
    row = _registration(session, data)
    kind = _text(data, "kind")
    if kind not in PROCEDURE_KINDS:
        raise ValidationError(_("Hãy chọn khiếu nại hoặc tố cáo."))
    speeches.to_procedure(actor=actor, registration=row, kind=kind,
                          reason=_text(data, "reason"), remark=_text(data, "remark"))
    return Done(_("Đã chuyển theo thủ tục %(kind)s và hướng dẫn người dân.") % {
        "kind": Kind(kind).label.lower()}, selected=row.pk)


def confirm_kind(actor, session, data) -> Done:
    row = _registration(session, data)
    speeches.confirm_kind(actor=actor, registration=row, kind=_text(data, "kind"))
    return Done(_("Đã xác nhận loại: %(kind)s. Hãy chuyển theo thủ tục.") % {
        "kind": Kind(_text(data, "kind")).label}, selected=row.pk)


def conclude(actor, session, data) -> Done:
    row = speeches.conclude(actor=actor, registration=_registration(session, data),
                          text=_text(data, "conclusion"),
                          previous=data.get("previous") if "previous" in data else None)
    return Done(_("Đã ghi kết luận của chủ trì."), selected=row.pk)


def item(actor, session, data) -> Done:
    step = 1 if _text(data, "step") != "-1" else -1
    session = sessions.move_item(actor=actor, session=session, step=step)
    return Done(_("Chương trình: %(title)s.") % {"title": session.current_item.title})


def timer(actor, session, data) -> Done:
    minutes = _int(data, "speaker_minutes")
    if minutes is None:
        raise ValidationError(_("Thời gian mỗi lượt phát biểu từ 1 đến 60 phút."))
    session = sessions.set_speaker_minutes(actor=actor, session=session, minutes=minutes)
    return Done(_("Mỗi lượt phát biểu: %(n)s phút.") % {"n": session.speaker_minutes})


def close(actor, session, data) -> Done:
    """The session ends; the message says what became of those not heard (petitions of the
    conference, `outcomes.settle`) and sends the secretary to the slips of those registered on
    paper, whose phones show them no tracking code."""
    session = sessions.close_session(actor=actor, session=session)
    parts = [_("Phiên họp đã kết thúc.")]
    received = not_heard_received(session)
    if received:
        parts.append(ngettext(
            "%(n)s người đăng ký chưa được trình bày đã được tiếp nhận thành ý kiến của hội nghị: "
            "ý kiến, kiến nghị được trả lời bằng văn bản trong thời hạn của hội nghị; khiếu nại, "
            "tố cáo được xử lý theo thủ tục của pháp luật.",
            "%(n)s người đăng ký chưa được trình bày đã được tiếp nhận thành ý kiến của hội nghị: "
            "ý kiến, kiến nghị được trả lời bằng văn bản trong thời hạn của hội nghị; khiếu nại, "
            "tố cáo được xử lý theo thủ tục của pháp luật.",
            received) % {"n": received})
    slips = slips_count(session)
    link = None
    if slips:
        parts.append(ngettext(
            "In %(n)s phiếu theo dõi ý kiến (mã tra cứu) để phát cho người đăng ký bằng phiếu "
            "giấy: bấm “In phiếu theo dõi ý kiến” ở đầu trang.",
            "In %(n)s phiếu theo dõi ý kiến (mã tra cứu) để phát cho người đăng ký bằng phiếu "
            "giấy: bấm “In phiếu theo dõi ý kiến” ở đầu trang.", slips) % {"n": slips})
        link = (reverse("live:slips", args=[session.conference_id]), _("Mở trang in phiếu"))
    parts.append(_("Hãy hoàn chỉnh và thông qua biên bản."))
    return Done(" ".join(parts), link=link)


def minutes_edit(actor, session, data) -> Done:
    saved = minutes.edit(actor=actor, session=session, conclusion=_text(data, "conclusion"),
                         notes=_text(data, "notes"), version=_int(data, "version"))
    return Done(_("Đã lưu dự thảo biên bản."), minutes_version=saved.version)


def adopt(actor, session, data) -> Done:
    minutes.adopt(actor=actor, session=session, version=_int(data, "version"))
    return Done(_("Biên bản đã được thông qua; hội nghị được ghi nhận là đã tổ chức."))


# How the console lists a change still waiting to be sent.
LABELS = {
    "register": gettext_lazy("Đăng ký phát biểu"),
    "call_next": gettext_lazy("Mời người tiếp theo"),
    "call_now": gettext_lazy("Mời phát biểu ngay"),
    "step": gettext_lazy("Lên, xuống một bậc"),
    "finish": gettext_lazy("Kết thúc lượt"),
    "move": gettext_lazy("Đổi thứ tự"),
    "withdraw": gettext_lazy("Rút đăng ký"),
    "confidential": gettext_lazy("Không nêu tên trước hội trường"),
    "speech": gettext_lazy("Ghi nội dung phát biểu"),
    "answer": gettext_lazy("Trả lời tại hội nghị"),
    "addition": gettext_lazy("Chủ trì bổ sung"),
    "assign": gettext_lazy("Giao đơn vị"),
    "procedure": gettext_lazy("Chuyển theo thủ tục"),
    "kind": gettext_lazy("Xác nhận loại"),
    "conclude": gettext_lazy("Kết luận"),
    "item": gettext_lazy("Chuyển mục chương trình"),
    "timer": gettext_lazy("Thời gian mỗi lượt"),
    "close": gettext_lazy("Kết thúc phiên họp"),
    "minutes": gettext_lazy("Lưu dự thảo biên bản"),
    "adopt": gettext_lazy("Thông qua biên bản"),
}

ACTIONS: dict[str, Callable] = {
    "register": register, "call_next": call_next, "call_now": call_now, "step": step,
    "finish": finish, "move": move,
    "withdraw": withdraw, "confidential": confidential, "speech": speech, "answer": answer,
    "addition": addition, "assign": assign,
    "procedure": procedure, "kind": confirm_kind, "conclude": conclude, "item": item,
    "timer": timer, "close": close,
    "minutes": minutes_edit, "adopt": adopt,
}


def perform(actor, session: Session, data) -> Done:
    """One change, once per client key (a resend of a change already done says so)."""
    action = ACTIONS.get(_text(data, "action"))
    if action is None:
        raise ValidationError(_("Thao tác không hợp lệ."))
    key = _text(data, "client_key")[:64]
    with transaction.atomic():
        if key:
            try:
                with transaction.atomic():
                    ConsoleRequest.objects.create(session=session, client_key=key)
            except IntegrityError:
                return Done(_("Thao tác này đã được ghi nhận trước đó."))
        return action(actor, session, data)
