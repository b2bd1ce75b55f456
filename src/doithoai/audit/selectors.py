"""Reads of the audit log used by pages: an object's events, and each one as people read it."""

import json

from django.core.exceptions import FieldDoesNotExist
from django.db.models import Model, QuerySet
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.translation import gettext as _

from doithoai.audit.labels import HIDDEN_KEYS, KEY_LABELS, action_label
from doithoai.audit.models import AuditEvent, object_type_of
from doithoai.core import dates


def history_for(obj: Model) -> QuerySet[AuditEvent]:
    """Every event about one object, newest first (served by the object index)."""
    return AuditEvent.objects.filter(
        object_type=object_type_of(obj), object_id=str(obj.pk)
    ).order_by("-seq")


def field_label(model: type[Model], name: str) -> str:
    """The field's verbose name when the model still has that field, else its name.

    A reverse relation (an event about a conference's delegates, say) has no verbose name of
    its own: it reads as the related model's plural name."""
    try:
        field = model._meta.get_field(name)
    except FieldDoesNotExist:  # a fact the event carries, or a field removed since

        return str(KEY_LABELS.get(name, name))
    if hasattr(field, "verbose_name"):
        return str(field.verbose_name)
    return str(field.related_model._meta.verbose_name_plural)


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
    """An ISO date, date-time or time of day stored in the log, as a person reads it (local
    time; "08:00:00" as "08:00")."""
    if len(value) == 8 and value[2::3] == "::" and value.replace(":", "").isdigit():
        return value[:5]
    if len(value) < 10 or value[4:5] != "-" or value[7:8] != "-":
        return None
    if len(value) == 10:
        day = parse_date(value)
        return dates.day(day) if day else None
    moment = parse_datetime(value)
    if moment is None:
        return None
    if timezone.is_aware(moment):
        moment = timezone.localtime(moment)
    return dates.moment(moment)


def history_entry(model: type[Model], event: AuditEvent) -> dict:
    """One event as the history page shows it: when, who, what, and each change read aloud."""
    changes = [
        (field_label(model, name), _display(model, name, old), _display(model, name, new))
        for name, old, new in event.changes()
        # the object's own id and the apps' bookkeeping say nothing to a reader
        if name != model._meta.pk.name and name not in HIDDEN_KEYS
    ]
    return {
        "event": event,
        "action": action_label(event.action, model),
        # "(trống) → (trống)": what reads the same before and after is no change to a reader
        "changes": [change for change in changes if change[1] != change[2]],
    }
