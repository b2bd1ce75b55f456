"""Render a document kind from its object: the template (the agency's own or the shipped one)
filled with the kind's context (`drawing.fill`), as .docx bytes."""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from doithoai.documents.drawing.fill import render_context
from doithoai.documents.kinds import Kind
from doithoai.documents.registry import KINDS

TEMPLATE_DIR = Path(__file__).resolve().parent / "docx"


@dataclass(frozen=True)
class Rendered:
    docx: bytes
    missing: list[str] = field(default_factory=list)
    sha256: str = ""


def template_path(kind: Kind) -> Path:
    return TEMPLATE_DIR / kind.template


def full_context(kind: Kind, obj, *, number: int | None = None,
                 issued_on: dt.date | None = None, replaces: str = "") -> dict:
    """The kind's context and what every document may print: `replaces`, the line a
    correction carries under its title ("(Thay thế Thông báo … số 59/TB-UBND …)")."""
    return {**kind.context(obj, number=number, issued_on=issued_on), "replaces": replaces}


def render_docx(kind_code: str, obj, *, number: int | None = None,
                issued_on: dt.date | None = None, template: bytes | None = None,
                replaces: str = "") -> Rendered:
    """The .docx of `obj` as document `kind_code`. Without `number` / `issued_on` it is a
    draft ("Số:      /KH-UBND", blank day and month). `template`: an agency's own template
    (bytes of a .docx), else the shipped one. `replaces`: a correction's line naming the
    document it replaces. Missing fields are listed, not refused."""
    kind = KINDS[kind_code]
    data = template if template is not None else template_path(kind).read_bytes()
    context = full_context(kind, obj, number=number, issued_on=issued_on, replaces=replaces)
    docx = render_context(data, context)
    return Rendered(docx=docx, missing=kind.required(obj),
                    sha256=hashlib.sha256(docx).hexdigest())
