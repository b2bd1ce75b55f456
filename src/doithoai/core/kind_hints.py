"""The kind a petition's words suggest: a complaint or a denunciation said as such.

A complaint (khiếu nại) and a denunciation (tố cáo) follow their own procedures and a
denouncer's identity is confidential from the first moment
(docs/law.md#complaints-and-denunciations), so the words are read as soon as they are typed
or said. The suggestion is for a person to
confirm; nothing here decides. Marks typed are trusted where they are wrong ("tô cao", a wall
plastered high, is not "tố cáo"), not where some are missing: a word without its marks beside
a word typed right ("tố cao", "to cáo") is the phrase, and so is a phrase typed without any
marks; words joined by a hyphen ("tố-cáo") or written with a look-alike letter of another
script count as the phrase.
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


def _marks(word: str) -> set[str]:
    """A word's Vietnamese marks ("tố" → {circumflex, acute}), letters aside."""
    decomposed = unicodedata.normalize("NFD", word.casefold())
    return {c for c in decomposed if unicodedata.combining(c)} | (
        {"đ"} if "đ" in decomposed else set())


def _marks_fit(typed: str, phrase: str) -> bool:
    """Whether the marks typed are the phrase's, some perhaps missing (none wrong), and at
    least one word typed with all of its marks."""
    typed_words, phrase_words = re.findall(r"\w+", typed), phrase.split()
    if len(typed_words) != len(phrase_words):  # an invisible character for the space
        return _marks(typed) == _marks(phrase)
    pairs = [(_marks(t), _marks(p)) for t, p in zip(typed_words, phrase_words, strict=True)]
    return all(t <= p for t, p in pairs) and any(t == p for t, p in pairs)


def suggested_kind(text: str) -> str | None:
    """DENUNCIATION, COMPLAINT or None, from the words of the text."""
    if not text:
        return None
    skel = skeleton(text)
    for kind, phrase in PHRASES:
        for found in re.finditer(words_pattern(phrase), skel.folded):
            start, end = skel.span(*found.span())
            typed = text[start:end]
            if not has_diacritics(typed) or _marks_fit(typed, phrase):
                return kind
    return None
