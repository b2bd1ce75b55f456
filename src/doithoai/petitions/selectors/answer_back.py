"""What the citizen may still say of a petition's answer from the public tracking page, and
what he said (the office's page reads it too): the published answer in force, his rating of
it and his request to settle it again — once each per answer; nothing for a complaint or a
denunciation, which go by their own procedure."""

from __future__ import annotations

from dataclasses import dataclass

from doithoai.core.kind_hints import DENUNCIATION, suggested_kind
from doithoai.core.petition_flow import State, on_its_procedure
from doithoai.petitions.models import Answer, AnswerRating, Kind, Petition, ReopenRequest

# An answer the citizen may answer back to: published (in writing or in the hall), and the
# petition still resting on it.
ANSWERED_STATES = frozenset({State.PUBLISHED, State.ANSWERED_AT_CONFERENCE, State.CLOSED})


def hidden_from_public(petition: Petition) -> bool:
    """Whether the public pages show nothing of its content: a denunciation by its kind or by
    its words (before anyone classified it), or a petition the office hid."""
    return (petition.hide_from_public or petition.kind == Kind.DENUNCIATION
            or suggested_kind(petition.text) == DENUNCIATION)


@dataclass(frozen=True)
class AnswerBack:
    answer: Answer | None  # the published answer in force, if any
    rating: AnswerRating | None  # the citizen's rating of it
    request: ReopenRequest | None  # his request to settle it again
    on_procedure: bool  # a complaint or a denunciation: its own procedure instead
    answered: bool  # the petition rests on that answer (not reopened, not moved since)
    hidden: bool

    @property
    def may_ask_again(self) -> bool:
        return (not self.on_procedure and self.answered and self.answer is not None
                and self.request is None)

    @property
    def may_rate(self) -> bool:
        return (not self.on_procedure and not self.hidden and self.answer is not None
                and self.rating is None)


def published_answer(petition: Petition) -> Answer | None:
    """The answer in force once published (the latest, should two be marked current)."""
    return (petition.answers.filter(is_current=True, published_at__isnull=False)
            .order_by("-drafted_at", "-pk").first())


def answer_back(petition: Petition) -> AnswerBack:
    answer = published_answer(petition)
    rating = AnswerRating.objects.filter(answer=answer).first() if answer else None
    request = ReopenRequest.objects.filter(answer=answer).first() if answer else None
    return AnswerBack(answer=answer, rating=rating, request=request,
                      on_procedure=on_its_procedure(petition.kind, petition.state),
                      answered=petition.state in ANSWERED_STATES,
                      hidden=hidden_from_public(petition))


def citizen_words(petition: Petition) -> list[ReopenRequest]:
    """Every request to settle it again, newest first, with the answer it was about."""
    return list(petition.reopen_requests.select_related("answer").order_by("-created_at",
                                                                            "-pk"))


def ratings(petition: Petition) -> list[AnswerRating]:
    return list(petition.ratings.select_related("answer").order_by("-created_at", "-pk"))
