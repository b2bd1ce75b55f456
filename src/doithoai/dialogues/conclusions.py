"""The conclusion notice as the conference page and the documents see it: who issues it, and
what its text says before anyone writes it.

The notice is a document, numbered by the documents' register, an app above the dialogues:
the documents register their issuer here when the apps are ready (the dialogues never import
them). It writes the conclusion down and issues the notice in one transaction (the conference
becomes concluded), once the signed confirmation is given; a refusal (ValidationError,
PermissionDenied) reaches the page. With no issuer registered the page is refused, never told
it succeeded.

The text is prefilled from the conclusions adopted in the live room (an app above too, which
registers its reader here): `draft` is the one function the conference page, the documents
page and the notice itself use.
"""

from __future__ import annotations

from collections.abc import Callable

from django.core.exceptions import ImproperlyConfigured

# (*, actor, conference, conclusion, concluded_on, signed, version)
Issuer = Callable[..., object]
Reader = Callable[[object], str]  # conference → the live room's conclusions, "" when none

_issuer: Issuer | None = None
_reader: Reader | None = None


def register(issuer: Issuer) -> None:
    global _issuer
    _issuer = issuer


def register_reader(reader: Reader) -> None:
    global _reader
    _reader = reader


def issue(*, actor, conference, conclusion: str, concluded_on, signed: bool,
          version: int | None) -> None:
    if _issuer is None:
        raise ImproperlyConfigured("No conclusion notice issuer: the documents app is missing.")
    _issuer(actor=actor, conference=conference, conclusion=conclusion,
            concluded_on=concluded_on, signed=signed, version=version)


def draft(conference) -> str:
    """The notice's conclusion: as written down for the conference (adopted with the minutes,
    or edited since), else the conclusions of the live room (each matter's, then the chair's
    general one), else nothing."""
    written = (conference.conclusion or "").strip()
    if written or _reader is None:
        return written
    return (_reader(conference) or "").strip()
