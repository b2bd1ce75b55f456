"""Navigation shown in the layout, from the user's scope."""

from doithoai.org.access import INTAKE_ROLES, scope_of
from doithoai.org.models import Role


def navigation(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    scope = scope_of(user)
    return {
        "scope": scope,
        "is_system_admin": scope.is_admin,
        "can_intake": scope.is_admin or bool(scope.roles & INTAKE_ROLES),
        "oversees_province": scope.is_admin or Role.OVERSEER in scope.roles,
    }
