"""`doithoai digest [--date YYYY-MM-DD] [--dry-run]`: the chairperson's weekly digest of late
petitions, by unit, oldest first.

Meant for cron or a systemd timer, once a week (Monday morning); running it again in the same
week sends nothing new (see `petitions.actions.digests`). Exits non-zero when a message could
not be sent, so that the scheduler reports it; it is tried again at the next run.
"""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from doithoai.petitions.actions import digests
from doithoai.petitions.management.scheduled import ScheduledRun


class Command(ScheduledRun):
    help = _("Gửi Chủ tịch bản tổng hợp hằng tuần các ý kiến quá hạn theo đơn vị (chạy mỗi "
             "tuần; chạy lại trong tuần không gửi trùng).")
    failed_message = gettext_lazy("Có %(n)s thư tổng hợp chưa gửi được.")

    def run(self, *, today, dry_run, verbosity):
        outcome = digests.run(today=today, dry_run=dry_run)
        return outcome.summary(), outcome.failed
