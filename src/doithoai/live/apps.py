from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LiveConfig(AppConfig):
    name = "doithoai.live"
    label = "live"
    verbose_name = _("Phòng họp trực tiếp")

    def ready(self):
        from doithoai.dialogues import conclusions, confidential
        from doithoai.live import audit_labels  # noqa: F401 (registers the labels)
        from doithoai.live.selectors import confidential as live_confidential
        from doithoai.live.selectors import minutes

        confidential.register(live_confidential.known)
        conclusions.register_reader(minutes.room_conclusion)
