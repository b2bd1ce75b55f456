"""Names kept out of what the public reads.

A denouncer's identity never leaves the office (docs/law.md#complaints-and-denunciations).
Before a text leaves for the public (an answer, a conclusion, a public note, the results
page), the names the product knows (petitioners, registrants) and the forms "ông X", "bà Y",
"anh …", "chị …" are replaced by initials; the staff copy keeps the original and the staff
are shown what was masked. Those who must not be named at all (a denouncer, a speaker who
asked not to be) are not given initials, which in a commune would name them: "ông Hoàng Văn
Sơn" becomes "một công dân". Names are found however they were typed: without marks, in
capitals, split by a line break, with a look-alike letter of another script (core/skeleton.py).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from doithoai.core.marks import gettext_noop
from doithoai.core.skeleton import has_diacritics, skeleton, words_pattern

# Words of address before a name, as written with marks. Typed without marks they are read by
# their letters ("ong Hung"); typed with marks they must be these ("chi Hội" is a branch).
HONORIFICS = ("ông", "bà", "anh", "chị", "cô", "chú", "bác", "cụ", "em", "dì", "cậu", "thím",
              "mợ", "cháu")
# What may follow a word of address without being a person's name: posts ("ông Chủ tịch
# xã"), whatever follows them.
NOT_NAMES = ("chủ tịch", "phó chủ tịch", "bí thư", "phó bí thư", "trưởng", "phó trưởng",
             "phó giám đốc", "phó chánh", "chánh", "giám đốc", "phó ban", "chủ nhiệm",
             "phó chủ nhiệm", "hiệu trưởng", "phó hiệu trưởng", "phó thủ trưởng",
             "cán bộ", "công an", "đại biểu", "kế toán", "địa chính", "thủ trưởng", "tổ trưởng")
_NOT_NAMES = tuple(skeleton(p).folded for p in NOT_NAMES)
# Places and people of history written like a person addressed ("Bà Rịa", "đường Bà Triệu",
# "Bác Hồ"): not a name when written alone, a person's name when more of a name follows
# ("Bà Triệu Thị Pết").
PLACES = ("bà rịa", "bà chiểu", "bà đen", "bà triệu", "bà huyện thanh quan", "ông ích khiêm",
          "cô tô", "cô giang", "cô bắc", "bác hồ", "bác hồ chí minh")
_PLACES = frozenset(skeleton(p).folded for p in PLACES)
MAX_NAME_WORDS = 4
# Who stands in for a person who must not be named.
STAND_IN = gettext_noop("một công dân")
_WORD = re.compile(r"\w+", re.UNICODE)


@dataclass(frozen=True)
class Masking:
    original: str
    masked: str


@dataclass(frozen=True)
class MaskedText:
    text: str
    maskings: tuple[Masking, ...]

    @property
    def changed(self) -> bool:
        return bool(self.maskings)


def initials(name: str) -> str:
    """ "Mã Thị Sinh" → "M. T. S." (every word: in a commune a family name is a clue)."""
    return " ".join(f"{word[0].upper()}." for word in _WORD.findall(name))


def _marks(value: str) -> tuple[str, ...]:
    """The Vietnamese marks of a text in order ("Dũng" → ("̃",)), letters aside."""
    return tuple(c if unicodedata.combining(c) else "đ"
                 for c in unicodedata.normalize("NFD", value.casefold())
                 if unicodedata.combining(c) or c == "đ")


def _same_word(typed: str, name: str, marks_typed: bool) -> bool:
    """Whether the words found are the name, not a common word of the same letters: in a
    text typed with marks, words in lower case must carry the name's marks ("nội dung" is
    not "Dũng"); a capital, or a text typed without marks, is read by
    its letters. A one-word name without marks ("An", "Sinh") in lower case is a common
    word there."""
    first = next((c for c in typed if c.isalpha()), "")
    if not marks_typed or first.isupper():
        return True
    if not _marks(typed) and len(name.split()) > 1:  # a whole name typed without its marks
        return True
    marks = _marks(name)
    return _marks(typed) == marks and bool(marks or len(name.split()) > 1)


def _known_spans(text: str, names: Iterable[str]) -> list[tuple[int, int]]:
    """The known names, whole ("Hà Thị Mai"), and their given name after a word of address
    ("bà Mai", "chị Mai"): how a person is named in the hall."""
    skel = skeleton(text)
    marks_typed = has_diacritics(text)
    spans = []
    for name in {n.strip() for n in names if n and len(n.strip()) >= 2}:
        if not skeleton(name).folded.strip():
            continue
        for found in re.finditer(words_pattern(name), skel.folded):
            start, end = skel.span(*found.span())
            if _same_word(text[start:end], name, marks_typed):
                spans.append((start, end))
        words = name.split()
        given = skeleton(words[-1]).folded
        if len(words) < 2 or len(given) < 2:
            continue
        addressed = r"(?<![a-z0-9])(?:" + "|".join(sorted(_BARE_HONORIFICS)) + r") ?" + \
            re.escape(given) + r"(?![a-z0-9])"
        for found in re.finditer(addressed, skel.folded):
            start, end = skel.span(found.end() - len(given), found.end())
            word_start = skel.span(found.start(), found.start() + 1)[0]
            honorific = text[word_start:start].strip()
            if (_is_honorific(honorific, marks_typed)
                    and _same_word(text[start:end], words[-1], marks_typed)):
                spans.append((start, end))
    return spans


_BARE_HONORIFICS = frozenset(skeleton(h).folded for h in HONORIFICS)


def _is_honorific(word: str, marks_typed: bool) -> bool:
    if marks_typed:
        return word.casefold() in HONORIFICS
    return skeleton(word).folded in _BARE_HONORIFICS


def _not_a_name(words: list[str]) -> bool:
    """Whether the words after a word of address begin a post (NOT_NAMES)."""
    folded = skeleton(" ".join(words)).folded + " "
    return any(folded.startswith(p + " ") for p in _NOT_NAMES)


def _addressed_spans(text: str) -> list[tuple[int, int]]:
    """Spans of the capitalised words after a word of address: "ông [Hùng]"."""
    words = list(_WORD.finditer(text))
    marks_typed = has_diacritics(text)
    spans = []
    for i, word in enumerate(words[:-1]):
        if not _is_honorific(word.group(), marks_typed):
            continue
        following_words = [w.group() for w in words[i + 1:i + 1 + MAX_NAME_WORDS]]
        if _not_a_name(following_words):
            continue
        name = []
        for following in words[i + 1:i + 1 + MAX_NAME_WORDS]:
            gap = text[name[-1].end() if name else word.end():following.start()]
            if gap.strip() or not following.group()[0].isupper() or _is_initial(text,
                                                                                following):
                break
            name.append(following)
        written = skeleton(text[word.start():name[-1].end()]).folded if name else ""
        if name and " ".join(written.split()) not in _PLACES:
            spans.append((name[0].start(), name[-1].end()))
    return spans


def _is_initial(text: str, word: re.Match) -> bool:
    """"H." — a name already masked (masking twice changes nothing)."""
    return len(word.group()) == 1 and text[word.end():word.end() + 1] == "."


def _merged(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[list[int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return [(s, e) for s, e in merged]


def mask_names(text: str, known_names: Iterable[str] = (), *, unnamed: Iterable[str] = (),
               addressed: bool = True, stand_in: str = STAND_IN) -> MaskedText:
    """The public copy of a text: known names and addressed names as initials; the `unnamed`
    (with the word of address before them) as `stand_in`, capitalised where a sentence
    begins. `addressed` False: the names given only (a record that names people, where only
    some must not be named)."""
    if not text:
        return MaskedText(text=text or "", maskings=())
    text = unicodedata.normalize("NFC", text)  # as every text is stored
    unnamed = list(unnamed)
    secret = _merged(_known_spans(text, unnamed))
    spans = _merged(secret + _known_spans(text, known_names)
                    + (_addressed_spans(text) if addressed else []))
    pieces, maskings, last = [], [], 0
    for start, end in spans:
        if any(s < end and start < e for s, e in secret):
            start = _with_word_of_address(text, start)
            replacement = stand_in
            if _begins_sentence(text, start):
                replacement = replacement[:1].upper() + replacement[1:]
        else:
            replacement = initials(text[start:end])
            if text[end:end + 1] == ".":  # "trả lời bà Mai." → "bà M.", not "bà M.."
                replacement = replacement[:-1]
        pieces += [text[last:start], replacement]
        maskings.append(Masking(original=text[start:end], masked=replacement))
        last = end
    pieces.append(text[last:])
    return MaskedText(text="".join(pieces), maskings=tuple(maskings))


def _with_word_of_address(text: str, start: int) -> int:
    """Where a name begins with the word of address before it ("[ông ]Sơn"): the stand-in
    takes its place ("một công dân", not "ông một công dân"). Before a person's name a word
    of address typed without its marks ("ong") is one, whatever the rest of the text."""
    window = max(0, start - 16)  # the longest word of address and its spaces
    before = re.search(r"(\w+)\s+$", text[window:start])
    if before and _is_honorific(before.group(1), marks_typed=False):
        return window + before.start()
    return start


def _begins_sentence(text: str, start: int) -> bool:
    before = text[:start]
    stripped = before.rstrip()
    return not stripped or stripped[-1] in ".!?…" or "\n" in before[len(stripped):]
