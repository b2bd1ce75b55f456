"""What the commands a scheduler starts share (`remind` daily, `digest` weekly): `--date` and
`--dry-run`, the run's summary printed, and a non-zero exit when a message could not be sent,
so that the scheduler reports it (what was not sent is tried again at the next run)."""

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from doithoai.workdays.management.commands.workdays import parse_date


class ScheduledRun(BaseCommand):
    # "%(n)s …": how many messages could not be sent, in the command's words.
    failed_message = ""

    def run(self, *, today, dry_run: bool, verbosity: int) -> tuple[list[str], list]:
        """Do the run: the summary's lines and the messages that could not be sent."""
        # The hook each command defines (remind, digest): this base class is never run alone.
        raise NotImplementedError

    def add_arguments(self, parser):
        parser.add_argument("--date", help=_(
            "Ngày tính hạn, dạng NĂM-THÁNG-NGÀY (mặc định: hôm nay)."))
        parser.add_argument("--dry-run", action="store_true", help=_(
            "Chỉ in ra những gì sẽ gửi; không gửi thư, không ghi lại."))

    def handle(self, *args, date=None, dry_run=False, **options):
        lines, failed = self.run(today=parse_date(date) if date else None, dry_run=dry_run,
                                 verbosity=options["verbosity"])
        for line in lines:
            self.stdout.write(line)
        if failed:
            raise CommandError(self.failed_message % {"n": len(failed)})
