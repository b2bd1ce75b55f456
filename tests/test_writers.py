"""Only actions change state: an ORM write outside an app's `actions` is a failure.

Writes are found in the source's syntax tree: `.save()`, `.delete()`, `.create()`,
`.bulk_create()`, `.bulk_update()`, `.get_or_create()`, `.update_or_create()`, a queryset's
`.update(field=...)` (keyword arguments, which a dict's update rarely takes), and a relation's
`.add()`, `.remove()`, `.clear()`, `.set()` (`conference.villages.set(...)`: on an attribute,
where a plain set in a name is not one). The audit log, the migrations, the admin (audited by
`audit.admin_mixins`), the demo and the settings are outside the rule. A write through a
queryset held in a plain name (`qs.update(...)`) is not seen: the test guards the habit,
review guards the rest. `DEBTS` lists the modules still to move, each a debt, none to add (it
is empty: every write lives in an app's actions).

An app's actions write its own models only: another app's model written from them
(`Petition.objects.filter(...).update(...)` in the live room's actions) bypasses that app's
version check, audit label and notifications — it calls that app's actions instead. A write
through an instance (`petition.save()` in the live room) has no class to see here: every save
and delete the suite makes is checked as it runs (`_own_app_writes_only`, tests/conftest.py).
"""

import ast
from pathlib import Path

SOURCE = Path(__file__).resolve().parents[1] / "src" / "doithoai"
WRITES = {"save", "delete", "create", "bulk_create", "bulk_update", "get_or_create",
          "update_or_create"}
RELATION_WRITES = {"add", "remove", "clear", "set"}
EXEMPT_PARTS = {"migrations", "demo", "actions", "tests"}
EXEMPT_FILES = {"audit/services.py", "settings.py"}

DEBTS: set[str] = set()


def _is_write(node: ast.Call) -> bool:
    func = node.func
    if not isinstance(func, ast.Attribute):
        return False
    receiver = func.value
    if isinstance(receiver, ast.Call) and getattr(receiver.func, "id", "") == "super":
        return False  # a model's own save() completing itself
    if func.attr == "save":
        return not node.args  # doc.save(buffer), image.save(buffer): files, not rows
    if func.attr in WRITES:
        return True
    if func.attr in RELATION_WRITES:
        return isinstance(receiver, ast.Attribute)
    # A queryset's update (X.objects.filter(...).update(a=1)); a dict in a name is not one.
    return func.attr == "update" and bool(node.keywords) and not node.args and not isinstance(
        receiver, ast.Name)


def _exempt(relative: Path) -> bool:
    return (bool(EXEMPT_PARTS & set(relative.parts)) or relative.name in {
        "admin.py", "admin_mixins.py", "actions.py"} or relative.as_posix() in EXEMPT_FILES)


def _write_lines(source: str) -> list[int]:
    tree = ast.parse(source)
    return sorted(n.lineno for n in ast.walk(tree) if isinstance(n, ast.Call) and _is_write(n))


def writers() -> dict[str, list[int]]:
    found: dict[str, list[int]] = {}
    for path in sorted(SOURCE.rglob("*.py")):
        relative = path.relative_to(SOURCE)
        if _exempt(relative):
            continue
        lines = _write_lines(path.read_text(encoding="utf-8"))
        if lines:
            found[relative.as_posix()] = lines
    return found


def _root(node: ast.AST) -> ast.AST:
    """Where a chain of calls and attributes begins: `Petition` in
    `Petition.objects.filter(...).update(...)`."""
    while isinstance(node, ast.Attribute | ast.Call | ast.Subscript):
        node = node.func if isinstance(node, ast.Call) else node.value
    return node


def _other_apps_writes(source: str, app: str) -> list[int]:
    """Lines writing, through the class, a model imported from another app's models."""
    tree = ast.parse(source)
    foreign = {alias.asname or alias.name for node in ast.walk(tree)
               if isinstance(node, ast.ImportFrom) and node.module
               and node.module.startswith("doithoai.") and node.module.endswith(".models")
               and node.module.split(".")[1] != app
               for alias in node.names}
    return sorted(n.lineno for n in ast.walk(tree) if isinstance(n, ast.Call) and _is_write(n)
                  and getattr(_root(n.func), "id", None) in foreign)


def test_no_app_writes_another_apps_models():
    found = {}
    for path in sorted(SOURCE.rglob("*.py")):
        relative = path.relative_to(SOURCE)
        if {"migrations", "demo", "tests"} & set(relative.parts):
            continue
        lines = _other_apps_writes(path.read_text(encoding="utf-8"), relative.parts[0])
        if lines:
            found[relative.as_posix()] = lines
    assert not found, f"another app's models written (call that app's actions): {found}"


def test_the_guard_sees_another_apps_writes():
    source = ("from doithoai.petitions.models import Petition\n"
              "from doithoai.live.models import Registration\n"
              "Petition.objects.filter(pk=1).update(text=t)\n"
              "Registration.objects.filter(pk=1).update(topic=t)\n"
              "Petition.objects.filter(pk=1).exists()\n")
    assert _other_apps_writes(source, "live") == [3]


def test_only_actions_write():
    outside = {name: lines for name, lines in writers().items() if name not in DEBTS}
    assert not outside, f"ORM writes outside actions (move them into the app's actions): {outside}"


def test_debts_are_still_debts():
    """A debt paid is struck from the list, so the list never hides a new writer."""
    paid = DEBTS - set(writers())
    assert not paid, f"no longer writing, strike from DEBTS: {paid}"


def test_the_guard_sees_writes():
    """With no debt left, nothing in the source shows that the guard still finds a write: a
    sample of each kind it must see, and of what it must let pass."""
    seen = _write_lines(
        "Attempt.objects.create(bucket=b)\n"
        "Attempt.objects.filter(at=t).delete()\n"
        "row.save()\n"
        "Petition.objects.filter(pk=1).update(state=s)\n"
        "Item.objects.get_or_create(name=n)\n"
        "conference.villages.set(villages)\n"
        "petition.petitioners.clear()\n")
    assert seen == [1, 2, 3, 4, 5, 6, 7]
    passed = _write_lines(
        "super().save(*args, **kwargs)\n"
        "doc.save(buffer)\n"
        "context.update(title=t)\n"
        "context.update({'a': 1})\n"
        "seen.add(pk)\n")
    assert passed == []


def test_exemptions():
    assert _exempt(Path("petitions/actions/intake.py"))
    assert _exempt(Path("public/actions.py"))
    assert _exempt(Path("audit/services.py"))
    assert not _exempt(Path("public/throttle.py"))
    assert not _exempt(Path("petitions/selectors/queues.py"))
