"""Changes made in the Django admin are state changes too: they go to the audit log."""

from django.contrib import admin
from django.db import transaction

from doithoai.audit.services import record, snapshot

# Stored in the permanent log, so fixed Vietnamese rather than the admin's page language.
CHANGED_IN_ADMIN = "Thay đổi trong trang quản trị"
DELETED_IN_ADMIN = "Xóa trong trang quản trị"


class AuditedAdmin:
    """Mixin for ModelAdmin: records create, update and delete with before and after."""

    def save_model(self, request, obj, form, change):
        label = obj._meta.model_name
        with transaction.atomic():
            before = snapshot(type(obj).objects.get(pk=obj.pk)) if change and obj.pk else None
            super().save_model(request, obj, form, change)
            record(actor=request.user, action=f"{label}.{'update' if change else 'create'}",
                   obj=obj, before=before, after=snapshot(obj),
                   reason=CHANGED_IN_ADMIN)

    def delete_model(self, request, obj):
        with transaction.atomic():
            before = snapshot(obj)
            record(actor=request.user, action=f"{obj._meta.model_name}.delete", obj=obj,
                   before=before, reason=DELETED_IN_ADMIN)
            super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        with transaction.atomic():
            for obj in queryset:
                self.delete_model(request, obj)

    def save_formset(self, request, form, formset, change):
        """Inline rows (e.g. a user's roles) are audited one by one."""
        with transaction.atomic():
            instances = formset.save(commit=False)
            for obj in formset.deleted_objects:
                record(actor=request.user, action=f"{obj._meta.model_name}.delete", obj=obj,
                       before=snapshot(obj), reason=DELETED_IN_ADMIN)
                obj.delete()
            for obj in instances:
                is_new = obj.pk is None
                before = None if is_new else snapshot(type(obj).objects.get(pk=obj.pk))
                obj.save()
                record(actor=request.user,
                       action=f"{obj._meta.model_name}.{'create' if is_new else 'update'}",
                       obj=obj, before=before, after=snapshot(obj),
                       reason=CHANGED_IN_ADMIN)
            formset.save_m2m()


class ReadOnlyAdmin(admin.ModelAdmin):
    """Shown, never changed here: these rows change only through the services (audited)."""

    show_full_result_count = False  # no COUNT(*) over a province's table on each page

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
