"""Meetings: who may see one, who runs it, and what its state allows (pure).

A meeting belongs to a team with its sub-teams, or to the whole company (no team).

- Seeing: a company meeting is the whole organization's; a team's is seen by the members of
  the team and its sub-teams, the leads above it, admins, its facilitator and its attendees.
  What its agenda, focus and decisions say about an objective is cut per viewer on top
  (an item about an objective the viewer may not see is not shown to them).
- Creating: admins, for the company or any team; a team lead for the teams they lead (and the
  teams below them). Nobody else: a plain member asks their lead.
- Running (start, end, focus, agenda, decisions, action items, attendees): the facilitator,
  the leads above the team, admins. The facilitator need not be a lead: a lead may hand the
  meeting to a member.
- Notes: everyone who sees the meeting writes them (a version check keeps everyone's text).
"""

from dataclasses import dataclass, replace

from .enums import MeetingState
from .errors import InvalidInput
from .policy import Actor, is_admin


@dataclass(frozen=True, slots=True)
class MeetingAccess:
    org_id: int
    team_id: int | None  # None: the company's
    team_ids: frozenset[int]  # the team and every team below it (empty for the company)
    facilitator_id: int
    attendee_ids: frozenset[int] = frozenset()


def _in_org(actor: Actor | None, org_id: int) -> bool:
    return actor is not None and actor.org_id == org_id


def _leads(actor: Actor, team_id: int | None) -> bool:
    """Leads the team or a team above it (led_team_ids holds the teams below those led)."""
    return team_id is not None and team_id in actor.led_team_ids


def can_view_meeting(actor: Actor | None, m: MeetingAccess) -> bool:
    if actor is None or not _in_org(actor, m.org_id):
        return False
    return (
        m.team_id is None
        or is_admin(actor)
        or actor.user_id == m.facilitator_id
        or actor.user_id in m.attendee_ids
        or not m.team_ids.isdisjoint(actor.team_ids)
        or _leads(actor, m.team_id)
    )


def can_facilitate(actor: Actor | None, m: MeetingAccess) -> bool:
    """Who may be named facilitator: someone who sees the meeting without being it — of the
    team or a lead above it, an admin, or one of its attendees."""
    return can_view_meeting(actor, replace(m, facilitator_id=0))


def can_create_meeting(actor: Actor | None, org_id: int, team_id: int | None) -> bool:
    if actor is None or not _in_org(actor, org_id):
        return False
    return is_admin(actor) or _leads(actor, team_id)


def can_run_meeting(actor: Actor | None, m: MeetingAccess) -> bool:
    if actor is None or not can_view_meeting(actor, m):
        return False
    return is_admin(actor) or actor.user_id == m.facilitator_id or _leads(actor, m.team_id)


def can_take_notes(actor: Actor | None, m: MeetingAccess) -> bool:
    return can_view_meeting(actor, m)


# --- what its state allows ------------------------------------------------------------------
# SCHEDULED → LIVE (started) → ENDED. The agenda is built when the meeting is created and again
# when it starts (meeting time); it may be rebuilt until it ends, and is kept as it was after.


def require_state(state: MeetingState, *allowed: MeetingState) -> None:
    """Refuses (bad input of the meeting's id) what the meeting's state does not allow."""
    if state not in allowed:
        raise InvalidInput("id", f"meeting.{state.value.lower()}")


def started(state: MeetingState) -> MeetingState:
    require_state(state, MeetingState.SCHEDULED)
    return MeetingState.LIVE


def ended(state: MeetingState) -> MeetingState:
    require_state(state, MeetingState.LIVE)
    return MeetingState.ENDED


NOTES_LIMIT = 20_000  # characters of a meeting's notes
DECISION_LIMIT = 1_000  # characters of one decision
MAX_ATTENDEES = 200
