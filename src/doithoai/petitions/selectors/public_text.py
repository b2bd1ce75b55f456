"""A petition's words as the public reads them: the names the product knows (its petitioners,
those of the other petitions of its issue) and the forms "ông X", "bà Y" as initials
(core.redaction). The staff copy in the database keeps the original; every public page and
published document reads its text through here, and the staff see what is masked before they
publish (`preview`)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from doithoai.core.redaction import Masking, mask_names
from doithoai.petitions.models import Petition, Petitioner


def known_names(petitions: Iterable[Petition]) -> list[str]:
    """Everyone who sent these petitions or another petition of their issues."""
    pks, issues = set(), set()
    for petition in petitions:
        pks.add(petition.pk)
        if petition.issue_id:
            issues.add(petition.issue_id)
    rows = Petitioner.objects.filter(petition__in=pks)
    if issues:
        rows = rows | Petitioner.objects.filter(petition__issue__in=issues)
    return sorted({name.strip() for name in rows.values_list("full_name", flat=True)
                   if name.strip()})


def public(text: str, names: Iterable[str]) -> str:
    return mask_names(text or "", names).text


@dataclass(frozen=True)
class Preview:
    label: str  # what the text is ("Trả lời", "Ghi chú công khai")
    text: str  # as the public will read it
    maskings: tuple[Masking, ...]


def preview(petition: Petition, texts: dict[str, str]) -> list[Preview]:
    """The public copies of a petition's texts about to be published, with what was masked
    ({label: text}; empty texts left out)."""
    names = known_names([petition])
    result = []
    for label, text in texts.items():
        if text and text.strip():
            masked = mask_names(text, names)
            result.append(Preview(label=label, text=masked.text, maskings=masked.maskings))
    return result
