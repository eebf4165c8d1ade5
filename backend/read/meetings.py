"""Meetings as one actor reaches them, and what of a meeting they may see.

A meeting of another organization, or one the actor may not see, is NOT_FOUND; one they see but
do not run is FORBIDDEN for what running takes (domain/meetings.py). Inside a visible meeting,
whatever names an objective — an agenda item, the focus, a decision, an action item — is shown
only to those who may see that objective, decided now (not when the agenda was built)."""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from ..domain.agenda import AgendaItem
from ..domain.errors import Forbidden, NotFound
from ..domain.meetings import MeetingAccess, can_run_meeting, can_view_meeting
from ..domain.policy import Actor, can_view_objective
from ..models import Meeting, MeetingDecision, Objective, Task
from .directory import Directory, load_directory
from .lookup import require_actor


@dataclass(frozen=True)
class MeetingReach:
    """A meeting as one actor reaches it, with who may see it and the directory that says so."""

    actor: Actor
    meeting: Meeting
    attendee_ids: list[int]
    directory: Directory

    @property
    def access(self) -> MeetingAccess:
        return access_of(self.meeting, self.directory, self.attendee_ids)

    @property
    def runs(self) -> bool:
        return can_run_meeting(self.actor, self.access)

    @property
    def agenda(self) -> list[AgendaItem]:
        """The whole agenda as kept (cut it with `visible_objectives` before showing it)."""
        return [AgendaItem.from_json(item) for item in self.meeting.agenda]

    def item(self, item_id: str) -> AgendaItem | None:
        return next((i for i in self.agenda if i.id == item_id), None)


def access_of(meeting: Meeting, directory: Directory, attendee_ids: Iterable[int]) -> MeetingAccess:
    team_id = meeting.team_id
    teams = directory.descendants(frozenset({team_id})) if team_id is not None else frozenset()
    return MeetingAccess(
        org_id=meeting.organization_id,
        team_id=team_id,
        team_ids=teams,
        facilitator_id=meeting.facilitator_id,
        attendee_ids=frozenset(attendee_ids),
    )


async def attendees_of(meeting_ids: list[int]) -> dict[int, list[int]]:
    """Each meeting's attendees (user ids, ascending), in one query."""
    found: dict[int, list[int]] = defaultdict(list)
    if meeting_ids:
        pairs = await Meeting.filter(id__in=meeting_ids).values_list("id", "attendees__id")
        for meeting_id, user_id in pairs:
            if user_id is not None:
                found[meeting_id].append(user_id)
    return {m: sorted(found.get(m, [])) for m in meeting_ids}


async def meeting(
    actor: Actor | None, meeting_id: int, directory: Directory | None = None
) -> MeetingReach:
    """A meeting the actor may see."""
    actor = require_actor(actor)
    row = await Meeting.get_or_none(id=meeting_id, organization_id=actor.org_id)
    if row is None:
        raise NotFound()
    directory = directory or await load_directory(actor.org_id)
    scope = MeetingReach(actor, row, (await attendees_of([row.id]))[row.id], directory)
    if not can_view_meeting(actor, scope.access):
        raise NotFound()
    return scope


async def runnable(actor: Actor | None, meeting_id: int) -> MeetingReach:
    """A meeting the actor runs (facilitator, lead above its team, admin)."""
    scope = await meeting(actor, meeting_id)
    if not scope.runs:
        raise Forbidden()
    return scope


async def list_meetings(
    actor: Actor | None, cycle_id: int, team_id: int | None, directory: Directory | None = None
) -> list[MeetingReach]:
    """The cycle's meetings the actor may see, by time: of one team and the teams below it, or
    (no team) all of them."""
    actor = require_actor(actor)
    directory = directory or await load_directory(actor.org_id)
    query = Meeting.filter(organization_id=actor.org_id, cycle_id=cycle_id)
    if team_id is not None:
        query = query.filter(team_id__in=list(directory.descendants(frozenset({team_id}))))
    rows = await query.order_by("starts_at", "id")
    attendees = await attendees_of([r.id for r in rows])
    found = [MeetingReach(actor, r, attendees[r.id], directory) for r in rows]
    return [m for m in found if can_view_meeting(actor, m.access)]


async def visible_objectives(
    actor: Actor, directory: Directory, ids: Iterable[int | None]
) -> set[int]:
    """Those of these objectives the actor may see now (one query)."""
    wanted = {i for i in ids if i is not None}
    if not wanted:
        return set()
    rows = await Objective.filter(id__in=wanted, organization_id=actor.org_id)
    return {o.id for o in rows if can_view_objective(actor, directory.access(o))}


async def visible_agenda(scope: MeetingReach) -> list[AgendaItem]:
    items = scope.agenda
    seen = await visible_objectives(scope.actor, scope.directory, (i.objective_id for i in items))
    return [i for i in items if i.objective_id in seen]


async def decisions(scope: MeetingReach) -> list[MeetingDecision]:
    """The meeting's decisions in the order taken; one about an objective the actor may not see
    is left out."""
    rows = await MeetingDecision.filter(meeting_id=scope.meeting.id).order_by("id")
    seen = await visible_objectives(scope.actor, scope.directory, (d.objective_id for d in rows))
    return [d for d in rows if d.objective_id is None or d.objective_id in seen]


async def action_items(scope: MeetingReach) -> list[Task]:
    """The tasks the meeting decided (not deleted), in the order added, under objectives the
    actor may see."""
    rows = await Task.filter(meeting_id=scope.meeting.id, deleted_at=None).order_by("id")
    seen = await visible_objectives(scope.actor, scope.directory, (t.objective_id for t in rows))
    return [t for t in rows if t.objective_id in seen]


async def decision(actor: Actor | None, decision_id: int) -> tuple[MeetingDecision, MeetingReach]:
    """A decision of a meeting the actor runs (decisions are the runners' to change)."""
    actor = require_actor(actor)
    row = await MeetingDecision.get_or_none(id=decision_id, organization_id=actor.org_id)
    if row is None:
        raise NotFound()
    scope = await meeting(actor, row.meeting_id)
    if row.objective_id is not None and not await visible_objectives(
        actor, scope.directory, [row.objective_id]
    ):
        raise NotFound()
    if not scope.runs:
        raise Forbidden()
    return row, scope
