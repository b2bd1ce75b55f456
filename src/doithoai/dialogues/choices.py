"""The choices of the dialogues' models (kinds, states, sides), and the named sets of states
the pages share. The models name them as before: `Plan.State`, `Conference.State`,
`Milestone.Kind`, `Invitation.State`, `ParticipantGroup.Side`, `Plan.Kind`, … and `Mode`.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from doithoai.core import milestones


class Mode(models.TextChoices):
    IN_PERSON = "in_person", _("Trực tiếp")
    ONLINE = "online", _("Trực tuyến")
    HYBRID = "hybrid", _("Trực tiếp kết hợp trực tuyến")


class PlanKind(models.TextChoices):
    PERIODIC = "periodic", _("Định kỳ (ít nhất mỗi năm một lần)")
    AD_HOC = "ad_hoc", _("Đột xuất")


class AdHocBasis(models.TextChoices):
    PRESSING = "pressing", _("Có vấn đề bức xúc, cấp thiết")
    # xgettext:no-python-format
    VOTERS = "voters", _("Ít nhất 10% cử tri của xã đề nghị")
    NECESSARY = "necessary", _("Khi cần thiết")


class PlanState(models.TextChoices):
    DRAFT = "draft", _("Dự thảo")
    ISSUED = "issued", _("Đã ban hành")
    PUBLISHED = "published", _("Đã công khai")
    DONE = "done", _("Đã hoàn thành")


class SignerCapacity(models.TextChoices):
    TM = "TM.", _("TM. (thay mặt tập thể)")
    KT = "KT.", _("KT. (ký thay người đứng đầu)")
    Q = "Q.", _("Q. (quyền)")


class ParticipantSide(models.TextChoices):
    COMMUNE = "commune", _("Đại biểu xã")
    VILLAGE = "village", _("Đại biểu thôn")
    CITIZEN = "citizen", _("Đại diện Nhân dân")
    EXTRA = "extra", _("Khách mời khác")


class ConferenceState(models.TextChoices):
    PLANNED = "planned", _("Chuẩn bị")
    HELD = "held", _("Đã tổ chức")
    CONCLUDED = "concluded", _("Đã thông báo kết luận")
    CLOSED = "closed", _("Đã trả lời xong")


class MilestoneKind(models.TextChoices):
    ANNOUNCEMENT = milestones.Kind.ANNOUNCEMENT, _("Thông báo công khai")
    INVITATIONS = milestones.Kind.INVITATIONS, _("Gửi giấy mời")
    VILLAGE_OPINIONS = milestones.Kind.VILLAGE_OPINIONS, _("Thôn gửi ý kiến")
    DELEGATE_LISTS = milestones.Kind.DELEGATE_LISTS, _("Thôn gửi danh sách đại biểu")
    PREPARED_ANSWERS = milestones.Kind.PREPARED_ANSWERS, _("Đơn vị gửi nội dung trả lời")
    CONCLUSION_NOTICE = milestones.Kind.CONCLUSION_NOTICE, _("Thông báo kết luận")
    RESULTS_ANNOUNCED = milestones.Kind.RESULTS_ANNOUNCED, _("Công bố kết quả")
    WRITTEN_ANSWERS = milestones.Kind.WRITTEN_ANSWERS, _("Trả lời bằng văn bản")
    TASK = milestones.Kind.TASK, _("Nhiệm vụ của đơn vị")


class InvitationState(models.TextChoices):
    PREPARED = "prepared", _("Đã chuẩn bị")
    SENT = "sent", _("Đã gửi")
    CONFIRMED = "confirmed", _("Xác nhận tham dự")
    DECLINED = "declined", _("Báo vắng")


# What the public may see (R11, R32): a plan once published; a conference once its plan is
# issued (it is announced); its results once the conclusion notice is issued.
PUBLIC_PLAN_STATES = (PlanState.PUBLISHED, PlanState.DONE)
ANNOUNCED_PLAN_STATES = (PlanState.ISSUED, PlanState.PUBLISHED, PlanState.DONE)
RESULT_STATES = (ConferenceState.CONCLUDED, ConferenceState.CLOSED)
