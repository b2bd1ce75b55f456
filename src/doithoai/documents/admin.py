"""Documents in the Django admin: shown read-only. Numbers, issued files and templates change
only through `documents.actions` (each change audited), never by hand here."""

from django.contrib import admin

from doithoai.audit.admin_mixins import ReadOnlyAdmin
from doithoai.documents.models import AgencyTemplate, Document, DocumentRegister


@admin.register(DocumentRegister)
class DocumentRegisterAdmin(ReadOnlyAdmin):
    list_display = ["agency", "year", "code", "last_number"]
    list_filter = ["year", "code"]


@admin.register(Document)
class DocumentAdmin(ReadOnlyAdmin):
    list_display = ["number_text", "kind", "title", "state", "issued_on", "agency"]
    list_filter = ["state", "kind", "agency"]
    search_fields = ["number_text", "title"]
    date_hierarchy = "issued_on"


@admin.register(AgencyTemplate)
class AgencyTemplateAdmin(ReadOnlyAdmin):
    list_display = ["agency", "kind", "uploaded_at", "uploaded_by", "active"]
    list_filter = ["kind", "active"]
