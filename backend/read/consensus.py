"""What the consensus meeting still has to settle in a cycle, for a team (with its sub-teams)
or the whole organization, as the viewer sees it (domain/consensus.py)."""

from ..domain.consensus import Consensus, KeyResultFacts, ObjectiveFacts, consensus

__all__ = ["Consensus", "consensus_of"]
from ..domain.enums import ObjectiveState
from ..models import Objective
from .board import board_ids
from .retro import is_committed
from .snapshot import Snapshot


async def consensus_of(snap: Snapshot, team_id: int | None) -> Consensus:
    """`team_id`: the team's objectives and its members' (board_ids); else every objective
    the viewer can see. A parent's key result counts as taken on when any live objective was
    converted from it, one the viewer cannot see included (one query)."""
    ids = board_ids(snap, team_id, None)
    objectives = [snap.objectives[i] for i in ids]
    converted = (
        await Objective.filter(cycle_id=snap.cycle.id, source_key_result_id__isnull=False)
        .exclude(state=ObjectiveState.ARCHIVED)
        .values_list("source_key_result_id")
    )
    return consensus(
        [
            ObjectiveFacts(
                o.id,
                o.level,
                o.state,
                o.parent_id,
                is_committed(o),
                tuple(kr.weight for kr in snap.krs_of.get(o.id, ())),
            )
            for o in objectives
        ],
        [
            KeyResultFacts(kr.id, kr.objective_id)
            for o in objectives
            for kr in snap.krs_of.get(o.id, ())
        ],
        {kr_id for (kr_id,) in converted},
    )
