"""The cycle's phase, checked where it can still change under a writing action.

An action asks `guard(cycle_id, activity)` before it writes: the phase is read and what it does
not allow is refused at once (FORBIDDEN, saying which phases allow it). The unit of work
(`write(..., guard=…)`) asks again under the organization's lock, with its first event: a phase
move commits under that lock too (`cycles.set_phase` records an event), so an action either
commits before the move — its event has the smaller seq — or sees the new phase and is rolled
back. A change never lands in a cycle closed meanwhile.
"""

from dataclasses import dataclass

from ..domain.enums import CyclePhase
from ..domain.errors import NotFound
from ..domain.phases import Activity, require
from ..read.rows import fetch_rows


async def phase_of(cycle_id: int) -> CyclePhase:
    """Raw SQL: every writing action in a cycle reads it twice, once under the lock."""
    rows = await fetch_rows("SELECT phase FROM cycle WHERE id = ?", [cycle_id])
    if not rows:
        raise NotFound()
    return CyclePhase(rows[0][0])


@dataclass(frozen=True, slots=True)
class PhaseGuard:
    cycle_id: int
    activity: Activity
    phase: CyclePhase  # as read before the write

    async def recheck(self) -> None:
        """Inside the transaction, under the organization's lock."""
        require(await phase_of(self.cycle_id), self.activity)


async def guard(cycle_id: int, activity: Activity) -> PhaseGuard:
    """Refuses now what the cycle's phase does not allow; the unit of work checks again."""
    phase = await phase_of(cycle_id)
    require(phase, activity)
    return PhaseGuard(cycle_id, activity, phase)
