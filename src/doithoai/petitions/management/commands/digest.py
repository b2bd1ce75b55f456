"""`doithoai digest [--date YYYY-MM-DD] [--dry-run]`: the chairperson's weekly digest of late
petitions, by unit, oldest first.

Meant for cron or a systemd timer, once a week (Monday morning); running it again in the same
week sends nothing new (see `petitions.actions.digests`). Exits non-zero when a message could
not be sent, so that the scheduler reports it; it is tried again at the next run.
"""

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from doithoai.petitions.actions import digests
from doithoai.workdays.management.commands.workdays import parse_date


class Command(BaseCommand):
    help = _("Gửi Chủ tịch bản tổng hợp hằng tuần các ý kiến quá hạn theo đơn vị (chạy mỗi "
             "tuần; chạy lại trong tuần không gửi trùng).")

    def add_arguments(self, parser):
        parser.add_argument("--date", help=_(
            "Ngày tính hạn, dạng NĂM-THÁNG-NGÀY (mặc định: hôm nay)."))
        parser.add_argument("--dry-run", action="store_true", help=_(
            "Chỉ in ra những gì sẽ gửi; không gửi thư, không ghi lại."))

    def handle(self, *args, date=None, dry_run=False, **options):
        today = parse_date(date) if date else None
        outcome = digests.run(today=today, dry_run=dry_run)
        for line in outcome.summary():
            self.stdout.write(line)
        if outcome.failed:
            raise CommandError(_("Có %(n)s thư tổng hợp chưa gửi được.")
                               % {"n": len(outcome.failed)})
