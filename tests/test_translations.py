"""The English catalogue is complete: no empty or fuzzy entries slip through."""

import re
from pathlib import Path

import doithoai

LOCALE = Path(doithoai.__file__).parent / "locale"


def _entries(po: Path):
    blocks = po.read_text(encoding="utf-8").split("\n\n")
    return [b for b in blocks if "msgid" in b and 'msgid ""\nmsgstr ""\n"Project' not in b]


def test_every_english_message_is_translated_and_not_fuzzy():
    for block in _entries(LOCALE / "en" / "LC_MESSAGES" / "django.po"):
        assert "#, fuzzy" not in block, block
        assert not re.search(r'^msgstr(\[\d\])? ""$(?!\n")', block, re.M), block


def test_compiled_catalogues_are_shipped():
    for language in ("en", "vi"):
        assert (LOCALE / language / "LC_MESSAGES" / "django.mo").stat().st_size > 0
