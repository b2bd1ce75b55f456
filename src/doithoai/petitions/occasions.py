"""What opinions are collected for — a conference — as the petitions see it.

Conferences belong to the dialogues, an app above this one that the petitions never import. The
dialogues register here, when the apps are ready, the little that intake and the petitions'
pages need from them: which conferences opinions may join, how to name one, whether a petition
may still join it and with which answer time, and the link itself, which the conference owns.
With nothing registered (the petitions on their own), there is no occasion to offer.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, Protocol

from django.db.models import QuerySet


@dataclass(frozen=True)
class Terms:
    """The answer time a conference gives what is raised at or collected for it: working days
    from its day (no day yet: counted from receipt, as any petition)."""

    day: dt.date | None
    workdays: int
    complex_workdays: int


class Occasions(Protocol):
    def open_for(self, agencies) -> QuerySet:
        """The conferences that opinions brought in now may join, soonest first."""

    def upcoming(self, agencies) -> Any | None:
        """The one being prepared that opinions coming in now are most likely for."""

    def describe(self, occasion) -> str:
        """Its name as a choice reads: title and day."""

    def check(self, agency, occasion) -> None:
        """Raise a ValidationError (on "conference") if opinions may not join it now."""

    def terms(self, occasion) -> Terms:
        """The answer time of the petitions that join it."""

    def link_batch(self, *, batch, occasion) -> None:
        """Note that a batch's opinions are collected for it."""

    def link(self, *, petitions, occasion) -> None:
        """Join newly received petitions to it (in the caller's transaction)."""

    def of_batch(self, batch) -> Any | None:
        """The conference a batch is collected for, if any."""

    def of_petition(self, petition) -> Any | None:
        """The conference a petition was raised at or collected for, if any."""

    def of_agency(self, agency, user=None) -> QuerySet:
        """The conferences of an agency (those the user may see, given one)."""

    def only_of(self, petitions: QuerySet, occasion) -> QuerySet:
        """The petitions of one conference among those given."""

    def batch_links(self, user, batch) -> dict:
        """Links from a batch's page to its conference's pages the user may open."""

    def names(self, petition, cache: dict | None = None
              ) -> tuple[frozenset[str], frozenset[str]]:
        """For a petition's public copy, what its conference knows: every name to be written
        as initials (its petitioners, co-petitioners, registrants) and those never to be named
        (a denouncer, anyone who asked not to be named); empty without a conference. `cache`
        (by conference, kept by the caller for one page): a list reads each conference once."""


_registered: Occasions | None = None


def register(occasions: Occasions) -> None:
    global _registered
    _registered = occasions


def registered() -> Occasions | None:
    return _registered
