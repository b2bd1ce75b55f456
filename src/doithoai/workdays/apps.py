from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WorkdaysConfig(AppConfig):
    name = "doithoai.workdays"
    label = "workdays"
    verbose_name = _("Lịch ngày làm việc")

    def ready(self):
        from doithoai.audit.labels import register

        register("calendar_year.confirm", _("Xác nhận ngày nghỉ, làm bù của năm"))
        register("calendar_year.withdraw", _("Hủy xác nhận ngày nghỉ, làm bù của năm"))
