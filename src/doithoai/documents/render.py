"""Render a document kind from its object: the template (the agency's own or the shipped one)
filled by docxtpl, with HTML-like characters escaped, as .docx bytes.

The bytes are deterministic (fixed zip timestamps): the same content gives the same sha256,
so a PDF cache keyed by it is hit again.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from docxtpl import DocxTemplate, InlineImage

from doithoai.documents.kinds import KINDS, Kind

TEMPLATE_DIR = Path(__file__).resolve().parent / "docx"
ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)


@dataclass(frozen=True)
class Rendered:
    docx: bytes
    missing: list[str] = field(default_factory=list)
    sha256: str = ""


def template_path(kind: Kind) -> Path:
    return TEMPLATE_DIR / kind.template


def normalise_zip(data: bytes) -> bytes:
    """The same archive with every entry dated 1980-01-01, in the same order."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=ZIP_EPOCH)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o600 << 16
            target.writestr(entry, source.read(info.filename))
    return out.getvalue()


def bind_images(value, doc) -> None:
    """Pictures a context carries (docxtpl InlineImage made without a template, such as
    `qr.QrImage`) are bound to the template being rendered."""
    if isinstance(value, InlineImage):
        if value.tpl is None:
            value.tpl = doc
    elif isinstance(value, dict):
        for item in value.values():
            bind_images(item, doc)
    elif isinstance(value, list | tuple):
        for item in value:
            bind_images(item, doc)


def render_context(template: bytes, context: dict) -> bytes:
    doc = DocxTemplate(io.BytesIO(template))
    bind_images(context, doc)
    doc.render(context, autoescape=True)
    buffer = io.BytesIO()
    doc.save(buffer)
    return normalise_zip(buffer.getvalue())


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
