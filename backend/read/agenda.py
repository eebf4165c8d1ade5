"""The facts a meeting's agenda is built from (domain/agenda.py), read for a team (or the company)
in a cycle. Every objective counts, whoever may see it: the agenda is kept with the meeting and
cut per viewer when it is read (read/meetings.py)."""

from collections import defaultdict
from datetime import datetime

from ..domain.agenda import (
    AgendaFacts,
    KeyResultFacts,
    ObjectiveFacts,
    TaskFacts,
    objective_moved,
    progress_then,
)
from ..domain.clock import day_start
from ..domain.enums import Locale, MeetingKind, ObjectiveState, Role, TaskStatus
from ..domain.policy import Actor
from ..models import CheckIn, Cycle, KeyResult, Meeting, Objective, Task
from .board import board_ids
from .hints import key_result_hints, objective_hints
from .retro import is_committed
from .snapshot import Snapshot, load_snapshot


def _everyone(org_id: int) -> Actor:
    """A viewer who sees every objective of the organization (only ever used to read)."""
    return Actor(user_id=0, org_id=org_id, role=Role.ADMIN)


def draft_hints(objective: Objective, key_results: list[KeyResult]) -> tuple[str, ...]:
    """The writing problems a roundtable discusses about a draft, as hint codes (the messages
    are the viewer's language's: `objective { hints }` says them as they are now)."""
    found = objective_hints(objective, key_results, Locale.EN)
    for kr in key_results:
        found += key_result_hints(kr, Locale.EN)
    return tuple(dict.fromkeys(h.code.value for h in found))


def _counted(snap: Snapshot, objective_id: int) -> list[KeyResult]:
    """The key results its status counts: its live ones, only the weighted when any is."""
    live = snap.krs_of.get(objective_id, [])
    weighted = [kr for kr in live if kr.weight > 0]
    return weighted or live


def _objective_facts(snap: Snapshot, o: Objective, kind: MeetingKind) -> ObjectiveFacts:
    result = snap.evaluation.objectives[o.id]
    krs = snap.krs_of.get(o.id, [])
    reasons = (r for kr in _counted(snap, o.id) for r in snap.evaluation.key_results[kr.id].reasons)
    drafting = kind is MeetingKind.ROUNDTABLE and o.state is ObjectiveState.DRAFT
    return ObjectiveFacts(
        id=o.id,
        title=o.title,
        level=o.level,
        state=o.state,
        owner_id=o.owner_id,
        parent_id=o.parent_id,
        progress=result.progress,
        status=result.status,
        reasons=tuple(dict.fromkeys(reasons)),
        weights=tuple(kr.weight for kr in krs),
        committed=is_committed(o),
        hints=draft_hints(o, krs) if drafting else (),
    )


async def _blocked(order: list[int]) -> list[TaskFacts]:
    place = {oid: i for i, oid in enumerate(order)}
    rows = await Task.filter(
        objective_id__in=order, status=TaskStatus.BLOCKED, deleted_at=None
    ).order_by("position", "id")
    return [
        TaskFacts(t.id, t.objective_id, t.key_result_id, t.title, t.assignee_id)
        for t in sorted(rows, key=lambda t: place[t.objective_id])
    ]


async def _moved(snap: Snapshot, order: list[int], since: datetime) -> dict[int, float]:
    """Each objective's change in progress since `since`, from its key results' check-ins."""
    krs = [kr for oid in order for kr in snap.krs_of.get(oid, [])]
    history: dict[int, list[tuple[datetime, float]]] = defaultdict(list)
    rows = (
        await CheckIn.filter(key_result_id__in=[kr.id for kr in krs], retracted_at=None)
        .order_by("created_at", "id")
        .values_list("key_result_id", "created_at", "progress")
    )
    for kr_id, at, after in rows:
        history[kr_id].append((at, after))
    results = snap.evaluation.key_results
    return {
        oid: objective_moved(
            [
                (kr.weight, results[kr.id].progress, progress_then(history.get(kr.id, []), since))
                for kr in snap.krs_of.get(oid, [])
            ]
        )
        for oid in order
    }


async def agenda_facts(
    cycle: Cycle, team_id: int | None, kind: MeetingKind, since: datetime | None
) -> AgendaFacts:
    """`since`: where a progress meeting measures movement from (`movers_since`)."""
    snap = await load_snapshot(cycle, _everyone(cycle.organization_id))
    order = board_ids(snap, team_id, None)
    objectives = [snap.objectives[i] for i in order]
    results = snap.evaluation.key_results
    progress = kind is MeetingKind.PROGRESS
    return AgendaFacts(
        objectives=[_objective_facts(snap, o, kind) for o in objectives],
        key_results=[
            KeyResultFacts(
                kr.id, kr.objective_id, kr.title, kr.owner_id, results[kr.id].progress, kr.score
            )
            for o in objectives
            for kr in snap.krs_of.get(o.id, [])
        ],
        # every live objective of the cycle counts, in the team or not: a KR taken on elsewhere
        # is taken on
        converted_from=frozenset(
            o.source_key_result_id
            for o in snap.objectives.values()
            if o.source_key_result_id is not None
        ),
        blocked=await _blocked(order) if progress else (),
        moved=await _moved(snap, order, since) if progress and since is not None else {},
    )


async def movers_since(
    cycle: Cycle, team_id: int | None, meeting_id: int | None, now: datetime
) -> datetime:
    """When the team's previous progress meeting of the cycle started (other than this one,
    `meeting_id`) — or, before its first, the cycle's start: the movers moved since then."""
    previous = (
        await Meeting.filter(
            cycle_id=cycle.id, team_id=team_id, kind=MeetingKind.PROGRESS, started_at__lt=now
        )
        .exclude(id=meeting_id or 0)
        .order_by("-started_at")
        .first()
    )
    if previous is not None and previous.started_at is not None:
        return previous.started_at
    return day_start(cycle.starts_on)
