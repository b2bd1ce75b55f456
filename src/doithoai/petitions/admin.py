"""Petitions in the Django admin: the taxonomy and answer templates are edited here (audited);
everything else is shown read-only, since it changes only through the actions."""

from django import forms
from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from doithoai.audit.admin_mixins import AuditedAdmin, ReadOnlyAdmin
from doithoai.petitions.models import (
    Answer,
    AnswerTemplate,
    Escalation,
    Extension,
    Field,
    IntakeBatch,
    Issue,
    Petition,
    Reminder,
)


class FieldForm(forms.ModelForm):
    class Meta:
        model = Field
        fields = ["agency", "code", "name", "default_unit", "order", "is_active"]

    def clean(self):
        data = super().clean()
        agency = data.get("agency") or getattr(self.instance, "agency", None)
        unit = data.get("default_unit")
        if agency is not None and unit is not None and unit.agency_id != agency.pk:
            self.add_error("default_unit", _("Đơn vị không thuộc cơ quan này."))
        return data


@admin.register(Field)
class FieldAdmin(AuditedAdmin, admin.ModelAdmin):
    """Names and default units are editable; the code is stable once created."""

    form = FieldForm
    list_display = ["name", "code", "agency", "default_unit", "order", "is_active"]
    list_filter = ["is_active", "agency"]
    list_select_related = ["agency", "default_unit"]
    search_fields = ["name", "code"]
    ordering = ["agency", "order", "name"]

    def get_readonly_fields(self, request, obj=None):
        return ["agency", "code"] if obj is not None else []

    def has_delete_permission(self, request, obj=None):
        return False  # petitions keep their field: switch it off (“đang dùng”) instead


class AnswerTemplateForm(forms.ModelForm):
    class Meta:
        model = AnswerTemplate
        fields = ["agency", "field", "title", "text"]

    def clean(self):
        data = super().clean()
        agency, field = data.get("agency"), data.get("field")
        if agency is not None and field is not None and field.agency_id != agency.pk:
            self.add_error("field", _("Lĩnh vực không thuộc cơ quan này."))
        return data


@admin.register(AnswerTemplate)
class AnswerTemplateAdmin(AuditedAdmin, admin.ModelAdmin):
    form = AnswerTemplateForm
    list_display = ["title", "field", "agency"]
    list_filter = ["agency"]
    list_select_related = ["field", "agency"]
    search_fields = ["title", "text"]


@admin.register(Petition)
class PetitionAdmin(ReadOnlyAdmin):
    list_display = ["tracking_code", "agency", "state", "kind", "field", "unit", "due_date",
                    "received_on"]
    list_filter = ["state", "kind", "channel"]
    list_select_related = ["agency", "field", "unit"]
    search_fields = ["=tracking_code"]  # exact: fast on a million rows
    ordering = ["-pk"]
    exclude = ["search_text"]


@admin.register(Issue)
class IssueAdmin(ReadOnlyAdmin):
    list_display = ["title", "agency", "created_at"]
    list_select_related = ["agency"]
    search_fields = ["title"]
    ordering = ["-pk"]


@admin.register(IntakeBatch)
class IntakeBatchAdmin(ReadOnlyAdmin):
    list_display = ["name", "agency", "channel", "village", "received_on", "brought_by"]
    list_select_related = ["agency", "village"]
    ordering = ["-pk"]


@admin.register(Answer)
class AnswerAdmin(ReadOnlyAdmin):
    list_display = ["petition", "document_number", "drafted_at", "approved_at",
                    "published_at", "is_current"]
    list_select_related = ["petition"]
    ordering = ["-pk"]


@admin.register(Extension)
class ExtensionAdmin(ReadOnlyAdmin):
    list_display = ["petition", "old_due_date", "new_due_date", "created_at"]
    list_select_related = ["petition"]
    ordering = ["-pk"]


@admin.register(Escalation)
class EscalationAdmin(ReadOnlyAdmin):
    list_display = ["petition", "receiving_agency", "follow_up_on", "created_at"]
    list_select_related = ["petition"]
    ordering = ["-pk"]


@admin.register(Reminder)
class ReminderAdmin(ReadOnlyAdmin):
    list_display = ["petition", "kind", "due_date", "sent_on", "sent_by"]
    list_filter = ["kind"]
    list_select_related = ["petition", "sent_by"]
    ordering = ["-pk"]
