"""A cycle's rows and their numbers at one instant, for the jobs (every objective and key
result, whoever may see them: each message is cut to its recipient afterwards)."""

from dataclasses import dataclass
from datetime import datetime

from ..domain.enums import ObjectiveState
from ..domain.evaluate import Evaluation
from ..models import Cycle, KeyResult, Objective
from .snapshot import load_cycle_rows


@dataclass
class Tracked:
    cycle: Cycle
    objectives: dict[int, Objective]
    key_results: list[KeyResult]
    evaluation: Evaluation

    def published(self) -> list[Objective]:
        return [o for o in self.objectives.values() if o.state == ObjectiveState.PUBLISHED]

    def live_krs(self, objective_id: int | None = None) -> list[KeyResult]:
        """Key results not archived, under published objectives (of one, when given)."""
        return [
            kr
            for kr in self.key_results
            if not kr.archived
            and (objective_id is None or kr.objective_id == objective_id)
            and self.objectives[kr.objective_id].state == ObjectiveState.PUBLISHED
        ]

    def owner_of(self, kr: KeyResult) -> int:
        return kr.owner_id if kr.owner_id is not None else self.objectives[kr.objective_id].owner_id


async def load_tracked(cycle: Cycle, at: datetime) -> Tracked:
    rows = await load_cycle_rows(cycle, at)
    return Tracked(cycle, {o.id: o for o in rows.objectives}, rows.key_results, rows.evaluation)
