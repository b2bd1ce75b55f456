"""One petition: what its page shows, the other petitions of its issue, the answer templates
for it, and its current answer or the answer given at the conference (the pages, the documents,
the minutes, the public tracking page and the messages to petitioners read them)."""

from __future__ import annotations

from django.db.models import Prefetch, Q, QuerySet
from django.http import Http404

from doithoai.core.kind_hints import suggested_kind
from doithoai.core.petition_flow import State, on_answer_track
from doithoai.petitions import occasions
from doithoai.petitions.models import (
    Answer,
    AnswerRating,
    AnswerTemplate,
    Petition,
    ReopenRequest,
)
from doithoai.petitions.selectors.queues import visible_petitions


def petition_for_detail(user, pk) -> Petition:
    """The petition with everything its page shows (404 outside the user's scope)."""
    qs = visible_petitions(user).select_related(
        "agency", "field", "village", "unit", "issue", "batch", "received_by",
        "batch__village", "batch__created_by",
    ).prefetch_related(
        "petitioners__village",
        Prefetch("answers", queryset=Answer.objects.select_related(
            "drafted_by", "approved_by").order_by("-drafted_at", "-pk")),
        "extensions__requested_by", "escalations__created_by", "reminders__sent_by",
        # what the citizen said back from the tracking page, newest first
        Prefetch("reopen_requests", queryset=ReopenRequest.objects.order_by("-created_at",
                                                                            "-pk")),
        Prefetch("ratings", queryset=AnswerRating.objects.order_by("-created_at", "-pk")),
    )
    try:
        return qs.get(pk=pk)
    except (Petition.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404 from exc


SIBLINGS_SHOWN = 100


def issue_siblings(user, petition: Petition) -> list[Petition]:
    """The other petitions of the same issue that the user may see (the first ones, and one
    more to know whether there are others)."""
    if petition.issue_id is None:
        return []
    return list(visible_petitions(user).filter(issue_id=petition.issue_id)
                .exclude(pk=petition.pk).select_related("village", "unit")
                .order_by("received_on", "pk")[:SIBLINGS_SHOWN + 1])


def answer_templates(petition: Petition) -> QuerySet:
    """Templates for the petition's field, and the agency's general ones."""
    field_q = Q(field__isnull=True)
    if petition.field_id:
        field_q |= Q(field_id=petition.field_id)
    return AnswerTemplate.objects.filter(field_q, agency_id=petition.agency_id).select_related(
        "field").order_by("field__order", "title")


def current_answer(petition: Petition) -> Answer | None:
    """The answer in force (the latest drafted, should two be marked current), with the person
    of the account that approved it (the reply letter's signer)."""
    return (petition.answers.filter(is_current=True).select_related("approved_by__person")
            .order_by("-drafted_at", "-pk").first())


def answer_on_the_spot(petition: Petition) -> Answer | None:
    """The current answer given in the hall at the conference, if any; read from the
    petition's prefetched answers (no query per petition in a list)."""
    for answer in petition.answers.all():
        if answer.is_current and answer.at_conference:
            return answer
    return None


def conference_of(petition: Petition):
    """The conference the petition was raised at or collected for, if any (`occasions`)."""
    provider = occasions.registered()
    return provider.of_petition(petition) if provider is not None else None


def words_kind(petition: Petition) -> str:
    """The kind of a petition still on the answer track whose words say it is a complaint or
    a denunciation ("" none): the page warns before anyone answers it as an opinion."""
    if not on_answer_track(petition.kind) or petition.state == State.TRANSFERRED:
        return ""
    return suggested_kind(petition.text) or ""
