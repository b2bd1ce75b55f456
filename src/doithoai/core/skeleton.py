"""A Latin skeleton of a text, for finding words however they were typed.

Names and legal words reach us with or without diacritics, in capitals, split by line breaks,
with invisible characters or look-alike letters from other scripts (a Cyrillic "о" inside
"Hоàng"). The skeleton is what they all have in common: ASCII, casefolded, every run of
spaces one space; `origin` maps each skeleton character back to the text, so a match in the
skeleton is a span of the text. Transliteration is anyascii's (one table for every script).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from anyascii import anyascii


@dataclass(frozen=True)
class Skeleton:
    text: str  # the original
    folded: str  # ASCII, casefolded, spaces collapsed
    origin: tuple[int, ...]  # folded[i] came from text[origin[i]]

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The text's span for the skeleton's [start, end)."""
        return self.origin[start], self.origin[end - 1] + 1


def skeleton(text: str) -> Skeleton:
    folded, origin = [], []
    for index, char in enumerate(text):
        if char.isspace() or unicodedata.category(char) == "Zs":
            if folded and folded[-1] != " ":
                folded.append(" ")
                origin.append(index)
            continue
        if unicodedata.category(char) == "Cf":
            continue  # invisible (zero-width) characters: see words_pattern
        for out in anyascii(char).casefold():
            folded.append(out)
            origin.append(index)
    return Skeleton(text=text, folded="".join(folded), origin=tuple(origin))


def words_pattern(phrase: str) -> str:
    """A regular expression for a phrase's words in a skeleton, whole words only. The space
    between two words may be missing (an invisible character may have stood for it) or be a
    hyphen ("tố-cáo")."""
    words = skeleton(phrase).folded.split()
    return r"(?<![a-z0-9])" + r"[ \-]?".join(re.escape(w) for w in words) + r"(?![a-z0-9])"


def has_diacritics(text: str) -> bool:
    """Whether the text was typed with Vietnamese marks (then its marks can be trusted)."""
    return any(unicodedata.combining(c) for c in unicodedata.normalize("NFD", text)) or (
        "đ" in text.casefold())
