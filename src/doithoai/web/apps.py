from axes.apps import AppConfig as AxesAppConfig
from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WebConfig(AppConfig):
    default = True  # this module also holds AxesConfig
    name = "doithoai.web"
    label = "web"
    verbose_name = _("Giao diện")

    def ready(self):
        from doithoai.web import checks  # noqa: F401 — registers the deployment checks


class AxesConfig(AxesAppConfig):
    """django-axes under a Vietnamese name in the admin."""

    verbose_name = _("Bảo vệ đăng nhập")
