from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules
from django.utils.translation import gettext_lazy as _


class OrgConfig(AppConfig):
    name = "doithoai.org"
    label = "org"
    verbose_name = _("Tổ chức")

    def ready(self) -> None:
        # Every app's named permissions, so that a template can ask for one by its name.
        autodiscover_modules("rules")
