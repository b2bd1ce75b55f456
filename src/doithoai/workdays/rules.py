"""Who may change the calendar of working days: a system administrator alone (everyone reads
it; asked with `access.holds`, the calendar belonging to no agency)."""

from django.utils.translation import gettext_lazy as _

from doithoai.org import access

CHANGE_CALENDAR = access.rule(
    "workdays.change_calendar", (),
    _("Chỉ quản trị hệ thống được thay đổi lịch ngày làm việc."))
