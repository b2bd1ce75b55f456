from django.core.management.base import BaseCommand

from doithoai.dialogues import demo as dialogues_demo
from doithoai.org.demo.data import DEMO_PASSWORD
from doithoai.org.demo.loader import load_demo
from doithoai.petitions.demo import load_demo_petitions


class Command(BaseCommand):
    help = "Tạo (hoặc làm mới) dữ liệu mẫu: xã Điềm He, xã Văn Quan và tỉnh Lạng Sơn."

    def add_arguments(self, parser):
        parser.add_argument("--no-petitions", action="store_true",
                            help="Chỉ tạo tổ chức mẫu, không tạo ý kiến, kế hoạch, hội nghị mẫu.")

    def handle(self, *args, no_petitions=False, **options):
        accounts = load_demo()
        petitions = dialogues = None
        if not no_petitions:  # plans, conferences and petitions hang together
            dialogues = dialogues_demo.prepare()
            petitions = load_demo_petitions()
            dialogues = dialogues_demo.finish(dialogues)
        self.stdout.write("Dữ liệu mẫu đã sẵn sàng. Tài khoản dùng thử "
                          f"(mật khẩu chung: {DEMO_PASSWORD}):")
        width = max(len(a[0]) for a in accounts)
        for username, full_name, role in accounts:
            self.stdout.write(f"  {username.ljust(width)}  {full_name} — {role}")
        if petitions is not None:
            self.stdout.write(petitions.summary())
            self.stdout.write(dialogues.summary())
