"""What the history pages call the live room's actions."""

from django.utils.translation import gettext_lazy as _

from doithoai.audit.labels import register

for action, label in {
    "live.open": _("Mở phiên họp"),
    "live.close": _("Kết thúc phiên họp"),
    "live.outcomes": _("Chuyển người đăng ký chưa được trình bày thành ý kiến, kiến nghị"),
    "live.register": _("Đăng ký phát biểu"),
    "live.move": _("Thay đổi thứ tự phát biểu"),
    "live.call": _("Mời phát biểu"),
    "live.call_now": _("Mời phát biểu trước thứ tự đăng ký"),
    "live.finish": _("Kết thúc lượt phát biểu"),
    "live.withdraw": _("Rút đăng ký phát biểu"),
    "live.confidential": _("Không nêu tên người phát biểu trước hội trường"),
    "live.named": _("Nêu tên người phát biểu trước hội trường"),
    "live.record": _("Ghi nội dung phát biểu"),
    "live.item": _("Chuyển mục chương trình"),
    "live.timer": _("Đặt thời gian mỗi lượt phát biểu"),
    "live.conclude": _("Chủ trì kết luận ý kiến"),
    "live.minutes": _("Sửa dự thảo biên bản"),
    "live.adopt": _("Thông qua biên bản"),
}.items():
    register(action, label)
