"""The numbers of alignment chains, loaded and evaluated without the rest of the cycle.

A change to a key result moves the numbers of its objective and of every objective up the
alignment chain (DESIGN §4: an ALIGNED key result's progress is the mean of the objectives
converted from it). The live event announces those numbers (`events.payloads.chain_numbers`).
Evaluating the whole cycle for them costs time linear in the organisation; this module reads
only what the chain's numbers depend on:

- the chain: the changed objectives and their ancestors by `parent_id`, inside the cycle
  (a parent in another cycle ends the chain, as it does for a whole-cycle evaluation);
- what the chain needs: for every ALIGNED key result of an objective already needed, the
  non-archived objectives of the cycle converted from it (`source_key_result_id`), and so on
  down — the set is closed under "depends on", so evaluating it alone gives the numbers a
  whole-cycle evaluation gives (tests/api/test_chain_numbers.py compares the two);
- their key results, and the task counts of the task-driven ones.

That is three statements whatever the depth or the size of the organisation (two when no key
result on it is task-driven): one recursive CTE for the objectives, one for their key results,
one for the task counts.
"""

from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import UTC, datetime

from ..domain.enums import ObjectiveState, ProgressSource
from ..domain.evaluate import Evaluation
from ..domain.policy import Actor
from ..models import Cycle, KeyResult, Objective, Organization
from . import request_scope
from .directory import Directory, load_directory
from .rows import client, columns, fetch_models, in_ids, is_postgres
from .snapshot import LEVEL_ORDER, Snapshot, TaskTally, assemble, evaluate_cycle, task_tallies

# `?` placeholders; {seed} is `o.id IN (...)` for the changed objectives.
#
# Each recursive step reads one row of the queue and looks up what it leads to by index. It
# is written with correlated subqueries, not joins, on purpose: SQLite (3.38+, with ANALYZE's
# statistics) puts a Bloom filter on every table joined in a recursive step — built anew for
# each queued row by scanning the whole key_result and objective tables, 1.6 ms for a 5-row
# chain in a 3,000-objective cycle against 0.04 ms this way. A parent in another cycle ends
# the chain as NULL (ignored by `IN`); `+o.cycle_id` keeps SQLite on the
# source_key_result_id index rather than an automatic one on the cycle.
#
# PostgreSQL cannot pull a correlated `IN` up out of a join's ON: it ran that step as a
# filter over every objective of the cycle (~20,000 subplan calls, 22 ms of a 3,000-objective
# check-in, under the organization's lock); it joins `_DEPENDS_JOINED` by index (0.9 ms).
_DEPENDS_CORRELATED = """JOIN objective o ON o.source_key_result_id IN (
        SELECT k.id FROM key_result k WHERE k.objective_id = n.id AND k.progress_source = ?
    )"""
_DEPENDS_JOINED = """JOIN key_result k ON k.objective_id = n.id AND k.progress_source = ?
    JOIN objective o ON o.source_key_result_id = k.id"""
_NEEDED = """
WITH RECURSIVE
chain(id) AS (
    SELECT o.id FROM objective o WHERE {seed} AND o.cycle_id = ?
    UNION
    SELECT (
        SELECT p.id FROM objective p
        WHERE p.id = (SELECT o.parent_id FROM objective o WHERE o.id = c.id) AND p.cycle_id = ?
    ) FROM chain c
),
needed(id) AS (
    SELECT id FROM chain
    UNION
    SELECT o.id FROM needed n
    {depends}
    WHERE +o.cycle_id = ? AND o.state <> ?
)
SELECT {columns} FROM objective o WHERE o.id IN (SELECT id FROM needed)
"""


@dataclass
class ChainRows:
    """The rows the chains' numbers depend on (a dependency-closed part of one cycle)."""

    objectives: dict[int, Objective]
    key_results: list[KeyResult]
    tallies: dict[int, TaskTally]


async def load_chain_rows(cycle_id: int, objective_ids: Iterable[int]) -> ChainRows:
    """The rows behind the numbers of `objective_ids` (objectives of `cycle_id`) and of
    everything they roll up into. Ids of other cycles are ignored."""
    ids = sorted(set(objective_ids))
    db = client()
    seed, seed_params = in_ids(db, "o.id", ids)
    objectives = await fetch_models(
        Objective,
        _NEEDED.format(
            seed=seed,
            depends=_DEPENDS_JOINED if is_postgres(db) else _DEPENDS_CORRELATED,
            columns=columns(Objective, "o"),
        ),
        [
            *seed_params,
            cycle_id,
            cycle_id,
            ProgressSource.ALIGNED.value,
            cycle_id,
            ObjectiveState.ARCHIVED.value,
        ],
    )
    if not objectives:
        return ChainRows({}, [], {})
    where, params = in_ids(db, "k.objective_id", [o.id for o in objectives])
    key_results = await fetch_models(
        KeyResult,
        f"SELECT {columns(KeyResult, 'k')} FROM key_result k WHERE {where} "
        "ORDER BY k.position, k.id",
        params,
    )
    # by key result first: its index finds the few tasks (by objective alone: every task)
    by_kr, kr_params = in_ids(db, "t.key_result_id", [k.id for k in key_results])
    by_objective, objective_params = in_ids(db, "t.objective_id", [o.id for o in objectives])
    tallies = await task_tallies(f"{by_kr} AND {by_objective}", kr_params + objective_params)
    return ChainRows({o.id: o for o in objectives}, key_results, tallies)


@dataclass(frozen=True)
class _Written:
    """A chain a write evaluated under its lock, and the seq its event took."""

    cycle: Cycle
    objective_ids: frozenset[int]
    seq: int
    rows: ChainRows
    evaluation: Evaluation


# the chain an HTTP request's write evaluated: its response (`load_chain_snapshot`) reuses it
# once, while nothing was recorded since (the organization's seq is still that write's)
_KEY = "written_chain"


def remember_written(
    cycle: Cycle,
    objective_ids: Iterable[int],
    seq: int,
    rows: ChainRows,
    evaluation: Evaluation,
) -> None:
    """Call once the write that evaluated `rows` under the organization's lock, and recorded
    the event numbered `seq`, has committed."""
    kept = request_scope.kept()
    if kept is not None:
        kept[_KEY] = _Written(cycle, frozenset(objective_ids), seq, rows, evaluation)


def _still_current(org: Organization, cycle_id: int, objective_ids: list[int]) -> _Written | None:
    """The chain this task's write evaluated, if it is the one asked for and nothing has been
    recorded in the organization since (every change to the numbers records an event)."""
    kept = request_scope.kept()
    written: _Written | None = kept.pop(_KEY, None) if kept is not None else None
    if (
        written is not None
        and written.cycle.id == cycle_id
        and written.objective_ids == frozenset(objective_ids)
        and written.seq == org.last_seq
    ):
        return written
    return None


@dataclass(frozen=True)
class WrittenKeyResult:
    """A key result as this request's write left it, with its objective, cycle and the
    organization (read now: its seq is still the write's)."""

    key_result: KeyResult
    objective: Objective
    cycle: Cycle
    org: Organization


async def written_key_result(kr_id: int) -> WrittenKeyResult | None:
    """The key result from the chain this task's write evaluated, if it is in it and nothing
    has been recorded in the organization since: a response reads no row the write had."""
    kept = request_scope.kept()
    written: _Written | None = kept.get(_KEY) if kept is not None else None
    if written is None:
        return None
    kr = next((k for k in written.rows.key_results if k.id == kr_id), None)
    if kr is None:
        return None
    org = await Organization.get(id=written.cycle.organization_id)
    if org.last_seq != written.seq:
        return None
    return WrittenKeyResult(kr, written.rows.objectives[kr.objective_id], written.cycle, org)


def evaluate_chain(cycle: Cycle, org: Organization, rows: ChainRows, at: datetime) -> Evaluation:
    """The numbers of every row loaded — equal to a whole-cycle evaluation's for them."""
    return evaluate_cycle(
        cycle, org, list(rows.objectives.values()), rows.key_results, rows.tallies, at
    )


async def load_chain_snapshot(
    cycle: Cycle,
    viewer: Actor | None,
    objective_ids: Iterable[int],
    *,
    include_archived: bool = False,
    directory: Directory | None = None,
    org: Organization | None = None,
) -> Snapshot:
    """The viewer's snapshot of the alignment chains of `objective_ids` only (plus what their
    numbers depend on), for a mutation's response: every number in it equals the whole cycle's,
    in 4–5 statements whatever the size of the cycle — 2 right after this request's write
    evaluated the same chain (`remember_written`) with nothing recorded since, 1 when given
    the organization `written_key_result` read. `partial` is
    set: `children_of` and the converted objectives only know the rows loaded, so a response
    asking for `children` or `alignedObjectives` needs `load_snapshot`."""
    ids = list(objective_ids)
    org = org or await Organization.get(id=cycle.organization_id)
    directory = directory or await load_directory(cycle.organization_id)
    written = _still_current(org, cycle.id, ids)
    if written is not None:
        rows, evaluation = written.rows, written.evaluation
    else:
        rows = await load_chain_rows(cycle.id, ids)
        evaluation = evaluate_chain(cycle, org, rows, datetime.now(UTC))
    objectives = sorted(rows.objectives.values(), key=lambda o: (LEVEL_ORDER[o.level], o.id))
    snap = await assemble(
        cycle, org, directory, viewer, objectives, rows.key_results, evaluation, include_archived
    )
    return replace(snap, partial=True)


async def evaluate_chains(
    cycle: Cycle, org: Organization, objective_ids: Iterable[int], at: datetime | None = None
) -> tuple[Evaluation, dict[int, Objective], list[KeyResult]]:
    """The numbers of `objective_ids`, of everything up their alignment chains and of what
    those depend on, as a whole-cycle evaluation gives them."""
    rows = await load_chain_rows(cycle.id, objective_ids)
    evaluation = evaluate_chain(cycle, org, rows, at or datetime.now(UTC))
    return evaluation, rows.objectives, rows.key_results
