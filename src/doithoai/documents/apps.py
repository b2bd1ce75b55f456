from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DocumentsConfig(AppConfig):
    name = "doithoai.documents"
    label = "documents"
    verbose_name = _("Văn bản")

    def ready(self):
        from doithoai.dialogues import conclusions
        from doithoai.documents import receivers

        conclusions.register(receivers.issue_conclusion)
