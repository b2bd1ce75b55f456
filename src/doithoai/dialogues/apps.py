from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DialoguesConfig(AppConfig):
    name = "doithoai.dialogues"
    label = "dialogues"
    verbose_name = _("Hội nghị đối thoại")

    def ready(self):
        from doithoai.dialogues import receivers
        from doithoai.workdays.signals import calendar_changed

        calendar_changed.connect(receivers.calendar_changed, dispatch_uid="dialogues.calendar")
        from doithoai.dialogues import audit_labels  # noqa: F401 (registers the labels)
        from doithoai.dialogues.occasions import Conferences
        from doithoai.petitions import occasions

        occasions.register(Conferences())
