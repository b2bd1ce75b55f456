from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DocumentsConfig(AppConfig):
    name = "doithoai.documents"
    label = "documents"
    verbose_name = _("Văn bản")

    def ready(self):
        from doithoai.dialogues.signals import conclusion_given
        from doithoai.documents import receivers

        conclusion_given.connect(receivers.conclusion_given, dispatch_uid="documents.conclusion")
