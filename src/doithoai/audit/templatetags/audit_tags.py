"""Linking any page to an object's history:

    {% load audit_tags %}{% history_link village %}

or, to place the link yourself:

    {% include "audit/_history_link.html" with object_type=village|object_type
       object_id=village.pk %}   (on one line)
"""

from django import template

from doithoai.audit.labels import action_label as _action_label
from doithoai.audit.models import object_type_of

register = template.Library()


@register.filter
def object_type(obj) -> str:
    """The "app_label.model" string of an instance, as the audit log names it."""
    return object_type_of(obj)


@register.filter
def action_label(code: str) -> str:
    return _action_label(code)


@register.inclusion_tag("audit/_history_link.html")
def history_link(obj) -> dict:
    return {"object_type": object_type_of(obj), "object_id": obj.pk}
