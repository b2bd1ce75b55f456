"""Who a conference's published texts must not name, and whose opinions must not be placed.

A denouncer's identity never leaves the office, and a speaker who asked not to be named is
not named to the public (docs/law.md#complaints-and-denunciations). The dialogues know a
conference's petitions and their senders; the live room, above them, knows who registered to
speak, who asked not to be named and who denounced by the words of a topic. It registers its
reader here when the apps are ready (the dialogues never import it); what every reader says is
added to what the petitions say.

`of(conference)` is read by every page and document that publishes a conference's texts: the
conclusion form's preview of the public copy, the public results page, the reports.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from doithoai.core.kind_hints import DENUNCIATION, suggested_kind
from doithoai.petitions.models import Kind, Petition, Petitioner
from doithoai.petitions.selectors.public_text import known_names, secret_names


@dataclass(frozen=True)
class Known:
    """What a reader knows of one conference."""

    names: frozenset[str] = field(default_factory=frozenset)  # to be written as initials
    secret: frozenset[str] = field(default_factory=frozenset)  # never named, not even so
    unnamed: frozenset[int] = field(default_factory=frozenset)  # petitions not to be placed
    denounced: frozenset[int] = field(default_factory=frozenset)  # denunciations by the words


Reader = Callable[[object], Known]
_readers: list[Reader] = []


def register(reader: Reader) -> None:
    if reader not in _readers:
        _readers.append(reader)


def is_denunciation(petition: Petition, known: Known) -> bool:
    """A denunciation by its kind, by its words, or by what its speaker registered to say."""
    return (petition.kind == Kind.DENUNCIATION or petition.pk in known.denounced
            or suggested_kind(petition.text) == DENUNCIATION)


def of(conference, petitions: Iterable[Petition] | None = None) -> Known:
    """Every name the product knows of this conference (its petitioners, co-petitioners,
    registrants), those never to be named (a denouncer, a speaker or sender who asked not to
    be named), the petitions whose sender must not be placed (asked not to be named, a
    complaint's or a denunciation's sender) and the denunciations known by a speaker's
    words."""
    if petitions is None:
        petitions = Petition.objects.filter(conference=conference)
    petitions = list(petitions)
    names = set(known_names(petitions))
    unnamed = {p.pk for p in petitions if p.is_sensitive}
    unnamed |= set(Petitioner.objects.filter(
        petition__in=[p.pk for p in petitions], anonymous_to_public=True)
        .values_list("petition_id", flat=True))
    denounced: set[int] = set()
    secret: set[str] = set()
    for reader in _readers:
        known = reader(conference)
        names |= known.names
        secret |= known.secret
        unnamed |= known.unnamed
        denounced |= known.denounced
    secret |= set(secret_names(petitions, denounced))
    return Known(names=frozenset(n for n in names | secret if n.strip()),
                 secret=frozenset(secret), unnamed=frozenset(unnamed),
                 denounced=frozenset(denounced))
