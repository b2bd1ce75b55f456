"""Who may is decided in one vocabulary (docs/house.md, "Who may"): each app names its
permissions in `rules.py`; role sets are defined once, in `org/access.py`; views, the layout's
context and template tags ask the rules (`access.can`, `access.require`, `access.holds`,
`Rule.allows` on roles already read), never the roles themselves.

Found in the source's syntax tree, like tests/test_writers.py: a name ending in `_ROLES`, or a
set of two or more `Role.X` given a name, outside `org/access.py`; and in a view, a use of the
`Role` choices, of a scope's `roles`, `grants`, `is_admin` or `is_read_only`, or of the
layer's role questions (`scope_of`, `holds_role`, `is_system_admin`, `require_role`) or its
role sets.
"""

import ast
import re
from pathlib import Path

SOURCE = Path(__file__).resolve().parents[1] / "src" / "doithoai"
ROLE_SETS_HOME = "org/access.py"
ROLE_SET_NAME = re.compile(r"^_?[A-Z][A-Z_]*ROLES$")
SCOPE_ROLE_ATTRIBUTES = {"roles", "grants", "is_admin", "is_read_only"}
ROLE_QUESTIONS = {"scope_of", "holds_role", "is_system_admin", "require_role"}


def _modules(parts_exempt=("migrations",)):
    for path in sorted(SOURCE.rglob("*.py")):
        relative = path.relative_to(SOURCE)
        if set(parts_exempt) & set(relative.parts):
            continue
        yield relative.as_posix(), ast.parse(path.read_text(encoding="utf-8"))


def _is_role_member(node) -> bool:
    return (isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name)
            and node.value.id == "Role")


def _targets(node) -> list[ast.expr]:
    if isinstance(node, ast.Assign):
        return node.targets
    if isinstance(node, (ast.AnnAssign, ast.AugAssign)):
        return [node.target]
    return []


def role_sets_defined(tree: ast.AST) -> list[int]:
    """Lines that define a role set: a `…_ROLES` name, or a name bound to {Role.A, Role.B…}."""
    lines = []
    for node in ast.walk(tree):
        targets = _targets(node)
        named_set = any(isinstance(t, ast.Name) and ROLE_SET_NAME.match(t.id) for t in targets)
        role_literal = (bool(targets) and isinstance(node.value, ast.Set)
                        and len(node.value.elts) > 1
                        and all(_is_role_member(e) for e in node.value.elts))
        if named_set or role_literal:
            lines.append(node.lineno)
    return sorted(set(lines))


def role_readings(tree: ast.AST) -> list[int]:
    """Lines where a view reads roles instead of asking a rule."""
    lines = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Name):
            names = {node.id}
        elif isinstance(node, ast.Attribute):
            names = {node.attr}
            if node.attr in SCOPE_ROLE_ATTRIBUTES:
                lines.append(node.lineno)
        elif isinstance(node, ast.ImportFrom):
            names = {alias.name for alias in node.names}
        else:
            continue
        if names & ({"Role"} | ROLE_QUESTIONS) or any(ROLE_SET_NAME.match(n) for n in names):
            lines.append(node.lineno)
    return sorted(set(lines))


def _is_view(name: str) -> bool:
    parts = name.split("/")
    return ("views" in parts or parts[-1] == "views.py" or name == "web/context.py"
            or ("templatetags" in parts and name != "org/templatetags/access.py"))


def test_every_role_set_is_defined_once_in_org_access():
    found = {name: lines for name, tree in _modules()
             if name != ROLE_SETS_HOME and (lines := role_sets_defined(tree))}
    assert not found, f"role sets defined outside {ROLE_SETS_HOME} (use its sets): {found}"


def test_org_access_defines_the_role_sets():
    tree = ast.parse((SOURCE / ROLE_SETS_HOME).read_text(encoding="utf-8"))
    assert role_sets_defined(tree)  # the guard sees where the sets are


def test_no_view_reads_roles():
    found = {name: lines for name, tree in _modules() if _is_view(name)
             and (lines := role_readings(tree))}
    assert not found, ("views deciding by role (name the permission in the app's rules.py "
                       f"and ask access.can / require / holds): {found}")


def test_the_guards_see_what_they_look_for():
    """Samples of each kind the guards must see, and of what they must let pass."""
    assert role_sets_defined(ast.parse(
        "OFFICE_ROLES = frozenset()\n"
        "_WATCH_ROLES: set = set()\n"
        "office = {Role.CLERK, Role.LEADER}\n"
        "MANAGE = rule('x.manage', {Role.CLERK, Role.LEADER}, 'no')\n"
        "one = {Role.CLERK}\n")) == [1, 2, 3]
    assert role_readings(ast.parse(
        "from doithoai.org.models import Role, Village\n"
        "from doithoai.org.access import OFFICE_ROLES, scope_of\n"
        "a = scope.is_admin\n"
        "b = roles <= {Role.VILLAGE_HEAD}\n"
        "c = access.holds_role(user, rules.ASSIGN.roles)\n"
        "d = access.is_system_admin(user)\n"
        "e = scope_of(user).is_read_only\n"
        "f = access.can(user, rules.ASSIGN, petition)\n"
        "g = rules.OWE_ANSWER.allows(access.acting_roles(user, petition))\n"
        "h = access.holds(user, rules.SEE_QUEUE)\n")) == [1, 2, 3, 4, 5, 6, 7]
