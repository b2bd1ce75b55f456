"""Only actions change state: an ORM write outside an app's `actions` is a failure.

Writes are found in the source's syntax tree: `.save()`, `.delete()`, `.create()`,
`.bulk_create()`, `.bulk_update()`, `.get_or_create()`, `.update_or_create()`, and a queryset's
`.update(field=...)` (keyword arguments, which a dict's update rarely takes). The audit log, the
migrations, the admin (audited by `audit.admin_mixins`), the demo and the settings are outside
the rule. A write through a queryset held in a plain name (`qs.update(...)`) is not seen: the
test guards the habit, review guards the rest. `DEBTS` lists the modules still to move,
each a debt, none to add (it is empty: every write lives in an app's actions).
"""

import ast
from pathlib import Path

SOURCE = Path(__file__).resolve().parents[1] / "src" / "doithoai"
WRITES = {"save", "delete", "create", "bulk_create", "bulk_update", "get_or_create",
          "update_or_create"}
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
        "Item.objects.get_or_create(name=n)\n")
    assert seen == [1, 2, 3, 4, 5]
    passed = _write_lines(
        "super().save(*args, **kwargs)\n"
        "doc.save(buffer)\n"
        "context.update(title=t)\n"
        "context.update({'a': 1})\n")
    assert passed == []


def test_exemptions():
    assert _exempt(Path("petitions/actions/intake.py"))
    assert _exempt(Path("public/actions.py"))
    assert _exempt(Path("audit/services.py"))
    assert not _exempt(Path("public/throttle.py"))
    assert not _exempt(Path("petitions/selectors/queues.py"))
