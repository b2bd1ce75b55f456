"""Intake pages: start a batch of paper forms, type them one after another, print the batch,
download the Excel template and upload a filled-in summary sheet.

The entry page works with htmx (the form and the list below it are swapped in place, the
cursor back in the text box) and without JavaScript (post, then redirect).
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadhandler import FileUploadHandler, StopUpload
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_GET, require_http_methods

from doithoai.org import access
from doithoai.org.access import get_visible_object_or_404
from doithoai.petitions import excel, occasions, rules
from doithoai.petitions.actions import imports, intake
from doithoai.petitions.forms.intake import EntryForm, StartBatchForm, UploadForm
from doithoai.petitions.models import IntakeBatch
from doithoai.petitions.selectors import intake as intake_selectors

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
LIST_LIMIT = 50  # petitions listed under the entry form
PROBLEM_LIMIT = 200  # row problems shown on the upload page


def _agencies(user) -> list:
    agencies = list(intake_selectors.intake_agencies(user))
    if not agencies:
        raise PermissionDenied(_("Bạn không có quyền nhập ý kiến."))
    return agencies


@login_required
@require_http_methods(["GET", "POST"])
def index(request):
    agencies = _agencies(request.user)
    form = StartBatchForm(request.POST or None, user=request.user, agencies=agencies)
    if request.method == "POST" and form.is_valid():
        try:
            batch = intake.start_batch(actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            return redirect("intake:batch", batch.pk)
    return render(request, "petitions/intake/index.html", {
        "form": form, "agencies": agencies,
        "batches": intake_selectors.batches_for(request.user)[:30],
    })


def _memory_key(batch: IntakeBatch) -> str:
    return f"intake-choices-{batch.pk}"


def _entry_initial(request, batch: IntakeBatch) -> dict:
    remembered = request.session.get(_memory_key(batch))
    if remembered:
        return dict(remembered)
    return {"village": batch.village_id}


def _conference_links(user, batch: IntakeBatch) -> dict:
    """The batch's conference, and links to its pages the user may open (`occasions`)."""
    provider = occasions.registered()
    return provider.batch_links(user, batch) if provider is not None else {}


def _batch_context(request, batch: IntakeBatch, form: EntryForm, saved=None) -> dict:
    petitions = intake_selectors.batch_petitions(request.user, batch)
    return {
        **_conference_links(request.user, batch),
        "batch": batch, "form": form, "saved": saved,
        "count": petitions.count(), "petitions": petitions[:LIST_LIMIT],
        "list_limit": LIST_LIMIT,
    }


@login_required
@require_http_methods(["GET", "POST"])
def batch(request, pk: int):
    batch = get_visible_object_or_404(
        request.user, IntakeBatch.objects.select_related("agency", "village"),
        pk)
    access.require(request.user, rules.ENTER_INTO_BATCH, batch)
    saved = None
    if request.method == "POST":
        form = EntryForm(request.POST, batch=batch, user=request.user)
        if form.is_valid():
            try:
                saved = intake.enter_petition(actor=request.user, batch=batch,
                                              **form.petition_data())
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                request.session[_memory_key(batch)] = form.remembered()
                if not request.htmx:
                    url = reverse("intake:batch", args=[batch.pk])
                    return redirect(f"{url}?da-luu={saved.tracking_code}")
                form = EntryForm(batch=batch, user=request.user,
                                 initial=_entry_initial(request, batch))
    else:
        form = EntryForm(batch=batch, user=request.user, initial=_entry_initial(request, batch))
        code = request.GET.get("da-luu", "")
        if code:
            saved = intake_selectors.saved_petition(request.user, batch, code[:9])
    context = _batch_context(request, batch, form, saved)
    if request.htmx:
        return render(request, "petitions/intake/_entry.html", context)
    return render(request, "petitions/intake/batch.html", context)


@login_required
@require_GET
def batch_print(request, pk: int):
    """The batch as a list to print and file with the paper (anyone who sees the batch)."""
    batch = get_visible_object_or_404(
        request.user, IntakeBatch.objects.select_related("agency", "village", "created_by"),
        pk)
    petitions = intake_selectors.printed_batch(request.user, batch)
    return render(request, "petitions/intake/print.html", {"batch": batch,
                                                           "petitions": petitions})


def _chosen_agency(request, agencies):
    chosen = request.GET.get("co-quan")
    if chosen is None and len(agencies) == 1:
        return agencies[0]
    for agency in agencies:
        if str(agency.pk) == chosen:
            return agency
    raise Http404


@login_required
@require_GET
def template(request):
    agencies = _agencies(request.user)
    if len(agencies) > 1 and not request.GET.get("co-quan"):
        return redirect("intake:index")
    agency = _chosen_agency(request, agencies)
    response = HttpResponse(imports.template_for(request.user, agency), content_type=XLSX)
    response["Content-Disposition"] = (
        f'attachment; filename="mau-tong-hop-y-kien-{agency.code}.xlsx"')
    return response


class _SizeLimit(FileUploadHandler):
    """Stops receiving a file past the import limit instead of storing it all first; the
    fields sent before the file still arrive, so the form can say what happened."""

    def __init__(self, request=None):
        super().__init__(request)
        self.received = 0

    def receive_data_chunk(self, raw_data, start):
        self.received += len(raw_data)
        if self.received > excel.MAX_BYTES:
            self.request.upload_too_large = True
            raise StopUpload(connection_reset=False)
        return raw_data

    def file_complete(self, file_size):
        return None


@login_required
@csrf_exempt  # the size limit must be in place before the body is read; CSRF is checked below
def upload(request):
    request.upload_handlers.insert(0, _SizeLimit(request))
    return _upload(request)


@csrf_protect
@require_http_methods(["GET", "POST"])
def _upload(request):
    agencies = _agencies(request.user)
    post, files = (request.POST, request.FILES) if request.method == "POST" else (None, None)
    # Reading the body (just above) is what runs the size limit.
    too_large = getattr(request, "upload_too_large", False)
    form = UploadForm(post, files, user=request.user, agencies=agencies, too_large=too_large)
    refused = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        upload_file = data["file"]
        try:
            result = imports.import_file(
                actor=request.user, agency=data["agency"], data=upload_file.read(),
                filename=upload_file.name, batch_name=data["name"], channel=data["channel"],
                received_on=data["received_on"], brought_by=data["brought_by"],
                village=data["village"], conference=data.get("conference"))
        except imports.ImportRefused as exc:
            refused = exc
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Đã nhập %(n)s ý kiến từ tệp “%(file)s” vào đợt "
                                        "“%(batch)s”.")
                             % {"n": result.count, "file": upload_file.name,
                                "batch": result.batch.name})
            return redirect("intake:batch", result.batch.pk)
    previous = None
    if refused is not None and refused.previous is not None:
        previous = intake_selectors.visible_batch(request.user, refused.previous.pk)
    row_problems = [p for p in refused.problems if p.row] if refused else []
    return render(request, "petitions/intake/upload.html", {
        "form": form, "agencies": agencies, "refused": refused, "previous": previous,
        "problems": row_problems[:PROBLEM_LIMIT], "problem_count": len(row_problems),
    }, status=200)
