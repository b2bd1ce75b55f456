"""Reads of what was raised at or collected for a conference, for the petitions' pages."""

from __future__ import annotations

from django.db.models import QuerySet
from django.utils import timezone

from doithoai.dialogues.models import Conference, ConferenceBatch, ConferencePetition
from doithoai.org.access import visible
from doithoai.petitions.occasions import Terms

# Opinions may join a conference being prepared, or one just held (typed in afterwards).
OPEN_CONFERENCE_STATES = (Conference.State.PLANNED, Conference.State.HELD)


def open_for(agencies) -> QuerySet[Conference]:
    """Conferences that opinions brought in now may join, soonest first."""
    return (Conference.objects.filter(agency__in=agencies, state__in=OPEN_CONFERENCE_STATES)
            .select_related("agency").order_by("held_on"))


def upcoming(agencies) -> Conference | None:
    """The conference being prepared that opinions coming in now are most likely for."""
    return open_for(agencies).filter(state=Conference.State.PLANNED,
                                     held_on__gte=timezone.localdate()).first()


def of_batch(batch) -> Conference | None:
    link = ConferenceBatch.objects.filter(batch=batch).select_related("conference").first()
    return link.conference if link else None


def of_petition(petition) -> Conference | None:
    link = (ConferencePetition.objects.filter(petition=petition).select_related("conference")
            .first())
    return link.conference if link else None


def of_agency(agency, user=None) -> QuerySet[Conference]:
    """The conferences of an agency (those the user may see, given one)."""
    conferences = Conference.objects if user is None else visible(Conference, user)
    return conferences.filter(agency=agency)


def terms(conference: Conference) -> Terms:
    """The answer time of what is raised at or collected for the conference."""
    return Terms(day=conference.held_on, workdays=conference.answer_workdays,
                 complex_workdays=conference.complex_answer_workdays)


def belongs(petition, conference_id: int) -> bool:
    """True when the petition was raised at or collected for this conference."""
    return ConferencePetition.objects.filter(petition=petition,
                                             conference_id=conference_id).exists()
