"""Navigation shown in the layout, from the user's scope."""

from doithoai.org.access import scope_of


def navigation(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    scope = scope_of(user)
    return {"scope": scope, "is_system_admin": scope.is_admin}
