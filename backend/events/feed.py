"""The activity log as a live feed: reading it back, deciding who may see each event, and
cutting each event down to what one subscriber may see."""

from dataclasses import dataclass, field
from typing import Any

from ..domain.enums import Visibility
from ..domain.policy import Actor, ObjectiveAccess, can_view_objective
from ..live.events import LiveEvent, Resync
from ..models import ActivityEvent, Objective
from ..read.directory import Directory, load_directory
from ..read.seq import org_seq
from .kinds import EventKind, ViewKind

MAX_REPLAY = 2000  # beyond this a client is told to resync: a fresh board is cheaper


def event_of(row: ActivityEvent) -> LiveEvent:
    return LiveEvent(
        seq=row.seq,
        org_id=row.organization_id,
        kind=EventKind(row.kind),
        actor_id=row.actor_id,
        cycle_id=row.cycle_id,
        objective_id=row.objective_id,
        key_result_id=row.key_result_id,
        payload=row.payload,
        at=row.created_at,
    )


@dataclass
class Audience:
    """Who may see the objectives an event touches, computed once per event per process."""

    access: dict[int, ObjectiveAccess]
    before: ObjectiveAccess | None = None
    directory: Directory | None = field(default=None, repr=False)


class ActivityFeed:
    """The hub's EventSource: the activity log plus per-organization directories, refreshed
    when teams or people change."""

    def __init__(self) -> None:
        self._directories: dict[int, Directory] = {}

    async def last_seq(self, org_id: int) -> int:
        return await org_seq(org_id)

    async def read(self, org_id: int, after: int, upto: int | None) -> list[LiveEvent]:
        query = ActivityEvent.filter(organization_id=org_id, seq__gt=after)
        if upto is not None:
            query = query.filter(seq__lte=upto)
        return [event_of(r) for r in await query.order_by("seq").limit(MAX_REPLAY)]

    async def replay(self, org_id: int, since: int) -> list[LiveEvent] | Resync:
        """What happened after `since`, enriched, for a stream that asks a client too far behind
        to refetch: a Resync (from the latest seq) when that is more than the log replays at
        once, or `since` is ahead of the log."""
        current = await self.last_seq(org_id)
        if since == current:
            # nothing missed: what commits from now on reaches the stream, which subscribed
            # before this read (a board opening at its own `boardSeq`: a statement fewer)
            return []
        missed = await self.read(org_id, since, None)
        if since > current or len(missed) >= MAX_REPLAY:
            return Resync("TOO_FAR_BEHIND", current)
        await self.enrich_many(missed)
        return missed

    async def directory(self, org_id: int, refresh: bool = False) -> Directory:
        if refresh or org_id not in self._directories:
            self._directories[org_id] = await load_directory(org_id)
        return self._directories[org_id]

    async def enrich_many(self, events: list[LiveEvent]) -> None:
        """Who may see what these events (of one organization) touch, in one read: a stream
        that fell behind (the database busy with writes) catches up in one round trip
        instead of one per event."""
        if not events:
            return
        refresh = any(e.kind.moves_people for e in events)
        directory = await self.directory(events[0].org_id, refresh)
        touched = [_touched(e) for e in events]
        ids = set().union(*touched)
        rows = {o.id: o for o in await Objective.filter(id__in=ids)} if ids else {}
        for event, its in zip(events, touched, strict=True):
            before = event.payload.get("before")
            event.audience = Audience(
                access={i: directory.access(rows[i]) for i in its if i in rows},
                before=_before_access(event, before, directory) if before else None,
                directory=directory,
            )


def _touched(event: LiveEvent) -> set[int]:
    ids = set(map(int, event.payload.get("numbers", {}).get("objectives", {})))
    ids.update(event.payload.get("objectiveIds", ()))  # a meeting's focus, a decision
    if event.objective_id is not None:
        ids.add(event.objective_id)
    return ids


def _before_access(
    event: LiveEvent, before: dict[str, Any], directory: Directory
) -> ObjectiveAccess:
    team_id = before.get("teamId")
    owner_id = int(before["ownerId"])
    teams = (
        frozenset({team_id})
        if team_id is not None
        else directory.member_of.get(owner_id, frozenset())
    )
    return ObjectiveAccess(
        org_id=event.org_id,
        owner_id=owner_id,
        visibility=Visibility(before["visibility"]),
        team_ids=teams,
    )


_VIEW_KEY = "view-key"


def view_key(event: LiveEvent, actor: Actor) -> tuple[frozenset[int], bool] | None:
    """What `visible_view(event, actor)` depends on besides the event: which of the objectives
    the event touches the actor may see, and whether it could see the objective before the
    change. Two actors with the same key get the same view (None: another organization)."""
    if event.org_id != actor.org_id:
        return None
    # asked by every subscriber of the event: memoised per actor (a frozen value, equal for
    # all the sockets of one person) in the event's own memo, dropped with the event
    memo = event.shared
    memo_key = (_VIEW_KEY, actor)
    known = memo.get(memo_key)
    if known is not None:
        return known
    audience: Audience = event.audience
    seen = frozenset(
        oid for oid, access in audience.access.items() if can_view_objective(actor, access)
    )
    before = audience.before is not None and can_view_objective(actor, audience.before)
    memo[memo_key] = key = (seen, before)
    return key


def visible_view(event: LiveEvent, actor: Actor) -> dict[str, Any] | None:
    """The event as this subscriber may see it, or None. An objective the subscriber could
    see before a change but not after arrives as a removal carrying only its id."""
    audience: Audience = event.audience
    if event.org_id != actor.org_id:
        return None
    payload = event.payload
    hidden = False
    if event.objective_id is not None:
        access = audience.access.get(event.objective_id)
        if access is None or not can_view_objective(actor, access):
            if audience.before is not None and can_view_objective(actor, audience.before):
                return {"kind": ViewKind.OBJECTIVE_REMOVED, "objectiveId": event.objective_id}
            hidden = True  # only the numbers it moved up a visible chain may go out
    numbers = payload.get("numbers")
    if hidden:
        cut = _visible_numbers(numbers or {}, audience, actor)
        if not cut["objectives"]:
            return None
        return {"kind": ViewKind.NUMBERS_CHANGED, "payload": {"numbers": cut}}
    if numbers:
        payload = {**payload, "numbers": _visible_numbers(numbers, audience, actor)}
    return {"kind": event.kind, "payload": payload}


def _visible_numbers(numbers: dict[str, Any], audience: Audience, actor: Actor) -> dict[str, Any]:
    seen = {
        oid
        for oid in map(int, numbers.get("objectives", {}))
        if (a := audience.access.get(oid)) is not None and can_view_objective(actor, a)
    }
    return {
        "objectives": {k: v for k, v in numbers.get("objectives", {}).items() if int(k) in seen},
        "keyResults": {
            k: v for k, v in numbers.get("keyResults", {}).items() if v.get("objectiveId") in seen
        },
    }
