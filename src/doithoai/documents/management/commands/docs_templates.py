"""Regenerate the shipped Word templates (documents/docx/<code>.docx) from the kinds' layouts."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from doithoai.documents.drawing import word
from doithoai.documents.drawing.fill import normalise_zip
from doithoai.documents.registry import KINDS
from doithoai.documents.render import TEMPLATE_DIR


class Command(BaseCommand):
    help = "Tạo lại các mẫu Word kèm theo sản phẩm (documents/docx/*.docx) từ bộ dựng mẫu."

    def add_arguments(self, parser):
        parser.add_argument("codes", nargs="*", help="Mã loại văn bản (mặc định: tất cả).")
        parser.add_argument("--out", default=str(TEMPLATE_DIR),
                            help="Thư mục ghi mẫu (mặc định: thư mục mẫu của sản phẩm).")

    def handle(self, *args, codes, out, **options):
        layouts = {code: kind.layout for code, kind in KINDS.items() if kind.layout}
        unknown = sorted(set(codes) - set(layouts))
        if unknown:
            raise CommandError("Không có mẫu dựng sẵn cho: " + ", ".join(unknown) + ".")
        target = Path(out)
        target.mkdir(parents=True, exist_ok=True)
        for code in codes or list(layouts):
            path = target / f"{code}.docx"
            path.write_bytes(normalise_zip(word.to_bytes(layouts[code]())))
            self.stdout.write(f"{path}")
