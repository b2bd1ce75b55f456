"""The one template tag that decides who may: `{% can "app.permission" obj as allowed %}`."""

from django import template

from doithoai.org import access

register = template.Library()


@register.simple_tag(takes_context=True)
def can(context, perm: str, obj) -> bool:
    request = context.get("request")
    return request is not None and obj is not None and access.can(request.user, perm, obj)
