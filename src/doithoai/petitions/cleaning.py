"""What was typed or read, cleaned: an opinion's text, a name, a phone number, the labels a
summary sheet's cells are compared with. Shared by the forms and the actions that bring
petitions in."""

from __future__ import annotations

import re
import unicodedata

from django.core.exceptions import ValidationError
from django.utils import translation
from django.utils.translation import gettext as _

from doithoai.core import phone as phone_rules
from doithoai.core.text import nfc
from doithoai.petitions.models import Kind, Urgency

MAX_TEXT = 10_000


def validate_text(text: str) -> str:
    text = nfc(text or "")
    if not text:
        raise ValidationError({"text": _("Hãy ghi nội dung ý kiến.")})
    if len(text) > MAX_TEXT:
        raise ValidationError({"text": _("Nội dung quá dài (tối đa %(n)s ký tự).")
                               % {"n": f"{MAX_TEXT:,}".replace(",", ".")}})
    return text


def clean_text(value: str) -> str:
    """NFC, no stray spaces (non-breaking, doubled, at line ends), at most one blank line."""
    value = unicodedata.normalize("NFC", value or "").replace("\u00a0", " ").replace("\r", "")
    lines = [" ".join(line.split()) for line in value.split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


# Latin-1 characters that never occur in Vietnamese written in Unicode, but fill text typed in
# the old TCVN3 (ABC, .VnTime) and VNI fonts and read as Unicode: "Th«n Nµ Pµn" is
# "Thôn Nà Pàn" in TCVN3; VNI writes "Thoân Naø Paøn".
LEGACY_MARKS = frozenset("¡¢£¤¥¦§¨ª«¬\u00ad®¯±²³´µ¶¸¹»¼½¾ÆÇËÎÏÐÑÖ×ØÛÜÞßåæçëîïñö÷øûüþ")
VIETNAMESE_CAPITALS = frozenset("ÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝ")


def legacy_characters(value: str) -> str:
    """The tell-tale characters of a legacy font encoding found in the text ("" if none).

    Besides the characters above, TCVN3 writes many vowels with Latin-1 capitals ("vÒ" for
    "về"), so an accented capital right after a small letter counts too.
    """
    found: list[str] = []
    previous = ""
    for ch in value:
        suspicious = ch in LEGACY_MARKS or (
            ch in VIETNAMESE_CAPITALS and previous.isalpha() and previous.islower())
        if suspicious and ch not in found:
            found.append(ch)
        previous = ch
    return "".join(found)


def normalise_phone(value, *, from_number: bool = False) -> str | None:
    """A Vietnamese mobile or landline number as digits with its leading 0, None when it is
    not one (the rules of `public.phone`, shared with the public form).

    Paper and spreadsheets add two habits: brackets around the area code, "84…" without the
    plus; and a number typed into an Excel cell formatted as a number has lost its leading
    0, which `from_number` puts back.
    """
    typed = re.sub(r"[()/]", " ", str(value)).strip()
    digits = re.sub(r"[^0-9]", "", typed)
    if typed.startswith("84") and len(digits) in (11, 12):
        typed = "+" + typed
    elif from_number and digits == typed and not digits.startswith("0") and \
            len(digits) in (9, 10):
        typed = "0" + digits
    return phone_rules.normalise_phone(typed)


def phone_error() -> str:
    return _("Số điện thoại không hợp lệ: cần 10 hoặc 11 chữ số, bắt đầu bằng 0 hoặc +84 "
             "(ví dụ 0912 345 678).")


def _labels(choices) -> list[tuple[str, str]]:
    with translation.override("vi"):  # the file speaks Vietnamese whatever the page language
        return [(value, str(label)) for value, label in choices.choices]


def kind_labels() -> list[str]:
    return [label for _value, label in _labels(Kind)]


def urgency_labels() -> list[str]:
    return [label for _value, label in _labels(Urgency)]
