"""`doithoai audit verify`: check that no past audit event was changed or removed."""

import sys

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from doithoai.audit.services import VERIFY_CHUNK, verify
from doithoai.core.hashchain import BreakKind, ChainBreak


def describe(broken: ChainBreak) -> str:
    """What broke, in words an administrator acts on."""
    values = {"seq": broken.seq, "until": broken.until, "expected": broken.expected}
    if broken.kind == BreakKind.MISSING and broken.until not in (None, broken.seq):
        return _("Mất các bản ghi từ số %(seq)s đến số %(until)s.") % values
    messages = {
        BreakKind.MISSING: _("Mất bản ghi số %(seq)s."),
        BreakKind.EDITED: _(
            "Bản ghi số %(seq)s đã bị sửa sau khi ghi: nội dung không còn khớp mã băm."
        ),
        BreakKind.LINK: _(
            "Bản ghi số %(seq)s không nối đúng với bản ghi liền trước: có bản ghi bị chèn, "
            "thay thế hoặc đánh số lại."
        ),
        BreakKind.ORDER: _("Bản ghi số %(seq)s nằm sai thứ tự (đáng lẽ là số %(expected)s)."),
        BreakKind.HEAD: _(
            "Bản ghi cuối cùng (số %(seq)s) không khớp với đầu chuỗi: bản ghi này đã bị thay thế."
        ),
        BreakKind.UNEXPECTED: _(
            "Có bản ghi từ số %(seq)s trở đi nằm ngoài đầu chuỗi: chúng được ghi thẳng vào cơ sở "
            "dữ liệu, không qua phần mềm."
        ),
    }
    return messages[broken.kind] % values


class Command(BaseCommand):
    help = _("Kiểm tra nhật ký thay đổi: phát hiện bản ghi bị sửa, bị xóa hoặc bị chèn.")

    def add_arguments(self, parser):
        parser.add_argument("subcommand", choices=["verify"], help=_("việc cần làm"))
        parser.add_argument(
            "--chunk-size", type=int, default=VERIFY_CHUNK,
            help=_("số bản ghi đọc mỗi lần (mặc định %(default)s)"),
        )

    def handle(self, *args, **options):
        if options["chunk_size"] < 1:
            raise CommandError(_("--chunk-size phải là số nguyên dương."))
        result = verify(chunk_size=options["chunk_size"])
        if result.ok:
            self.stdout.write(_("Chuỗi nhật ký toàn vẹn: %(count)s bản ghi.") % {
                "count": result.count})
            # Worth copying to paper now and then: it anchors the chain outside the database.
            self.stdout.write(_("Mã băm cuối: %(hash)s") % {"hash": result.head_hash})
            return
        self.stderr.write(_("Chuỗi nhật ký bị phá vỡ. %(detail)s") % {
            "detail": describe(result.broken)})
        sys.exit(1)
