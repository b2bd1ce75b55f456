from django.core.management.base import BaseCommand

from doithoai.org.actions import load_units


class Command(BaseCommand):
    help = "Nạp danh mục 34 tỉnh, thành phố và 3.321 xã, phường, đặc khu (mô hình 2 cấp, 2025)."

    def handle(self, *args, **options):
        result = load_units()
        self.stdout.write(
            f"Đơn vị hành chính: {result.total} "
            f"(thêm mới {result.created}, cập nhật {result.updated}, "
            f"không đổi {result.unchanged})."
        )
