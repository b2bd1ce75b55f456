"""The one permission layer: what a user may see and change, by role and scope.

Every view, form, API endpoint and query filters through here. A scoped model declares
`scope_paths` = {"agency": path, "unit": path or None, "village": path or None}, the ORM paths
from the model to its agency, unit and village ("pk" when the model is that thing itself).

Rules (a user holding several roles gets the union):
- system administrator (superuser or the admin role): everything;
- clerk, leader, Front officer, supervisor: everything of their agency;
- unit officer: their agency, narrowed to their unit on models that belong to a unit;
- village head: their agency, narrowed to their village on models that belong to a village,
  and nothing of a model that is none of a village's business ("village": NO_VILLAGE — the
  office's urges of the commune's late petitions, say);
- provincial overseer: their province agency and every agency under it.
Changing: clerks change their agency's data; unit officers what belongs to their unit; village
heads what belongs to their village; Front officers what belongs to any village of their
agency. Supervisors and overseers are read-only everywhere.
Objects outside the scope are reported as missing (404), never as forbidden.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import reduce
from operator import or_

from django.core.exceptions import PermissionDenied
from django.db.models import Model, Q, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from doithoai.org.models import Agency, Membership, Role

# `scope_paths["village"]` of a model none of whose rows a village head may see.
NO_VILLAGE = False

AGENCY_WIDE_ROLES = {Role.CLERK, Role.LEADER, Role.FRONT_OFFICER, Role.SUPERVISOR}
READ_ONLY_ROLES = {Role.SUPERVISOR, Role.OVERSEER}
# The office (Văn phòng) and the leaders: they run plans, conferences, petitions and documents.
OFFICE_ROLES = frozenset({Role.CLERK, Role.LEADER})
# Who types in opinions gathered on paper: the office, the Front and the village heads.
INTAKE_ROLES = OFFICE_ROLES | {Role.FRONT_OFFICER, Role.VILLAGE_HEAD}


@dataclass(frozen=True)
class Grant:
    """One membership reduced to what the rules need."""

    role: str
    agency_ids: frozenset[int]
    unit_id: int | None = None
    village_id: int | None = None


@dataclass(frozen=True)
class Scope:
    is_admin: bool
    grants: tuple[Grant, ...]

    @property
    def roles(self) -> frozenset[str]:
        return frozenset(g.role for g in self.grants)

    @property
    def agency_ids(self) -> frozenset[int]:
        return frozenset().union(*(g.agency_ids for g in self.grants))



def account(actor):
    """The actor's account as a row records who did something (`created_by`, `done_by`…):
    None for a citizen without one (no actor, or an anonymous request)."""
    return actor if actor is not None and actor.is_authenticated else None


def scope_of(user) -> Scope:
    """The user's scope, computed once per request (cached on the user object)."""
    cached = getattr(user, "_doithoai_scope", None)
    if cached is not None:
        return cached
    if not user.is_authenticated or not user.is_active:
        scope = Scope(is_admin=False, grants=())
    else:
        memberships = list(
            Membership.objects.filter(user=user, is_active=True).select_related("agency")
        )
        is_admin = user.is_superuser or any(m.role == Role.ADMIN for m in memberships)
        grants = tuple(
            _grant(m) for m in memberships if m.role != Role.ADMIN and m.agency_id is not None
        )
        scope = Scope(is_admin=is_admin, grants=grants)
    user._doithoai_scope = scope
    return scope


def is_system_admin(user) -> bool:
    """A superuser or a holder of the admin role: everything, everywhere."""
    return scope_of(user).is_admin


def _grant(m: Membership) -> Grant:
    agency_ids = frozenset({m.agency_id})
    if m.role == Role.OVERSEER:
        children = Agency.objects.filter(parent_id=m.agency_id).values_list("pk", flat=True)
        agency_ids = agency_ids | frozenset(children)
    return Grant(role=m.role, agency_ids=agency_ids, unit_id=m.unit_id, village_id=m.village_id)


def _paths(model: type[Model]) -> dict[str, str | None]:
    try:
        return model.scope_paths
    except AttributeError as exc:  # a model without scope must never leak by default
        raise TypeError(f"{model.__name__} has no scope_paths") from exc


def _grant_q(model: type[Model], grant: Grant, *, for_change: bool) -> Q | None:
    """The rows one grant makes visible (or changeable); None when it gives nothing."""
    paths = _paths(model)
    if for_change and grant.role in READ_ONLY_ROLES:
        return None
    q = Q(**{f"{paths['agency']}__in": grant.agency_ids})
    unit_path, village_path = paths.get("unit"), paths.get("village")
    if grant.role == Role.UNIT_OFFICER:
        if unit_path:
            return q & Q(**{unit_path: grant.unit_id})
        return None if for_change else q
    if grant.role == Role.VILLAGE_HEAD:
        if village_path is NO_VILLAGE:
            return None
        if village_path:
            return q & Q(**{village_path: grant.village_id})
        return None if for_change else q
    if for_change:
        if grant.role == Role.CLERK:
            return q
        if grant.role == Role.FRONT_OFFICER and village_path:
            return q & Q(**{f"{village_path}__isnull": False})
        return None
    return q


def _filter(qs: QuerySet, user, *, for_change: bool) -> QuerySet:
    scope = scope_of(user)
    if scope.is_admin:
        return qs
    parts = [
        q for g in scope.grants if (q := _grant_q(qs.model, g, for_change=for_change)) is not None
    ]
    if not parts:
        return qs.none()
    return qs.filter(reduce(or_, parts))


def visible(qs_or_model, user) -> QuerySet:
    """What the user may see of a queryset (or of a model's whole table)."""
    qs = qs_or_model if isinstance(qs_or_model, QuerySet) else qs_or_model._default_manager.all()
    return _filter(qs, user, for_change=False)


def changeable(qs_or_model, user) -> QuerySet:
    """What the user may change of a queryset (or of a model's whole table)."""
    qs = qs_or_model if isinstance(qs_or_model, QuerySet) else qs_or_model._default_manager.all()
    return _filter(qs, user, for_change=True)


def get_visible_object_or_404(user, model_or_qs, pk):
    """The object if the user may see it; 404 otherwise (never reveal that it exists)."""
    qs = visible(model_or_qs, user)
    try:
        return qs.get(pk=pk)
    except (qs.model.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404 from exc


def can_change(user, obj: Model) -> bool:
    return changeable(type(obj), user).filter(pk=obj.pk).exists()


def require_change(user, obj: Model) -> None:
    """Raise PermissionDenied (403) for an object the user sees but may not change."""
    if not can_change(user, obj):
        raise PermissionDenied(_("Bạn chỉ có quyền xem, không có quyền thay đổi mục này."))


def acting_roles(user, obj: Model) -> frozenset[str]:
    """The roles under which the user reaches this object (admin when a system admin).

    Services use it for rules beyond see/change: only a leader approves an answer, only the
    assigned unit drafts it, and so on.
    """
    scope = scope_of(user)
    roles = {Role.ADMIN} if scope.is_admin else set()
    model = type(obj)
    for grant in scope.grants:
        if grant.role in roles:
            continue
        q = _grant_q(model, grant, for_change=False)
        if q is not None and model._default_manager.filter(q, pk=obj.pk).exists():
            roles.add(grant.role)
    return frozenset(roles)


def require_role(user, obj: Model, roles: set[str], message: str) -> frozenset[str]:
    """PermissionDenied (with a Vietnamese message) unless the user acts on obj in one of
    `roles`; a system administrator always may."""
    acting = acting_roles(user, obj)
    if Role.ADMIN not in acting and not acting & roles:
        raise PermissionDenied(message)
    return acting


# --- The permission vocabulary -------------------------------------------------------------
# Each app names what may be done in its `rules.py` (`Rule`s: the roles that may, acting on
# the object within their scope, and the refusal they read otherwise); views, actions and
# templates ask `can` / `require` (templates: `{% can "petitions.assign" petition as ok %}`);
# menus and pages about no one object ask `holds` / `require_held`. Views never read roles
# themselves (tests/test_who_may.py).


@dataclass(frozen=True)
class Rule:
    """One named permission: who may (roles acting on the object) and what others are told."""

    name: str
    roles: frozenset[str]
    refusal: str  # a lazy Vietnamese message, shown as it stands
    # A system administrator holds every rule, except the few that name a person's own work
    # (a unit's step, a denouncer's identity): those say `admin=False`.
    admin: bool = True

    def __str__(self) -> str:
        return self.name

    def allows(self, roles: frozenset[str]) -> bool:
        """Whether roles already known (`acting_roles`, `roles_for_rows`) hold the rule,
        without asking the database again."""
        return self.admin and Role.ADMIN in roles or bool(roles & self.roles)


_RULES: dict[str, Rule] = {}


def rule(name: str, roles, refusal, *, admin: bool = True) -> Rule:
    """Declare a named permission (once per name; the app's rules module does it at import).
    `roles` empty: a system administrator's alone."""
    declared = Rule(name=name, roles=frozenset(roles), refusal=refusal, admin=admin)
    if _RULES.setdefault(name, declared) is not declared:
        raise ValueError(f"permission {name} is declared twice")
    return declared


def rule_named(name: str) -> Rule:
    try:
        return _RULES[name]
    except KeyError as exc:
        raise LookupError(f"no permission named {name}") from exc


def _as_rule(perm: Rule | str) -> Rule:
    return perm if isinstance(perm, Rule) else rule_named(perm)


def can(user, perm: Rule | str, obj: Model) -> bool:
    """Whether the user, acting on obj within their scope, holds one of the rule's roles."""
    return _as_rule(perm).allows(acting_roles(user, obj))


def require(user, perm: Rule | str, obj: Model) -> frozenset[str]:
    """The roles the user acts in on obj; PermissionDenied with the rule's refusal otherwise."""
    perm = _as_rule(perm)
    return require_role(user, obj, perm.roles, str(perm.refusal))


def grants_for(user, perm: Rule | str) -> list[Grant]:
    """The user's grants under which he holds the rule: where in his scope it lets him act
    (a page listing "my provinces", "my units"), so that the page follows the rule."""
    rule = _as_rule(perm)
    return [g for g in scope_of(user).grants if rule.allows(frozenset({g.role}))]


def holds(user, perm: Rule | str) -> bool:
    """Whether the user holds the rule anywhere in their scope, before any one object is
    known: menus, a list page's entry, pages about no object (the calendar). The object, once
    known, is asked with `can` / `require`."""
    if user is None or not user.is_authenticated:
        return False
    scope = scope_of(user)
    return _as_rule(perm).allows(scope.roles | ({Role.ADMIN} if scope.is_admin else set()))


def require_held(user, perm: Rule | str) -> None:
    """`holds`, or PermissionDenied with the rule's refusal."""
    perm = _as_rule(perm)
    if not holds(user, perm):
        raise PermissionDenied(str(perm.refusal))


def sees_several_agencies(user) -> bool:
    """Whether the user's scope spans more than one agency (a system administrator's, a
    province overseer's): the pages then let them choose one."""
    scope = scope_of(user)
    return scope.is_admin or len(scope.agency_ids) > 1


def _value_at(obj: Model, path: str):
    """The id an ORM scope path ends at, read from loaded objects (no query when related
    objects were selected)."""
    if path == "pk":
        return obj.pk
    *hops, last = path.split("__")
    for hop in hops:
        obj = getattr(obj, hop)
        if obj is None:
            return None
    return obj.pk if last == "pk" else getattr(obj, f"{last}_id")


def _grant_reaches(grant: Grant, paths: dict, obj: Model) -> bool:
    """In memory, what `_grant_q(..., for_change=False)` decides in the database."""
    if _value_at(obj, paths["agency"]) not in grant.agency_ids:
        return False
    unit_path, village_path = paths.get("unit"), paths.get("village")
    if grant.role == Role.UNIT_OFFICER and unit_path:
        return _value_at(obj, unit_path) == grant.unit_id
    if grant.role == Role.VILLAGE_HEAD and village_path is NO_VILLAGE:
        return False
    if grant.role == Role.VILLAGE_HEAD and village_path:
        return _value_at(obj, village_path) == grant.village_id
    return True


def roles_for_rows(user, rows) -> dict[int, frozenset[str]]:
    """acting_roles for many loaded rows at once, without a query per row (list pages:
    select_related the scope paths first)."""
    scope = scope_of(user)
    result = {}
    for row in rows:
        paths = _paths(type(row))
        roles = {Role.ADMIN} if scope.is_admin else set()
        roles.update(g.role for g in scope.grants if _grant_reaches(g, paths, row))
        result[row.pk] = frozenset(roles)
    return result
