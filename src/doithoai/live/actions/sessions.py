"""The session in the hall: opened by the secretary on the conference day, the programme
moved on, the time each speaker has, closed at the end. One function per use case, one
transaction, one audit event. Also the locks every change of the room takes first."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from doithoai.audit.services import record, snapshot
from doithoai.dialogues.models import Conference
from doithoai.live import rules
from doithoai.live.actions import outcomes
from doithoai.live.models import Minutes, Registration, Session
from doithoai.live.selectors.sessions import agenda, speaking
from doithoai.org import access

State = Registration.State


def locked_open_session(pk: int) -> Session:
    session = Session.objects.select_for_update().get(pk=pk)
    if not session.is_open:
        raise ValidationError(_("Phiên họp đã kết thúc: không nhận thêm đăng ký hay thay đổi."))
    return session


def locked_recording_session(pk: int) -> Session:
    """The record may still be completed after the session closes, until the minutes are
    adopted (the secretary catches up what was said)."""
    session = Session.objects.select_for_update().get(pk=pk)
    if Minutes.objects.filter(session=session).exclude(adopted_at=None).exists():
        raise ValidationError(_("Biên bản đã được thông qua: không sửa nội dung phiên họp nữa."))
    return session


# Who has been given the floor: what the record and the chair's conclusion are about.
HEARD = (State.SPEAKING, State.DONE)


def locked_registration(registration: Registration, allowed=None, refusal: str = "", *,
                        recording: bool = False) -> tuple[Session, Registration]:
    """What every change of one registration begins with: its session locked (open, or with
    `recording` until the minutes are adopted), the registration read again under its lock,
    refused with `refusal` unless in one of the `allowed` states."""
    lock = locked_recording_session if recording else locked_open_session
    session = lock(registration.session_id)
    registration = Registration.objects.select_for_update().get(pk=registration.pk)
    if allowed is not None and registration.state not in allowed:
        raise ValidationError(refusal)
    return session, registration


def end_turn(actor, registration: Registration) -> None:
    """The speaker at the floor is done (inside the caller's transaction)."""
    before = snapshot(registration)
    registration.state, registration.finished_at = State.DONE, timezone.now()
    registration.save(update_fields=["state", "finished_at"])
    record(actor=actor, action="live.finish", obj=registration, before=before,
           after=snapshot(registration))


def open_session(*, actor, conference: Conference) -> Session:
    """The secretary opens the session on the conference day (once; again returns it)."""
    access.require(actor, rules.RUN_SESSION, conference)
    if conference.held_on != timezone.localdate():
        raise ValidationError(_("Chỉ mở phiên họp vào ngày tổ chức hội nghị."))
    if conference.state != Conference.State.PLANNED:
        raise ValidationError(_("Hội nghị đã được ghi nhận là đã tổ chức."))
    with transaction.atomic():
        session, created = Session.objects.get_or_create(
            conference=conference,
            defaults={"opened_by": actor, "speaker_minutes": conference.speaker_minutes or 5})
        if created:
            record(actor=actor, action="live.open", obj=session, after=snapshot(session))
        # The Biên bản's draft starts with the session: it follows the record from then on.
        Minutes.objects.get_or_create(session=session)
    return session


def close_session(*, actor, session: Session) -> Session:
    """The session ends: nobody registers any more; whoever speaks has finished; whoever
    registered and was not heard becomes a petition of the conference, answered in writing
    (`outcomes.settle`). Closed already: refused, nothing changes."""
    access.require(actor, rules.RUN_SESSION, session)
    with transaction.atomic():
        session = locked_open_session(session.pk)
        current = speaking(session)
        if current is not None:
            end_turn(actor, current)
        before = snapshot(session)
        session.state, session.closed_at = Session.State.CLOSED, timezone.now()
        session.version += 1
        session.save()
        record(actor=actor, action="live.close", obj=session, before=before,
               after=snapshot(session))
        outcomes.settle(actor=actor, session=session)
    return session


def move_item(*, actor, session: Session, step: int) -> Session:
    """The programme moves on (+1) or back (-1): the current item and when it started, for
    the time used against the time planned. The first step starts the first item."""
    access.require(actor, rules.RUN_SESSION, session)
    with transaction.atomic():
        session = locked_open_session(session.pk)
        items = agenda(session)
        if not items:
            raise ValidationError(_("Hội nghị chưa có chương trình."))
        ids = [item.pk for item in items]
        index = ids.index(session.current_item_id) + step if session.current_item_id in ids \
            else 0
        if not 0 <= index < len(items):
            raise ValidationError(_("Đã ở mục đầu tiên của chương trình.") if index < 0
                                  else _("Đã ở mục cuối cùng của chương trình."))
        before = snapshot(session)
        now = timezone.now()
        used = dict(session.item_seconds or {})
        if session.current_item_id and session.item_started_at:
            used[str(session.current_item_id)] = int(
                (now - session.item_started_at).total_seconds())
        following = items[index]
        session.item_seconds = used
        session.current_item = following
        session.item_started_at = now - dt.timedelta(seconds=used.get(str(following.pk), 0))
        session.version += 1
        session.save()
        record(actor=actor, action="live.item", obj=session, before=before,
               after=snapshot(session))
    return session


def set_speaker_minutes(*, actor, session: Session, minutes: int) -> Session:
    """The time each speaker has (the conference's setting to start with)."""
    access.require(actor, rules.RUN_SESSION, session)
    if not 1 <= minutes <= 60:
        raise ValidationError({"speaker_minutes": _("Thời gian mỗi lượt phát biểu từ 1 đến 60 "
                                                    "phút.")})
    with transaction.atomic():
        session = locked_open_session(session.pk)
        if session.speaker_minutes == minutes:
            return session
        before = snapshot(session)
        session.speaker_minutes = minutes
        session.version += 1
        session.save()
        record(actor=actor, action="live.timer", obj=session, before=before,
               after=snapshot(session))
    return session
