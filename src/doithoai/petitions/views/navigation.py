"""What every staff page of petitions shares: the sub-navigation, query strings that keep the
filters, the pager's links, a safe way back, and errors as messages (the last two also for the
pages of the apps above: plans, documents)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.http import QueryDict
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _

from doithoai.org import access
from doithoai.petitions import rules
from doithoai.petitions.selectors.queues import Page


def nav_links(request) -> list[dict]:
    """The petition pages this user works with (the sub-navigation of these pages)."""
    user = request.user
    links = []
    if access.holds(user, rules.SEE_QUEUE):
        links.append(("petitions:queue", _("Danh sách ý kiến")))
    if access.holds(user, rules.SEE_UNIT_WORK):
        links.append(("petitions:unit_queue", _("Việc của đơn vị")))
    if access.holds(user, rules.FOLLOW_UP):
        links.append(("petitions:approvals", _("Chờ duyệt, công khai")))
        links.append(("petitions:follow_up", _("Đôn đốc")))
    current = request.resolver_match.view_name if request.resolver_match else ""
    return [{"url": reverse(name), "label": label, "current": name == current}
            for name, label in links]


def unit_officer_only(user) -> bool:
    """Whether the user works only from a unit's list (the office's queue sends him there)."""
    return not access.holds(user, rules.SEE_QUEUE) and access.holds(user, rules.SEE_UNIT_WORK)


def page_context(request, **extra) -> dict:
    return {"petition_nav": nav_links(request), **extra}


def query_string(params: QueryDict, **changes) -> str:
    """The query string of `params` with `changes` applied (None removes a key); the page
    cursors always go, since a change of filter starts from the first page."""
    q = params.copy()
    for key in ("after", "before"):
        q.pop(key, None)
    for key, value in changes.items():
        q.pop(key, None)
        if value not in (None, ""):
            q[key] = value
    encoded = q.urlencode()
    return f"?{encoded}" if encoded else "?"


def pager(request, page: Page) -> dict:
    return {
        "first": query_string(request.GET) if page.prev_cursor else None,
        "prev": query_string(request.GET, before=page.prev_cursor) if page.prev_cursor else None,
        "next": query_string(request.GET, after=page.next_cursor) if page.next_cursor else None,
    }


def safe_next(request, default: str) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()},
                                                  require_https=request.is_secure()):
        return target
    return default


def error_messages(exc: Exception) -> list[str]:
    if isinstance(exc, ValidationError):
        return exc.messages
    return [str(exc) or _("Bạn không có quyền thực hiện việc này.")]
