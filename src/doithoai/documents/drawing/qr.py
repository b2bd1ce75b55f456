"""QR codes in documents: the PNG (drawn by `core.qr`) that docxtpl inserts as an inline
picture.

A context builder does not hold the DocxTemplate being rendered, so it gives a `QrImage`
(a docxtpl `InlineImage` without its template); `fill.render_context` binds every such
image to the template just before rendering.
"""

from __future__ import annotations

import io

from docx.shared import Mm
from docxtpl import InlineImage

from doithoai.core.qr import png


class QrImage(InlineImage):
    """An inline QR picture `width_mm` wide, bound to its template at render time."""

    def __init__(self, data: str, width_mm: float = 25):
        super().__init__(None, io.BytesIO(png(data)), width=Mm(width_mm))
        self.data = data

    def _insert_image(self):
        self.image_descriptor.seek(0)
        return super()._insert_image()
