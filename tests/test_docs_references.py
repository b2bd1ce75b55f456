"""Every reference a comment makes opens inside the repository (docs/README.md).

- no comment or docstring in src/, tests/ or bench/ points to the reference notes that live
  outside the repository (the former domain and spec notes);
- every `docs/<file>.md#anchor` in a comment or docstring names a file of docs/ and one of its
  headings, anchored as GitHub does (lowercase, spaces to hyphens, punctuation dropped);
- every requirement number (R01…R34) in a comment or docstring has its heading in
  docs/process.md, and process.md has each of R01…R34 once;
- the links between the files of docs/ open too;
- every path of the repository that docs/*.md, README.md or a comment names exists:
  `src/…`, `tests/…`, `bench/…`, `docs/…`, `scripts/…`, `doithoai/…` (under src/), an app's
  own `petitions/rules.py` (under src/doithoai/), and a template's `web/base.html` (under an
  app's templates/).
"""

from __future__ import annotations

import ast
import io
import re
import tokenize
from collections import Counter
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"
SCANNED = ("src", "tests", "bench")

# The external notes, named so that this file does not match itself.
EXTERNAL_NOTE = re.compile(r"\b(?:domain|spec)\.md\b")
DOCS_REF = re.compile(r"\bdocs/([\w.-]+\.md)(?:#([\w-]+))?")
REQUIREMENT = re.compile(r"\bR([0-3][0-9])\b")
# "R20–R23": every number of the range is referred to.
REQUIREMENT_RANGE = re.compile(r"\bR([0-3][0-9])\s*[–-]\s*R([0-3][0-9])\b")
HEADING = re.compile(r"^(#{1,6})\s+(.+?)\s*#*\s*$")
FENCE = re.compile(r"^\s*(```|~~~)")
MD_LINK = re.compile(r"\]\(([^)\s]*)\)")
# A path of the repository: directories ("src/doithoai/", "petitions/views/") and maybe a file
# with a known extension; not a part of an address (after "https://host/") nor a pattern
# ("actions/<topic>.py", "kinds/*.py").
REPO_PATH = re.compile(
    r"(?<![\w./<>-])((?:[\w-]+/)+(?:[\w-]+\.(?:py|md|html|toml|txt|css|js|svg|json|sh|po))?)"
    r"(?![\w/<>*-])")
TOPS = ("src", "tests", "bench", "docs", "scripts")


# -- the rules, as pure functions -------------------------------------------------------------

def github_anchor(heading: str) -> str:
    """The anchor GitHub gives a heading: the text without markup, lowercase, punctuation
    dropped (letters of any script, digits, "_" and "-" kept), each space a hyphen."""
    text = re.sub(r"!?\[([^\]]*)\]\([^)]*\)", r"\1", heading)  # links: their text
    text = re.sub(r"[^\w\- ]", "", text.strip().lower())
    return text.replace(" ", "-")


def anchors(markdown: str) -> set[str]:
    """The anchors of every heading of a Markdown text (fenced code skipped); a repeated
    heading gets "-1", "-2", … as on GitHub."""
    found: set[str] = set()
    seen: Counter[str] = Counter()
    fenced = False
    for line in markdown.splitlines():
        if FENCE.match(line):
            fenced = not fenced
            continue
        match = None if fenced else HEADING.match(line)
        if match is None:
            continue
        base = github_anchor(match.group(2))
        found.add(base if seen[base] == 0 else f"{base}-{seen[base]}")
        seen[base] += 1
    return found


def requirement_headings(markdown: str) -> list[str]:
    """The requirement numbers that open a heading ("### R19 — …"), in order."""
    numbers = []
    for line in markdown.splitlines():
        match = HEADING.match(line)
        if match:
            first = REQUIREMENT.match(match.group(2))
            if first:
                numbers.append(f"R{first.group(1)}")
    return numbers


def comment_texts(source: str) -> list[tuple[int, str]]:
    """(line, text) of every comment and docstring of a Python source."""
    texts = [(tok.start[0], tok.string)
             for tok in tokenize.generate_tokens(io.StringIO(source).readline)
             if tok.type == tokenize.COMMENT]
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            body = node.body
            if (body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant)
                    and isinstance(body[0].value.value, str)):
                texts.append((body[0].lineno, body[0].value.value))
    return texts


def requirements_in(text: str) -> set[str]:
    found = {f"R{n}" for n in REQUIREMENT.findall(text)}
    for start, end in REQUIREMENT_RANGE.findall(text):
        found |= {f"R{n:02d}" for n in range(int(start), int(end) + 1)}
    return found


def problems(where: str, source: str, docs: dict[str, str]) -> list[str]:
    """What is wrong with the references of one Python source, given docs/ as name → text."""
    found = []
    # The notes outside the repository: named nowhere, neither in a comment nor in a string.
    for line, text in enumerate(source.splitlines(), start=1):
        for note in EXTERNAL_NOTE.findall(text):
            found.append(f"{where}:{line}: refers to {note}, which is not in the repository")
    process = set(requirement_headings(docs.get("process.md", "")))
    for line, text in comment_texts(source):
        at = f"{where}:{line}"
        for name, anchor in DOCS_REF.findall(text):
            if name not in docs:
                found.append(f"{at}: docs/{name} does not exist")
            elif anchor and anchor not in anchors(docs[name]):
                found.append(f"{at}: docs/{name} has no heading #{anchor}")
        for number in sorted(requirements_in(text) - process):
            found.append(f"{at}: {number} has no heading in docs/process.md")
    return found


def path_candidates(path: str, apps: set[str]) -> list[str] | None:
    """Where a named path may be, relative to the repository's root: None when it does not
    name a place of the repository (a word with a slash, an address's path, …)."""
    first = path.split("/")[0]
    if first in TOPS:
        return [path]
    if first == "doithoai":
        return [f"src/{path}"]
    if first in apps:
        # an app's module, or a template named as the loader finds it ("web/base.html")
        return [f"src/doithoai/{path}"] + (
            [f"src/doithoai/{app}/templates/{path}" for app in sorted(apps)]
            if path.endswith(".html") else [])
    return None


def path_problems(where: str, text: str, exists, apps: set[str]) -> list[str]:
    """The paths a text names that do not exist (`exists` answers for a root-relative path)."""
    found = []
    for path in REPO_PATH.findall(text):
        candidates = path_candidates(path, apps)
        if candidates is not None and not any(exists(c.rstrip("/")) for c in candidates):
            found.append(f"{where}: {path} does not exist")
    return found


# -- the repository -----------------------------------------------------------------------------

def _docs() -> dict[str, str]:
    return {p.name: p.read_text(encoding="utf-8") for p in sorted(DOCS.glob("*.md"))}


def _sources() -> list[Path]:
    return sorted(p for top in SCANNED for p in (ROOT / top).rglob("*.py"))


def test_docs_exist():
    docs = _docs()
    assert {"README.md", "law.md", "process.md"} <= set(docs)


def test_process_has_every_requirement_once():
    numbers = requirement_headings(_docs()["process.md"])
    assert sorted(numbers) == [f"R{n:02d}" for n in range(1, 35)]


def test_comments_refer_to_docs_that_exist():
    docs = _docs()
    sources = _sources()
    assert len(sources) > 100  # the scan did find the code
    found = []
    for path in sources:
        found += problems(str(path.relative_to(ROOT)), path.read_text(encoding="utf-8"), docs)
    assert not found, "\n".join(found)


def test_comments_do_refer_to_the_docs():
    """The references are there to check: the calendar's rules point at law.md."""
    source = (ROOT / "src/doithoai/core/workdays.py").read_text(encoding="utf-8")
    refs = [ref for _, text in comment_texts(source) for ref in DOCS_REF.findall(text)]
    assert ("law.md", "counting-time") in refs


def _apps() -> set[str]:
    return {p.name for p in (ROOT / "src/doithoai").iterdir()
            if p.is_dir() and not p.name.startswith(("_", "."))}


def _exists(path: str) -> bool:
    return (ROOT / path).exists()


def test_named_paths_exist():
    """docs/*.md, README.md and the comments name only paths that are there."""
    apps = _apps()
    texts = [(f"{p.relative_to(ROOT)}:{n}", line)
             for p in [*sorted(DOCS.glob("*.md")), ROOT / "README.md"]
             for n, line in enumerate(p.read_text(encoding="utf-8").splitlines(), start=1)]
    texts += [(f"{p.relative_to(ROOT)}:{n}", text) for p in _sources()
              for n, text in comment_texts(p.read_text(encoding="utf-8"))]
    named = [path for _, text in texts for path in REPO_PATH.findall(text)
             if path_candidates(path, apps) is not None]
    assert len(named) > 200  # the scan did find the paths
    found = [problem for at, text in texts for problem in path_problems(at, text, _exists, apps)]
    assert not found, "\n".join(found)


def test_links_between_docs_open():
    docs = _docs()
    found = []
    for name, text in docs.items():
        for target in MD_LINK.findall(text):
            if re.match(r"[a-z]+:", target):
                continue  # an address outside the repository
            file, _, anchor = target.partition("#")
            file = file or name
            if file not in docs:
                found.append(f"docs/{name}: link to {target}: no such file in docs/")
            elif anchor and anchor not in anchors(docs[file]):
                found.append(f"docs/{name}: link to {target}: no such heading")
    assert not found, "\n".join(found)


# -- the rules can fail -------------------------------------------------------------------------

DOCS_SAMPLE = {
    "law.md": "# Law\n\n## Counting time\n\n## Working days and holidays\n\n"
              "### Document format (Decree 30/2020)\n\n```\n## Not a heading\n```\n",
    "process.md": "# Process\n\n### R19 — The chair's briefing\n\n### R20 — The queue\n",
}


@pytest.mark.parametrize("heading, anchor", [
    ("Counting time", "counting-time"),
    ("R19 — The chair's briefing", "r19--the-chairs-briefing"),
    ("Document format (Decree 30/2020)", "document-format-decree-302020"),
    ("Ngày làm việc", "ngày-làm-việc"),
    ("`Plan` and [law](law.md)", "plan-and-law"),
])
def test_github_anchor(heading, anchor):
    assert github_anchor(heading) == anchor


def test_repeated_headings_and_fenced_code():
    found = anchors("## Notes\n## Notes\n```\n## Hidden\n```\n")
    assert found == {"notes", "notes-1"}


@pytest.mark.parametrize("source", [
    '"""Rules (docs/law.md#counting-time, R19)."""\n',
    "# The queue (R20), docs/law.md#working-days-and-holidays\nx = 1\n",
    'def f():\n    """Briefing (R19–R20), docs/process.md."""\n',
    'x = "R99 in a string is not a comment"\n',
])
def test_good_references_pass(source):
    assert problems("sample.py", source, DOCS_SAMPLE) == []


@pytest.mark.parametrize("source, expected", [
    ('"""See\n' + "domain" + '.md §3."""\n', "not in the repository"),
    ("# see " + "spec" + ".md\nx = 1\n", "not in the repository"),
    ('HELP = "' + "domain" + '.md §1"\n', "not in the repository"),
    ('"""See docs/law.md#counting-days."""\n', "has no heading #counting-days"),
    ('"""See docs/law.md#not-a-heading."""\n', "has no heading #not-a-heading"),
    ('"""See docs/laws.md#counting-time."""\n', "docs/laws.md does not exist"),
    ("# the carry-over report (R31)\nx = 1\n", "R31 has no heading"),
    ('"""The live room (R19–R21)."""\n', "R21 has no heading"),
])
def test_broken_references_fail(source, expected):
    found = problems("sample.py", source, DOCS_SAMPLE)
    assert len(found) == 1 and expected in found[0], found


REPO_SAMPLE = {"src/doithoai/petitions/rules.py", "src/doithoai/web/templates/web/base.html",
               "docs/law.md", "src/doithoai/petitions", "tests/test_writers.py"}
APPS_SAMPLE = {"petitions", "web", "public"}


@pytest.mark.parametrize("text", [
    "see `src/doithoai/petitions/rules.py` and docs/law.md#counting-time",
    "the rule (petitions/rules.py, doithoai/petitions/rules.py), tests/test_writers.py.",
    "extends web/base.html; the app src/doithoai/petitions/ and petitions/",
    "patterns: `actions/<topic>.py`, `kinds/*.py`, and https://example.org/docs/x.md",
    "words with a slash: và/hoặc, yes/no, 07/12/2026, /phong-hop/hoi-nghi/",
])
def test_good_paths_pass(text):
    assert path_problems("x", text, REPO_SAMPLE.__contains__, APPS_SAMPLE) == []


@pytest.mark.parametrize("text, path", [
    ("hidden (`src/doithoai/public/queries.py`)", "src/doithoai/public/queries.py"),
    ("see docs/laws.md", "docs/laws.md"),
    ("intake addresses: petitions/intake_urls.py", "petitions/intake_urls.py"),
    ("under doithoai/petitions/rule.py", "doithoai/petitions/rule.py"),
    ("the page public/missing.html", "public/missing.html"),
    ("tests/petitions/ holds them", "tests/petitions/"),
])
def test_missing_paths_fail(text, path):
    found = path_problems("x", text, REPO_SAMPLE.__contains__, APPS_SAMPLE)
    assert found == [f"x: {path} does not exist"]
