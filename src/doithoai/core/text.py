"""Text normalisation: every string is stored NFC, and searched through a folded copy."""

import unicodedata


def nfc(value: str) -> str:
    """The NFC form of a string, with surrounding whitespace removed."""
    return unicodedata.normalize("NFC", value).strip()


def fold(value: str) -> str:
    """A search key: casefolded, without diacritics, đ → d (SQLite's LIKE folds ASCII only)."""
    decomposed = unicodedata.normalize("NFD", value.casefold())
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return stripped.replace("đ", "d")
