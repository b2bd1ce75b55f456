"""Who may change the organisation's records on its pages, as named permissions (asked with
`access.require` / `access.can` on the record). Agencies, units, accounts and their
memberships are kept by system administrators in the Django admin; no page of the app changes
them, so they have no rule here.

Each rule names the roles; which records of theirs a role changes is the scope underneath
(`access.changeable`): a clerk his agency's, a unit officer his unit's people, a village head
his village and its people, a Front officer the villages of his agency and their people.
Supervisors, overseers and the leaders only read them."""

from django.utils.translation import gettext_lazy as _

from doithoai.org import access
from doithoai.org.models import Role

_ONLY_READ = _("Bạn chỉ có quyền xem, không có quyền thay đổi mục này.")

# A village's own record (name, households…), asked on the village.
CHANGE_VILLAGE = access.rule(
    "org.change_village", {Role.CLERK, Role.FRONT_OFFICER, Role.VILLAGE_HEAD}, _ONLY_READ)
# A person of a unit or a village, or of the agency itself, asked on the person (for a new
# one, on the person as saved: his unit or village must be the actor's too).
CHANGE_PERSON = access.rule(
    "org.change_person",
    {Role.CLERK, Role.UNIT_OFFICER, Role.FRONT_OFFICER, Role.VILLAGE_HEAD}, _ONLY_READ)
