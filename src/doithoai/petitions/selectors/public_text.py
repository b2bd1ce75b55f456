"""A petition's words as the public reads them: the names the product knows (its petitioners,
those of the other petitions of its issue) and the forms "ông X", "bà Y" as initials, those
who must not be named at all (a denouncer, a sender who asked not to be named publicly) as
"một công dân" (core.redaction). The staff copy in the database keeps the original; every
public page and published document reads its text through here, and the staff see what is
masked before they publish (`preview`)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Q
from django.utils.translation import gettext as _

from doithoai.core.kind_hints import DENUNCIATION, suggested_kind
from doithoai.core.petition_flow import on_its_procedure
from doithoai.core.redaction import STAND_IN, Masking, mask_names
from doithoai.petitions import occasions
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


def secret_names(petitions: Iterable[Petition], denounced: Iterable[int] = ()) -> list[str]:
    """Whom these petitions' public copies never name, not even by initials: the senders of a
    denunciation (by its kind, its words, or `denounced`: known so elsewhere), of a complaint
    (placed nowhere either: it goes by its own procedure) and those who asked not to be named
    publicly."""
    petitions = list(petitions)
    denunciations = {p.pk for p in petitions if on_its_procedure(p.kind, p.state)
                     or suggested_kind(p.text) == DENUNCIATION} | set(denounced)
    rows = Petitioner.objects.filter(
        Q(petition__in=denunciations)
        | Q(petition__in=[p.pk for p in petitions], anonymous_to_public=True))
    return sorted({name.strip() for name in rows.values_list("full_name", flat=True)
                   if name.strip()})


def names_for(petition: Petition, cache: dict | None = None) -> tuple[list[str], list[str]]:
    """Whom a petition's public copy writes as initials, and whom it never names: its own
    senders and those of its issue, and — raised at or collected for a conference — everyone
    that conference knows (another speaker, a denouncer named in its answer). `cache`: a dict
    the caller keeps for one page, so that a list reads each conference once."""
    names, unnamed = set(known_names([petition])), set(secret_names([petition]))
    registered = occasions.registered()
    if registered is not None:
        more, never = registered.names(petition, cache)
        names |= more
        unnamed |= never
    return sorted(names), sorted(unnamed)


def masked(text: str, names: Iterable[str], unnamed: Iterable[str] = ()):
    """`text` as the public reads it (core.redaction.MaskedText), the stand-in for the
    unnamed in the reader's language."""
    return mask_names(text or "", names, unnamed=unnamed, stand_in=_(STAND_IN))


def public(text: str, names: Iterable[str], unnamed: Iterable[str] = ()) -> str:
    return masked(text, names, unnamed).text


@dataclass(frozen=True)
class Preview:
    label: str  # what the text is ("Trả lời", "Ghi chú công khai")
    text: str  # as the public will read it
    maskings: tuple[Masking, ...]


def preview(petition: Petition, texts: dict[str, str], cache: dict | None = None
            ) -> list[Preview]:
    """The public copies of a petition's texts about to be published, with what was masked
    ({label: text}; empty texts left out; `cache`: as `names_for`)."""
    names, unnamed = names_for(petition, cache)
    result = []
    for label, text in texts.items():
        if text and text.strip():
            copy = masked(text, names, unnamed)
            result.append(Preview(label=label, text=copy.text, maskings=copy.maskings))
    return result
