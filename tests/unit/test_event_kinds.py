"""Every kind of event has a payload type, a version, a way onto the board (or none) and a feed
entry; a payload built for another kind is refused before it reaches the log."""

import pytest

from backend.api.live.events import BOARD_EVENTS
from backend.events.kinds import KINDS, EventKind, Topic, stamped
from backend.events.summary import SUBJECTS


def test_every_kind_is_registered_everywhere() -> None:
    assert set(KINDS) == set(EventKind)
    assert set(BOARD_EVENTS) == set(EventKind)
    assert {kind.topic for kind in EventKind} == set(SUBJECTS) == set(Topic)


@pytest.mark.parametrize(
    ("kind", "topic", "change"),
    [
        (EventKind.KEY_RESULT_CHECKED_IN, Topic.KEY_RESULT, "checked_in"),
        (EventKind.OBJECTIVE_WEIGHTS_CHANGED, Topic.OBJECTIVE, "weights_changed"),
        (EventKind.TEAM_MEMBERSHIP_CHANGED, Topic.TEAM, "membership_changed"),
    ],
)
def test_a_kind_names_its_topic_and_change(kind: EventKind, topic: Topic, change: str) -> None:
    assert (kind.topic, kind.change) == (topic, change)


def test_only_team_and_people_events_move_people() -> None:
    moving = {k for k in EventKind if k.moves_people}
    assert {k.topic for k in moving} == {Topic.TEAM, Topic.USER}


def test_a_payload_is_stamped_with_its_version() -> None:
    assert stamped(EventKind.CYCLE_CREATED, {"name": "Q3"}) == {"name": "Q3", "v": 1}
    # a phase move also says the phase it left and why (version 2)
    moved = {"phase": "ALIGNING", "previous": "TRACKING", "reason": "redo the weights"}
    assert stamped(EventKind.CYCLE_PHASE_CHANGED, moved) == {**moved, "v": 2}  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("kind", "payload", "complaint"),
    [
        (EventKind.CYCLE_PHASE_CHANGED, {"name": "Q3"}, "missing ['phase'], unknown ['name']"),
        (EventKind.USER_CHANGED, {}, "missing ['userId']"),
        (EventKind.TEAM_CREATED, {"teamId": 1, "phase": "X"}, "unknown ['phase']"),
    ],
)
def test_a_payload_of_another_shape_is_refused(
    kind: EventKind, payload: dict[str, object], complaint: str
) -> None:
    with pytest.raises(TypeError, match=complaint.replace("[", r"\[").replace("]", r"\]")):
        stamped(kind, payload)  # type: ignore[arg-type]
