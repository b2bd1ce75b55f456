"""Who may do what in the dialogues: named permissions, asked through `org.access`
(`access.require`, `access.can`, `access.roles_for_rows`, the `{% can %}` tag)."""

from django.utils.translation import gettext_lazy as _

from doithoai.org.access import (
    AGENCY_WIDE_ROLES,
    INTAKE_ROLES,
    OFFICE_ROLES,
    READ_ONLY_ROLES,
    rule,
)
from doithoai.org.models import Role

# The office runs plans, conferences, agendas, delegate lists, invitations and the door.
MANAGE = rule("dialogues.manage", OFFICE_ROLES,
              _("Chỉ Văn phòng hoặc lãnh đạo UBND được làm việc này."))
# Any change asked of a plan's pages: refused at once to read-only roles (the action then
# asks MANAGE).
CHANGE_PLAN = rule("dialogues.change_plan", set(Role.values) - READ_ONLY_ROLES - {Role.ADMIN},
                   _("Bạn chỉ có quyền xem, không có quyền thay đổi mục này."))
# Making a plan for an agency (asked on the agency).
CREATE_PLAN = rule("dialogues.create_plan", OFFICE_ROLES,
                   _("Chỉ Văn phòng hoặc lãnh đạo UBND được lập kế hoạch."))
# A step of the timeline is confirmed by the office or the unit responsible for it.
CONFIRM_MILESTONE = rule("dialogues.confirm_milestone", OFFICE_ROLES | {Role.UNIT_OFFICER},
                         _("Chỉ Văn phòng, lãnh đạo hoặc đơn vị phụ trách được xác nhận việc "
                           "này."))
# A village's delegate list (asked on its VillageReturn: a village head reaches his own).
EDIT_VILLAGE_LIST = rule("dialogues.edit_village_list", INTAKE_ROLES,
                         _("Chỉ Văn phòng, Mặt trận hoặc trưởng thôn của thôn này được sửa danh "
                           "sách đại biểu của thôn."))
RECORD_RESPONSE = rule("dialogues.record_response", OFFICE_ROLES | {Role.FRONT_OFFICER},
                       _("Chỉ Văn phòng hoặc Mặt trận được ghi trả lời của đại biểu."))
# A village's opinions are sent (asked on the village).
SEND_OPINIONS = rule("dialogues.send_village_opinions", INTAKE_ROLES,
                     _("Chỉ trưởng thôn của thôn này, Mặt trận hoặc Văn phòng được xác nhận "
                       "thôn đã gửi ý kiến."))
# What a unit will answer at the conference (asked on the petition: its assigned unit).
PREPARE_ANSWER = rule("dialogues.prepare_answer", OFFICE_ROLES | {Role.UNIT_OFFICER},
                      _("Chỉ đơn vị được giao ý kiến này hoặc Văn phòng được chuẩn bị nội "
                        "dung trả lời."))
# The province asks its communes to plan (asked on the province agency).
REQUEST_PLANS = rule("dialogues.request_plans", {Role.OVERSEER},
                     _("Chỉ cán bộ theo dõi của tỉnh được đề nghị các xã xây dựng kế hoạch."))
# Every village's opinions in the Front's report (asked on the conference); others read the
# report narrowed to what they see, and are told so.
SEE_EVERY_VILLAGE = rule("dialogues.see_every_village", AGENCY_WIDE_ROLES | {Role.OVERSEER},
                         _("Báo cáo chỉ gồm các ý kiến trong phạm vi bạn được xem."))
# The delegates of every village (asked on the conference): a village head alone works on
# his own village's list (the office's page sends him there).
SEE_ALL_DELEGATES = rule("dialogues.see_all_delegates",
                         set(Role.values) - {Role.VILLAGE_HEAD, Role.ADMIN},
                         _("Bạn chỉ làm việc với danh sách đại biểu của thôn mình."))
# The roll-up of a province's communes ("Theo dõi các xã"): the province's overseers.
FOLLOW_COMMUNES = rule("dialogues.follow_communes", {Role.OVERSEER},
                       _("Trang này dành cho cán bộ theo dõi cấp tỉnh."))
# An agency's yearly figures (asked on the agency).
READ_FIGURES = rule("dialogues.read_figures",
                    OFFICE_ROLES | {Role.SUPERVISOR, Role.OVERSEER},
                    _("Bạn không có quyền xem số liệu tổng hợp của cơ quan này."))
