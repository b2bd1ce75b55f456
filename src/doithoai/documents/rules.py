"""Who may issue, correct and number documents and change an agency's templates: the office
and the leaders of the agency (downloads follow what a user sees: `org.access.visible`)."""

from django.utils.translation import gettext_lazy as _

from doithoai.org import access

ISSUE = access.rule(
    "documents.issue", access.OFFICE_ROLES,
    _("Chỉ Văn phòng hoặc lãnh đạo UBND được ban hành văn bản."))
# A correction and the register's next number are the issuer's work too.
CORRECT = access.rule("documents.correct", access.OFFICE_ROLES, ISSUE.refusal)
ADJUST_REGISTER = access.rule("documents.adjust_register", access.OFFICE_ROLES, ISSUE.refusal)
MANAGE_TEMPLATES = access.rule(
    "documents.manage_templates", access.OFFICE_ROLES,
    _("Chỉ Văn phòng hoặc lãnh đạo UBND được thay đổi mẫu văn bản của cơ quan."))
