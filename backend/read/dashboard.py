"""A dashboard: the figures of a cycle for the company, a team (with its sub-teams) or a
person, as one viewer may see them.

Eight statements at any size (given the request's directory): the cycle, its rows and numbers
(the snapshot's four, plus the owners), one aggregate of the check-in history (each key
result's last check-in per timeline week, which also gives its last check-in for freshness),
and the objectives of other cycles linked to this one (parents of its objectives, objectives
converted from its key results). Every figure counts only objectives the viewer may open —
the board's, filtered the board's way — so a count always equals the length of its list.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any

from ..domain import dashboard as figures
from ..domain.clock import as_utc, day_start
from ..domain.dashboard import (
    Awaiting,
    Bucket,
    Coverage,
    FreshnessBucket,
    Move,
    ScoreDistribution,
)
from ..domain.enums import ObjectiveLevel, ObjectiveState, TrackStatus
from ..domain.errors import NotFound
from ..domain.evaluate import evaluation_instant
from ..domain.history import (
    CycleHistory,
    HistoryKR,
    HistoryObjective,
    Point,
    Reading,
    boundaries,
    held_at_start,
    timeline_instants,
)
from ..domain.policy import Actor, can_view_objective
from ..domain.progress import objective_progress
from ..domain.scoring import suggested_score
from ..models import KeyResult, Objective
from .board import board_ids
from .cycles import get_cycle
from .directory import Directory, load_directory
from .lookup import require_actor
from .rows import client, columns, fetch_models, fetch_rows, is_postgres
from .snapshot import Snapshot, assemble, cycle_facts, load_cycle_rows

MOVERS_WINDOW = timedelta(days=7)
# key results that answer for a parent's progress: those of objectives others align to
PARENT_LEVELS = frozenset({ObjectiveLevel.COMPANY, ObjectiveLevel.TEAM})


@dataclass
class Dashboard:
    snap: Snapshot  # the viewer's: every id below resolves in it
    team_id: int | None
    owner_id: int | None
    as_of: datetime  # the instant the numbers are read at (a closed cycle's end)
    since: datetime  # the start of the movers' window
    since_date: date | None  # as asked (None: the last seven days)
    objective_ids: list[int]
    key_result_ids: list[int]
    average_progress: float
    average_expected: float
    progress: list[Bucket]
    status: list[Bucket]
    freshness: list[FreshnessBucket]
    alignment: list[Coverage]
    unaligned_key_results: Bucket
    scores: ScoreDistribution
    timeline: list[Point]
    movers: list[Move]


async def load_dashboard(
    actor: Actor | None,
    cycle_id: int,
    team_id: int | None = None,
    owner_id: int | None = None,
    since: date | None = None,
    *,
    directory: Directory | None = None,
) -> Dashboard:
    """`directory`: the one the actor was built from in this request, if any. NotFound for a
    cycle or team of another organization."""
    actor = require_actor(actor)
    cycle = await get_cycle(actor.org_id, cycle_id)
    directory = directory or await load_directory(actor.org_id)
    if team_id is not None and team_id not in directory.teams:
        raise NotFound()
    now = datetime.now(UTC)
    rows = await load_cycle_rows(cycle, now)
    snap = await assemble(
        cycle, rows.org, directory, actor, rows.objectives, rows.key_results, rows.evaluation
    )
    scope = board_ids(snap, team_id, owner_id)
    facts = cycle_facts(cycle, rows.org)
    as_of = evaluation_instant(facts, now)
    start = as_of - MOVERS_WINDOW if since is None else day_start(since, facts.tz)
    start = min(start, as_of)
    instants = timeline_instants(facts, as_of)
    bounds = boundaries(instants, as_of, start)
    history = CycleHistory(
        facts,
        [HistoryObjective(o.id, o.source_key_result_id, _archived(o)) for o in rows.objectives],
        [_history_kr(kr) for kr in rows.key_results],
        bounds,
        await _readings(cycle.id, bounds),
    )
    linked = await _linked_objectives(cycle.id)
    visible_linked = {
        o.id: o
        for o in linked
        if not _archived(o) and can_view_objective(actor, directory.access(o))
    }
    krs = [kr for oid in scope for kr in snap.krs_of.get(oid, ())]
    results = snap.evaluation.key_results
    objective_results = snap.evaluation.objectives
    return Dashboard(
        snap=snap,
        team_id=team_id,
        owner_id=owner_id,
        as_of=as_of,
        since=start,
        since_date=since,
        objective_ids=scope,
        key_result_ids=[kr.id for kr in krs],
        average_progress=figures.mean(objective_results[i].progress for i in scope),
        average_expected=figures.mean(_expected(snap, i) for i in scope),
        progress=figures.progress_distribution({i: objective_results[i].progress for i in scope}),
        status=figures.status_counts({i: objective_results[i].status for i in scope}),
        freshness=figures.freshness(
            _awaiting(snap, scope, history.last_check_ins(), day_start(cycle.starts_on, facts.tz)),
            as_of,
        ),
        alignment=figures.alignment_coverage(
            {i: snap.objectives[i].level for i in scope},
            _aligned(snap, scope, visible_linked),
        ),
        unaligned_key_results=Bucket(
            "UNALIGNED", tuple(_unaligned_parent_krs(snap, scope, visible_linked.values()))
        ),
        scores=figures.score_distribution(
            [
                figures.Scored(
                    kr.id,
                    kr.score,
                    suggested_score(results[kr.id].progress, kr.difficulty, kr.effort),
                )
                for kr in krs
            ]
        ),
        timeline=history.timeline(scope, instants),
        movers=history.moves(scope, start, as_of),
    )


def _archived(o: Objective) -> bool:
    return o.state == ObjectiveState.ARCHIVED


def _history_kr(kr: KeyResult) -> HistoryKR:
    return HistoryKR(
        kr.id,
        kr.objective_id,
        kr.weight,
        kr.kind,
        kr.progress_source,
        kr.due_date,
        held_at_start(kr.kind, kr.start_value, kr.target_value, kr.range_min, kr.range_max),
        kr.archived,
    )


def _expected(snap: Snapshot, objective_id: int) -> float:
    """An objective's expected progress: its key results' weighed as for its progress."""
    results = snap.evaluation.key_results
    return objective_progress(
        [(kr.weight, results[kr.id].expected) for kr in snap.krs_of.get(objective_id, ())]
    )


def _awaiting(
    snap: Snapshot, scope: Sequence[int], last: dict[int, datetime], cycle_start: datetime
) -> list[Awaiting]:
    """The key results of published objectives neither done nor scored (a scored one takes no
    more check-ins): each waits for check-ins from its owner (the objective's when it has
    none)."""
    out = []
    for oid in scope:
        objective = snap.objectives[oid]
        if objective.state != ObjectiveState.PUBLISHED:
            continue
        for kr in snap.krs_of.get(oid, ()):
            if (
                kr.score is not None
                or snap.evaluation.key_results[kr.id].status is TrackStatus.DONE
            ):
                continue
            checked = last.get(kr.id)
            began = checked if checked is not None else kr.created_at
            out.append(
                Awaiting(
                    kr.id,
                    kr.owner_id or objective.owner_id,
                    checked,
                    max(cycle_start, as_utc(began)),
                )
            )
    return out


def _aligned(snap: Snapshot, scope: Sequence[int], linked: dict[int, Objective]) -> set[int]:
    """The objectives whose parent the viewer sees (as `parent` answers it)."""
    out = set()
    for oid in scope:
        parent = snap.objectives[oid].parent_id
        if parent is None:
            continue
        if parent in snap.objectives or (parent not in snap.loaded and parent in linked):
            out.add(oid)
    return out


def _unaligned_parent_krs(snap: Snapshot, scope: Sequence[int], linked: Any) -> list[int]:
    """Live key results of the scope's company and team objectives that no objective the
    viewer sees was converted from."""
    converted = {o.source_key_result_id for o in snap.objectives.values()}
    converted.update(o.source_key_result_id for o in linked)
    return [
        kr.id
        for oid in scope
        if snap.objectives[oid].level in PARENT_LEVELS
        for kr in snap.krs_of.get(oid, ())
        if kr.id not in converted
    ]


async def _readings(cycle_id: int, bounds: Sequence[datetime]) -> list[Reading]:
    """Each key result's last check-in within each span between `bounds` (the first span
    reaching back to its first check-in), up to the last bound: one statement."""
    db = client()
    params: list[Any] = [
        t if is_postgres(db) else as_utc(t).isoformat(sep=" ", timespec="microseconds")
        for t in bounds
    ]
    case = " ".join(f"WHEN c.created_at <= ? THEN {i}" for i in range(len(bounds)))
    rows = await fetch_rows(
        f"""
        SELECT key_result_id, span, progress, created_at FROM (
            SELECT c.key_result_id, c.progress, c.created_at,
                   CASE {case} END AS span,
                   ROW_NUMBER() OVER (
                       PARTITION BY c.key_result_id, CASE {case} END
                       ORDER BY c.created_at DESC, c.id DESC
                   ) AS rn
            FROM check_in c
            JOIN key_result kr ON kr.id = c.key_result_id
            JOIN objective o ON o.id = kr.objective_id
            WHERE o.cycle_id = ? AND c.created_at <= ? AND c.retracted_at IS NULL
        ) spans WHERE rn = 1
        """,
        [*params, *params, cycle_id, params[-1]],
    )
    return [Reading(kr_id, span, progress, _instant(at)) for kr_id, span, progress, at in rows]


def _instant(value: Any) -> datetime:
    return as_utc(value if isinstance(value, datetime) else datetime.fromisoformat(value))


async def _linked_objectives(cycle_id: int) -> list[Objective]:
    """Objectives of other cycles this one links to: parents of its objectives (an annual
    objective a quarter's align to) and objectives converted from its key results."""
    cols = columns(Objective, "x")
    return await fetch_models(
        Objective,
        f"""
        SELECT {cols} FROM objective x
        WHERE x.id IN (SELECT o.parent_id FROM objective o WHERE o.cycle_id = ?)
          AND x.cycle_id <> ?
        UNION
        SELECT {cols} FROM objective o
        JOIN key_result kr ON kr.objective_id = o.id
        JOIN objective x ON x.source_key_result_id = kr.id
        WHERE o.cycle_id = ? AND x.cycle_id <> ?
        """,
        [cycle_id] * 4,
    )
