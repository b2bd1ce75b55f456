"""The speaker queue of a conference in the hall: open the session, register speakers (paper,
QR, an opinion sent before), call them in order, move one with a reason, finish, withdraw,
close. One function per use case, one transaction, one audit event.

Who may act: the office (clerk, leader — the secretary and the chair) on everything; a citizen
registers himself through the hall's QR code (actor None, only while the session is open).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from doithoai.audit.services import record, require_reason, snapshot
from doithoai.core.text import fold, nfc
from doithoai.dialogues.models import Conference
from doithoai.live.models import Registration, Session
from doithoai.org.access import OFFICE_ROLES, require_role

State = Registration.State
LIVE = (State.WAITING, State.SPEAKING)


def require_office(actor, obj) -> None:
    message = _("Chỉ thư ký, chủ trì (Văn phòng, lãnh đạo UBND) điều hành phiên họp.")
    if actor is None:
        raise PermissionDenied(message)
    require_role(actor, obj, OFFICE_ROLES, message)


def locked_open_session(pk: int) -> Session:
    session = Session.objects.select_for_update().get(pk=pk)
    if not session.is_open:
        raise ValidationError(_("Phiên họp đã kết thúc: không nhận thêm đăng ký hay thay đổi."))
    return session


def locked_recording_session(pk: int) -> Session:
    """The record may still be completed after the session closes, until the minutes are
    adopted (the secretary catches up what was said)."""
    from doithoai.live.models import Minutes

    session = Session.objects.select_for_update().get(pk=pk)
    if Minutes.objects.filter(session=session).exclude(adopted_at=None).exists():
        raise ValidationError(_("Biên bản đã được thông qua: không sửa nội dung phiên họp nữa."))
    return session


def open_session(*, actor, conference: Conference) -> Session:
    """The secretary opens the session on the conference day (once; again returns it)."""
    require_office(actor, conference)
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
    return session


def register(*, actor, session: Session, source: str, full_name: str, village=None,
             topic: str = "", petition=None, client_key: str = "") -> Registration:
    """One more speaker at the end of the queue. The same `client_key` twice gives the first
    registration back (a retried request); the same person twice while waiting is refused."""
    if source not in Registration.Source.values:
        raise ValidationError(_("Nguồn đăng ký không hợp lệ."))
    if actor is not None or source != Registration.Source.QR:
        require_office(actor, session)
    full_name, topic, client_key = nfc(full_name).strip(), nfc(topic).strip(), client_key.strip()
    if petition is not None:
        full_name = full_name or _petitioner_name(petition)
        topic = topic or petition.text.strip()[:300]
        village = village or petition.village
    if not full_name:
        raise ValidationError({"full_name": _("Hãy ghi họ và tên người đăng ký phát biểu.")})
    if len(full_name) > 120 or len(topic) > 300 or len(client_key) > 64:
        raise ValidationError(_("Họ và tên tối đa 120 ký tự, nội dung muốn phát biểu tối đa "
                                "300 ký tự."))
    agency = session.conference.agency
    if village is not None and village.agency_id != agency.pk:
        raise ValidationError({"village": _("Thôn không thuộc xã tổ chức hội nghị.")})
    if petition is not None and petition.conference_id != session.conference_id:
        raise ValidationError(_("Ý kiến này không thuộc hội nghị."))
    with transaction.atomic():
        session = locked_open_session(session.pk)
        if client_key:
            again = session.registrations.filter(client_key=client_key).first()
            if again is not None:
                return again
        if petition is not None and session.registrations.filter(petition=petition).exists():
            raise ValidationError(_("Ý kiến này đã có trong danh sách phát biểu."))
        if _already_waiting(session, full_name, village):
            raise ValidationError(_("%(name)s đã đăng ký phát biểu và đang chờ đến lượt.")
                                  % {"name": full_name})
        last = session.registrations.aggregate(n=Max("number"), p=Max("position"))
        number = (last["n"] or 0) + 1
        registration = Registration(
            session=session, number=number, position=max(Decimal(number), (last["p"] or 0) + 1),
            source=source, full_name=full_name, village=village, topic=topic,
            petition=petition, client_key=client_key, created_by=actor)
        try:
            with transaction.atomic():
                registration.save()
        except IntegrityError:  # the same key sent twice at the same moment
            again = session.registrations.filter(client_key=client_key).first()
            if again is None:
                raise
            return again
        record(actor=actor, action="live.register", obj=registration,
               after=snapshot(registration))
    return registration


def _petitioner_name(petition) -> str:
    first = petition.petitioners.exclude(full_name="").order_by("pk").first()
    return first.full_name if first else ""


def _already_waiting(session: Session, full_name: str, village) -> bool:
    """The same name waiting or speaking, in the same village — or either without a village
    (a name typed once with, once without its village is the same person in one hall)."""
    folded = fold(full_name)
    rows = session.registrations.filter(state__in=LIVE)
    if village is not None:
        rows = rows.filter(Q(village=village) | Q(village=None))
    return any(fold(r.full_name) == folded for r in rows)


def queue(session: Session):
    """Who waits, in the order they will be called."""
    return session.registrations.filter(state=State.WAITING).order_by("position", "number")


def speaking(session: Session) -> Registration | None:
    return session.registrations.filter(state=State.SPEAKING).first()


def move(*, actor, registration: Registration, after: Registration | None, reason: str
         ) -> Registration:
    """The chair moves a waiting speaker: first in the queue (`after` None) or right after
    another waiting one. The reason is kept (R20: registration order is the rule)."""
    reason = require_reason(reason)
    require_office(actor, registration)
    with transaction.atomic():
        session = locked_open_session(registration.session_id)
        registration = Registration.objects.select_for_update().get(pk=registration.pk)
        if registration.state != State.WAITING:
            raise ValidationError(_("Chỉ thay đổi thứ tự của người đang chờ phát biểu."))
        before = snapshot(registration)
        waiting = list(queue(session).exclude(pk=registration.pk))
        if after is None:
            index = 0
        else:
            index = next((i + 1 for i, w in enumerate(waiting) if w.pk == after.pk), None)
            if index is None:
                raise ValidationError(_("Chỉ xếp sau một người đang chờ phát biểu."))
        waiting.insert(index, registration)
        # The queue is numbered again from after the last one called: exact however often
        # the chair moves people.
        base = session.registrations.exclude(state=State.WAITING).aggregate(
            p=Max("position"))["p"] or Decimal(0)
        for i, row in enumerate(waiting, start=1):
            row.position = base + i
        Registration.objects.bulk_update(waiting, ["position"])
        record(actor=actor, action="live.move", obj=registration, before=before,
               after=snapshot(registration), reason=reason)
    return registration


def call_next(*, actor, session: Session, seen_speaker: int | None = None
              ) -> Registration | None:
    """The speaker at the floor finishes; the first waiting one is called (None: nobody).
    `seen_speaker`: who the device showed at the floor (0: nobody) — when the other device
    already called someone, nobody is skipped by a second tap."""
    require_office(actor, session)
    with transaction.atomic():
        session = locked_open_session(session.pk)
        current = speaking(session)
        if seen_speaker is not None and (current.pk if current else 0) != seen_speaker:
            raise ValidationError(_("Người phát biểu vừa được thay đổi trên thiết bị khác; "
                                    "màn hình đã cập nhật, hãy xem lại trước khi mời tiếp."))
        if current is not None:
            _finish(actor, current)
        following = queue(session).first()
        if following is None:
            return None
        before = snapshot(following)
        following.state, following.called_at = State.SPEAKING, timezone.now()
        following.save(update_fields=["state", "called_at"])
        record(actor=actor, action="live.call", obj=following, before=before,
               after=snapshot(following))
    return following


def finish(*, actor, registration: Registration) -> Registration:
    require_office(actor, registration)
    with transaction.atomic():
        locked_open_session(registration.session_id)
        registration = Registration.objects.select_for_update().get(pk=registration.pk)
        if registration.state != State.SPEAKING:
            raise ValidationError(_("Người này không đang phát biểu."))
        _finish(actor, registration)
    return registration


def _finish(actor, registration: Registration) -> None:
    before = snapshot(registration)
    registration.state, registration.finished_at = State.DONE, timezone.now()
    registration.save(update_fields=["state", "finished_at"])
    record(actor=actor, action="live.finish", obj=registration, before=before,
           after=snapshot(registration))


def withdraw(*, actor, registration: Registration, reason: str) -> Registration:
    reason = require_reason(reason)
    require_office(actor, registration)
    with transaction.atomic():
        locked_open_session(registration.session_id)
        registration = Registration.objects.select_for_update().get(pk=registration.pk)
        if registration.state != State.WAITING:
            raise ValidationError(_("Chỉ rút đăng ký của người đang chờ phát biểu."))
        before = snapshot(registration)
        registration.state = State.WITHDRAWN
        registration.save(update_fields=["state"])
        record(actor=actor, action="live.withdraw", obj=registration, before=before,
               after=snapshot(registration), reason=reason)
    return registration


def close_session(*, actor, session: Session) -> Session:
    """The session ends: nobody registers any more; whoever speaks has finished."""
    require_office(actor, session)
    with transaction.atomic():
        session = locked_open_session(session.pk)
        current = speaking(session)
        if current is not None:
            _finish(actor, current)
        before = snapshot(session)
        session.state, session.closed_at = Session.State.CLOSED, timezone.now()
        session.version += 1
        session.save()
        record(actor=actor, action="live.close", obj=session, before=before,
               after=snapshot(session))
    return session


def agenda(session: Session) -> list:
    """The conference's programme in order."""
    return list(session.conference.agenda.order_by("order", "pk"))


def move_item(*, actor, session: Session, step: int) -> Session:
    """The programme moves on (+1) or back (-1): the current item and when it started, for
    the time used against the time planned. The first step starts the first item."""
    require_office(actor, session)
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
    require_office(actor, session)
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
