"""The layout's own pages: sign-in, password change, the home page ("Việc của tôi") and any
object's history (shown here, above org, because org decides who may read it)."""

from django.apps import apps
from django.conf import settings
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import AuthenticationForm
from django.contrib.staticfiles import finders
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from doithoai.audit.selectors import history_entry, history_for
from doithoai.dialogues.selectors.home import conferences_ahead
from doithoai.dialogues.selectors.oversight import open_plan_requests
from doithoai.org import access
from doithoai.org.access import get_visible_object_or_404
from doithoai.web import rules
from doithoai.web.selectors import calendar_note, calendar_years_to_confirm, cards_for


class LoginForm(AuthenticationForm):
    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": _(
            "Tên đăng nhập hoặc mật khẩu không đúng. Lưu ý: chữ hoa và chữ thường là khác nhau; "
            "nhập sai nhiều lần, tài khoản sẽ bị tạm khóa."
        ),
        "inactive": _("Tài khoản này đã bị khóa. Hãy liên hệ quản trị hệ thống."),
    }


class LoginView(auth_views.LoginView):
    template_name = "registration/login.html"
    form_class = LoginForm
    redirect_authenticated_user = True


class PasswordChangeView(auth_views.PasswordChangeView):
    template_name = "registration/password_change.html"
    success_url = reverse_lazy("password_change_done")


@login_required
def home(request):
    context = {"cards": cards_for(request.user), **calendar_note(),
               **calendar_years_to_confirm(request.user),
               "conferences": conferences_ahead(request.user),
               "plan_requests": open_plan_requests(request.user)}
    return render(request, "web/home.html", context)


HISTORY_PAGE_SIZE = 50


def _model_or_404(object_type: str):
    try:
        return apps.get_model(object_type)
    except (LookupError, ValueError) as exc:
        raise Http404 from exc


@login_required
def object_history(request, object_type: str, object_id: str):
    """The history page of one object, for staff who may see that object."""
    model = _model_or_404(object_type)
    if not hasattr(model, "scope_paths") and not access.holds(request.user, rules.ADMINISTER):
        raise Http404  # a model without a scope is for system administrators only
    try:
        pk = model._meta.pk.to_python(object_id)
    except ValidationError as exc:
        raise Http404 from exc
    obj = get_visible_object_or_404(request.user, model, pk)
    page = Paginator(history_for(obj), HISTORY_PAGE_SIZE).get_page(request.GET.get("trang"))
    return render(request, "audit/history.html", {
        "obj": obj,
        "model_name": model._meta.verbose_name,
        "page": page,
        "entries": [history_entry(model, event) for event in page],
    })


def locked_out(request, original_response=None, credentials=None):
    """Axes' lockout response: a Vietnamese page saying how long to wait."""
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    return render(request, "registration/locked_out.html", {"cooloff_minutes": minutes},
                  status=429)


@require_GET
@cache_control(public=True, max_age=24 * 3600)
def favicon(request):
    """/favicon.ico, which browsers ask for on pages that name no icon (the hall screen, the
    error pages): the site's icon, never a 404."""
    with open(finders.find("web/icon.svg"), "rb") as icon:
        return HttpResponse(icon.read(), content_type="image/svg+xml")
