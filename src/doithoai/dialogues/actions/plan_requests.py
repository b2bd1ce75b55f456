"""The province asks its communes without a plan for the year to make one (R03): a request
per commune, audited, and an e-mail to each commune's office and leaders."""

from __future__ import annotations

import logging

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.utils.translation import gettext as _

from doithoai.audit.services import record_many, snapshot
from doithoai.core.text import nfc
from doithoai.dialogues import rules
from doithoai.dialogues.models import Plan, PlanRequest
from doithoai.org import access
from doithoai.org.access import OFFICE_ROLES
from doithoai.org.models import Agency, Membership
from doithoai.petitions import notify

logger = logging.getLogger(__name__)


def request_plans(*, actor, province_agency: Agency, agencies, year: int,
                  message: str) -> list[PlanRequest]:
    """The province asks communes without a plan for the year to make one: a request per
    commune (audited), and an e-mail to each commune's office and leaders.

    All or nothing: a commune outside the province or already planning refuses the lot."""
    if province_agency.level != Agency.Level.PROVINCE:
        raise PermissionDenied(str(rules.REQUEST_PLANS.refusal))
    access.require(actor, rules.REQUEST_PLANS, province_agency)
    message = nfc(message or "").strip()
    agencies = list(agencies)
    errors = []
    if not agencies:
        errors.append(_("Hãy chọn ít nhất một xã."))
    if not message:
        errors.append(_("Hãy ghi nội dung đề nghị."))
    if not 2000 <= year <= 2100:
        errors.append(_("Năm không hợp lệ."))
    outside = [a for a in agencies if a.parent_id != province_agency.pk
               or a.level != Agency.Level.COMMUNE]
    if outside:
        errors.append(_("Không thuộc %(province)s: %(names)s.") % {
            "province": province_agency.name, "names": ", ".join(a.name for a in outside)})
    planned = sorted(set(Plan.objects.filter(agency__in=agencies, year=year)
                         .values_list("agency__name", flat=True)))
    if planned:
        errors.append(_("Đã có kế hoạch năm %(year)s: %(names)s.") % {
            "year": year, "names": ", ".join(planned)})
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        requests = [PlanRequest.objects.create(agency=a, year=year, message=message,
                                               requested_by=actor) for a in agencies]
        record_many(actor=actor, action="plan_request.create", objs=requests,
                    afters=[snapshot(r) for r in requests])
        ids = [r.pk for r in requests]
        transaction.on_commit(lambda: _mail_requests(ids))
    return requests


def office_emails(agency_ids) -> dict[int, list[str]]:
    """The e-mail addresses of each agency's clerks and leaders (active accounts)."""
    emails: dict[int, set[str]] = {}
    for agency_id, email in (Membership.objects.filter(
            agency_id__in=agency_ids, role__in=OFFICE_ROLES, is_active=True,
            user__is_active=True).exclude(user__email="")
            .values_list("agency_id", "user__email")):
        emails.setdefault(agency_id, set()).add(email)
    return {k: sorted(v) for k, v in emails.items()}


def _mail_requests(request_ids: list[int]) -> None:
    """One e-mail per commune; a failure is logged, never raised (the request is recorded)."""

    if notify.is_muted():
        return
    requests = list(PlanRequest.objects.filter(pk__in=request_ids)
                    .select_related("agency__parent", "requested_by"))
    emails = office_emails([r.agency_id for r in requests])
    for req in requests:
        to = emails.get(req.agency_id) or ([req.agency.email] if req.agency.email else [])
        if not to:
            continue
        sender = req.agency.parent.name if req.agency.parent else ""
        who = req.requested_by.get_full_name() if req.requested_by else ""
        body = "\n".join([
            f"Kính gửi {req.agency.name},", "", req.message, "",
            f"Người đề nghị: {who} — {sender}" if who else sender, "",
            f"Xem và lập kế hoạch tại {settings.PUBLIC_BASE_URL.rstrip('/')}/doi-thoai/"])
        try:
            send_mail(f"Đề nghị xây dựng kế hoạch hội nghị đối thoại năm {req.year}", body,
                      settings.DEFAULT_FROM_EMAIL, to)
        except Exception:  # a mail outage must not undo the recorded request
            logger.exception("E-mail of plan request #%s failed", req.pk)
