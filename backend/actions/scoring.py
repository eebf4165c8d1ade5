"""The retrospective's scoring (复盘): whoever may edit an objective scores its key results —
difficulty and effort give the suggested score (DESIGN §4), and a final score other than the
suggestion carries a reason. A scored key result takes no more late check-ins."""

from dataclasses import dataclass
from datetime import UTC, datetime

from ..domain.errors import Forbidden, InvalidInput
from ..domain.evaluate import completion_instant
from ..domain.phases import Activity
from ..domain.policy import Actor, can_edit_objective
from ..domain.scoring import final_score, objective_score_or_suggested, suggested_score
from ..events.kinds import EventKind, ScoreSummary
from ..events.payloads import kr_summary
from ..events.phase import guard
from ..events.unit import lock_org, write
from ..models import Cycle, KeyResult, Organization
from ..read import reach
from ..read.chain import evaluate_chains
from ..read.snapshot import cycle_facts
from .reviews import published


@dataclass
class ScoreInput:
    difficulty: float | None = None  # None: as it was
    effort: float | None = None
    score: float | None = None  # None: the suggestion
    reason: str | None = None


async def _completion(cycle: Cycle, org: Organization, objective_id: int) -> dict[int, float]:
    """The completion of each key result of the objective (its progress at the cycle's end,
    or now while the cycle runs), by key result id."""
    facts = cycle_facts(cycle, org)
    at = completion_instant(facts, datetime.now(UTC))
    evaluation, _, krs = await evaluate_chains(cycle, org, [objective_id], at)
    return {kr.id: evaluation.key_results[kr.id].progress for kr in krs}


async def score_key_result(actor: Actor | None, kr_id: int, data: ScoreInput) -> KeyResult:
    scope = await reach.key_result(actor, kr_id)
    actor, objective, kr = scope.actor, scope.objective, scope.key_result
    assert kr is not None
    if not can_edit_objective(actor, scope.access):
        raise Forbidden()
    phase = await guard(objective.cycle_id, Activity.SCORE)
    published(objective)
    if kr.archived:
        raise InvalidInput("id", "okr.archived")
    cycle = await Cycle.get(id=objective.cycle_id)
    org = await Organization.get(id=actor.org_id)
    completion = (await _completion(cycle, org, objective.id))[kr.id]
    difficulty = kr.difficulty if data.difficulty is None else data.difficulty
    effort = kr.effort if data.effort is None else data.effort
    scored = final_score(completion, difficulty, effort, data.score, data.reason)
    now = datetime.now(UTC)
    async with write(actor.org_id, actor.user_id, phase) as unit:
        await KeyResult.filter(id=kr.id).update(
            difficulty=scored.difficulty,
            effort=scored.effort,
            score=scored.score,
            score_reason=scored.reason,
            scored_at=now,
            scored_by_id=actor.user_id,
        )
        # the objective's score as committed before this event's seq, this score included
        org = await lock_org(actor.org_id)
        siblings = await KeyResult.filter(objective_id=objective.id, archived=False)
        completions = await _completion(cycle, org, objective.id)
        summary: ScoreSummary = {
            "keyResultId": kr.id,
            "objectiveId": objective.id,
            "completion": completion,
            "difficulty": scored.difficulty,
            "effort": scored.effort,
            "suggested": scored.suggested,
            "score": scored.score,
            "reason": scored.reason,
        }
        await unit.record(
            EventKind.KEY_RESULT_SCORED,
            {
                "keyResult": kr_summary(kr),
                "score": summary,
                "objectiveScore": objective_score_or_suggested(
                    [
                        (
                            s.weight,
                            s.score,
                            suggested_score(completions.get(s.id, 0.0), s.difficulty, s.effort),
                        )
                        for s in siblings
                    ]
                ),
            },
            cycle_id=objective.cycle_id,
            objective_id=objective.id,
            key_result_id=kr.id,
        )
    return kr
