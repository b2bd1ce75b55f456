"""`doithoai remind [--date YYYY-MM-DD] [--dry-run]`: the daily due-soon and overdue reminders.

Meant for cron or a systemd timer, once a day; running it again sends nothing new
(see `petitions.actions.reminders`). Exits non-zero when a message could not be sent, so that the
scheduler reports it; what was not sent is tried again at the next run.
"""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from doithoai.petitions.actions import reminders
from doithoai.petitions.management.scheduled import ScheduledRun


class Command(ScheduledRun):
    help = _("Gửi thư nhắc các ý kiến sắp đến hạn và quá hạn (chạy hằng ngày; "
             "chạy lại không gửi trùng).")
    failed_message = gettext_lazy("Có %(n)s thư nhắc chưa gửi được.")

    def run(self, *, today, dry_run, verbosity):
        outcome = reminders.run(today=today, dry_run=dry_run)
        return outcome.summary(detailed=verbosity > 1), outcome.failed
