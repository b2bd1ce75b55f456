"""The kind a petition's words suggest: a complaint or a denunciation said as such.

A complaint (khiếu nại) and a denunciation (tố cáo) follow their own procedures and a
denouncer's identity is confidential from the first moment
(docs/law.md#complaints-and-denunciations), so the words are read as soon as they are typed
or said. The suggestion is for a person to
confirm; nothing here decides. Marks typed are trusted ("tô cao" is not "tố cáo"); text
typed without marks is read by its letters.
"""

from __future__ import annotations

import re
import unicodedata

from doithoai.core.skeleton import has_diacritics, skeleton, words_pattern

COMPLAINT, DENUNCIATION = "complaint", "denunciation"

# (kind, the phrase as written with marks). A denunciation is looked for first: when both are
# said, confidentiality must win.
PHRASES = (
    (DENUNCIATION, "tố cáo"),
    (DENUNCIATION, "tố giác"),
    (COMPLAINT, "khiếu nại"),
    (COMPLAINT, "khiếu lại"),  # a common misspelling
    (COMPLAINT, "khiếu kiện"),
)


def _same_marks(typed: str, phrase: str) -> bool:
    def canonical(value: str) -> str:
        return " ".join(unicodedata.normalize("NFC", value).casefold().split())
    return canonical(typed) == canonical(phrase)


def suggested_kind(text: str) -> str | None:
    """DENUNCIATION, COMPLAINT or None, from the words of the text."""
    if not text:
        return None
    skel = skeleton(text)
    for kind, phrase in PHRASES:
        for found in re.finditer(words_pattern(phrase), skel.folded):
            start, end = skel.span(*found.span())
            typed = text[start:end]
            if not has_diacritics(typed) or _same_marks(typed, phrase):
                return kind
    return None
