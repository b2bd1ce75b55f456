"""Navigation shown in the layout: each entry asks the permission it leads to."""

from doithoai.dialogues import rules as dialogue_rules
from doithoai.org import access
from doithoai.petitions import rules as petition_rules
from doithoai.web import rules


def navigation(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {
        "holds_a_role": access.holds(user, rules.STAFF_PAGES),
        "is_system_admin": access.holds(user, rules.ADMINISTER),
        "can_intake": access.holds(user, petition_rules.INTAKE),
        "oversees_province": access.holds(user, dialogue_rules.FOLLOW_COMMUNES),
    }
