"""The speaker queue of a conference in the hall: register speakers (paper, QR, an opinion
sent before), call them in order, move one with a reason, finish, withdraw. One function per
use case, one transaction, one audit event.

Who may act: the office (clerk, leader — the secretary and the chair) on everything; a citizen
registers himself through the hall's QR code (actor None, only while the session is open).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from doithoai.audit.services import record, require_reason, snapshot
from doithoai.core.text import fold, nfc
from doithoai.dialogues.selectors import conference_links
from doithoai.live import rules
from doithoai.live.actions.sessions import end_turn, locked_open_session, locked_registration
from doithoai.live.models import Registration, Session
from doithoai.live.selectors.sessions import queue, speaking
from doithoai.org import access
from doithoai.org.models import Village
from doithoai.petitions.actions import corrections
from doithoai.public import throttle
from doithoai.public.actions import count_hit
from doithoai.public.models import Attempt

State = Registration.State
LIVE = (State.WAITING, State.SPEAKING)


def register(*, actor, session: Session, source: str, full_name: str, village=None,
             topic: str = "", petition=None, client_key: str = "",
             confidential: bool = False) -> Registration:
    """One more speaker at the end of the queue. The same `client_key` twice gives the first
    registration back (a retried request); the same person twice while waiting is refused.
    `confidential`: the registrant asked not to be named before the hall; a denunciation (by
    the words of the topic or the opinion's kind) is confidential without asking."""
    if source not in Registration.Source.values:
        raise ValidationError(_("Nguồn đăng ký không hợp lệ."))
    if actor is None and source != Registration.Source.QR:
        raise PermissionDenied(str(rules.RUN_SESSION.refusal))
    if actor is not None:
        access.require(actor, rules.RUN_SESSION, session)
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
    if petition is not None and not conference_links.belongs(petition, session.conference_id):
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
        registration.confidential = bool(confidential) or registration.is_confidential
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


def move(*, actor, registration: Registration, after: Registration | None, reason: str
         ) -> Registration:
    """The chair moves a waiting speaker: first in the queue (`after` None) or right after
    another waiting one. The reason is kept (R20: registration order is the rule)."""
    reason = require_reason(reason)
    access.require(actor, rules.DECIDE, registration)
    with transaction.atomic():
        session, registration = locked_registration(
            registration, (State.WAITING,), _("Chỉ thay đổi thứ tự của người đang chờ phát biểu."))
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
    access.require(actor, rules.RUN_SESSION, session)
    with transaction.atomic():
        session = locked_open_session(session.pk)
        current = speaking(session)
        if seen_speaker is not None and (current.pk if current else 0) != seen_speaker:
            raise ValidationError(_("Người phát biểu vừa được thay đổi trên thiết bị khác; "
                                    "màn hình đã cập nhật, hãy xem lại trước khi mời tiếp."))
        if current is not None:
            end_turn(actor, current)
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
    access.require(actor, rules.RUN_SESSION, registration)
    with transaction.atomic():
        session, registration = locked_registration(
            registration, (State.SPEAKING,), _("Người này không đang phát biểu."))
        end_turn(actor, registration)
    return registration


def withdraw(*, actor, registration: Registration, reason: str) -> Registration:
    reason = require_reason(reason)
    access.require(actor, rules.RUN_SESSION, registration)
    with transaction.atomic():
        session, registration = locked_registration(
            registration, (State.WAITING,), _("Chỉ rút đăng ký của người đang chờ phát biểu."))
        before = snapshot(registration)
        registration.state = State.WITHDRAWN
        registration.save(update_fields=["state"])
        record(actor=actor, action="live.withdraw", obj=registration, before=before,
               after=snapshot(registration), reason=reason)
    return registration


def set_confidential(*, actor, registration: Registration, confidential: bool = True,
                     reason: str = "") -> Registration:
    """The registrant asks not to be named before the hall (told the secretary or the chair,
    who mark it): from the next poll on, the hall screen shows only "Người phát biểu số N".
    Named again only when he asks it, with the reason, and never a denunciation."""
    access.require(actor, rules.RUN_SESSION, registration)
    with transaction.atomic():
        session, registration = locked_registration(registration)
        if registration.confidential == bool(confidential):
            return registration
        if not confidential:
            reason = require_reason(reason)
            if registration.is_denunciation:
                raise ValidationError(_("Người tố cáo được giữ bí mật theo Luật Tố cáo: không "
                                        "nêu tên trước hội trường."))
        before = snapshot(registration)
        registration.confidential = bool(confidential)
        registration.save(update_fields=["confidential"])
        record(actor=actor, action="live.confidential" if confidential else "live.named",
               obj=registration, before=before, after=snapshot(registration),
               reason=reason.strip())
        if confidential:
            _unnamed_in_public(actor, registration, reason.strip() or _(
                "Người phát biểu đề nghị không nêu tên"))
    return registration


def confidential_by_phone(*, session: Session, device: str, number: int) -> Registration:
    """A citizen asks from his phone not to be named (one he registered from this phone)."""
    with transaction.atomic():
        locked_open_session(session.pk)
        registration = (Registration.objects.select_for_update()
                        .filter(session=session, number=number, source=Registration.Source.QR,
                                client_key__startswith=f"{device}-").first())
        if registration is None:
            raise ValidationError(_("Không tìm thấy đăng ký này trên điện thoại của bạn."))
        if registration.confidential:
            return registration
        before = snapshot(registration)
        registration.confidential = True
        registration.save(update_fields=["confidential"])
        reason = _("Người đăng ký đề nghị không nêu tên (từ điện thoại)")
        record(actor=None, action="live.confidential", obj=registration, before=before,
               after=snapshot(registration), reason=reason)
        _unnamed_in_public(None, registration, reason)
    return registration


def _unnamed_in_public(actor, registration: Registration, reason: str) -> None:
    """What he said is already a petition: its public copies stop naming him too."""
    if registration.petition_id:
        corrections.keep_senders_unnamed(actor=actor, petition=registration.petition,
                                         reason=reason)


def register_by_phone(*, session: Session, client: str, key: str, full_name: str,
                      village_pk: str, topic: str, confidential: bool = False
                      ) -> Registration:
    """A citizen registers from the hall's QR code (no account): counted against the
    address's limit, stored in one transaction with the count (a registration is never
    stored while the phone is told it failed)."""
    limits = [throttle.Limit(getattr(settings, "LIVE_QR_PER_ADDRESS", 600),
                             dt.timedelta(hours=1))]
    if throttle.exceeded(Attempt.Bucket.LIVE_QR, client, limits):
        raise ValidationError(_("Có quá nhiều lượt đăng ký từ mạng này. Hãy gặp thư ký hội "
                                "nghị để đăng ký phát biểu."), code="too_many")
    village = None
    if village_pk.isdigit():
        village = Village.objects.filter(pk=int(village_pk),
                                         agency=session.conference.agency).first()
        if village is None:
            raise ValidationError(_("Thôn không thuộc xã tổ chức hội nghị."))
    with transaction.atomic():
        row = register(actor=None, session=session, source=Registration.Source.QR,
                       full_name=full_name, village=village, topic=topic, client_key=key,
                       confidential=confidential)
        count_hit(bucket=Attempt.Bucket.LIVE_QR, client=client, limits=limits)
    return row
