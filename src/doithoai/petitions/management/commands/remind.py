"""`doithoai remind [--date YYYY-MM-DD] [--dry-run]`: the daily due-soon and overdue reminders.

Meant for cron or a systemd timer, once a day; running it again sends nothing new
(see `petitions.actions.reminders`). Exits non-zero when a message could not be sent, so that the
scheduler reports it; what was not sent is tried again at the next run.
"""

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from doithoai.petitions.actions import reminders
from doithoai.workdays.management.commands.workdays import parse_date


class Command(BaseCommand):
    help = _("Gửi thư nhắc các ý kiến sắp đến hạn và quá hạn (chạy hằng ngày; "
                        "chạy lại không gửi trùng).")

    def add_arguments(self, parser):
        parser.add_argument("--date", help=_(
            "Ngày tính hạn, dạng NĂM-THÁNG-NGÀY (mặc định: hôm nay)."))
        parser.add_argument("--dry-run", action="store_true", help=_(
            "Chỉ in ra những gì sẽ gửi; không gửi thư, không ghi lại."))

    def handle(self, *args, date=None, dry_run=False, **options):
        today = parse_date(date) if date else None
        outcome = reminders.run(today=today, dry_run=dry_run)
        for line in outcome.summary(detailed=options["verbosity"] > 1):
            self.stdout.write(line)
        if outcome.failed:
            raise CommandError(_("Có %(n)s thư nhắc chưa gửi được.")
                               % {"n": len(outcome.failed)})
