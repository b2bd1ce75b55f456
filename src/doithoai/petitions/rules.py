"""Who may do what with petitions, as named permissions (a system administrator always may).

Asked with `access.require` / `access.can` in actions and views, and in templates with
`{% can "petitions.assign" petition as may_assign %}`. Every rule is asked on the object the
user acts on (a petition, an issue's petitions, a unit, an agency or an intake batch), within
the user's scope.
"""

from django.utils.translation import gettext_lazy as _

from doithoai.core.petition_flow import Action
from doithoai.org import access
from doithoai.org.access import INTAKE_ROLES, OFFICE_ROLES
from doithoai.org.models import Role

_NOT_ON_THIS = _("Bạn không có quyền thực hiện việc này với ý kiến này.")
_ONLY_READ = _("Bạn chỉ có quyền xem, không có quyền thay đổi mục này.")

# --- the moves of a petition (core.petition_flow) --------------------------------------------
CLASSIFY = access.rule("petitions.classify", OFFICE_ROLES | {Role.FRONT_OFFICER}, _NOT_ON_THIS)
ASSIGN = access.rule("petitions.assign", OFFICE_ROLES, _NOT_ON_THIS)
RETURN = access.rule("petitions.return", OFFICE_ROLES | {Role.UNIT_OFFICER}, _NOT_ON_THIS)
ANSWER_AT_CONFERENCE = access.rule("petitions.answer_at_conference", OFFICE_ROLES,
                                   _NOT_ON_THIS)
DRAFT_ANSWER = access.rule("petitions.draft_answer", OFFICE_ROLES | {Role.UNIT_OFFICER},
                           _NOT_ON_THIS)
APPROVE = access.rule("petitions.approve", {Role.LEADER}, _NOT_ON_THIS)
SEND_BACK = access.rule("petitions.send_back", {Role.LEADER}, _NOT_ON_THIS)
PUBLISH = access.rule("petitions.publish", OFFICE_ROLES, _NOT_ON_THIS)
EXTEND = access.rule("petitions.extend", OFFICE_ROLES | {Role.UNIT_OFFICER}, _NOT_ON_THIS)
ESCALATE = access.rule("petitions.escalate", OFFICE_ROLES, _NOT_ON_THIS)
NOT_ACCEPT = access.rule("petitions.not_accept", OFFICE_ROLES, _NOT_ON_THIS)
TRANSFER = access.rule("petitions.transfer", OFFICE_ROLES, _NOT_ON_THIS)
CLOSE = access.rule("petitions.close", OFFICE_ROLES, _NOT_ON_THIS)
REOPEN = access.rule("petitions.reopen", OFFICE_ROLES, _NOT_ON_THIS)

# Whose step drafting is: the page opens the draft form for the unit (the office may draft
# too, from the list of actions, but the form stays closed for it).
# A unit's own work: not a system administrator's.
OWE_ANSWER = access.rule("petitions.owe_answer", {Role.UNIT_OFFICER}, _NOT_ON_THIS, admin=False)

ACTION_RULES: dict[Action, access.Rule] = {
    Action.CLASSIFY: CLASSIFY, Action.ASSIGN: ASSIGN, Action.RETURN: RETURN,
    Action.ANSWER_AT_CONFERENCE: ANSWER_AT_CONFERENCE, Action.DRAFT_ANSWER: DRAFT_ANSWER,
    Action.APPROVE: APPROVE, Action.SEND_BACK: SEND_BACK, Action.PUBLISH: PUBLISH,
    Action.EXTEND: EXTEND, Action.ESCALATE: ESCALATE, Action.NOT_ACCEPT: NOT_ACCEPT,
    Action.TRANSFER: TRANSFER, Action.CLOSE: CLOSE, Action.REOPEN: REOPEN,
}

# --- issues (petitions that raise the same matter) -------------------------------------------
GROUP = access.rule("petitions.group", OFFICE_ROLES, _("Bạn không có quyền gộp ý kiến."))
UNGROUP = access.rule("petitions.ungroup", OFFICE_ROLES, _("Bạn không có quyền tách ý kiến."))

# --- the office's pages ----------------------------------------------------------------------
# Any change at all (asked first, on the petition or the unit): read-only roles only look.
CHANGE = access.rule("petitions.change", INTAKE_ROLES | {Role.UNIT_OFFICER}, _ONLY_READ)
# The queue's bulk actions (assign the checked ones, group them), asked on the agency.
WORK_QUEUE = access.rule("petitions.work_queue", OFFICE_ROLES, _ONLY_READ)
# The same, shown before one commune is chosen among several: a system administrator's alone.
WORK_ANY_QUEUE = access.rule("petitions.work_any_queue", (), _ONLY_READ)
# Urging (đôn đốc) a unit (asked on the unit; on the agency for the follow-up page's buttons).
REMIND = access.rule("petitions.remind", OFFICE_ROLES,
                     _("Chỉ Văn phòng hoặc Lãnh đạo được gửi nhắc."))
# Who reads a denouncer's name and contacts (not even a system administrator otherwise).
SEE_DENOUNCER = access.rule("petitions.see_denouncer", OFFICE_ROLES, _ONLY_READ, admin=False)

# --- which lists a user works from (asked with `access.holds`: menus and page entries) -------
# The office's queue: everyone but a unit officer alone (who works from his unit's list).
SEE_QUEUE = access.rule("petitions.see_queue",
                        set(Role.values) - {Role.UNIT_OFFICER, Role.ADMIN}, _ONLY_READ)
# A unit's own list ("Việc của đơn vị"): its officers' (a system administrator has no unit).
SEE_UNIT_WORK = access.rule("petitions.see_unit_work", {Role.UNIT_OFFICER}, _ONLY_READ,
                            admin=False)
# The answers awaiting approval or publication, and the follow-up of the units: the office
# and those who watch it.
FOLLOW_UP = access.rule("petitions.follow_up",
                        OFFICE_ROLES | {Role.SUPERVISOR, Role.OVERSEER}, _ONLY_READ)

# --- corrections the other apps make (actions.corrections), asked on the petition -----------
# The live room completes what was heard (the secretary, running the session).
CORRECT_TEXT = access.rule("petitions.correct_text", OFFICE_ROLES, _NOT_ON_THIS)
# The chair adds to the answer given in the hall.
ADD_TO_CONFERENCE_ANSWER = access.rule("petitions.add_to_conference_answer", OFFICE_ROLES,
                                       _NOT_ON_THIS)
# The register names the letter that carries the written answer (its issuer, the office).
NOTE_REPLY_LETTER = access.rule("petitions.note_reply_letter", OFFICE_ROLES, _NOT_ON_THIS)

# --- intake: paper brought in ------------------------------------------------------------------
# Start a batch for an agency (asked on the agency).
INTAKE = access.rule("petitions.intake", INTAKE_ROLES,
                     _("Bạn không có quyền nhập ý kiến cho cơ quan này."))
# Import a summary sheet, or download its template (asked on the agency).
IMPORT = access.rule("petitions.import", INTAKE_ROLES,
                     _("Bạn không có quyền nhập ý kiến cho cơ quan này."))
# Type paper forms into a batch the user sees (supervisors, overseers, unit officers may not).
ENTER_INTO_BATCH = access.rule(
    "petitions.enter_into_batch", INTAKE_ROLES,
    _("Bạn chỉ có quyền xem, không có quyền nhập ý kiến vào đợt này."))
