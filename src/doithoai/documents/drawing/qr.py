"""QR codes: a segno PNG that docxtpl inserts as an inline picture in documents, an SVG
for pages.

A context builder does not hold the DocxTemplate being rendered, so it gives a `QrImage`
(a docxtpl `InlineImage` without its template); `fill.render_context` binds every such
image to the template just before rendering.
"""

from __future__ import annotations

import io
from functools import lru_cache

import segno
from docx.shared import Mm
from docxtpl import InlineImage


@lru_cache(maxsize=2048)
def png(data: str, scale: int = 8) -> bytes:
    """The QR code of `data` as PNG bytes (error correction M, a quiet zone of 2 modules)."""
    buffer = io.BytesIO()
    segno.make(data, error="m").save(buffer, kind="png", scale=scale, border=2)
    return buffer.getvalue()


@lru_cache(maxsize=256)
def svg_data_uri(data: str, scale: int = 6) -> str:
    """The QR code of `data` for a web page (the hall's registration code on the console)."""
    return segno.make(data, error="m").svg_data_uri(scale=scale, border=2)


class QrImage(InlineImage):
    """An inline QR picture `width_mm` wide, bound to its template at render time."""

    def __init__(self, data: str, width_mm: float = 25):
        super().__init__(None, io.BytesIO(png(data)), width=Mm(width_mm))
        self.data = data

    def _insert_image(self):
        self.image_descriptor.seek(0)
        return super()._insert_image()
