"""The registry of document kinds: what each is made from, its template and its context.

A kind's `context(obj, *, number=None, issued_on=None)` gives the template's variables
(plain NFC strings); `required(obj)` the Vietnamese names of the fields still missing before
the document can be issued (a draft renders anyway, the gaps shown as "…" or blank).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from doithoai.documents.contexts import plan as plan_context


@dataclass(frozen=True)
class Kind:
    code: str  # the file name slug: "ke-hoach"
    label: str  # Vietnamese: "Kế hoạch"
    abbreviation: str  # "KH"; "" for a công văn
    source: str  # the model it is made from, "app_label.model": "dialogues.plan"
    template: str  # the shipped template's file name under documents/docx/
    context: Callable[..., dict]
    required: Callable[[object], list[str]]


KINDS: dict[str, Kind] = {
    "ke-hoach": Kind(
        code="ke-hoach", label="Kế hoạch tổ chức hội nghị đối thoại", abbreviation="KH",
        source="dialogues.plan", template="ke-hoach.docx",
        context=plan_context.context, required=plan_context.missing),
}
