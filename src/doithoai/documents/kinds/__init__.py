"""The document kinds: one module per kind, named after its address slug (`ke_hoach` for
"ke-hoach"), holding its context, what is missing before it can be issued, its layout and its
`KIND`; `documents.registry` lists them. No kind imports another (an import-linter contract):
what several kinds share is drawn by `documents.drawing`. A variant printed with a kind's own
template is declared in that kind's module (one invitee's invitation, "giay-moi-dai-bieu", is
`giay_moi.ONE_KIND`).

A kind's `context(obj, *, number=None, issued_on=None)` gives the template's variables
(plain NFC strings); `required(obj)` the Vietnamese names of the fields still missing before
the document can be issued (a draft renders anyway, the gaps shown as "…" or blank).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Kind:
    code: str  # the file name slug: "ke-hoach"
    label: str  # Vietnamese: "Kế hoạch"
    abbreviation: str  # "KH"; "" for a công văn
    source: str  # the model it is made from, "app_label.model": "dialogues.plan"
    template: str  # the shipped template's file name under documents/docx/
    context: Callable[..., dict]
    required: Callable[[object], list[str]]
    # The python-docx Document the shipped template is made from (`doithoai docs_templates`);
    # None for a kind printed with another kind's template (`template_of`).
    layout: Callable[[], object] | None = None
    # False for a form (phiếu): not a numbered document, so never issued with a number, and
    # its header has no "Số:" and date line, its text no "./." and no recipients list;
    # format_check checks a form's own layout instead of those rules.
    numbered: bool = True
    # Reports: the table that goes with the document, `table(obj, today)` → `tables.Table`
    # counted as of `today` (the issue date), offered as .xlsx beside the .docx and .pdf.
    # The context prints the same Table, so the two agree.
    table: Callable[[object], object] | None = None
    # The kind whose template this one prints with (one invitee's invitation is the
    # conference's invitation for one person): an agency's own template applies to both.
    template_of: str = ""
    # A print cut from an issued document (bytes of a .docx), served instead of a live draft
    # when there is one: one invitee's page of the conference's issued invitation.
    reprint: Callable[[object], bytes | None] | None = None
    # Why the document cannot be issued from here although nothing is missing (the source
    # was numbered outside the register), or None: it can.
    refusal: Callable[[object], str | None] | None = None
    # A công văn the office drafts whatever its source's unit ("UBND-VP", not "UBND-KT"): the
    # written reminder to a unit is the committee's letter to that unit.
    drafted_by_office: bool = False
