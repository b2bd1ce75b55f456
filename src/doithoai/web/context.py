"""Navigation shown in the layout, from the user's scope."""

from doithoai.org.access import INTAKE_ROLES, holds_role, is_system_admin
from doithoai.org.models import Role


def navigation(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {
        "holds_a_role": holds_role(user, Role.values),
        "is_system_admin": is_system_admin(user),
        "can_intake": holds_role(user, INTAKE_ROLES),
        "oversees_province": holds_role(user, {Role.OVERSEER}),
    }
