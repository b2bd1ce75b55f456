from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _

from doithoai.audit.admin_mixins import AuditedAdmin
from doithoai.org.models import (
    AdministrativeUnit,
    Agency,
    Membership,
    Person,
    Unit,
    User,
    Village,
)


@admin.register(AdministrativeUnit)
class AdministrativeUnitAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "kind", "parent"]
    list_filter = ["level", "kind"]
    search_fields = ["code", "name", "codename"]

    def has_add_permission(self, request):
        return False  # the official list comes from `doithoai load_units`

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Agency)
class AgencyAdmin(AuditedAdmin, admin.ModelAdmin):
    list_display = ["name", "code", "level", "parent", "is_active"]
    list_filter = ["level", "is_active"]
    search_fields = ["name", "code"]
    autocomplete_fields = ["admin_unit", "parent"]


@admin.register(Unit)
class UnitAdmin(AuditedAdmin, admin.ModelAdmin):
    list_display = ["name", "agency", "kind", "order", "is_active"]
    list_filter = ["kind", "is_active", "agency"]
    search_fields = ["name", "code"]


@admin.register(Village)
class VillageAdmin(AuditedAdmin, admin.ModelAdmin):
    list_display = ["name", "agency", "kind", "households", "is_active"]
    list_filter = ["kind", "agency"]
    search_fields = ["name"]


@admin.register(Person)
class PersonAdmin(AuditedAdmin, admin.ModelAdmin):
    list_display = ["full_name", "position", "agency", "unit", "village"]
    list_filter = ["agency"]
    search_fields = ["full_name", "position"]


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0


@admin.register(User)
class UserAdmin(AuditedAdmin, BaseUserAdmin):
    list_display = ["username", "full_name", "email", "is_active", "is_superuser"]
    search_fields = ["username", "full_name", "email"]
    inlines = [MembershipInline]
    fieldsets = (
        (None, {"fields": ("username", "password")}),
        (_("Thông tin cá nhân"), {"fields": ("full_name", "email", "person")}),
        (_("Quyền"), {"fields": ("is_active", "is_staff", "is_superuser")}),
        (_("Thời điểm"), {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = (
        (None, {"classes": ("wide",),
                "fields": ("username", "full_name", "password1", "password2")}),
    )
