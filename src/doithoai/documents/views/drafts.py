"""An object's drafts (downloads, PDF, preview, the report's table) and issuing them."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Model
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from doithoai.documents import rules
from doithoai.documents.actions.register import issue as issue_document
from doithoai.documents.actions.templates import DOCX_CONTENT_TYPE
from doithoai.documents.drawing import pdf
from doithoai.documents.forms import IssueForm
from doithoai.documents.selectors.drafts import render_draft, render_table
from doithoai.documents.views.common import (
    XLSX,
    file_response,
    form_errors,
    source_or_404,
    unavailable,
)
from doithoai.org import access
from doithoai.petitions.views.navigation import safe_next


def _draft_name(kind_code: str, obj: Model, ext: str) -> str:
    return f"{kind_code}-{obj.pk}-du-thao.{ext}"


@login_required
@require_GET
def draft_docx(request, kind: str, object_id: int):
    kind_, obj = source_or_404(request, kind, object_id)
    rendered = render_draft(kind_.code, obj)
    return file_response(rendered.docx, DOCX_CONTENT_TYPE, _draft_name(kind_.code, obj, "docx"))


@login_required
@require_GET
def draft_pdf(request, kind: str, object_id: int):
    kind_, obj = source_or_404(request, kind, object_id)
    docx_url = reverse("documents:draft_docx", args=[kind_.code, obj.pk])
    try:
        data = pdf.to_pdf(render_draft(kind_.code, obj).docx)
    except pdf.PdfUnavailable as exc:
        return unavailable(request, str(exc), docx_url)
    return file_response(data, "application/pdf", _draft_name(kind_.code, obj, "pdf"),
                         attachment=False)


@login_required
@require_GET
def draft_png(request, kind: str, object_id: int):
    kind_, obj = source_or_404(request, kind, object_id)
    try:
        data = pdf.preview_png(render_draft(kind_.code, obj).docx)
    except pdf.PdfUnavailable as exc:
        return HttpResponse(str(exc), status=503, content_type="text/plain; charset=utf-8")
    return file_response(data, "image/png", _draft_name(kind_.code, obj, "png"),
                         attachment=False)


@login_required
@require_GET
def draft_xlsx(request, kind: str, object_id: int):
    kind_, obj = source_or_404(request, kind, object_id)
    data = render_table(kind_.code, obj)
    if data is None:
        raise Http404
    return file_response(data, XLSX, _draft_name(kind_.code, obj, "xlsx"))


@login_required
@require_POST
def issue(request, kind: str, object_id: int):
    kind_, obj = source_or_404(request, kind, object_id)
    access.require(request.user, rules.ISSUE, obj)  # 403 before anything is read
    form = IssueForm(request.POST)
    to = safe_next(request, reverse("documents:register"))
    if not form.is_valid():
        form_errors(request, form)
        return redirect(to)
    try:
        document = issue_document(actor=request.user, kind_code=kind_.code, obj=obj,
                                  signed=form.cleaned_data["da_ky"],
                                  issued_on=form.cleaned_data["ngay"])
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
        return redirect(to)
    messages.success(request, _("Đã ban hành %(kind)s số %(number)s; bản đã ban hành được lưu "
                                "và không thay đổi nữa.")
                     % {"kind": kind_.label.lower(), "number": document.number_text})
    return redirect(to)
