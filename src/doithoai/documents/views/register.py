"""The agency's register of issued documents: the search of what was issued, and setting a
register's next number to follow the office's paper register."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from doithoai.documents import rules
from doithoai.documents.actions.register import set_next_number
from doithoai.documents.forms import RegisterAdjustForm, RegisterSearchForm
from doithoai.documents.registry import KINDS, register_codes
from doithoai.documents.selectors.register import agencies_of, issued_documents, register_rows
from doithoai.documents.views.common import chosen_agency, form_errors
from doithoai.org import access
from doithoai.org.access import get_visible_object_or_404
from doithoai.org.models import Agency

PAGE_SIZE = 25


@login_required
@require_GET
def register(request):
    agencies = agencies_of(request.user)
    agency = chosen_agency(request, agencies)
    form = RegisterSearchForm(request.GET or None,
                              kinds=[k for k in KINDS.values() if k.numbered])
    criteria = form.cleaned_data if form.is_bound and form.is_valid() else None
    documents = issued_documents(request.user, agency, criteria)
    page = Paginator(documents, PAGE_SIZE).get_page(request.GET.get("trang"))
    params = request.GET.copy()
    params.pop("trang", None)
    for doc in page.object_list:
        doc.kind_label = KINDS[doc.kind].label if doc.kind in KINDS else doc.kind
    year = timezone.localdate().year
    return render(request, "documents/register.html", {
        "year": year,
        "registers": register_rows(agency, year) if agency else [],
        "can_adjust": agency is not None and access.can(request.user, rules.ADJUST_REGISTER,
                                                        agency),
        "adjust_form": RegisterAdjustForm(codes=register_codes(), auto_id="id_so_%s"),
        "agencies": agencies if len(agencies) > 1 else [],
        "agency": agency,
        "form": form,
        "page": page,
        "query": params.urlencode(),
        "searched": form.is_bound,
    })


@login_required
@require_POST
def register_adjust(request, agency_id: int):
    agency = get_visible_object_or_404(request.user, Agency, agency_id)
    form = RegisterAdjustForm(request.POST, codes=register_codes())
    back = f"{reverse('documents:register')}?co-quan={agency.pk}#so-dang-ky"
    if not form.is_valid():
        form_errors(request, form)
        return redirect(back)
    data = form.cleaned_data
    year = timezone.localdate().year
    try:
        set_next_number(actor=request.user, agency=agency, year=year, code=data["so"],
                        next_number=data["so_tiep_theo"],
                        reason=data["ly_do"])
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
        return redirect(back)
    messages.success(request, _("Sổ %(code)s năm %(year)s: văn bản tiếp theo sẽ nhận số "
                                "%(number)s.")
                     % {"code": data["so"], "year": year, "number": data["so_tiep_theo"]})
    return redirect(back)
