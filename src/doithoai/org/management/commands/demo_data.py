from django.core.management.base import BaseCommand

from doithoai.org.demo.data import DEMO_PASSWORD
from doithoai.org.demo.loader import load_demo


class Command(BaseCommand):
    help = "Tạo (hoặc làm mới) dữ liệu mẫu: xã Điềm He, xã Văn Quan và tỉnh Lạng Sơn."

    def handle(self, *args, **options):
        accounts = load_demo()
        self.stdout.write("Dữ liệu mẫu đã sẵn sàng. Tài khoản dùng thử "
                          f"(mật khẩu chung: {DEMO_PASSWORD}):")
        width = max(len(a[0]) for a in accounts)
        for username, full_name, role in accounts:
            self.stdout.write(f"  {username.ljust(width)}  {full_name} — {role}")
