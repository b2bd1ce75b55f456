"""What the dialogues' pages share."""

from __future__ import annotations

from django.urls import NoReverseMatch, reverse


def optional_url(name: str, *args) -> str | None:
    """A link to another area's page, when that page exists (None while it does not)."""
    try:
        return reverse(name, args=args)
    except NoReverseMatch:
        return None
