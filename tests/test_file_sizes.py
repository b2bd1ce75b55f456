"""No source file passes 500 lines (docs/house.md): a longer module, test or benchmark is split
by topic. Migrations are written by Django and left out."""

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SCANNED = ("src", "tests", "bench")
LIMIT = 500


def too_long(paths, limit: int = LIMIT) -> list[str]:
    """The files of `paths` (migrations left out) longer than `limit` lines, with their length."""
    found = []
    for path in paths:
        if "migrations" in path.parts:
            continue
        lines = len(path.read_text(encoding="utf-8").splitlines())
        if lines > limit:
            found.append(f"{path.relative_to(ROOT)}: {lines} lines (at most {limit})")
    return found


def test_no_source_file_passes_500_lines():
    paths = sorted(p for top in SCANNED for p in (ROOT / top).rglob("*.py"))
    assert len(paths) > 300  # the scan did find the code
    found = too_long(paths)
    assert not found, "split these by topic:\n" + "\n".join(found)


@pytest.mark.parametrize(("lines", "where", "flagged"), [
    (LIMIT, "src/doithoai/sample.py", False),
    (LIMIT + 1, "src/doithoai/sample.py", True),
    (LIMIT + 1, "tests/sample.py", True),
    (LIMIT + 1, "src/doithoai/sample/migrations/0001_initial.py", False),
])
def test_the_limit(tmp_path, monkeypatch, lines, where, flagged):
    monkeypatch.setattr(f"{__name__}.ROOT", tmp_path)
    path = tmp_path / where
    path.parent.mkdir(parents=True)
    path.write_text("x = 1\n" * lines, encoding="utf-8")
    assert bool(too_long([path])) is flagged
