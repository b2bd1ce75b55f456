from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PetitionsConfig(AppConfig):
    name = "doithoai.petitions"
    label = "petitions"
    verbose_name = _("Ý kiến, kiến nghị")

    def ready(self):
        from django.db.models.signals import post_save

        from doithoai.org.models import Agency
        from doithoai.petitions import receivers
        from doithoai.workdays.signals import calendar_changed

        calendar_changed.connect(receivers.calendar_changed, dispatch_uid="petitions.calendar")
        post_save.connect(receivers.agency_saved, sender=Agency,
                          dispatch_uid="petitions.agency_fields")
        from doithoai.audit.labels import hide_keys, register, register_keys
        from doithoai.core.petition_flow import ACTION_LABELS, Action

        # The history page names each move of a petition as the pages do.
        for action in Action:
            register(f"petition.{action.value}", _(ACTION_LABELS[action]))
        for code, label in {
            "petition.receive": _("Tiếp nhận"),
            "petition.group": _("Gộp vào vấn đề"),
            "petition.ungroup": _("Tách khỏi vấn đề"),
            "petition.recompute_due": _("Tính lại hạn theo lịch"),
            "petition.remind": _("Nhắc hạn"),
            "petition.urge": _("Đôn đốc"),
            "urge.create": _("Đôn đốc"),
            "digest.send": _("Gửi tổng hợp hằng tuần cho Chủ tịch"),
            "answer.create": _("Soạn trả lời"),
            "petition.text_corrected": _("Hoàn chỉnh nội dung phát biểu"),
            "petition.senders_unnamed": _("Không công khai tên người gửi"),
            "answer.addition": _("Chủ trì bổ sung trả lời"),
            "answer.letter_issued": _("Ghi số công văn trả lời"),
            "answer.withdrawn": _("Rút lại câu trả lời đã công khai"),
            "answer.set_aside": _("Bỏ dự thảo trả lời"),
            "issue.create": _("Tạo vấn đề"),
            "petition.reopen_requested": _("Người gửi đề nghị giải quyết lại"),
            "petition.rate_answer": _("Người gửi đánh giá trả lời"),
        }.items():
            register(code, label)
        # The rule's code stands beside its readable description (due_rule_label), shown.
        hide_keys("due_rule")
        register_keys({"conference": _("hội nghị"), "conference_id": _("hội nghị (số hiệu)"),
                       "urged": _("đôn đốc"), "how": _("hình thức"),
                       "due_when_urged": _("hạn khi đôn đốc"),
                       "petitions": _("các ý kiến"), "addresses": _("số địa chỉ"),
                       "rating": _("đánh giá")})
