"""The petition state table, and tracking codes."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from doithoai.core import tracking
from doithoai.core.petition_flow import (
    ANSWER_TRACK,
    COMPLAINT,
    DENUNCIATION,
    OPEN_STATES,
    TRANSITIONS,
    Action,
    IllegalTransition,
    State,
    WrongTrack,
    allowed_actions,
    next_state,
)


def test_the_main_path():
    state = State.RECEIVED
    for action in (Action.CLASSIFY, Action.ASSIGN, Action.DRAFT_ANSWER, Action.APPROVE,
                   Action.PUBLISH, Action.CLOSE):
        state = next_state(state, action)
    assert state == State.CLOSED


@pytest.mark.parametrize("state,action", [
    (State.RECEIVED, Action.APPROVE),
    (State.RECEIVED, Action.PUBLISH),
    (State.ASSIGNED, Action.PUBLISH),  # never published without a leader's approval
    (State.ANSWER_DRAFTED, Action.PUBLISH),
    (State.CLOSED, Action.ASSIGN),
    (State.TRANSFERRED, Action.ASSIGN),
    (State.NOT_ACCEPTED, Action.DRAFT_ANSWER),
])
def test_forbidden_moves_raise_with_a_vietnamese_message(state, action):
    with pytest.raises(IllegalTransition) as exc:
        next_state(state, action)
    assert "Không thể" in str(exc.value)


def test_reopened_without_a_unit_goes_back_to_the_office():
    """Answered by the chair in the hall, no unit holds it: the office gives it to one."""
    assert next_state(State.ANSWERED_AT_CONFERENCE, Action.REOPEN, has_unit=False) == \
        State.CLASSIFIED
    assert next_state(State.PUBLISHED, Action.REOPEN) == State.ASSIGNED


def test_extension_keeps_the_state():
    assert next_state(State.ASSIGNED, Action.EXTEND) == State.ASSIGNED


def test_every_state_but_closed_has_a_way_forward():
    for state in State:
        if state != State.CLOSED:
            assert allowed_actions(state), state
    # Closed, a petition found to be a complaint or denunciation still goes to its procedure
    # (the Law on Complaints 2011 and on Denunciations 2018 settle it, not the closed answer).
    assert allowed_actions(State.CLOSED) == [Action.TRANSFER, Action.REOPEN]


@pytest.mark.parametrize("kind", [COMPLAINT, DENUNCIATION])
@pytest.mark.parametrize("action", sorted(ANSWER_TRACK))
def test_a_complaint_or_denunciation_is_never_answered_from_any_state(kind, action):
    for state in State:
        with pytest.raises(WrongTrack) as exc:
            next_state(state, action, kind)
        assert "thủ tục" in str(exc.value) and "Không thể" in str(exc.value)
        assert action not in allowed_actions(state, kind)


def test_the_answer_track_is_closed_only_to_the_procedure_kinds():
    assert next_state(State.ANSWER_APPROVED, Action.PUBLISH, "opinion") == State.PUBLISHED
    assert next_state(State.ANSWER_APPROVED, Action.PUBLISH, "report") == State.PUBLISHED
    assert allowed_actions(State.CLASSIFIED, COMPLAINT) == [
        Action.CLASSIFY, Action.ESCALATE, Action.NOT_ACCEPT, Action.TRANSFER]
    # The kind found after the answer: the transfer is there from every answered state.
    for state in (State.ANSWER_DRAFTED, State.ANSWER_APPROVED, State.PUBLISHED,
                  State.ANSWERED_AT_CONFERENCE, State.CLOSED):
        assert next_state(state, Action.TRANSFER, COMPLAINT) == State.TRANSFERRED


def test_open_states_are_exactly_those_from_which_an_answer_is_still_owed():
    assert State.PUBLISHED not in OPEN_STATES and State.ASSIGNED in OPEN_STATES
    for action, (sources, _target) in TRANSITIONS.items():
        assert sources, action


def test_tracking_codes_avoid_look_alikes_and_read_back():
    for _ in range(200):
        code = tracking.new_code()
        assert len(code) == 9 and code[4] == "-"
        assert not set(code.replace("-", "")) & set("01OIL")
        assert tracking.normalise(code.lower().replace("-", " ")) == code


@given(st.text(max_size=12))
def test_normalise_accepts_only_well_formed_codes(typed):
    result = tracking.normalise(typed)
    assert result is None or (len(result) == 9 and set(result.replace("-", ""))
                              <= set(tracking.ALPHABET))
