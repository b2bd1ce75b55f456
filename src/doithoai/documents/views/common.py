"""What the documents pages share: the kind, source object or document of an address (404
outside the user's scope), file responses, and the page shown when a
PDF or a stored file cannot be had."""

from __future__ import annotations

from django.apps import apps
from django.contrib import messages
from django.db.models import Model
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils.http import content_disposition_header

from doithoai.documents.kinds import Kind
from doithoai.documents.models import Document
from doithoai.documents.registry import KINDS
from doithoai.org.access import get_visible_object_or_404
from doithoai.org.models import Agency

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def kind_or_404(code: str) -> Kind:
    kind = KINDS.get(code)
    if kind is None:
        raise Http404
    return kind


def source_or_404(request, kind_code: str, object_id: int) -> tuple[Kind, Model]:
    kind = kind_or_404(kind_code)
    model = apps.get_model(kind.source)
    return kind, get_visible_object_or_404(request.user, model, object_id)


def document_or_404(request, pk: int) -> Document:
    return get_visible_object_or_404(
        request.user, Document.objects.select_related("agency", "issued_by", "corrects",
                                                      "content_type"), pk)


def file_response(data: bytes, content_type: str, filename: str, *, attachment: bool = True
                  ) -> HttpResponse:
    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(attachment, filename)
    response["Cache-Control"] = "private, no-store"
    return response


def unavailable(request, message: str, docx_url: str | None = None) -> HttpResponse:
    return render(request, "documents/unavailable.html",
                  {"message": message, "docx_url": docx_url}, status=503)


def chosen_agency(request, agencies: list[Agency]) -> Agency | None:
    wanted = request.GET.get("co-quan")
    for agency in agencies:
        if wanted and str(agency.pk) == wanted:
            return agency
    return agencies[0] if agencies else None


def form_errors(request, form) -> None:
    """Each of the form's errors as a message on the page the user goes back to."""
    for errors in form.errors.values():
        for error in errors:
            messages.error(request, error)
