"""`doithoai workdays add|count|check`: the working-day calendar for admins and scripts.

Output is one line, made for scripts:
  add 2026-02-10 15          → 2026-03-10
  count 2026-02-10 2026-03-10 → 15   (negative when the second date is earlier)
  check 2026-01-10           → working Ngày làm bù cho ngày nghỉ Thứ Sáu 02/01/2026
Bad input is one line on stderr and a non-zero exit status, never a traceback.
"""

import datetime as dt
import re

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import DatabaseError
from django.utils.translation import gettext as _

from doithoai.core.workdays import FIRST_YEAR, LAST_YEAR, MAX_DAYS, BadCount, OutOfRange
from doithoai.workdays.calendar import get_calendar

ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
COUNT = re.compile(r"\d{1,9}")


class OneLineParser(CommandParser):
    """argparse prints its usage before an error; scripts want the error on one line."""

    def error(self, message):
        if self.called_from_command_line:
            self.exit(2, _("%(prog)s: lỗi: %(message)s (xem %(prog)s --help)\n")
                      % {"prog": self.prog, "message": message})
        super().error(message)


def parse_date(text: str) -> dt.date:
    if ISO_DATE.fullmatch(text):
        try:
            return dt.date.fromisoformat(text)
        except ValueError:
            pass
    raise CommandError(
        _("Ngày không hợp lệ: %(text)s (cần dạng NĂM-THÁNG-NGÀY, ví dụ 2026-02-10).")
        % {"text": text}
    )


def parse_count(text: str) -> int:
    if COUNT.fullmatch(text) and int(text) <= MAX_DAYS:
        return int(text)
    raise CommandError(
        _("Số ngày không hợp lệ: %(text)s (cần số nguyên từ 0 đến %(max)s).")
        % {"text": text, "max": MAX_DAYS}
    )


class Command(BaseCommand):
    help = _("Lịch ngày làm việc: cộng, đếm ngày làm việc, kiểm tra một ngày.")
    requires_system_checks = []  # a read-only query, called from scripts

    def create_parser(self, prog_name, subcommand, **kwargs):
        parser = super().create_parser(prog_name, subcommand, **kwargs)
        parser.__class__ = OneLineParser  # so that the sub-parsers are one-line too
        return parser

    def add_arguments(self, parser):
        actions = parser.add_subparsers(
            dest="action", required=True, metavar="add|count|check", parser_class=OneLineParser
        )
        add = actions.add_parser("add", help=_("Ngày làm việc thứ N sau một ngày."))
        add.add_argument("start", metavar="NGÀY", help=_("ngày bắt đầu (không tính), YYYY-MM-DD"))
        add.add_argument("n", metavar="N", help=_("số ngày làm việc"))
        count = actions.add_parser(
            "count", help=_("Số ngày làm việc sau ngày đầu đến hết ngày cuối.")
        )
        count.add_argument("start", metavar="TỪ_NGÀY")
        count.add_argument("end", metavar="ĐẾN_NGÀY")
        check = actions.add_parser(
            "check", help=_("Một ngày là ngày làm việc hay ngày nghỉ, vì sao.")
        )
        check.add_argument("day", metavar="NGÀY")

    def handle(self, *args, action, **options):
        try:
            line = getattr(self, f"_{action}")(options)
        except OutOfRange as exc:
            raise CommandError(
                _("Ngoài phạm vi lịch (năm %(year)s): chỉ tính được từ %(first)s đến %(last)s.")
                % {"year": exc.year, "first": FIRST_YEAR, "last": LAST_YEAR}
            ) from None
        except BadCount as exc:
            raise CommandError(
                _("Số ngày không hợp lệ: %(n)s (cần số nguyên từ 0 đến %(max)s).")
                % {"n": exc.n, "max": MAX_DAYS}
            ) from None
        except DatabaseError as exc:
            raise CommandError(
                _("Không đọc được bảng điều chỉnh lịch (%(error)s). Đã chạy `doithoai migrate`?")
                % {"error": str(exc).splitlines()[0] if str(exc) else type(exc).__name__}
            ) from None
        self.stdout.write(line)

    def _add(self, options) -> str:
        start, n = parse_date(options["start"]), parse_count(options["n"])
        return get_calendar().add_workdays(start, n).isoformat()

    def _count(self, options) -> str:
        start, end = parse_date(options["start"]), parse_date(options["end"])
        return str(get_calendar().count_workdays(start, end))

    def _check(self, options) -> str:
        status = get_calendar().day_status(parse_date(options["day"]))
        return f"{'working' if status.working else 'off'} {status.reason}"
