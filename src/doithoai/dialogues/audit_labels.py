"""Readable names, in the history pages, of what plans and conferences record."""

from django.utils.translation import gettext_lazy as _

from doithoai.audit.labels import register, register_keys

for code, label in {
    "plan.create": _("Lập kế hoạch"),
    "plan.update": _("Sửa kế hoạch"),
    "plan.issue": _("Ban hành kế hoạch"),
    "plan.publish": _("Công khai kế hoạch"),
    "plan.complete": _("Hoàn thành kế hoạch"),
    "plan.group_add": _("Thêm thành phần tham dự"),
    "plan.group_update": _("Sửa thành phần tham dự"),
    "plan.group_remove": _("Bỏ thành phần tham dự"),
    "plan.task_add": _("Thêm nhiệm vụ của đơn vị"),
    "plan.task_update": _("Sửa nhiệm vụ của đơn vị"),
    "plan.task_remove": _("Bỏ nhiệm vụ của đơn vị"),
    "conference.create": _("Tạo hội nghị"),
    "conference.update": _("Sửa thông tin hội nghị"),
    "conference.held": _("Ghi nhận hội nghị đã tổ chức"),
    "conference.conclude": _("Ban hành thông báo kết luận"),
    "conference.conclusion_text": _("Ghi nội dung kết luận của hội nghị"),
    "conference.close": _("Hoàn thành hội nghị"),
    "milestone.done": _("Xác nhận hoàn thành việc"),
    "milestone.undo": _("Hủy xác nhận hoàn thành"),
    "agenda.move": _("Đổi thứ tự chương trình"),
    "agenda.update": _("Sửa mục chương trình"),
    "agenda.add": _("Thêm mục chương trình"),
    "agenda.remove": _("Bỏ mục chương trình"),
    "delegates.build": _("Lập danh sách đại biểu theo thành phần"),
    "delegate.add": _("Thêm đại biểu"),
    "delegate.update": _("Sửa thông tin đại biểu"),
    "delegate.remove": _("Bỏ đại biểu khỏi danh sách"),
    "delegate.walk_in": _("Thêm người đến dự tại cửa"),
    "delegates.submit": _("Thôn gửi danh sách đại biểu"),
    "delegates.quota": _("Sửa số đại diện Nhân dân của thôn"),
    "invitations.prepare": _("Chuẩn bị giấy mời"),
    "invitations.send": _("Gửi giấy mời"),
    "invitation.respond": _("Ghi trả lời giấy mời"),
    "invitation.check_in": _("Điểm danh"),
    "invitation.undo_check_in": _("Hủy điểm danh"),
    "village.opinions_sent": _("Thôn gửi ý kiến"),
    "prepared_answer.save": _("Lưu nội dung chuẩn bị trả lời"),
    "plan_request.create": _("Đề nghị xây dựng kế hoạch"),
}.items():
    register(code, label)

register_keys({
    "added": _("số đại biểu thêm"),
    "delegates": _("số đại biểu"),
    "hall_warning": _("cảnh báo sức chứa hội trường"),
    "late": _("sau hạn"),
    "citizens": _("số đại diện Nhân dân"),
    "prepared": _("số giấy mời đã chuẩn bị"),
    "codes": _("mã giấy mời"),
    "code": _("mã giấy mời"),
    "unnamed_skipped": _("chỗ chưa ghi tên (chưa có giấy mời)"),
    "sent": _("số giấy mời đã gửi"),
    "due_on": _("hạn"),
    "invitation": _("giấy mời"),
    "opinions": _("số ý kiến"),
    "agenda": _("chương trình"),
})
