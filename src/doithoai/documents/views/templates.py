"""The agency's Word templates: download the current or the shipped one, upload its own,
go back to the shipped one."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from doithoai.documents import rules
from doithoai.documents.actions.templates import DOCX_CONTENT_TYPE, reset_template, upload_template
from doithoai.documents.forms import TemplateUploadForm
from doithoai.documents.selectors.register import agencies_of
from doithoai.documents.selectors.templates import (
    shipped_template_bytes,
    template_bytes,
    template_kinds,
    uploads,
)
from doithoai.documents.views.common import chosen_agency, file_response, kind_or_404
from doithoai.org import access
from doithoai.org.access import get_visible_object_or_404
from doithoai.org.models import Agency


def _template_rows(agency: Agency, errors: dict | None = None) -> list[dict]:
    rows = []
    for kind in template_kinds():
        history = uploads(agency, kind.code)
        rows.append({
            "kind": kind,
            "active": next((t for t in history if t.active), None),
            "history": history,
            "errors": (errors or {}).get(kind.code, []),
            "form": TemplateUploadForm(prefix=kind.code),
        })
    return rows


def _templates_page(request, agency: Agency, agencies, errors=None, status=200):
    return render(request, "documents/templates.html", {
        "agencies": agencies if len(agencies) > 1 else [],
        "agency": agency,
        "rows": _template_rows(agency, errors),
        "can_upload": access.can(request.user, rules.MANAGE_TEMPLATES, agency),
    }, status=status)


@login_required
@require_GET
def templates(request):
    agencies = agencies_of(request.user)
    agency = chosen_agency(request, agencies)
    if agency is None:
        raise Http404
    return _templates_page(request, agency, agencies)


@login_required
@require_GET
def template_download(request, agency_id: int, kind: str):
    agency = get_visible_object_or_404(request.user, Agency, agency_id)
    kind_ = kind_or_404(kind)
    if kind_ not in template_kinds():
        raise Http404
    data = None if request.GET.get("goc") else template_bytes(agency, kind_.code)
    suffix = "mau-co-quan" if data is not None else "mau-goc"
    if data is None:
        data = shipped_template_bytes(kind_.code)
    return file_response(data, DOCX_CONTENT_TYPE, f"{kind_.code}-{suffix}.docx")


@login_required
@require_POST
def template_upload(request, agency_id: int, kind: str):
    agency = get_visible_object_or_404(request.user, Agency, agency_id)
    kind_ = kind_or_404(kind)
    if kind_ not in template_kinds():
        raise Http404
    form = TemplateUploadForm(request.POST, request.FILES, prefix=kind_.code)
    back = f"{reverse('documents:templates')}?co-quan={agency.pk}"
    if not form.is_valid():
        problems = [e for errors in form.errors.values() for e in errors]
        access.require(request.user, rules.ISSUE, agency)
        return _templates_page(request, agency, agencies_of(request.user),
                               {kind_.code: problems}, status=400)
    upload = form.cleaned_data["tep"]
    try:
        upload_template(actor=request.user, agency=agency, kind_code=kind_.code, data=upload.read(),
                        name=upload.name, content_type=upload.content_type or "")
    except ValidationError as exc:
        return _templates_page(request, agency, agencies_of(request.user),
                               {kind_.code: exc.messages}, status=400)
    messages.success(request, _("Đã nhận mẫu %(kind)s: từ nay văn bản dùng mẫu này (mẫu cũ "
                                "vẫn được lưu).") % {"kind": kind_.label.lower()})
    return redirect(back)


@login_required
@require_POST
def template_reset(request, agency_id: int, kind: str):
    agency = get_visible_object_or_404(request.user, Agency, agency_id)
    kind_ = kind_or_404(kind)
    back = f"{reverse('documents:templates')}?co-quan={agency.pk}"
    try:
        reset_template(actor=request.user, agency=agency, kind_code=kind_.code)
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
        return redirect(back)
    messages.success(request, _("Đã trở lại mẫu có sẵn của %(kind)s.")
                     % {"kind": kind_.label.lower()})
    return redirect(back)
