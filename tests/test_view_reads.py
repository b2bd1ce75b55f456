"""Views read through selectors: a query written in a view module is a failure.

A view parses the request, asks a rule, calls an action or a selector, and renders
(docs/house.md); the reads for a page — its filters, annotations, aggregates and lists — live in
the app's `selectors/<topic>.py`. Found in the source's syntax tree, like tests/test_writers.py:
in a view module (`views.py`, or a module of a `views/` package), a manager (`.objects`) or a
queryset's `.filter()`, `.exclude()`, `.annotate()`, `.aggregate()`, `.values_list()`,
`.order_by()`, `.select_related()`, `.prefetch_related()` or `.distinct()`, and Django's
`get_object_or_404(Model, ...)` given a model's class. (`.values()`, `.count()`, `.exists()`
and `.all()` are not looked for: dicts and lists have them too; nor a lookup among the rows of
the object the page is about, `get_object_or_404(plan.tasks, pk=row)`.)

One query may stay in a view: the plain lookup of one object by its primary key through
`org.access.get_visible_object_or_404`, whose queryset (a model's manager, narrowed to its
parent or with the rows it shows joined) is the permission layer's to read. `DEBTS` lists the
modules still to move, each with its reason, none to add.
"""

import ast
from pathlib import Path

SOURCE = Path(__file__).resolve().parents[1] / "src" / "doithoai"
READS = {"filter", "exclude", "annotate", "aggregate", "values_list", "order_by",
         "select_related", "prefetch_related", "distinct"}
MANAGER = "objects"
LOOKUP = "get_visible_object_or_404"
# What the queryset of a lookup may do: name the model's rows, narrow them to the parent
# the page is about, join what the page shows of the one row.
LOOKUP_READS = {MANAGER, "filter", "select_related"}
SHORTCUTS = {"get_object_or_404", "get_list_or_404"}

DEBTS: dict[str, str] = {}


def _is_view(relative: Path) -> bool:
    return "views" in relative.parts[:-1] or relative.name == "views.py"


def _name(node: ast.AST) -> str:
    return getattr(node, "id", None) or getattr(node, "attr", "")


def _lookup_nodes(tree: ast.AST) -> set[int]:
    """The nodes inside the arguments of a `get_visible_object_or_404(...)` call."""
    inside = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and _name(node.func) == LOOKUP:
            for argument in [*node.args, *(k.value for k in node.keywords)]:
                inside.update(id(n) for n in ast.walk(argument))
    return inside


def _read_lines(source: str) -> list[int]:
    tree = ast.parse(source)
    lookup = _lookup_nodes(tree)
    lines = []
    for node in ast.walk(tree):
        if (isinstance(node, ast.Call) and _name(node.func) in SHORTCUTS and node.args
                and isinstance(node.args[0], ast.Name)):
            lines.append(node.lineno)  # a model's class: a query of the view's own
        if not isinstance(node, ast.Attribute):
            continue
        if node.attr == MANAGER or (node.attr in READS and isinstance(node.ctx, ast.Load)):
            if id(node) in lookup and node.attr in LOOKUP_READS:
                continue
            lines.append(node.lineno)
    return sorted(set(lines))


def view_reads() -> dict[str, list[int]]:
    found: dict[str, list[int]] = {}
    for path in sorted(SOURCE.rglob("*.py")):
        relative = path.relative_to(SOURCE)
        if "migrations" in relative.parts or not _is_view(relative):
            continue
        lines = _read_lines(path.read_text(encoding="utf-8"))
        if lines:
            found[relative.as_posix()] = lines
    return found


def test_views_read_through_selectors():
    inside = {name: lines for name, lines in view_reads().items() if name not in DEBTS}
    assert not inside, (f"queries written in views (move them into the app's "
                        f"selectors/<topic>.py): {inside}")


def test_debts_are_still_debts():
    """A debt paid is struck from the list, so the list never hides a new query."""
    paid = set(DEBTS) - set(view_reads())
    assert not paid, f"no longer reading in the view, strike from DEBTS: {paid}"


def test_the_guard_sees_reads():
    """A sample of each kind of read it must see, and of what it must let pass."""
    seen = _read_lines(
        "Petition.objects.all()\n"
        "conference.milestones.filter(kind=k).first()\n"
        "qs.exclude(sent_at=None).count()\n"
        "qs.annotate(n=Count('pk'))\n"
        "qs.aggregate(last=Max('sent_at'))\n"
        "plan.groups.select_related('unit')\n"
        "visible(Plan, user).order_by('-year')\n"
        "rows.values_list('year', flat=True).distinct()\n"
        "get_visible_object_or_404(user, Plan.objects.annotate(n=Count('pk')), pk)\n"
        "get_object_or_404(CalendarOverride, pk=pk)\n")
    assert seen == [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]
    passed = _read_lines(
        "get_visible_object_or_404(user, Plan.objects.select_related('agency'), pk)\n"
        "get_visible_object_or_404(user, Invitation.objects.filter(delegate__conference=c)"
        ".select_related('delegate'), pk)\n"
        "access.get_visible_object_or_404(user, conference.delegates.select_related('v'), pk)\n"
        "selectors.people_of(user, unit=unit)\n"
        "form.errors.values()\n"
        "sorted(rows, key=key)\n"
        "get_object_or_404(plan.tasks, pk=row)\n"
        "get_object_or_404(public_reads.public_plans(), pk=pk)\n")
    assert passed == []


def test_view_modules():
    assert _is_view(Path("dialogues/views/public.py"))
    assert _is_view(Path("org/views.py"))
    assert not _is_view(Path("dialogues/selectors/public.py"))
    assert not _is_view(Path("petitions/selectors/queues.py"))
