"""Reads of the audit log used by pages."""

from django.core.exceptions import FieldDoesNotExist
from django.db.models import Model, QuerySet

from doithoai.audit.models import AuditEvent, object_type_of


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
        from doithoai.audit.labels import KEY_LABELS

        return str(KEY_LABELS.get(name, name))
    if hasattr(field, "verbose_name"):
        return str(field.verbose_name)
    return str(field.related_model._meta.verbose_name_plural)
