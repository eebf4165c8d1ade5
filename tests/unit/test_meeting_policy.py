"""Who sees, creates, runs a meeting and writes its notes; what its state allows."""

import pytest

from backend.domain.enums import MeetingState, Role
from backend.domain.errors import InvalidInput
from backend.domain.meetings import (
    MeetingAccess,
    can_create_meeting,
    can_facilitate,
    can_run_meeting,
    can_take_notes,
    can_view_meeting,
    ended,
    require_state,
    started,
)
from backend.domain.policy import Actor

ORG = 1
DEPT, SQUAD, OTHER = 10, 11, 20  # SQUAD is under DEPT

PEOPLE = {
    "admin": Actor(1, ORG, Role.ADMIN),
    "dept lead": Actor(2, ORG, Role.MEMBER, frozenset({DEPT}), frozenset({DEPT, SQUAD})),
    "squad lead": Actor(3, ORG, Role.MEMBER, frozenset({SQUAD}), frozenset({SQUAD})),
    "squad member": Actor(4, ORG, Role.MEMBER, frozenset({SQUAD})),
    "dept member": Actor(5, ORG, Role.MEMBER, frozenset({DEPT})),
    "other member": Actor(6, ORG, Role.MEMBER, frozenset({OTHER})),
    "other lead": Actor(7, ORG, Role.MEMBER, frozenset({OTHER}), frozenset({OTHER})),
    "facilitator": Actor(8, ORG, Role.MEMBER, frozenset({OTHER})),
    "attendee": Actor(9, ORG, Role.MEMBER),
    "foreign admin": Actor(1, 2, Role.ADMIN),
    "signed out": None,
}

SQUAD_MEETING = MeetingAccess(ORG, SQUAD, frozenset({SQUAD}), 8, frozenset({9}))
DEPT_MEETING = MeetingAccess(ORG, DEPT, frozenset({DEPT, SQUAD}), 2)
COMPANY_MEETING = MeetingAccess(ORG, None, frozenset(), 1)


@pytest.mark.parametrize(
    ("who", "meeting", "sees", "runs"),
    [
        ("admin", SQUAD_MEETING, True, True),
        ("dept lead", SQUAD_MEETING, True, True),  # leads above the team
        ("squad lead", SQUAD_MEETING, True, True),
        ("squad member", SQUAD_MEETING, True, False),
        ("dept member", SQUAD_MEETING, False, False),  # not in the squad
        ("other lead", SQUAD_MEETING, False, False),
        ("facilitator", SQUAD_MEETING, True, True),  # a member the lead handed it to
        ("attendee", SQUAD_MEETING, True, False),  # invited from elsewhere
        ("foreign admin", SQUAD_MEETING, False, False),
        ("signed out", SQUAD_MEETING, False, False),
        ("squad member", DEPT_MEETING, True, False),  # a sub-team's member
        ("squad lead", DEPT_MEETING, True, False),  # leads below the team: not above it
        ("other member", DEPT_MEETING, False, False),
        ("other member", COMPANY_MEETING, True, False),  # everyone sees the company's
        ("dept lead", COMPANY_MEETING, True, False),  # only admins run it
        ("admin", COMPANY_MEETING, True, True),
        ("foreign admin", COMPANY_MEETING, False, False),
    ],
)
def test_who_sees_and_runs_a_meeting(
    who: str, meeting: MeetingAccess, sees: bool, runs: bool
) -> None:
    actor = PEOPLE[who]
    assert can_view_meeting(actor, meeting) is sees
    assert can_take_notes(actor, meeting) is sees  # notes: everyone who sees it
    assert can_run_meeting(actor, meeting) is runs


@pytest.mark.parametrize(
    ("who", "team", "creates"),
    [
        ("admin", None, True),
        ("admin", SQUAD, True),
        ("dept lead", DEPT, True),
        ("dept lead", SQUAD, True),  # a team below the one led
        ("squad lead", SQUAD, True),
        ("squad lead", DEPT, False),
        ("squad lead", None, False),  # the company's meetings are the admins'
        ("squad member", SQUAD, False),
        ("facilitator", OTHER, False),
        ("foreign admin", SQUAD, False),
        ("signed out", None, False),
    ],
)
def test_who_creates_a_meeting(who: str, team: int | None, creates: bool) -> None:
    assert can_create_meeting(PEOPLE[who], ORG, team) is creates


@pytest.mark.parametrize(
    ("who", "meeting", "may"),
    [
        ("squad member", SQUAD_MEETING, True),
        ("dept lead", SQUAD_MEETING, True),
        ("admin", SQUAD_MEETING, True),
        ("attendee", SQUAD_MEETING, True),  # invited from elsewhere
        ("facilitator", SQUAD_MEETING, False),  # named already, but of another team
        ("dept member", SQUAD_MEETING, False),
        ("other member", COMPANY_MEETING, True),
        ("foreign admin", COMPANY_MEETING, False),
    ],
)
def test_who_may_facilitate(who: str, meeting: MeetingAccess, may: bool) -> None:
    """Someone who sees the meeting without being its facilitator."""
    assert can_facilitate(PEOPLE[who], meeting) is may


M = MeetingState


@pytest.mark.parametrize(
    ("state", "start", "end"),
    [
        (M.SCHEDULED, M.LIVE, "meeting.scheduled"),
        (M.LIVE, "meeting.live", M.ENDED),
        (M.ENDED, "meeting.ended", "meeting.ended"),
    ],
)
def test_a_meeting_starts_once_and_ends_once(
    state: MeetingState, start: MeetingState | str, end: MeetingState | str
) -> None:
    for move, expected in ((started, start), (ended, end)):
        if isinstance(expected, MeetingState):
            assert move(state) is expected
        else:
            with pytest.raises(InvalidInput) as refused:
                move(state)
            assert (refused.value.field, refused.value.key) == ("id", expected)


def test_require_state_names_the_state_it_is_in() -> None:
    require_state(M.LIVE, M.SCHEDULED, M.LIVE)
    with pytest.raises(InvalidInput, match=r"meeting\.ended"):
        require_state(M.ENDED, M.SCHEDULED, M.LIVE)
