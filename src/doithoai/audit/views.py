"""The history page of one object, for staff who may see that object."""

import json

from django.apps import apps
from django.contrib.auth.decorators import login_required
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.translation import gettext as _

from doithoai.audit.labels import action_label
from doithoai.audit.selectors import field_label, history_for
from doithoai.org.access import get_visible_object_or_404, scope_of

PAGE_SIZE = 50


def _model_or_404(object_type: str):
    try:
        return apps.get_model(object_type)
    except (LookupError, ValueError) as exc:
        raise Http404 from exc


def _related_name(field, value) -> str | None:
    """The name of the object a foreign key pointed to, if it still exists."""
    related = field.related_model._default_manager.filter(pk=value).first()
    return str(related) if related is not None else None


def _display(model, name: str, value) -> str:
    """A stored value as a person reads it: choice labels, related names, yes/no, empty."""
    if value is None or value == "":
        return _("(trống)")
    if isinstance(value, bool):
        return _("có") if value else _("không")
    try:
        field = model._meta.get_field(name)
        choices = dict(getattr(field, "flatchoices", ()))  # reverse relations have none
    except (FieldDoesNotExist, TypeError):
        field, choices = None, {}
    if field is not None and field.many_to_one and field.concrete:
        return _related_name(field, value) or str(value)
    if isinstance(value, list) and len(value) > LIST_SHOWN:
        shown = ", ".join(str(v) for v in value[:LIST_SHOWN])
        return _("%(n)s mục: %(shown)s, …") % {"n": len(value), "shown": shown}
    if isinstance(value, list | dict):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, str) and (moment := _moment(value)) is not None:
        return moment
    return str(choices.get(value, value))


LIST_SHOWN = 5  # a long list (122 invitation codes) reads as its count and first items


def _moment(value: str) -> str | None:
    """An ISO date or date-time stored in the log, as a person reads it (local time)."""
    if len(value) < 10 or value[4:5] != "-" or value[7:8] != "-":
        return None
    if len(value) == 10:
        day = parse_date(value)
        return day.strftime("%d/%m/%Y") if day else None
    moment = parse_datetime(value)
    if moment is None:
        return None
    if timezone.is_aware(moment):
        moment = timezone.localtime(moment)
    return moment.strftime("%H:%M %d/%m/%Y")


def _entry(model, event) -> dict:
    return {
        "event": event,
        "action": action_label(event.action, model),
        "changes": [
            (field_label(model, name), _display(model, name, old), _display(model, name, new))
            for name, old, new in event.changes()
            if name != model._meta.pk.name  # the object's own id says nothing to a reader
        ],
    }


@login_required
def object_history(request, object_type: str, object_id: str):
    model = _model_or_404(object_type)
    if not hasattr(model, "scope_paths") and not scope_of(request.user).is_admin:
        raise Http404  # a model without a scope is for system administrators only
    try:
        pk = model._meta.pk.to_python(object_id)
    except ValidationError as exc:
        raise Http404 from exc
    obj = get_visible_object_or_404(request.user, model, pk)
    page = Paginator(history_for(obj), PAGE_SIZE).get_page(request.GET.get("trang"))
    return render(request, "audit/history.html", {
        "obj": obj,
        "model_name": model._meta.verbose_name,
        "page": page,
        "entries": [_entry(model, event) for event in page],
    })
