"""Telling people what happened: the petitioner (when contact details were given) by e-mail and
text message, the unit when something is assigned to it. Called after the transaction
commits, so a failed notification never undoes an acknowledged petition: every failure is
logged, none is raised.

What a citizen receives is plain Vietnamese (not gettext): it must not depend on the language
of the clerk's page. A denunciation's messages carry the tracking code and what happened,
never its text, its answer or anything else that could point back at the denouncer.
"""

from __future__ import annotations

import contextlib
import logging
import threading

from django.conf import settings
from django.core.mail import send_mail
from django.urls import reverse

from doithoai.core import dates
from doithoai.core.kind_hints import DENUNCIATION, suggested_kind
from doithoai.org.models import Membership, Role
from doithoai.petitions.models import Kind, Petition, Petitioner
from doithoai.petitions.selectors.petitions import current_answer
from doithoai.petitions.sms import gateway

logger = logging.getLogger(__name__)

# What happened, as the end of the sentence "Ý kiến mã ABCD-EFGH …".
MESSAGES = {
    "received": "đã được tiếp nhận",
    "extended": "được gia hạn trả lời đến {due}",
    "answered": "đã có trả lời",
    "answer_amended": "đã được bổ sung nội dung trả lời",
    "escalated": "đã được chuyển cơ quan cấp trên giải quyết",
    "not_accepted": "không được tiếp nhận; xem hướng dẫn",
    "transferred": "được chuyển giải quyết theo thủ tục khiếu nại, tố cáo",
    "closed": "đã kết thúc",
}

_muted = threading.local()


@contextlib.contextmanager
def muted():
    """Send nothing inside this block (demo data: its citizens are not real people).

    Wrap the outermost transaction in it, so that the on-commit callbacks run while muted."""
    depth = getattr(_muted, "depth", 0)
    _muted.depth = depth + 1
    try:
        yield
    finally:
        _muted.depth = depth


def is_muted() -> bool:
    return getattr(_muted, "depth", 0) > 0


def _tracking_url(code: str) -> str:
    return settings.PUBLIC_BASE_URL.rstrip("/") + reverse("public:track_code", args=[code])


def _is_denunciation(petition) -> bool:
    """By its kind, or by its words before anyone classified it (or though someone recorded
    it as an opinion): its text never travels by e-mail."""

    return petition.kind == Kind.DENUNCIATION or suggested_kind(petition.text) == DENUNCIATION


def message_for(petition, event: str) -> str:
    """The short text (SMS, and the first line of the e-mail)."""
    what = MESSAGES[event].format(due=dates.day(petition.due_date))
    return (f"{petition.agency.name}: ý kiến mã {petition.tracking_code} {what}. "
            f"Tra cứu: {_tracking_url(petition.tracking_code)}")


def email_for(petition, event: str, full_name: str = "") -> tuple[str, str]:
    """Subject and body of the e-mail to one petitioner."""
    code = petition.tracking_code
    lines = [f"Kính gửi {full_name}," if full_name else "Kính gửi ông/bà,", "",
             message_for(petition, event), ""]
    if event == "received":
        lines.append(f"Ngày tiếp nhận: {dates.day(petition.received_on)}.")
        if petition.due_date:
            lines.append(f"Hạn trả lời: {dates.day(petition.due_date)}.")
    elif event == "extended" and not _is_denunciation(petition):
        lines.append(petition.due_rule_label)
    elif event in ("answered", "answer_amended") and not _is_denunciation(petition):
        answer = current_answer(petition)
        if answer is not None:
            lines += ["Nội dung trả lời:", answer.text]
            if answer.document_number:
                lines.append(f"(Văn bản số {answer.document_number}"
                             + (f" ngày {dates.day(answer.document_date)})"
                                if answer.document_date else ")"))
    elif event in ("escalated", "not_accepted") and petition.public_note \
            and not _is_denunciation(petition):
        lines.append(petition.public_note)
    lines += ["", f"Ông/bà có thể theo dõi kết quả bất cứ lúc nào tại "
                  f"{_tracking_url(code)} với mã {code}.", "", petition.agency.name]
    return f"Ý kiến mã {code}: {MESSAGES[event].format(due=dates.day(petition.due_date))}", \
        "\n".join(lines)


def petitioner_told(petition_id: int, event: str) -> None:
    """E-mail to each petitioner who gave an address, a text message to each who gave a
    phone number. Each petitioner gets their own message (never the others' addresses)."""
    if is_muted():
        return
    try:

        petition = Petition.objects.select_related("agency").get(pk=petition_id)
        people = list(petition.petitioners.all())
    except Exception:  # never break the clerk's work
        logger.exception("Notification %s of petition #%s could not be prepared",
                         event, petition_id)
        return
    _tell(petition, people, event)


def petitioners_told(petition_ids, event: str, *, chunk_size: int = 500) -> None:
    """`petitioner_told` for many petitions (an imported file): one query per chunk of
    petitions, and nothing at all for those whose petitioners left no contact details."""
    if is_muted():
        return

    ids = list(petition_ids)
    for start in range(0, len(ids), chunk_size):
        chunk = ids[start:start + chunk_size]
        try:
            people = list(Petitioner.objects.filter(petition_id__in=chunk)
                          .exclude(phone="", email="").select_related("petition__agency")
                          .order_by("petition_id", "pk"))
        except Exception:
            logger.exception("Notification %s of %s petitions could not be prepared",
                             event, len(chunk))
            continue
        by_petition: dict[int, list] = {}
        for person in people:
            by_petition.setdefault(person.petition_id, []).append(person)
        for group in by_petition.values():
            _tell(group[0].petition, group, event)


def _tell(petition, people, event: str) -> None:
    try:
        short = message_for(petition, event)
    except Exception:
        logger.exception("Notification %s of petition %s could not be prepared", event,
                         petition.tracking_code)
        return
    for person in people:
        if person.email:
            try:
                subject, body = email_for(petition, event, person.full_name)
                send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [person.email])
            except Exception:  # a mail server outage must not break the clerk's work
                logger.exception("E-mail about petition %s failed", petition.tracking_code)
        if person.phone:
            try:
                gateway().send(person.phone, short)
            except Exception:  # nor must an SMS provider's
                logger.exception("SMS about petition %s failed", petition.tracking_code)


def unit_officer_emails(unit) -> list[str]:
    """Where a unit is written to: its active officers' addresses, else the unit's own."""

    emails = sorted(set(Membership.objects.filter(
        role=Role.UNIT_OFFICER, unit=unit, is_active=True, user__is_active=True)
        .exclude(user__email="").values_list("user__email", flat=True)))
    if not emails and unit.email:
        emails = [unit.email]
    return emails


def unit_assigned(petition_id: int) -> None:
    _write_to_unit(petition_id, "Ý kiến {code} được giao cho {unit}")


def unit_told_text_corrected(petition_id: int) -> None:
    """The unit answering a petition reads its text as completed after it was assigned."""
    _write_to_unit(petition_id, "Nội dung ý kiến {code} giao cho {unit} đã được hoàn chỉnh")


def _write_to_unit(petition_id: int, subject: str) -> None:
    """The petition's text (never a denunciation's) and its due date, to its unit."""
    if is_muted():
        return
    try:

        petition = Petition.objects.select_related("unit", "agency").get(pk=petition_id)
        if petition.unit is None:
            return
        emails = unit_officer_emails(petition.unit)
        if not emails:
            return
        text = ("(Nội dung tố cáo không gửi qua thư điện tử; xem trên hệ thống.)"
                if _is_denunciation(petition) else petition.text[:500])
        due = f"\n\nHạn trả lời: {dates.day(petition.due_date)}" if petition.due_date else ""
        send_mail(subject.format(code=petition.tracking_code, unit=petition.unit.name),
                  text + due, settings.DEFAULT_FROM_EMAIL, emails)
    except Exception:
        logger.exception("Notification of the unit for petition #%s failed", petition_id)
