"""`doithoai docs render|samples`: official documents from the command line.

  render TYPE --object ID [--format docx|pdf|xlsx] --out FILE
      the draft of document TYPE (ke-hoach, …) made from object ID (a plan's number for
      ke-hoach) written to FILE; the fields it still lacks are listed on stderr. xlsx: the
      table of a report.
  samples OUTDIR
      one of every registered kind from the demo data (`doithoai demo_data`) as
      OUTDIR/<code>.docx and OUTDIR/<code>.pdf (and OUTDIR/<code>.xlsx for a report's table),
      one line per file with its size and the time it took.

  prune [--days 30]
      removes cached PDFs and previews not used for that many days, and LibreOffice profiles
      left by killed processes (run it daily from cron).

Bad input is one line on stderr and a non-zero exit status, never a traceback.
"""

from __future__ import annotations

import re
import time
from pathlib import Path

from django.apps import apps
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from doithoai.workdays.management.commands.workdays import OneLineParser

FORMATS = ("docx", "pdf", "xlsx")
OBJECT_ID = re.compile(r"[1-9]\d{0,17}")
DEMO_AGENCY = "ubnd-xa-diem-he"  # the demo commune every sample is made for


def demo_object(kind):
    """The demo object a sample of `kind` is made from (None before `doithoai demo_data`):
    xã Điềm He's plan of this year, the latest of its conferences (of last year's plan on)
    complete for the document, an answered petition, the commune itself."""
    from django.db.models import F
    from django.utils import timezone

    from doithoai.dialogues.models import Conference, Delegate, Plan
    from doithoai.org.models import Agency
    from doithoai.petitions.models import Petition, Urge

    year = timezone.localdate().year
    plans = Plan.objects.filter(agency__code=DEMO_AGENCY, year__gte=year - 1)
    finders = {
        "dialogues.plan": lambda: plans.filter(kind=Plan.Kind.PERIODIC, year__lte=year)
        .order_by("-year").first(),
        "dialogues.conference": lambda: _complete_first(kind, Conference.objects.filter(
            plan__in=plans).order_by("-held_on", "-pk")),
        "dialogues.delegate": lambda: _complete_first(kind, Delegate.objects.filter(
            conference__plan__in=plans, invitation__isnull=False).exclude(
            person=F("conference__chair")).order_by("-conference__held_on", "pk")[:50]),
        # A petition whose written answer is approved and published, with a named petitioner.
        "petitions.petition": lambda: _complete_first(kind, Petition.objects.filter(
            agency__code=DEMO_AGENCY, state="published", answers__is_current=True,
            answers__at_conference=False).order_by("pk")[:50]),
        "org.agency": lambda: Agency.objects.filter(code=DEMO_AGENCY).first(),
        # The urge the demo made today: its written reminder (công văn đôn đốc).
        "petitions.urge": lambda: Urge.objects.filter(
            agency__code=DEMO_AGENCY, target=Urge.Target.UNIT).order_by("-urged_at").first(),
    }
    finder = finders.get(kind.source)
    return finder() if finder else None


def _complete_first(kind, candidates):
    """The latest candidate the document is complete for (nothing missing), else the latest:
    the upcoming conference for its announcement and invitations, the one held in June for
    its minutes, conclusion notice and result report."""
    candidates = list(candidates)
    return next((c for c in candidates if not kind.required(c)),
                candidates[0] if candidates else None)


def size_text(n: int) -> str:
    return f"{n:,}".replace(",", ".") + " byte"


def seconds_text(s: float) -> str:
    return f"{s:.2f}".replace(".", ",") + " giây"


class Command(BaseCommand):
    help = _("Văn bản hành chính: tạo một văn bản (render) hoặc bộ văn bản mẫu từ dữ "
                        "liệu mẫu (samples).")

    def create_parser(self, prog_name, subcommand, **kwargs):
        parser = super().create_parser(prog_name, subcommand, **kwargs)
        parser.__class__ = OneLineParser  # so that the sub-parsers are one-line too
        return parser

    def add_arguments(self, parser):
        actions = parser.add_subparsers(dest="action", required=True,
                                        metavar="render|samples|prune",
                                        parser_class=OneLineParser)
        render = actions.add_parser(
            "render", help=_("Tạo bản dự thảo một văn bản từ một đối tượng, ghi ra tệp .docx "
                             "hoặc .pdf."))
        render.add_argument("kind", metavar="LOẠI", help=_("mã loại văn bản, ví dụ ke-hoach"))
        render.add_argument("--object", required=True, metavar="SỐ",
                            help=_("số (mã) của đối tượng: kế hoạch, hội nghị, ý kiến…"))
        render.add_argument("--format", default=None, metavar="docx|pdf|xlsx",
                            help=_("định dạng tệp (mặc định theo đuôi của --out, không có thì "
                                   "docx; xlsx: bảng số liệu của báo cáo)"))
        render.add_argument("--out", required=True, metavar="TỆP", help=_("tệp ghi ra"))
        samples = actions.add_parser(
            "samples", help=_("Tạo mỗi loại văn bản một bản từ dữ liệu mẫu, dạng .docx và .pdf."))
        samples.add_argument("outdir", metavar="THƯ_MỤC", help=_("thư mục ghi các tệp"))
        prune = actions.add_parser(
            "prune", help=_("Dọn bộ đệm PDF và ảnh xem trước không dùng đến (chạy hằng ngày)."))
        prune.add_argument("--days", type=int, default=30, metavar="SỐ_NGÀY",
                           help=_("xóa các bản không được dùng trong chừng ấy ngày (mặc định "
                                  "30)"))

    def handle(self, *args, action, **options):
        getattr(self, f"_{action}")(options)

    # --- render ----------------------------------------------------------------------

    def _render(self, options) -> None:
        from doithoai.documents.registry import KINDS

        kind = KINDS.get(options["kind"])
        if kind is None:
            raise CommandError(_("Không có loại văn bản “%(code)s”. Các loại: %(codes)s.")
                               % {"code": options["kind"], "codes": ", ".join(KINDS)})
        suffix = Path(options["out"]).suffix.lower().lstrip(".")
        fmt = (options["format"] or (suffix if suffix in FORMATS else "docx")).lower()
        if fmt not in FORMATS:
            raise CommandError(_("Định dạng không hợp lệ: %(fmt)s (chỉ docx, pdf hoặc xlsx).")
                               % {"fmt": options["format"]})
        if suffix in FORMATS and suffix != fmt:
            raise CommandError(_("Tệp %(file)s có đuôi .%(suffix)s nhưng định dạng yêu cầu là "
                                 "%(fmt)s: hãy đặt tên tệp hoặc --format cho khớp.")
                               % {"file": options["out"], "suffix": suffix, "fmt": fmt})
        if fmt == "xlsx" and kind.table is None:
            raise CommandError(_("Văn bản “%(code)s” không có bảng số liệu .xlsx; các loại có "
                                 "bảng: %(codes)s.")
                               % {"code": kind.code,
                                  "codes": ", ".join(k.code for k in KINDS.values() if k.table)})
        if not OBJECT_ID.fullmatch(options["object"]):
            raise CommandError(_("Số đối tượng không hợp lệ: %(text)s (cần số nguyên dương).")
                               % {"text": options["object"]})
        out = Path(options["out"])
        if not out.parent.is_dir():
            raise CommandError(_("Không có thư mục %(folder)s để ghi tệp.")
                               % {"folder": out.parent})
        model = apps.get_model(kind.source)
        obj = model.objects.filter(pk=int(options["object"])).first()
        if obj is None:
            raise CommandError(_("Không có %(model)s số %(pk)s.")
                               % {"model": model._meta.verbose_name, "pk": options["object"]})
        start = time.perf_counter()
        data, missing = self._make(kind.code, obj, fmt)
        self._write(out, data)
        if missing:
            self.stderr.write(_("Lưu ý: bản dự thảo còn thiếu %(fields)s (chưa ban hành được).")
                              % {"fields": ", ".join(missing)})
        self.stdout.write(_("%(file)s: %(size)s, %(time)s.")
                          % {"file": out, "size": size_text(len(data)),
                             "time": seconds_text(time.perf_counter() - start)})

    def _make(self, code: str, obj, fmt: str) -> tuple[bytes, list[str]]:
        from doithoai.documents.drawing import pdf
        from doithoai.documents.render import render_docx

        rendered = render_docx(code, obj)
        if fmt == "xlsx":
            from doithoai.documents.selectors.drafts import render_table

            return render_table(code, obj), rendered.missing
        if fmt == "docx":
            return rendered.docx, rendered.missing
        try:
            return pdf.to_pdf(rendered.docx), rendered.missing
        except pdf.PdfUnavailable as exc:
            raise CommandError(str(exc)) from None

    def _write(self, path: Path, data: bytes) -> None:
        try:
            path.write_bytes(data)
        except OSError as exc:
            raise CommandError(_("Không ghi được tệp %(path)s (%(error)s).")
                               % {"path": path, "error": exc.strerror or exc}) from None

    # --- prune -----------------------------------------------------------------------

    def _prune(self, options) -> None:
        import datetime as dt

        from doithoai.documents.drawing import pdf

        if options["days"] < 1:
            raise CommandError(_("Số ngày phải là số nguyên dương."))
        pruned = pdf.prune(dt.timedelta(days=options["days"]))
        self.stdout.write(_("Đã xóa %(files)s tệp (%(size)s) khỏi bộ đệm văn bản và %(profiles)s "
                            "thư mục hồ sơ LibreOffice còn sót.")
                          % {"files": pruned.files, "size": size_text(pruned.size),
                             "profiles": pruned.profiles})

    # --- samples ---------------------------------------------------------------------

    def _samples(self, options) -> None:
        from doithoai.documents.drawing import pdf
        from doithoai.documents.registry import KINDS
        from doithoai.documents.render import render_docx

        outdir = Path(options["outdir"])
        try:
            outdir.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise CommandError(_("Không tạo được thư mục %(path)s (%(error)s).")
                               % {"path": outdir, "error": exc.strerror or exc}) from None
        failed = []
        for code, kind in KINDS.items():
            obj = demo_object(kind)
            if obj is None:
                self.stderr.write(_("%(code)s: không tìm thấy dữ liệu mẫu (hãy chạy `doithoai "
                                    "demo_data` trước).") % {"code": code})
                failed.append(code)
                continue
            start = time.perf_counter()
            rendered = render_docx(code, obj)
            self._report(outdir / f"{code}.docx", rendered.docx, start)
            start = time.perf_counter()
            try:
                data = pdf.to_pdf(rendered.docx)
            except pdf.PdfUnavailable as exc:
                self.stderr.write(f"{code}.pdf: {exc}")
                failed.append(code)
                continue
            self._report(outdir / f"{code}.pdf", data, start)
            if kind.table is not None:
                from doithoai.documents.selectors.drafts import render_table

                start = time.perf_counter()
                self._report(outdir / f"{code}.xlsx", render_table(code, obj), start)
        if failed:
            raise CommandError(_("Chưa tạo đủ văn bản mẫu: %(codes)s.")
                               % {"codes": ", ".join(failed)})

    def _report(self, path: Path, data: bytes, start: float) -> None:
        self._write(path, data)
        self.stdout.write(_("%(file)s: %(size)s, %(time)s.")
                          % {"file": path.name, "size": size_text(len(data)),
                             "time": seconds_text(time.perf_counter() - start)})
