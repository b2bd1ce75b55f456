"""The petition state table, and tracking codes."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from doithoai.core import tracking
from doithoai.core.petition_flow import (
    OPEN_STATES,
    TRANSITIONS,
    Action,
    IllegalTransition,
    State,
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


def test_extension_keeps_the_state():
    assert next_state(State.ASSIGNED, Action.EXTEND) == State.ASSIGNED


def test_every_state_but_closed_has_a_way_forward():
    for state in State:
        if state != State.CLOSED:
            assert allowed_actions(state), state
    assert allowed_actions(State.CLOSED) == [Action.REOPEN]


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
