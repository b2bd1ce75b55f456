"""The life of a petition as a table: which action may move it from which state to which.

Pure data and one function; services enforce it, so a disallowed transition is impossible from
every entry point (pages, imports, commands, API). Labels are Vietnamese data for the pages.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from doithoai.core.marks import gettext_noop


class State(StrEnum):
    RECEIVED = "received"
    CLASSIFIED = "classified"
    ASSIGNED = "assigned"
    RETURNED = "returned"
    ANSWERED_AT_CONFERENCE = "answered_at_conference"
    ANSWER_DRAFTED = "answer_drafted"
    ANSWER_APPROVED = "answer_approved"
    PUBLISHED = "published"
    ESCALATED = "escalated"
    NOT_ACCEPTED = "not_accepted"
    TRANSFERRED = "transferred"
    CLOSED = "closed"


class Action(StrEnum):
    CLASSIFY = "classify"
    ASSIGN = "assign"
    RETURN = "return"
    ANSWER_AT_CONFERENCE = "answer_at_conference"
    DRAFT_ANSWER = "draft_answer"
    APPROVE = "approve"
    SEND_BACK = "send_back"
    PUBLISH = "publish"
    EXTEND = "extend"
    ESCALATE = "escalate"
    NOT_ACCEPT = "not_accept"
    TRANSFER = "transfer"
    CLOSE = "close"
    REOPEN = "reopen"


STATE_LABELS = {
    State.RECEIVED: gettext_noop("Đã tiếp nhận"),
    State.CLASSIFIED: gettext_noop("Đã phân loại"),
    State.ASSIGNED: gettext_noop("Đã giao đơn vị"),
    State.RETURNED: gettext_noop("Đơn vị trả lại"),
    State.ANSWERED_AT_CONFERENCE: gettext_noop("Đã trả lời tại hội nghị"),
    State.ANSWER_DRAFTED: gettext_noop("Đã có dự thảo trả lời"),
    State.ANSWER_APPROVED: gettext_noop("Lãnh đạo đã duyệt trả lời"),
    State.PUBLISHED: gettext_noop("Đã trả lời và công khai"),
    State.ESCALATED: gettext_noop("Đã chuyển cấp trên"),
    State.NOT_ACCEPTED: gettext_noop("Không tiếp nhận"),
    State.TRANSFERRED: gettext_noop("Chuyển theo thủ tục khiếu nại, tố cáo"),
    State.CLOSED: gettext_noop("Đã kết thúc"),
}

ACTION_LABELS = {
    Action.CLASSIFY: gettext_noop("Phân loại"),
    Action.ASSIGN: gettext_noop("Giao đơn vị"),
    Action.RETURN: gettext_noop("Trả lại Văn phòng"),
    Action.ANSWER_AT_CONFERENCE: gettext_noop("Trả lời tại hội nghị"),
    Action.DRAFT_ANSWER: gettext_noop("Soạn trả lời"),
    Action.APPROVE: gettext_noop("Duyệt trả lời"),
    Action.SEND_BACK: gettext_noop("Trả lại để sửa"),
    Action.PUBLISH: gettext_noop("Công khai và gửi trả lời"),
    Action.EXTEND: gettext_noop("Gia hạn"),
    Action.ESCALATE: gettext_noop("Chuyển cấp trên"),
    Action.NOT_ACCEPT: gettext_noop("Không tiếp nhận"),
    Action.TRANSFER: gettext_noop("Chuyển thủ tục khiếu nại, tố cáo"),
    Action.CLOSE: gettext_noop("Kết thúc"),
    Action.REOPEN: gettext_noop("Mở lại"),
}

S = State
_WAITING_FOR_UNIT = {S.ASSIGNED, S.ANSWER_DRAFTED}
_NOT_YET_WITH_UNIT = {S.RECEIVED, S.CLASSIFIED, S.RETURNED}
_ANSWERED = {S.PUBLISHED, S.ANSWERED_AT_CONFERENCE}

# action -> (states it may start from, state it leads to; None = stays where it is)
TRANSITIONS: dict[Action, tuple[frozenset[State], State | None]] = {
    Action.CLASSIFY: (frozenset(_NOT_YET_WITH_UNIT), S.CLASSIFIED),
    Action.ASSIGN: (frozenset(_NOT_YET_WITH_UNIT | {S.ASSIGNED}), S.ASSIGNED),
    Action.RETURN: (frozenset({S.ASSIGNED}), S.RETURNED),
    Action.ANSWER_AT_CONFERENCE: (frozenset(_NOT_YET_WITH_UNIT | {S.ASSIGNED}),
                                  S.ANSWERED_AT_CONFERENCE),
    Action.DRAFT_ANSWER: (frozenset(_WAITING_FOR_UNIT), S.ANSWER_DRAFTED),
    Action.APPROVE: (frozenset({S.ANSWER_DRAFTED}), S.ANSWER_APPROVED),
    Action.SEND_BACK: (frozenset({S.ANSWER_DRAFTED, S.ANSWER_APPROVED}), S.ASSIGNED),
    Action.PUBLISH: (frozenset({S.ANSWER_APPROVED}), S.PUBLISHED),
    Action.EXTEND: (frozenset(_WAITING_FOR_UNIT | {S.ANSWER_APPROVED}), None),
    Action.ESCALATE: (frozenset(_NOT_YET_WITH_UNIT | _WAITING_FOR_UNIT), S.ESCALATED),
    Action.NOT_ACCEPT: (frozenset(_NOT_YET_WITH_UNIT), S.NOT_ACCEPTED),
    # Also once answered: the kind found wrong later withdraws the answer (a complaint or a
    # denunciation is never settled by an opinion's answer).
    Action.TRANSFER: (frozenset(_NOT_YET_WITH_UNIT | _WAITING_FOR_UNIT | _ANSWERED
                                | {S.ANSWER_APPROVED, S.CLOSED}), S.TRANSFERRED),
    Action.CLOSE: (frozenset({S.PUBLISHED, S.ANSWERED_AT_CONFERENCE, S.ESCALATED,
                              S.NOT_ACCEPTED, S.TRANSFERRED}), S.CLOSED),
    Action.REOPEN: (frozenset({S.PUBLISHED, S.ANSWERED_AT_CONFERENCE, S.CLOSED}), S.ASSIGNED),
}
# Where a move lands instead when no unit holds the petition: reopened after an answer given
# in the hall by the chair, it goes back to the office to be given to a unit.
WITHOUT_UNIT: dict[Action, State] = {Action.REOPEN: S.CLASSIFIED}

# Open: someone still owes the citizen something, so a due date runs.
OPEN_STATES = frozenset({S.RECEIVED, S.CLASSIFIED, S.ASSIGNED, S.RETURNED,
                         S.ANSWER_DRAFTED, S.ANSWER_APPROVED})
# Where an open petition waits, and for whom (the follow-up page's one table): the office to
# classify and assign it, a unit to answer it, a leader to approve the answer, the office again
# to publish it. Every open state is in exactly one stage.
class Stage(StrEnum):
    OFFICE = "office"
    UNIT = "unit"
    LEADER = "leader"
    PUBLISH = "publish"


WAITS_WITH: dict[State, Stage] = {
    S.RECEIVED: Stage.OFFICE, S.CLASSIFIED: Stage.OFFICE, S.RETURNED: Stage.OFFICE,
    S.ASSIGNED: Stage.UNIT,
    S.ANSWER_DRAFTED: Stage.LEADER,
    S.ANSWER_APPROVED: Stage.PUBLISH,
}
STAGE_LABELS = {
    Stage.OFFICE: gettext_noop("Chờ Văn phòng phân loại, giao đơn vị"),
    Stage.UNIT: gettext_noop("Chờ đơn vị trả lời"),
    Stage.LEADER: gettext_noop("Chờ lãnh đạo duyệt trả lời"),
    Stage.PUBLISH: gettext_noop("Chờ Văn phòng công khai, gửi trả lời"),
}


def states_of(stage: Stage | str) -> tuple[State, ...]:
    """The states in which a petition waits at `stage`, in the table's order."""
    return tuple(s for s, where in WAITS_WITH.items() if where == Stage(stage))


# Answered in time counts against these: the citizen has had an answer or a decision.
SETTLED_STATES = frozenset(State) - OPEN_STATES
# Routed away from the commune's own answer: refused, sent to its legal procedure, or to the
# level above. Such a petition needs no answer prepared for the conference.
ROUTED_AWAY_STATES = frozenset({S.NOT_ACCEPTED, S.TRANSFERRED, S.ESCALATED})
# An answer is the committee's once a leader approved it (and it was not sent back since).
APPROVED_ANSWER_STATES = frozenset({S.ANSWER_APPROVED, S.PUBLISHED, S.ANSWERED_AT_CONFERENCE,
                                    S.CLOSED})


# The kinds that follow their own legal procedure (Law on Complaints 2011, Law on Denunciations
# 2018; docs/law.md#complaints-and-denunciations), as `Petition.kind` stores them.
COMPLAINT, DENUNCIATION = "complaint", "denunciation"
PROCEDURE_KINDS = frozenset({COMPLAINT, DENUNCIATION})

# The dialogue track's answer: a unit's written answer, its approval, publication and due
# date, an answer in the hall. Never for a complaint or a denunciation, whatever its state.
ANSWER_TRACK = frozenset({Action.ASSIGN, Action.ANSWER_AT_CONFERENCE, Action.DRAFT_ANSWER,
                          Action.APPROVE, Action.SEND_BACK, Action.PUBLISH, Action.EXTEND,
                          Action.REOPEN})


def on_answer_track(kind: str | None) -> bool:
    """Whether a petition of this kind may be answered as an opinion."""
    return kind not in PROCEDURE_KINDS


def on_its_procedure(kind: str | None, state: str) -> bool:
    """Whether what is published of a petition says it goes by the law's own procedure: sent
    there, or a complaint or denunciation by its kind not yet sent (never an opinion's
    written answer, whatever its state)."""
    return kind in PROCEDURE_KINDS or state == State.TRANSFERRED


@dataclass(frozen=True)
class IllegalTransition(Exception):
    state: State
    action: Action

    def __str__(self) -> str:
        return (f"Không thể “{ACTION_LABELS[self.action]}” khi ý kiến đang ở trạng thái "
                f"“{STATE_LABELS[self.state]}”.")


@dataclass(frozen=True)
class WrongTrack(IllegalTransition):
    """A complaint or a denunciation asked to be answered, approved or published."""

    kind: str = COMPLAINT

    def __str__(self) -> str:
        kind = "khiếu nại" if self.kind == COMPLAINT else "tố cáo"
        return (f"Không thể “{ACTION_LABELS[self.action]}”: đây là {kind}, được giải quyết "
                f"theo thủ tục {kind} của pháp luật, không trả lời, duyệt hay công khai như "
                f"một ý kiến, kiến nghị. Hãy chuyển theo thủ tục khiếu nại, tố cáo.")


def next_state(state: State | str, action: Action | str, kind: str | None = None, *,
               has_unit: bool = True) -> State:
    """The state after `action`, or IllegalTransition when the table forbids it — also when
    the petition's `kind` keeps it off the answer track (WrongTrack). `has_unit`: whether a
    unit holds the petition (WITHOUT_UNIT)."""
    state, action = State(state), Action(action)
    sources, target = TRANSITIONS[action]
    if action in ANSWER_TRACK and not on_answer_track(kind):
        raise WrongTrack(state, action, kind)
    if state not in sources:
        raise IllegalTransition(state, action)
    if not has_unit and action in WITHOUT_UNIT:
        return WITHOUT_UNIT[action]
    return state if target is None else target


def allowed_actions(state: State | str, kind: str | None = None) -> list[Action]:
    """The actions the table allows from `state` for a petition of `kind` (None: any)."""
    state = State(state)
    return [a for a, (sources, _) in TRANSITIONS.items() if state in sources
            and (a not in ANSWER_TRACK or on_answer_track(kind))]
