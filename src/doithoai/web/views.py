"""The layout's own pages: sign-in, password change and the home page ("Việc của tôi")."""

from django.conf import settings
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import AuthenticationForm
from django.shortcuts import render
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _

from doithoai.dialogues.selectors.home import conferences_ahead
from doithoai.dialogues.selectors.oversight import open_plan_requests
from doithoai.web.home import calendar_note, calendar_years_to_confirm, cards_for


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


def locked_out(request, original_response=None, credentials=None):
    """Axes' lockout response: a Vietnamese page saying how long to wait."""
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    return render(request, "registration/locked_out.html", {"cooloff_minutes": minutes},
                  status=429)
