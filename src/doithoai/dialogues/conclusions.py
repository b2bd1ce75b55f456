"""Who issues the conclusion notice when the chair's conclusion is given on the conference page.

The notice is a document, numbered by the documents' register, an app above the dialogues:
the documents register their issuer here when the apps are ready (the dialogues never import
them). It writes the conclusion down and issues the notice in one transaction (the conference
becomes concluded); a refusal (ValidationError, PermissionDenied) reaches the page. With no
issuer registered the page is refused, never told it succeeded.
"""

from __future__ import annotations

from collections.abc import Callable

from django.core.exceptions import ImproperlyConfigured

Issuer = Callable[..., object]  # (*, actor, conference, conclusion, concluded_on, version)

_issuer: Issuer | None = None


def register(issuer: Issuer) -> None:
    global _issuer
    _issuer = issuer


def issue(*, actor, conference, conclusion: str, concluded_on, version: int | None) -> None:
    if _issuer is None:
        raise ImproperlyConfigured("No conclusion notice issuer: the documents app is missing.")
    _issuer(actor=actor, conference=conference, conclusion=conclusion,
            concluded_on=concluded_on, version=version)
