"""Fill a Word template (bytes of a .docx) with a context, by docxtpl, with HTML-like
characters escaped.

The bytes are deterministic (fixed zip timestamps): the same content gives the same sha256,
so a PDF cache keyed by it is hit again.
"""

from __future__ import annotations

import io
import zipfile

from docxtpl import DocxTemplate, InlineImage

ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)


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
