"""One document of the register: its page, its files as issued (or as its correction reads
now), and opening a correction.

Thin: parse, ask the permission layer, read through selectors, change through actions,
answer. Objects outside the user's scope are 404; read-only roles and roles outside the office
get the action's 403 on any POST. When LibreOffice cannot make a PDF or a preview, the page
says so in Vietnamese and the .docx still downloads.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from doithoai.documents import rules
from doithoai.documents.actions.register import correct as correct_document
from doithoai.documents.actions.templates import DOCX_CONTENT_TYPE
from doithoai.documents.drawing import pdf
from doithoai.documents.forms import CorrectForm
from doithoai.documents.models import Document
from doithoai.documents.registry import KINDS
from doithoai.documents.selectors.drafts import render_draft, render_table
from doithoai.documents.selectors.issued import (
    Unavailable,
    corrections,
    is_corrected,
    issued_bytes,
    issued_table_bytes,
)
from doithoai.documents.views.common import (
    XLSX,
    document_or_404,
    file_response,
    form_errors,
    unavailable,
)
from doithoai.org import access


def _issued_name(document: Document, ext: str) -> str:
    return f"{document.number_text.replace('/', '-')}-{document.kind}.{ext}"


def _name(document: Document, ext: str) -> str:
    return _issued_name(document, ext) if document.is_issued else f"{document.kind}-du-thao.{ext}"


def _document_docx(document: Document) -> bytes:
    """The bytes a document downloads as: the frozen file once issued, else the live draft."""
    if document.is_issued:
        return issued_bytes(document)
    source = document.source
    if source is None:
        raise Http404
    return render_draft(document.kind, source).docx


@login_required
@require_GET
def detail(request, pk: int):
    document = document_or_404(request, pk)
    kind = KINDS.get(document.kind)
    source = document.source
    roles_ok = access.can(request.user, rules.CORRECT, document)
    return render(request, "documents/detail.html", {
        "document": document,
        "kind": kind,
        "source": source,
        "source_url": _source_url(source),
        "corrections": corrections(document),
        "can_correct": roles_ok and document.is_issued and not is_corrected(document),
        "has_table": (bool(document.table_file) if document.is_issued
                      else kind is not None and kind.table is not None),
        "correct_form": CorrectForm(),
        "pdf_ready": pdf.ready(),
        "pdf_missing": pdf.missing_message(),
    })


def _source_url(source) -> str | None:
    if source is None:
        return None
    getter = getattr(source, "get_absolute_url", None)
    if getter:
        return getter()
    names = {"dialogues.plan": "dialogues:plan_detail",
             "dialogues.conference": "dialogues:conference_detail",
             "petitions.petition": "petitions:detail",
             "petitions.urge": "petitions:urge_detail"}
    name = names.get(source._meta.label_lower)
    if not name:
        return None
    try:
        return reverse(name, args=[source.pk])
    except Exception:  # noqa: BLE001 — a page another part of the product may not have yet
        return None


@login_required
@require_GET
def document_docx(request, pk: int):
    document = document_or_404(request, pk)
    try:
        data = _document_docx(document)
    except Unavailable as exc:
        return unavailable(request, exc.messages[0])
    return file_response(data, DOCX_CONTENT_TYPE, _name(document, "docx"))


@login_required
@require_GET
def document_pdf(request, pk: int):
    document = document_or_404(request, pk)
    docx_url = reverse("documents:document_docx", args=[document.pk])
    try:
        data = pdf.to_pdf(_document_docx(document))
    except Unavailable as exc:
        return unavailable(request, exc.messages[0])
    except pdf.PdfUnavailable as exc:
        return unavailable(request, str(exc), docx_url)
    return file_response(data, "application/pdf", _name(document, "pdf"), attachment=False)


@login_required
@require_GET
def document_png(request, pk: int):
    document = document_or_404(request, pk)
    try:
        data = pdf.preview_png(_document_docx(document))
    except (Unavailable, pdf.PdfUnavailable) as exc:
        message = exc.messages[0] if isinstance(exc, ValidationError) else str(exc)
        return HttpResponse(message, status=503, content_type="text/plain; charset=utf-8")
    return file_response(data, "image/png", f"{document.kind}-{document.pk}.png",
                         attachment=False)


@login_required
@require_GET
def document_xlsx(request, pk: int):
    """The report's table: as issued once the document is, else as it reads now."""
    document = document_or_404(request, pk)
    try:
        if document.is_issued:
            data = issued_table_bytes(document)
        else:
            source = document.source
            data = render_table(document.kind, source) if source else None
    except Unavailable as exc:
        return unavailable(request, exc.messages[0])
    if data is None:
        raise Http404
    return file_response(data, XLSX, _name(document, "xlsx"))


@login_required
@require_POST
def correct(request, pk: int):
    document = document_or_404(request, pk)
    form = CorrectForm(request.POST)
    back = reverse("documents:detail", args=[document.pk])
    if not form.is_valid():
        form_errors(request, form)
        return redirect(back)
    try:
        draft = correct_document(actor=request.user, document=document,
                                 reason=form.cleaned_data["ly_do"])
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
        return redirect(back)
    messages.success(request, _("Đã lập văn bản sửa đổi, thay thế (dự thảo). Số mới được cấp "
                                "khi ban hành."))
    return redirect("documents:detail", draft.pk)
