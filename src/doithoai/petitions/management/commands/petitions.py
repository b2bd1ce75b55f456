"""`doithoai petitions import FILE --agency CODE --batch NAME [...]`: petitions from the command
line (sub-commands, so that more can join `import`).

import: a village's or the Front's summary sheet (.xlsx, the template of the intake page).
The whole file is checked first; every problem is printed on stderr as one line
("Dòng 7, cột “Thôn/Tổ dân phố”: … — …") and nothing is imported, exit status 1. A file
imported before is refused too (exit 1). On success one line on stdout, exit 0.
"""

import datetime as dt
import re
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from doithoai.core.text import fold
from doithoai.org.models import Agency, Village
from doithoai.petitions import excel, occasions
from doithoai.petitions.actions import imports
from doithoai.petitions.models import Channel

ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def parse_date(text: str) -> dt.date:
    if ISO_DATE.fullmatch(text):
        try:
            return dt.date.fromisoformat(text)
        except ValueError:
            pass
    raise CommandError(_("Ngày không hợp lệ: %(text)s (cần dạng NĂM-THÁNG-NGÀY, ví dụ "
                         "2026-11-02).") % {"text": text})


class Command(BaseCommand):
    help = _("Ý kiến, kiến nghị: nhập bảng tổng hợp từ tệp Excel (import).")

    def add_arguments(self, parser):
        actions = parser.add_subparsers(dest="action", required=True, metavar="import")
        imp = actions.add_parser(
            "import", help=_("Nhập bảng tổng hợp ý kiến (.xlsx): tất cả các dòng hoặc không "
                             "dòng nào."))
        imp.add_argument("file", metavar="TỆP", help=_("tệp .xlsx theo mẫu"))
        imp.add_argument("--agency", required=True, metavar="MÃ",
                         help=_("mã cơ quan, ví dụ ubnd-xa-diem-he"))
        imp.add_argument("--batch", required=True, metavar="TÊN", help=_("tên đợt tiếp nhận"))
        imp.add_argument("--village", metavar="THÔN",
                         help=_("thôn của bảng (cho các dòng để trống cột Thôn)"))
        imp.add_argument("--channel", choices=[c.value for c in imports.IMPORT_CHANNELS],
                         help=_("kênh: front_summary (mặc định) hoặc survey_form (mặc định "
                                "khi có --village)"))
        imp.add_argument("--date", metavar="NGÀY",
                         help=_("ngày nhận, YYYY-MM-DD (mặc định hôm nay)"))
        imp.add_argument("--brought-by", default="", metavar="TÊN",
                         help=_("người chuyển bảng đến"))
        imp.add_argument("--conference", type=int, metavar="SỐ",
                         help=_("số (mã) hội nghị đối thoại mà các ý kiến được thu cho"))

    def handle(self, *args, action, **options):
        getattr(self, f"_{action}")(options)

    def _import(self, options) -> None:
        agency = Agency.objects.filter(code=options["agency"]).first()
        if agency is None:
            raise CommandError(_("Không có cơ quan mã “%(code)s”.") % {"code": options["agency"]})
        village = self._village(agency, options["village"])
        conference = None
        if options["conference"] is not None:
            provider = occasions.registered()
            if provider is not None:
                conference = provider.of_agency(agency).filter(pk=options["conference"]).first()
            if conference is None:
                raise CommandError(_("Cơ quan này không có hội nghị số %(n)s.")
                                   % {"n": options["conference"]})
        channel = options["channel"] or (Channel.SURVEY_FORM if village else
                                         Channel.FRONT_SUMMARY)
        received_on = parse_date(options["date"]) if options["date"] else None
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(_("Không có tệp %(path)s.") % {"path": path})
        if path.stat().st_size > excel.MAX_BYTES:
            raise CommandError(_("Tệp quá lớn (tối đa %(mb)s MB). Hãy chia bảng thành nhiều tệp "
                                 "nhỏ hơn.") % {"mb": excel.MAX_BYTES // 1024 // 1024})
        try:
            result = imports.import_file(
                actor=None, agency=agency, data=path.read_bytes(), filename=path.name,
                batch_name=options["batch"], channel=channel, received_on=received_on,
                brought_by=options["brought_by"], village=village, conference=conference)
        except imports.ImportRefused as exc:
            for problem in exc.problems:
                if problem.row:
                    self.stderr.write(problem.line())
            raise CommandError(exc.message) from None
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from None
        self.stdout.write(_("Đã nhập %(n)s ý kiến từ %(file)s vào đợt “%(batch)s” (số %(pk)s).")
                          % {"n": result.count, "file": path.name, "batch": result.batch.name,
                             "pk": result.batch.pk})

    def _village(self, agency: Agency, name: str | None) -> Village | None:
        if not name:
            return None
        wanted = " ".join(fold(name).split())
        for village in Village.objects.filter(agency=agency, is_active=True):
            if " ".join(fold(village.name).split()) == wanted:
                return village
        names = ", ".join(Village.objects.filter(agency=agency, is_active=True)
                          .values_list("name", flat=True))
        raise CommandError(_("Không có thôn “%(name)s” trong %(agency)s. Các thôn: %(names)s.")
                           % {"name": name, "agency": agency.name, "names": names})
