"""The conferences as the petitions' intake and pages see them (`petitions.occasions`):
registered when the apps are ready, so that the petitions never import the dialogues."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext as _

from doithoai.core import dates
from doithoai.dialogues import confidential
from doithoai.dialogues.actions import conference_links as links
from doithoai.dialogues.models import Conference
from doithoai.dialogues.selectors import conference_links as reads
from doithoai.org.access import visible
from doithoai.org.models import Village


class Conferences:
    open_for = staticmethod(reads.open_for)
    upcoming = staticmethod(reads.upcoming)
    of_batch = staticmethod(reads.of_batch)
    of_petition = staticmethod(reads.of_petition)
    of_agency = staticmethod(reads.of_agency)
    terms = staticmethod(reads.terms)

    @staticmethod
    def describe(conference: Conference) -> str:
        when = (dates.day(conference.held_on) if conference.held_on
                else gettext("chưa ấn định ngày"))
        return f"{conference.title} ({when})"

    @staticmethod
    def check(agency, conference: Conference) -> None:
        """Opinions join a conference of the same agency that has not been concluded yet."""
        if conference.agency_id != agency.pk:
            raise ValidationError({"conference": _("Hội nghị không thuộc cơ quan này.")})
        if conference.state not in reads.OPEN_CONFERENCE_STATES:
            raise ValidationError({"conference": _("Hội nghị đã có thông báo kết luận: không "
                                                   "thêm ý kiến vào hội nghị này nữa.")})

    @staticmethod
    def link_batch(*, batch, occasion: Conference) -> None:
        links.link_batch(batch=batch, conference=occasion)

    @staticmethod
    def link(*, petitions, occasion: Conference) -> None:
        links.link_petitions(petitions=petitions, conference=occasion)

    @staticmethod
    def only_of(petitions: QuerySet, conference: Conference) -> QuerySet:
        return petitions.filter(conference=conference)

    @staticmethod
    def names(petition, cache: dict | None = None) -> tuple[frozenset[str], frozenset[str]]:
        conference = reads.of_petition(petition)
        if conference is None:
            return frozenset(), frozenset()
        cache = {} if cache is None else cache
        if conference.pk not in cache:
            known = confidential.of(conference)
            cache[conference.pk] = (known.names, known.secret)
        return cache[conference.pk]

    @staticmethod
    def batch_links(user, batch) -> dict:
        """Links from the batch to its conference, and to its village's opinions for that
        conference while it is being prepared — only for what the user may see."""
        found = {"conference": reads.of_batch(batch), "conference_url": None,
                 "village_opinions_url": None}
        conference = found["conference"]
        if conference is None or not visible(Conference, user).filter(pk=conference.pk).exists():
            return found
        found["conference_url"] = reverse("dialogues:conference_detail", args=[conference.pk])
        if (batch.village_id is not None and conference.state == Conference.State.PLANNED
                and visible(Village, user).filter(pk=batch.village_id).exists()):
            found["village_opinions_url"] = reverse("dialogues:village_opinions",
                                                    args=[conference.pk, batch.village_id])
        return found
