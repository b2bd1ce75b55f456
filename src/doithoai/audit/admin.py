from django.contrib import admin

from doithoai.audit.admin_mixins import ReadOnlyAdmin
from doithoai.audit.models import AuditEvent


@admin.register(AuditEvent)
class AuditEventAdmin(ReadOnlyAdmin):
    """Read-only: the log is written by services, never by hand."""

    list_display = ["seq", "at", "actor_label", "action", "object_type", "object_id",
                    "object_repr"]
    list_filter = ["action", "object_type"]
    search_fields = ["=object_id", "=action"]  # exact matches stay fast on millions of rows
    ordering = ["-seq"]
