from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.utils import timezone

from doithoai.core import dates
from doithoai.demo import dialogues as dialogues_demo
from doithoai.demo import live as live_demo
from doithoai.demo import timeline as demo_timeline
from doithoai.demo.answer_back import load_answer_back
from doithoai.demo.data import DEMO_PASSWORD
from doithoai.demo.follow_up import urge_latest_unit
from doithoai.demo.organisation import load_demo
from doithoai.demo.petitions import load_demo_petitions
from doithoai.demo.reset import empty_database
from doithoai.dialogues.models import Conference
from doithoai.petitions.models import Petition
from doithoai.petitions.selectors.deadlines import today_info
from doithoai.petitions.selectors.queues import late_or_soon
from doithoai.workdays.calendar import get_calendar


class Command(BaseCommand):
    help = ("Tạo (hoặc làm mới) dữ liệu mẫu theo ngày hôm nay: xã Điềm He, xã Văn Quan và "
            "tỉnh Lạng Sơn.")

    def add_arguments(self, parser):
        parser.add_argument("--no-petitions", action="store_true",
                            help="Chỉ tạo tổ chức mẫu, không tạo ý kiến, kế hoạch, hội nghị mẫu.")
        parser.add_argument("--reset", action="store_true",
                            help="Xóa toàn bộ dữ liệu của cơ sở dữ liệu rồi tạo lại dữ liệu mẫu "
                                 "cho hôm nay (chỉ trên máy phát triển, dùng thử: DEBUG bật).")

    def handle(self, *args, no_petitions=False, reset=False, **options):
        if reset:
            self._reset()
        today = timezone.localdate()
        built_on = _built_on()
        if not no_petitions and built_on not in (None, today):
            # Two timelines would not make one story: say how to start again instead.
            self.stdout.write(self.style.WARNING(
                f"Dữ liệu mẫu đã có, được tạo ngày {dates.day(built_on)} (hội nghị đang diễn ra, "
                f"các hạn trả lời tính theo ngày đó), nên không tạo thêm. Để có dữ liệu mẫu "
                f"theo hôm nay {dates.day(today)}, chạy: doithoai demo_data --reset (xóa toàn bộ "
                f"dữ liệu hiện có trong cơ sở dữ liệu rồi tạo lại)."))
            return
        accounts = load_demo()
        petitions = dialogues = None
        if not no_petitions:  # plans, conferences and petitions hang together
            timeline = demo_timeline.build(today, get_calendar())
            dialogues = dialogues_demo.prepare(timeline)
            petitions = load_demo_petitions(timeline)
            load_answer_back(dialogues_demo.DIEM_HE)
            dialogues = dialogues_demo.finish(dialogues, timeline)
            urge_latest_unit(timeline)  # once every petition is where it waits
            # Counted last, as the queue counts them: the dialogues add petitions too.
            petitions.overdue, petitions.due_soon = _late(dialogues_demo.DIEM_HE)
        self.stdout.write("Dữ liệu mẫu đã sẵn sàng. Tài khoản dùng thử "
                          f"(mật khẩu chung: {DEMO_PASSWORD}):")
        width = max(len(a[0]) for a in accounts)
        for username, full_name, role in accounts:
            self.stdout.write(f"  {username.ljust(width)}  {full_name} — {role}")
        if petitions is not None:
            self.stdout.write(petitions.summary())
            self.stdout.write(dialogues.summary())

    def _reset(self) -> None:
        if not settings.DEBUG:
            raise CommandError("--reset xóa toàn bộ dữ liệu nên chỉ dùng trên máy phát triển, "
                               "dùng thử (DEBUG bật); không bao giờ dùng trên máy chủ thật.")
        self.stdout.write(f"Xóa toàn bộ dữ liệu ({connection.vendor}) và tạo lại…")
        empty_database()
        call_command("migrate", interactive=False, verbosity=0)
        call_command("load_units", stdout=self.stdout)


def _late(agency_code: str) -> tuple[int, int]:
    """The commune's overdue and due-soon petitions, as its queue's filters count them."""
    today = today_info()
    late = late_or_soon(Petition.objects.filter(agency__code=agency_code), today)
    return (late.filter(due_date__lt=today.today).count(),
            late.filter(due_date__gte=today.today).count())


def _built_on():
    """The day the demo was built: its conference in session is held that day (None: no
    demo yet)."""
    return (Conference.objects.filter(agency__code=dialogues_demo.DIEM_HE,
                                      title__startswith=live_demo.TITLE_STEM)
            .order_by("-held_on").values_list("held_on", flat=True).first())
