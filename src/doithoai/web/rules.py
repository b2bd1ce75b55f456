"""Who may reach the layout's shared entries (the menus' own permissions are the apps')."""

from django.utils.translation import gettext_lazy as _

from doithoai.org import access
from doithoai.org.models import Role

# The staff pages (petitions, plans and conferences, documents): any role at all.
STAFF_PAGES = access.rule("web.staff_pages", Role.values,
                          _("Tài khoản của bạn chưa được giao vai trò nào: hãy liên hệ quản trị "
                            "hệ thống."))
# The Django admin, and the history of the tables no agency owns: a system administrator's.
ADMINISTER = access.rule("web.administer", (),
                         _("Chỉ quản trị hệ thống mới xem được mục này."))
