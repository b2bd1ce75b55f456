"""QR codes drawn with segno: PNG bytes for printed documents, an SVG data URI for pages."""

from __future__ import annotations

import io
from functools import lru_cache

import segno


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
