from django.contrib import admin

from doithoai.audit.models import AuditEvent


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    """Read-only: the log is written by services, never by hand."""

    list_display = ["seq", "at", "actor_label", "action", "object_type", "object_id",
                    "object_repr"]
    list_filter = ["action", "object_type"]
    search_fields = ["=object_id", "=action"]  # exact matches stay fast on millions of rows
    show_full_result_count = False  # no COUNT(*) over the whole log on each page
    ordering = ["-seq"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
