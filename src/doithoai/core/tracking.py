"""Tracking codes: short, unguessable, printable, easy to read aloud on the radio.

Eight characters from an alphabet without the look-alikes 0/O, 1/I/L, shown as ABCD-EFGH:
31^8 ≈ 8.5·10^11 codes, so guessing one is hopeless at the rate the public pages allow.
"""

import secrets

ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
LENGTH = 8


def new_code() -> str:
    raw = "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))
    return f"{raw[:4]}-{raw[4:]}"


def normalise(typed: str) -> str | None:
    """The canonical code for what a person typed (any case, spaces or dashes), else None."""
    raw = "".join(ch for ch in typed.upper() if ch.isalnum())
    if len(raw) != LENGTH or any(ch not in ALPHABET for ch in raw):
        return None
    return f"{raw[:4]}-{raw[4:]}"
