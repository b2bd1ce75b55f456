"""Text normalisation (every string is stored NFC, and searched through a folded copy), and
the small rules of writing a sentence that the documents and the minutes share."""

import unicodedata


def nfc(value: str) -> str:
    """The NFC form of a string, with surrounding whitespace removed."""
    return unicodedata.normalize("NFC", value).strip()


def fold(value: str) -> str:
    """A search key: casefolded, without diacritics, đ → d (SQLite's LIKE folds ASCII only)."""
    decomposed = unicodedata.normalize("NFD", value.casefold())
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return stripped.replace("đ", "d")


# A list typed in a text box marks its items with any of these.
BULLETS = "-–+*• "
# A sentence or a list item that ends with one of these keeps its own punctuation.
ENDINGS = ".;:!?…)"


def list_items(text: str | None) -> list[str]:
    """The items of a list typed one per line: without their bullets, blank lines dropped."""
    return [line.lstrip(BULLETS).strip() for line in (text or "").splitlines()
            if line.lstrip(BULLETS).strip()]


def sentence(text: str | None) -> str:
    """A sentence or a list item ends with a full stop unless it has its punctuation."""
    text = (text or "").strip()
    return text if not text or text[-1] in ENDINGS else text + "."


def sentences(text: str | None) -> list[str]:
    """The items of a list typed one per line, each ending as a sentence."""
    return [sentence(item) for item in list_items(text)]


def lower_first(text: str | None) -> str:
    """A title inside a sentence: its first letter in lower case, no full stop at the end."""
    text = (text or "").strip().rstrip(".")
    return text[:1].lower() + text[1:]
