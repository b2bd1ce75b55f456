from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DemoConfig(AppConfig):
    """The demo: above every app (it drives them all through their services), below none."""

    name = "doithoai.demo"
    label = "demo"
    verbose_name = _("Dữ liệu mẫu")
