"""Documents pages: an object's drafts and issued documents (downloads, preview, issue,
correct), the agency's register of issued documents, and the agency's templates.

Thin: parse, ask the permission layer, call a service, answer. Objects outside the user's
scope are 404 (`get_visible_object_or_404`); read-only roles and roles outside the office get
the service's 403 on any POST. When LibreOffice cannot make a PDF or a preview, the page says
so in Vietnamese and the .docx still downloads.
"""

from __future__ import annotations

import shutil

from django.apps import apps
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Model, Q
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import content_disposition_header, url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from doithoai.core.text import fold
from doithoai.documents import pdf, services
from doithoai.documents.forms import (
    CorrectForm,
    IssueForm,
    RegisterAdjustForm,
    RegisterSearchForm,
    TemplateUploadForm,
)
from doithoai.documents.kinds import KINDS
from doithoai.documents.models import AgencyTemplate, Document
from doithoai.org.access import get_visible_object_or_404, scope_of, visible
from doithoai.org.models import Agency

DOCX = services.DOCX_CONTENT_TYPE
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PAGE_SIZE = 25
MAX_SEARCH_WORDS = 8


# --- shared --------------------------------------------------------------------------------

def pdf_ready() -> bool:
    """Whether the programs that make PDFs and previews are on this server at all."""
    return bool(shutil.which(settings.DOCUMENTS_SOFFICE)
                and shutil.which(settings.DOCUMENTS_PDFTOPPM))


def pdf_missing_message() -> str:
    return _("Máy chủ chưa cài LibreOffice nên chưa tạo được bản PDF và ảnh xem trước; "
             "bản Word (.docx) vẫn tải về được.")


def _kind_or_404(code: str):
    kind = KINDS.get(code)
    if kind is None:
        raise Http404
    return kind


def _source_or_404(request, kind_code: str, object_id: int) -> tuple[object, Model]:
    kind = _kind_or_404(kind_code)
    model = apps.get_model(kind.source)
    return kind, get_visible_object_or_404(request.user, model, object_id)


def _document_or_404(request, pk: int) -> Document:
    return get_visible_object_or_404(
        request.user, Document.objects.select_related("agency", "issued_by", "corrects",
                                                      "content_type"), pk)


def _back(request, default: str) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()},
                                                  require_https=request.is_secure()):
        return target
    return default


def _file(data: bytes, content_type: str, filename: str, *, attachment: bool = True
          ) -> HttpResponse:
    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(attachment, filename)
    response["Cache-Control"] = "private, no-store"
    return response


def _unavailable(request, message: str, docx_url: str | None = None) -> HttpResponse:
    return render(request, "documents/unavailable.html",
                  {"message": message, "docx_url": docx_url}, status=503)


def _draft_name(kind_code: str, obj: Model, ext: str) -> str:
    return f"{kind_code}-{obj.pk}-du-thao.{ext}"


def _issued_name(document: Document, ext: str) -> str:
    return f"{document.number_text.replace('/', '-')}-{document.kind}.{ext}"


def _document_docx(document: Document) -> bytes:
    """The bytes a document downloads as: the frozen file once issued, else the live draft."""
    if document.is_issued:
        return services.issued_bytes(document)
    source = document.source
    if source is None:
        raise Http404
    return services.render_draft(document.kind, source).docx


def _agencies(user):
    scope = scope_of(user)
    qs = Agency.objects.filter(is_active=True)
    if not scope.is_admin:
        qs = qs.filter(pk__in=scope.agency_ids)
    return list(qs.order_by("name"))


def _chosen_agency(request, agencies: list[Agency]) -> Agency | None:
    wanted = request.GET.get("co-quan")
    for agency in agencies:
        if wanted and str(agency.pk) == wanted:
            return agency
    return agencies[0] if agencies else None


# --- drafts of an object -------------------------------------------------------------------

@login_required
@require_GET
def draft_docx(request, kind: str, object_id: int):
    kind_, obj = _source_or_404(request, kind, object_id)
    rendered = services.render_draft(kind_.code, obj)
    return _file(rendered.docx, DOCX, _draft_name(kind_.code, obj, "docx"))


@login_required
@require_GET
def draft_pdf(request, kind: str, object_id: int):
    kind_, obj = _source_or_404(request, kind, object_id)
    docx_url = reverse("documents:draft_docx", args=[kind_.code, obj.pk])
    try:
        data = pdf.to_pdf(services.render_draft(kind_.code, obj).docx)
    except pdf.PdfUnavailable as exc:
        return _unavailable(request, str(exc), docx_url)
    return _file(data, "application/pdf", _draft_name(kind_.code, obj, "pdf"),
                 attachment=False)


@login_required
@require_GET
def draft_png(request, kind: str, object_id: int):
    kind_, obj = _source_or_404(request, kind, object_id)
    try:
        data = pdf.preview_png(services.render_draft(kind_.code, obj).docx)
    except pdf.PdfUnavailable as exc:
        return HttpResponse(str(exc), status=503, content_type="text/plain; charset=utf-8")
    return _file(data, "image/png", _draft_name(kind_.code, obj, "png"), attachment=False)


@login_required
@require_GET
def draft_xlsx(request, kind: str, object_id: int):
    kind_, obj = _source_or_404(request, kind, object_id)
    data = services.render_table(kind_.code, obj)
    if data is None:
        raise Http404
    return _file(data, XLSX, _draft_name(kind_.code, obj, "xlsx"))


@login_required
@require_POST
def issue(request, kind: str, object_id: int):
    kind_, obj = _source_or_404(request, kind, object_id)
    services.require_office(request.user, obj)  # 403 before anything is read
    form = IssueForm(request.POST)
    back = _back(request, reverse("documents:register"))
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return redirect(back)
    try:
        document = services.issue(request.user, kind_.code, obj, form.cleaned_data["ngay"])
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
        return redirect(back)
    messages.success(request, _("Đã ban hành %(kind)s số %(number)s; bản đã ban hành được lưu "
                                "và không thay đổi nữa.")
                     % {"kind": kind_.label.lower(), "number": document.number_text})
    return redirect(back)


# --- one document --------------------------------------------------------------------------

@login_required
@require_GET
def detail(request, pk: int):
    document = _document_or_404(request, pk)
    kind = KINDS.get(document.kind)
    source = document.source
    roles_ok = services.may_issue(request.user, document)
    return render(request, "documents/detail.html", {
        "document": document,
        "kind": kind,
        "source": source,
        "source_url": _source_url(source),
        "corrections": document.corrected_by.order_by("pk"),
        "can_correct": roles_ok and document.is_issued and not document.corrected_by.exists(),
        "has_table": (bool(document.table_file) if document.is_issued
                      else kind is not None and kind.table is not None),
        "correct_form": CorrectForm(),
        "pdf_ready": pdf_ready(),
        "pdf_missing": pdf_missing_message(),
    })


def _source_url(source) -> str | None:
    if source is None:
        return None
    getter = getattr(source, "get_absolute_url", None)
    if getter:
        return getter()
    names = {"dialogues.plan": "dialogues:plan_detail",
             "dialogues.conference": "dialogues:conference_detail",
             "petitions.petition": "petitions:detail"}
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
    document = _document_or_404(request, pk)
    try:
        data = _document_docx(document)
    except services.Unavailable as exc:
        return _unavailable(request, exc.messages[0])
    name = _issued_name(document, "docx") if document.is_issued else f"{document.kind}-du-thao.docx"
    return _file(data, DOCX, name)


@login_required
@require_GET
def document_pdf(request, pk: int):
    document = _document_or_404(request, pk)
    docx_url = reverse("documents:document_docx", args=[document.pk])
    try:
        data = pdf.to_pdf(_document_docx(document))
    except services.Unavailable as exc:
        return _unavailable(request, exc.messages[0])
    except pdf.PdfUnavailable as exc:
        return _unavailable(request, str(exc), docx_url)
    name = _issued_name(document, "pdf") if document.is_issued else f"{document.kind}-du-thao.pdf"
    return _file(data, "application/pdf", name, attachment=False)


@login_required
@require_GET
def document_png(request, pk: int):
    document = _document_or_404(request, pk)
    try:
        data = pdf.preview_png(_document_docx(document))
    except (services.Unavailable, pdf.PdfUnavailable) as exc:
        message = exc.messages[0] if isinstance(exc, ValidationError) else str(exc)
        return HttpResponse(message, status=503, content_type="text/plain; charset=utf-8")
    return _file(data, "image/png", f"{document.kind}-{document.pk}.png", attachment=False)


@login_required
@require_GET
def document_xlsx(request, pk: int):
    """The report's table: as issued once the document is, else as it reads now."""
    document = _document_or_404(request, pk)
    try:
        if document.is_issued:
            data = services.issued_table_bytes(document)
        else:
            source = document.source
            data = services.render_table(document.kind, source) if source else None
    except services.Unavailable as exc:
        return _unavailable(request, exc.messages[0])
    if data is None:
        raise Http404
    name = _issued_name(document, "xlsx") if document.is_issued else f"{document.kind}-du-thao.xlsx"
    return _file(data, XLSX, name)


@login_required
@require_POST
def correct(request, pk: int):
    document = _document_or_404(request, pk)
    form = CorrectForm(request.POST)
    back = reverse("documents:detail", args=[document.pk])
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return redirect(back)
    try:
        draft = services.correct(request.user, document, form.cleaned_data["ly_do"])
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
        return redirect(back)
    messages.success(request, _("Đã lập văn bản sửa đổi, thay thế (dự thảo). Số mới được cấp "
                                "khi ban hành."))
    return redirect("documents:detail", draft.pk)


# --- the register --------------------------------------------------------------------------

def _search_q(text: str) -> Q | None:
    words = fold(text).split()[:MAX_SEARCH_WORDS]
    if not words:
        return None
    q = Q()
    for word in words:
        q &= Q(search_text__contains=word)
    return q


@login_required
@require_GET
def register(request):
    agencies = _agencies(request.user)
    agency = _chosen_agency(request, agencies)
    form = RegisterSearchForm(request.GET or None,
                              kinds=[k for k in KINDS.values() if k.numbered])
    documents = visible(Document, request.user).filter(state=Document.State.ISSUED)
    documents = documents.filter(agency=agency) if agency else documents.none()
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        if (q := _search_q(data["q"])) is not None:
            documents = documents.filter(q)
        if data["loai"]:
            documents = documents.filter(kind=data["loai"])
        if data["tu_ngay"]:
            documents = documents.filter(issued_on__gte=data["tu_ngay"])
        if data["den_ngay"]:
            documents = documents.filter(issued_on__lte=data["den_ngay"])
    documents = documents.select_related("issued_by", "corrects").order_by(
        "-issued_on", "-issued_at", "-pk")
    page = Paginator(documents, PAGE_SIZE).get_page(request.GET.get("trang"))
    params = request.GET.copy()
    params.pop("trang", None)
    for doc in page.object_list:
        doc.kind_label = KINDS[doc.kind].label if doc.kind in KINDS else doc.kind
    year = timezone.localdate().year
    return render(request, "documents/register.html", {
        "year": year,
        "registers": _register_rows(agency, year) if agency else [],
        "can_adjust": agency is not None and services.may_issue(request.user, agency),
        "adjust_form": RegisterAdjustForm(codes=services.register_codes(),
                                          auto_id="id_so_%s"),
        "agencies": agencies if len(agencies) > 1 else [],
        "agency": agency,
        "form": form,
        "page": page,
        "query": params.urlencode(),
        "searched": form.is_bound,
    })


def _register_rows(agency: Agency, year: int) -> list[dict]:
    labels: dict[str, list[str]] = {}
    for kind in KINDS.values():
        if kind.numbered:
            labels.setdefault(kind.abbreviation or "CV", []).append(kind.label)
    return [{"register": r, "kinds": labels.get(r.code, []), "next": r.last_number + 1}
            for r in services.registers_of(agency, year)]


@login_required
@require_POST
def register_adjust(request, agency_id: int):
    agency = get_visible_object_or_404(request.user, Agency, agency_id)
    form = RegisterAdjustForm(request.POST, codes=services.register_codes())
    back = f"{reverse('documents:register')}?co-quan={agency.pk}#so-dang-ky"
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return redirect(back)
    data = form.cleaned_data
    year = timezone.localdate().year
    try:
        services.set_next_number(request.user, agency, year, data["so"], data["so_tiep_theo"],
                                 data["ly_do"])
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
        return redirect(back)
    messages.success(request, _("Sổ %(code)s năm %(year)s: văn bản tiếp theo sẽ nhận số "
                                "%(number)s.")
                     % {"code": data["so"], "year": year, "number": data["so_tiep_theo"]})
    return redirect(back)


# --- templates -----------------------------------------------------------------------------

def _template_rows(agency: Agency, user, errors: dict | None = None) -> list[dict]:
    rows = []
    for kind in services.template_kinds():
        uploads = list(AgencyTemplate.objects.filter(agency=agency, kind=kind.code)
                       .select_related("uploaded_by").order_by("-uploaded_at", "-pk"))
        rows.append({
            "kind": kind,
            "active": next((t for t in uploads if t.active), None),
            "history": uploads,
            "errors": (errors or {}).get(kind.code, []),
            "form": TemplateUploadForm(prefix=kind.code),
        })
    return rows


def _templates_page(request, agency: Agency, agencies, errors=None, status=200):
    return render(request, "documents/templates.html", {
        "agencies": agencies if len(agencies) > 1 else [],
        "agency": agency,
        "rows": _template_rows(agency, request.user, errors),
        "can_upload": services.may_manage_templates(request.user, agency),
    }, status=status)


@login_required
@require_GET
def templates(request):
    agencies = _agencies(request.user)
    agency = _chosen_agency(request, agencies)
    if agency is None:
        raise Http404
    return _templates_page(request, agency, agencies)


@login_required
@require_GET
def template_download(request, agency_id: int, kind: str):
    agency = get_visible_object_or_404(request.user, Agency, agency_id)
    kind_ = _kind_or_404(kind)
    if kind_ not in services.template_kinds():
        raise Http404
    data = None if request.GET.get("goc") else services.template_bytes(agency, kind_.code)
    suffix = "mau-co-quan" if data is not None else "mau-goc"
    if data is None:
        data = services.shipped_template_bytes(kind_.code)
    return _file(data, DOCX, f"{kind_.code}-{suffix}.docx")


@login_required
@require_POST
def template_upload(request, agency_id: int, kind: str):
    agency = get_visible_object_or_404(request.user, Agency, agency_id)
    kind_ = _kind_or_404(kind)
    if kind_ not in services.template_kinds():
        raise Http404
    form = TemplateUploadForm(request.POST, request.FILES, prefix=kind_.code)
    back = f"{reverse('documents:templates')}?co-quan={agency.pk}"
    if not form.is_valid():
        problems = [e for errors in form.errors.values() for e in errors]
        services.require_office(request.user, agency)
        return _templates_page(request, agency, _agencies(request.user),
                               {kind_.code: problems}, status=400)
    upload = form.cleaned_data["tep"]
    try:
        services.upload_template(request.user, agency, kind_.code, upload.read(),
                                 name=upload.name, content_type=upload.content_type or "")
    except ValidationError as exc:
        return _templates_page(request, agency, _agencies(request.user),
                               {kind_.code: exc.messages}, status=400)
    messages.success(request, _("Đã nhận mẫu %(kind)s: từ nay văn bản dùng mẫu này (mẫu cũ "
                                "vẫn được lưu).") % {"kind": kind_.label.lower()})
    return redirect(back)


@login_required
@require_POST
def template_reset(request, agency_id: int, kind: str):
    agency = get_visible_object_or_404(request.user, Agency, agency_id)
    kind_ = _kind_or_404(kind)
    back = f"{reverse('documents:templates')}?co-quan={agency.pk}"
    try:
        services.reset_template(request.user, agency, kind_.code)
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
        return redirect(back)
    messages.success(request, _("Đã trở lại mẫu có sẵn của %(kind)s.")
                     % {"kind": kind_.label.lower()})
    return redirect(back)
