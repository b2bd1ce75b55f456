"""Telling people what happened: the petitioner (when contact details were given) by e-mail and
text message, the unit when something is assigned to it. Called after the transaction
commits, so a failed notification never undoes an acknowledged petition."""

import logging

from django.conf import settings
from django.core.mail import send_mail
from django.urls import reverse

from doithoai.petitions.sms import gateway

logger = logging.getLogger(__name__)

# Stored texts go to citizens in Vietnamese whatever language the clerk's page uses.
MESSAGES = {
    "received": "đã được tiếp nhận",
    "extended": "được gia hạn trả lời đến {due}",
    "answered": "đã có trả lời",
    "escalated": "đã được chuyển cơ quan cấp trên giải quyết",
    "not_accepted": "không được tiếp nhận; xem hướng dẫn",
    "transferred": "được chuyển giải quyết theo thủ tục khiếu nại, tố cáo",
    "closed": "đã kết thúc",
}


def _tracking_url(code: str) -> str:
    return settings.PUBLIC_BASE_URL.rstrip("/") + reverse("public:track_code", args=[code])


def message_for(petition, event: str) -> str:
    due = petition.due_date.strftime("%d/%m/%Y") if petition.due_date else ""
    what = MESSAGES[event].format(due=due)
    return (f"{petition.agency.name}: ý kiến mã {petition.tracking_code} {what}. "
            f"Tra cứu: {_tracking_url(petition.tracking_code)}")


def petitioner_told(petition_id: int, event: str) -> None:
    from doithoai.petitions.models import Petition

    petition = Petition.objects.select_related("agency").get(pk=petition_id)
    text = message_for(petition, event)
    for person in petition.petitioners.all():
        try:
            if person.email:
                send_mail(f"Ý kiến {petition.tracking_code}", text,
                          settings.DEFAULT_FROM_EMAIL, [person.email])
            if person.phone:
                gateway().send(person.phone, text)
        except Exception:  # a provider outage must not break the clerk's work
            logger.exception("Notification of petition %s failed", petition.tracking_code)


def unit_assigned(petition_id: int) -> None:
    from doithoai.org.models import Membership, Role
    from doithoai.petitions.models import Petition

    petition = Petition.objects.select_related("unit", "agency").get(pk=petition_id)
    emails = list(Membership.objects.filter(
        role=Role.UNIT_OFFICER, unit=petition.unit, is_active=True, user__is_active=True)
        .exclude(user__email="").values_list("user__email", flat=True))
    if emails:
        due = f"\n\nHạn trả lời: {petition.due_date:%d/%m/%Y}" if petition.due_date else ""
        try:
            send_mail(f"Ý kiến {petition.tracking_code} được giao cho {petition.unit.name}",
                      petition.text[:500] + due, settings.DEFAULT_FROM_EMAIL, emails)
        except Exception:
            logger.exception("Notification of unit for %s failed", petition.tracking_code)
