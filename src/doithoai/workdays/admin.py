"""The calendar's tables in the Django admin. Override saves go through the actions (audit);
year confirmations are read-only here: they are made on the calendar page (audited)."""

from django import forms
from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from doithoai.audit.admin_mixins import ReadOnlyAdmin
from doithoai.org import access
from doithoai.workdays import actions, rules
from doithoai.workdays.models import CalendarOverride, CalendarYear


class CalendarOverrideForm(forms.ModelForm):
    change_reason = forms.CharField(
        label=_("Lý do thay đổi"), max_length=500,
        help_text=_("Được lưu vào nhật ký cùng với người thay đổi."),
        error_messages={"required": _("Hãy ghi lý do thay đổi (được lưu vào nhật ký).")},
    )

    class Meta:
        model = CalendarOverride
        fields = ["date", "kind", "reason", "legal_basis", "enabled", "note"]


@admin.register(CalendarOverride)
class CalendarOverrideAdmin(admin.ModelAdmin):
    form = CalendarOverrideForm
    list_display = ["date", "kind", "reason", "enabled", "updated_at"]
    list_filter = ["kind", "enabled"]
    date_hierarchy = "date"
    search_fields = ["reason", "legal_basis", "note"]

    def has_add_permission(self, request):
        return access.holds(request.user, rules.CHANGE_CALENDAR)

    def has_change_permission(self, request, obj=None):
        return access.holds(request.user, rules.CHANGE_CALENDAR)

    def has_delete_permission(self, request, obj=None):
        # Deadlines were computed with these rows: switch one off, never erase it.
        return False

    def save_model(self, request, obj, form, change):
        reason = form.cleaned_data["change_reason"]
        if not change:
            actions.create_override(actor=request.user, override=obj, reason=reason)
            return
        changes = {name: getattr(obj, name) for name in form.changed_data
                   if name in actions.EDITABLE_FIELDS}
        if changes:
            updated = actions.update_override(
                actor=request.user, override=obj, changes=changes, reason=reason
            )
            obj.updated_at = updated.updated_at

    def delete_model(self, request, obj):
        # Unreachable while deletion is refused above; kept safe should that change.
        reason = "Tắt thay vì xóa trong trang quản trị"  # stored: Vietnamese, not page language
        actions.set_override_enabled(
            actor=request.user, override=obj, enabled=False, reason=reason
        )


@admin.register(CalendarYear)
class CalendarYearAdmin(ReadOnlyAdmin):
    """Read-only: confirming or withdrawing a year is done on the calendar page, which records
    who, why and recomputes deadlines."""

    list_display = ["year", "confirmed_at", "confirmed_by", "updated_at"]
    list_filter = [("confirmed_at", admin.EmptyFieldListFilter)]
    search_fields = ["legal_basis", "note"]
    readonly_fields = ["year", "confirmed_at", "confirmed_by", "legal_basis", "note",
                       "updated_at"]

    def has_view_permission(self, request, obj=None):
        return access.holds(request.user, rules.CHANGE_CALENDAR)
