"""Evaluated cycles shared by every viewer a process serves, never stale.

Reading and evaluating a whole cycle (every objective, key result and task tally, the likes
of its objectives and key results) is most of a board load, and it is the same for everyone
who opens the board. `SharedCycles` keeps the last few cycles a process read, each with the
organization's event seq (`last_seq`) read *before* its rows:

- every request reads the seq afresh (one statement: the organization's row, which the
  evaluation needs anyway), and uses an entry only if it was read at that seq or later.
  Every write that changes a cycle's rows, its tasks or its likes, the cycle or the
  organization's thresholds records an event in the same transaction (`events/unit.py`),
  so the next read after a write finds a newer seq and reads the cycle again: a process
  never serves what another process's write made old, and needs no message to know it;
- what depends on the viewer is not in it: the request's snapshot (`snapshot.assemble`)
  picks what its viewer may see, and `viewerCan`, `likedByViewer` and the owners' rows are
  answered per request;
- the numbers depend on the time too (expected progress, and the status read from it):
  they are evaluated as of the start of the minute — a 90-day cycle's expected progress
  moves by under 0.001 % a minute, and a status turns at most a minute late — so every
  viewer and every process reading the same seq in the same minute gets the same numbers,
  and a new minute re-evaluates the rows already read, without a statement;
- inside a transaction nothing is read from or kept in it (the rows may never commit).

Concurrent readers of a cycle that is not in it share one read. At most `size` cycles are
kept, the least recently read dropped first.
"""

from dataclasses import dataclass
from datetime import UTC, datetime

from tortoise import connections
from tortoise.backends.base.client import TransactionalDBClient

from ..db import WRITE
from ..domain.evaluate import CycleFacts, Evaluation
from ..domain.status import Thresholds
from ..models import Cycle, KeyResult, Objective, Organization
from .rows import fetch_rows
from .seq_cache import SeqCache
from .snapshot import (
    CycleRows,
    Likers,
    TaskTally,
    cycle_facts,
    evaluate_cycle,
    fetch_cycle_rows,
    load_cycle_rows,
    thresholds,
)

# the targets whose likes a cycle's objects answer from their snapshot (check-ins and
# comments are loaded per request, by the items shown)
SHARED_LIKE_TARGETS = ("Objective", "KeyResult")


def _in_transaction() -> bool:
    return isinstance(connections.get(WRITE), TransactionalDBClient)


def evaluation_minute(now: datetime) -> datetime:
    """The instant a cycle's numbers are read at when shared: the start of `now`'s minute."""
    return now.replace(second=0, microsecond=0)


async def cycle_likers(cycle_id: int) -> dict[tuple[str, int], frozenset[int]]:
    """Who likes each objective and key result of the cycle (one statement)."""
    targets = ", ".join(f"'{t}'" for t in SHARED_LIKE_TARGETS)
    rows = await fetch_rows(
        "SELECT l.target_type, l.target_id, l.user_id FROM item_like l "
        "JOIN objective o ON o.id = l.objective_id "
        f"WHERE o.cycle_id = ? AND l.target_type IN ({targets})",
        [cycle_id],
    )
    likers: dict[tuple[str, int], set[int]] = {}
    for target_type, target_id, user_id in rows:
        likers.setdefault((target_type, target_id), set()).add(user_id)
    return {key: frozenset(users) for key, users in likers.items()}


@dataclass
class _Entry:
    """A cycle's rows as read after the organization's seq was `seq`, and the last
    evaluation of them."""

    seq: int
    objectives: list[Objective]
    key_results: list[KeyResult]
    tallies: dict[int, TaskTally]
    likers: Likers
    evaluated: tuple[tuple[datetime, CycleFacts, Thresholds], Evaluation] | None = None

    def evaluation(self, cycle: Cycle, org: Organization, at: datetime) -> Evaluation:
        """The numbers at `at` for this cycle's and organization's settings as the caller
        read them (with the rows, they are all the evaluation reads)."""
        key = (at, cycle_facts(cycle, org), thresholds(org))
        if self.evaluated is None or self.evaluated[0] != key:
            evaluation = evaluate_cycle(
                cycle, org, self.objectives, self.key_results, self.tallies, at
            )
            self.evaluated = (key, evaluation)
        return self.evaluated[1]


class SharedCycles:
    """The process's shared evaluated cycles (see the module's docstring). One per app."""

    def __init__(self, size: int = 4) -> None:
        self._entries: SeqCache[int, _Entry] = SeqCache(size)

    async def rows(self, cycle: Cycle) -> CycleRows:
        """The cycle's rows and numbers now, as `load_cycle_rows` gives them, and who likes
        its objectives and key results (not inside a transaction). One statement when the
        cycle is kept, five when it is read."""
        if _in_transaction():
            return await load_cycle_rows(cycle)
        org = await Organization.get(id=cycle.organization_id)
        seq = org.last_seq
        entry = await self._entries.get(cycle.id, seq, lambda: _read(cycle.id, seq))
        at = evaluation_minute(datetime.now(UTC))
        return CycleRows(
            org, entry.objectives, entry.key_results, entry.evaluation(cycle, org, at), entry.likers
        )


async def _read(cycle_id: int, seq: int) -> _Entry:
    objectives, key_results, tallies = await fetch_cycle_rows(cycle_id)
    return _Entry(seq, objectives, key_results, tallies, await cycle_likers(cycle_id))
