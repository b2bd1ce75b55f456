"""The checker every rule of the format check reports to."""

from __future__ import annotations

from doithoai.documents.drawing.format_check import reading as rd


class Checker:
    """What the checks share: the document, its kind, the properties resolver, the problems
    found so far (each once)."""

    def __init__(self, doc, kind):
        self.doc = doc
        self.kind = kind
        # A form (Kind.numbered False) has no "Số:" and date line, no "./.", no recipients.
        self.numbered = getattr(kind, "numbered", True)
        # A công văn (numbered, no type abbreviation) has no title block: see `letter`.
        self.is_letter = self.numbered and not getattr(kind, "abbreviation", "x")
        self.r = rd.Resolver(doc)
        self.problems: list[str] = []

    def add(self, text: str) -> None:
        if text not in self.problems:
            self.problems.append(text)

    # properties of a paragraph's text runs
    def sizes(self, p) -> set[float]:
        return {self.r.size(run, p) for run in p.runs if run.text.strip()}

    def all_runs(self, p, name: str) -> bool:
        runs = [run for run in p.runs if run.text.strip()]
        return bool(runs) and all(self.r.run_attr(run, p, name) for run in runs)

    def expect(self, p, what: str, *, sizes: tuple[float, float], bold: bool | None = None,
               italic: bool | None = None, align=None) -> None:
        found = self.sizes(p)
        if not found or not all(sizes[0] <= s <= sizes[1] for s in found):
            shown = ", ".join(f"{s:g}" for s in sorted(found))
            self.add(f"{what}: cỡ chữ {shown} pt, phải từ {sizes[0]:g} đến {sizes[1]:g} pt.")
        if bold is True and not self.all_runs(p, "bold"):
            self.add(f"{what}: phải in đậm.")
        if bold is False and any(self.r.run_attr(run, p, "bold") for run in p.runs
                                 if run.text.strip()):
            self.add(f"{what}: không in đậm.")
        if italic is True and not self.all_runs(p, "italic"):
            self.add(f"{what}: phải in nghiêng.")
        if italic is False and any(self.r.run_attr(run, p, "italic") for run in p.runs
                                   if run.text.strip()):
            self.add(f"{what}: không in nghiêng.")
        if align is not None and self.r.para_attr(p, "alignment") != align:
            self.add(f"{what}: phải căn {rd.ALIGN_NAMES.get(align, 'đúng')}.")

    # --- the rules ---
