"""A conference's texts as the public will read them, shown to the staff before they are
published: the chair's conclusion and the session's outcome go into the Thông báo kết luận
and onto the conference's public results page, where the names the product knows
(`dialogues.confidential`) and the forms "ông X", "bà Y" are written as initials, and those
never to be named as "một công dân" (core.redaction). The staff copy keeps the original."""

from __future__ import annotations

from django.utils.translation import gettext as _

from doithoai.dialogues import confidential
from doithoai.petitions.selectors.public_text import Preview, masked


def conclusion_preview(conference, conclusion: str) -> list[Preview]:
    """The public copies of the conclusion about to be issued (as typed) and of the outcome
    already recorded, each with what was masked; empty texts left out."""
    known = confidential.of(conference)
    texts = {_("Kết luận chung"): conclusion, _("Kết quả hội nghị"): conference.outcome}
    result = []
    for label, text in texts.items():
        if text and text.strip():
            copy = masked(text, known.names, known.secret)
            result.append(Preview(label=label, text=copy.text, maskings=copy.maskings))
    return result
