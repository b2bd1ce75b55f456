"""Regenerate the shipped Word templates (documents/docx/<code>.docx) from the builder."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from doithoai.documents import docx_builder
from doithoai.documents.render import TEMPLATE_DIR, normalise_zip


class Command(BaseCommand):
    help = "Tạo lại các mẫu Word kèm theo sản phẩm (documents/docx/*.docx) từ bộ dựng mẫu."

    def add_arguments(self, parser):
        parser.add_argument("codes", nargs="*", help="Mã loại văn bản (mặc định: tất cả).")
        parser.add_argument("--out", default=str(TEMPLATE_DIR),
                            help="Thư mục ghi mẫu (mặc định: thư mục mẫu của sản phẩm).")

    def handle(self, *args, codes, out, **options):
        unknown = sorted(set(codes) - set(docx_builder.LAYOUTS))
        if unknown:
            raise CommandError("Không có mẫu dựng sẵn cho: " + ", ".join(unknown) + ".")
        target = Path(out)
        target.mkdir(parents=True, exist_ok=True)
        for code in codes or list(docx_builder.LAYOUTS):
            layout = docx_builder.LAYOUTS[code]
            path = target / f"{code}.docx"
            path.write_bytes(normalise_zip(docx_builder.to_bytes(layout.build())))
            self.stdout.write(f"{path}")
