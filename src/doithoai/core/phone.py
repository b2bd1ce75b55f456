"""Vietnamese telephone numbers as citizens write them, and as the public pages show them.

Pure functions (no Django): a mobile number has 10 digits (03x, 05x, 07x, 08x, 09x), a landline
11 digits (02 + area code + subscriber, since the 2017 renumbering); either may be written with
"+84" instead of the leading 0, and with spaces, dots or dashes between groups of digits.
"""

from __future__ import annotations

import re

_ALLOWED = re.compile(r"^\+?[0-9 .\-]+$")
_MOBILE = re.compile(r"^0[35789][0-9]{8}$")
_LANDLINE = re.compile(r"^02[0-9]{9}$")


def normalise_phone(typed: str) -> str | None:
    """The number as digits with its leading 0 ("0912345678"), or None when it is not a
    Vietnamese mobile or landline number."""
    typed = (typed or "").strip()
    if not typed or not _ALLOWED.match(typed) or "+" in typed[1:]:
        return None
    digits = re.sub(r"[^0-9]", "", typed)
    if typed.startswith("+"):
        if not digits.startswith("84"):
            return None
        digits = "0" + digits[2:]
    if _MOBILE.match(digits) or _LANDLINE.match(digits):
        return digits
    return None


def mask_phone(phone: str) -> str:
    """Only the first two and last three digits: "0912345678" → "09xx xxx 678"."""
    digits = re.sub(r"[^0-9]", "", phone or "")
    if len(digits) < 8:
        return "xxx" if digits else ""
    masked = digits[:2] + "x" * (len(digits) - 5) + digits[-3:]
    head, middle, tail = masked[:4], masked[4:-3], masked[-3:]
    return f"{head} {middle} {tail}"
