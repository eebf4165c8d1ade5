"""A cycle as one viewer sees it, loaded in a constant number of queries.

Every objective and key result of the cycle is fetched in bulk and evaluated in Python
(progress, expected progress, status): ALIGNED key results depend on the objectives
converted from them, so a cycle is the unit of evaluation. Only the objectives the viewer
may open are exposed; the numbers of a visible parent still count its hidden children,
which reveals nothing about them.
"""

from collections import defaultdict
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime, tzinfo
from typing import Any, NamedTuple

from ..domain.clock import as_utc, zone
from ..domain.enums import ObjectiveLevel, ObjectiveState, TaskStatus
from ..domain.errors import InvalidInput
from ..domain.evaluate import CycleFacts, Evaluation, KRNode, ObjectiveNode, evaluate
from ..domain.policy import Actor, can_view_objective
from ..domain.progress import KRFacts
from ..domain.status import Thresholds
from ..models import Cycle, KeyResult, Objective, Organization, User
from ..settings import server_time_zone
from .directory import Directory, load_directory
from .rows import client, columns, fetch_models, fetch_rows, in_ids

LEVEL_ORDER = {ObjectiveLevel.COMPANY: 0, ObjectiveLevel.TEAM: 1, ObjectiveLevel.PERSONAL: 2}

# who likes each item, by (target type, id): the users' ids
Likers = Mapping[tuple[str, int], frozenset[int]]


@dataclass(frozen=True, slots=True)
class Likes:
    """The likes of a cycle's items as one viewer sees them: how many, and their own."""

    likers: Likers
    viewer_id: int | None

    def count(self, target_type: str, target_id: int) -> int:
        return len(self.likers.get((target_type, target_id), ()))

    def by_viewer(self, target_type: str, target_id: int) -> bool:
        return self.viewer_id in self.likers.get((target_type, target_id), ())


@dataclass
class Snapshot:
    cycle: Cycle
    directory: Directory
    objectives: dict[int, Objective]  # visible to the viewer, in display order
    key_results: dict[int, KeyResult]  # of the visible objectives
    krs_of: dict[int, list[KeyResult]]  # objective id -> its non-archived KRs
    evaluation: Evaluation
    users: dict[int, User]
    children_of: dict[int, list[int]] = field(default_factory=dict)
    # every objective of the cycle that was loaded, seen or not: a parent among them that is
    # not in `objectives` is hidden from the viewer (or archived), not in another cycle
    loaded: frozenset[int] = frozenset()
    # the organization's event seq read *before* the rows: a live client subscribes with
    # since=seq and misses nothing (events carry absolute values, so a repeat is harmless)
    seq: int = 0
    # True for chain.load_chain_snapshot's: only some alignment chains of the cycle are in it,
    # so `children` and the objectives converted from a key result may be missing some
    partial: bool = False
    # the likes of its objectives and key results, when read with the rows (SharedCycles);
    # else each is loaded when asked for
    likes: Likes | None = None

    def roots(self, ids: list[int] | None = None) -> list[Objective]:
        chosen = self.objectives if ids is None else {i: self.objectives[i] for i in ids}
        return [o for o in chosen.values() if o.parent_id not in chosen]

    def children(self, objective_id: int) -> list[Objective]:
        return [self.objectives[i] for i in self.children_of.get(objective_id, ())]


def thresholds(org: Organization) -> Thresholds:
    return Thresholds(
        behind_gap=org.behind_gap, at_risk_gap=org.at_risk_gap, stale_days=org.stale_days
    )


class TaskTally(NamedTuple):
    """A key result's non-deleted tasks: how many are done, how many there are, and when one
    last changed (work on the tasks keeps a KR from going stale)."""

    done: int
    total: int
    last_change: datetime | None


NO_TASKS = TaskTally(0, 0, None)


async def task_tallies(where: str, params: list[Any]) -> dict[int, TaskTally]:
    """The tally per key result of the tasks (`t`) that `where` selects (one statement; raw,
    as a check-in reads it under the organization's lock)."""
    rows = await fetch_rows(
        "SELECT t.key_result_id, t.status, COUNT(t.id), MAX(t.updated_at) FROM task t "
        f"WHERE t.deleted_at IS NULL AND t.key_result_id IS NOT NULL AND {where} "
        "GROUP BY t.key_result_id, t.status",
        params,
    )
    tallies: dict[int, TaskTally] = {}
    for kr_id, status, n, last in rows:
        done, total, latest = tallies.get(kr_id, NO_TASKS)
        if last is not None:
            # SQLite hands MAX() of a datetime column back as its stored text
            last = as_utc(datetime.fromisoformat(last) if isinstance(last, str) else last)
            latest = last if latest is None else max(latest, last)
        done += n if status == TaskStatus.DONE else 0
        tallies[kr_id] = TaskTally(done, total + n, latest)
    return tallies


async def cycle_task_tallies(cycle_id: int) -> dict[int, TaskTally]:
    return await task_tallies(
        "t.objective_id IN (SELECT o.id FROM objective o WHERE o.cycle_id = ?)", [cycle_id]
    )


async def _users(ids: list[int]) -> list[User]:
    where, params = in_ids(client(), "u.id", ids)
    return await fetch_models(
        User, f'SELECT {columns(User, "u")} FROM "user" u WHERE {where}', params
    )


def org_zone_name(org: Organization) -> str:
    """Where the organization's dates begin and end: its zone, else the server's."""
    return org.time_zone or server_time_zone()


def org_zone(org: Organization) -> tzinfo:
    """`org_zone_name`'s zone (one no longer known on this machine reads as UTC rather than
    failing every screen)."""
    try:
        return zone(org_zone_name(org))
    except InvalidInput:
        return UTC


def cycle_facts(cycle: Cycle, org: Organization) -> CycleFacts:
    return CycleFacts(cycle.starts_on, cycle.ends_on, cycle.phase, org_zone(org))


def evaluate_cycle(
    cycle: Cycle,
    org: Organization,
    objectives: list[Objective],
    key_results: list[KeyResult],
    tallies: dict[int, TaskTally],
    at: datetime,
) -> Evaluation:
    archived = ObjectiveState.ARCHIVED
    facts = cycle_facts(cycle, org)
    # positional construction: this runs once per key result of the cycle on every board load
    tally = [tallies.get(kr.id, NO_TASKS) for kr in key_results]
    return evaluate(
        [ObjectiveNode(o.id, o.source_key_result_id, o.state == archived) for o in objectives],
        [
            KRNode(
                kr.id,
                kr.objective_id,
                kr.weight,
                KRFacts(
                    kr.kind,
                    kr.progress_source,
                    kr.start_value,
                    kr.target_value,
                    kr.current_value,
                    kr.range_min,
                    kr.range_max,
                    t.done,
                    t.total,
                ),
                kr.archived,
                kr.due_date,
                kr.confidence,
                kr.last_check_in_at,
                kr.created_at,
                t.last_change,
            )
            for kr, t in zip(key_results, tally, strict=True)
        ],
        facts,
        at,
        thresholds(org),
    )


@dataclass
class CycleRows:
    """Every objective and key result of a cycle (hidden and archived ones too), evaluated."""

    org: Organization
    objectives: list[Objective]  # in display order
    key_results: list[KeyResult]  # by position
    evaluation: Evaluation
    likers: Likers | None = None  # of its objectives and key results, when read


async def fetch_cycle_rows(
    cycle_id: int,
) -> tuple[list[Objective], list[KeyResult], dict[int, TaskTally]]:
    """The cycle's objectives (in display order), key results (by position) and their task
    tallies: three statements at any size."""
    objectives = sorted(
        await fetch_models(
            Objective,
            f"SELECT {columns(Objective, 'o')} FROM objective o WHERE o.cycle_id = ?",
            [cycle_id],
        ),
        key=lambda o: (LEVEL_ORDER[o.level], o.id),
    )
    key_results = await fetch_models(
        KeyResult,
        f"SELECT {columns(KeyResult, 'kr')} FROM key_result kr "
        "JOIN objective o ON o.id = kr.objective_id WHERE o.cycle_id = ? "
        "ORDER BY kr.position, kr.id",
        [cycle_id],
    )
    return objectives, key_results, await cycle_task_tallies(cycle_id)


async def load_cycle_rows(cycle: Cycle, at: datetime | None = None) -> CycleRows:
    """The cycle's rows and their numbers at `at` (now): four statements at any size."""
    org = await Organization.get(id=cycle.organization_id)
    objectives, key_results, tallies = await fetch_cycle_rows(cycle.id)
    evaluation = evaluate_cycle(
        cycle, org, objectives, key_results, tallies, at or datetime.now(UTC)
    )
    return CycleRows(org, objectives, key_results, evaluation)


async def load_snapshot(
    cycle: Cycle,
    viewer: Actor | None,
    *,
    include_archived: bool = False,
    directory: Directory | None = None,
    read: Callable[[Cycle], Awaitable[CycleRows]] = load_cycle_rows,
) -> Snapshot:
    """`directory`: the one the viewer's actor was built from in this request, if any;
    `read`: where the cycle's rows come from (a request's: `SharedCycles.rows`)."""
    directory = directory or await load_directory(cycle.organization_id)
    rows = await read(cycle)
    return await assemble(
        cycle,
        rows.org,
        directory,
        viewer,
        rows.objectives,
        rows.key_results,
        rows.evaluation,
        include_archived,
        likers=rows.likers,
    )


async def assemble(
    cycle: Cycle,
    org: Organization,
    directory: Directory,
    viewer: Actor | None,
    objectives: list[Objective],
    key_results: list[KeyResult],
    evaluation: Evaluation,
    include_archived: bool = False,
    *,
    likers: Likers | None = None,
) -> Snapshot:
    """The viewer's snapshot of evaluated rows (objectives in display order, key results by
    position): what the viewer may see, nested, with the owners. One statement (the owners).
    The rows may be shared with other requests (SharedCycles): they are read, never changed."""
    visible = {
        o.id: o
        for o in objectives
        if can_view_objective(viewer, directory.access(o))
        and (include_archived or o.state != ObjectiveState.ARCHIVED)
    }
    krs = {kr.id: kr for kr in key_results if kr.objective_id in visible}
    krs_of: dict[int, list[KeyResult]] = defaultdict(list)
    for kr in krs.values():
        if not kr.archived:
            krs_of[kr.objective_id].append(kr)
    children_of: dict[int, list[int]] = defaultdict(list)
    for o in visible.values():
        if o.parent_id in visible:
            children_of[o.parent_id].append(o.id)
    user_ids = {o.owner_id for o in visible.values()} | {
        kr.owner_id for kr in krs.values() if kr.owner_id is not None
    }
    users = {u.id: u for u in await _users(sorted(user_ids))} if user_ids else {}
    return Snapshot(
        cycle=cycle,
        directory=directory,
        objectives=visible,
        key_results=krs,
        krs_of=dict(krs_of),
        evaluation=evaluation,
        users=users,
        children_of=dict(children_of),
        loaded=frozenset(o.id for o in objectives),
        seq=org.last_seq,
        likes=None if likers is None else Likes(likers, viewer.user_id if viewer else None),
    )
