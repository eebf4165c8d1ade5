"""The retrospective as the viewer sees it: scores from the snapshot (the suggestion standing in
for a key result not scored yet), peer reviews and reviewers, lessons, a cycle's phase moves.
Whether the viewer may see the objectives named is the caller's check (their snapshot)."""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from ..domain.enums import ScoreBand
from ..domain.phases import has_scores
from ..domain.scoring import objective_score_or_suggested, round1, score_band, suggested_score
from ..events.kinds import EventKind
from ..models import ActivityEvent, KeyResult, Lessons, Objective, PeerReview, ReviewerChoice
from .snapshot import Snapshot


def suggestion(snap: Snapshot, kr: KeyResult) -> float:
    """The suggested score of a key result: its completion (progress at the cycle's end, or
    now while the cycle runs — the snapshot's progress) with its difficulty and effort."""
    return suggested_score(snap.evaluation.key_results[kr.id].progress, kr.difficulty, kr.effort)


def score_band_of(snap: Snapshot, kr: KeyResult) -> ScoreBand | None:
    """The band of the owner's score, from the retrospective on."""
    return score_band(own_score(snap, kr)) if has_scores(snap.cycle.phase) else None


def own_score(snap: Snapshot, kr: KeyResult) -> float:
    """The owner's score: the final one, else the suggestion standing in."""
    return kr.score if kr.score is not None else suggestion(snap, kr)


def objective_score(snap: Snapshot, objective_id: int) -> float | None:
    """Weight-averaged scores of its live key results (DESIGN §4), suggestions standing in;
    None before the retrospective (`phases.has_scores`) or without key results."""
    if not has_scores(snap.cycle.phase):
        return None
    krs = snap.krs_of.get(objective_id, [])
    return objective_score_or_suggested([(kr.weight, kr.score, suggestion(snap, kr)) for kr in krs])


def mean_of_scores(scores: Iterable[float | None]) -> float | None:
    """A sheet's score: the plain mean of its objectives' scores, one decimal."""
    known = [s for s in scores if s is not None]
    return round1(sum(known) / len(known)) if known else None


async def reviews_of(kr_ids: list[int]) -> dict[int, list[PeerReview]]:
    """Peer reviews per key result, oldest first (one query)."""
    found: dict[int, list[PeerReview]] = defaultdict(list)
    for review in await PeerReview.filter(key_result_id__in=kr_ids).order_by("created_at", "id"):
        found[review.key_result_id].append(review)
    return found


async def reviewers_of(objective_ids: list[int]) -> dict[int, list[int]]:
    """The chosen reviewers' ids per objective, in the order they were chosen (one query)."""
    found: dict[int, list[int]] = defaultdict(list)
    rows = await ReviewerChoice.filter(objective_id__in=objective_ids).order_by("id")
    for row in rows:
        found[row.objective_id].append(row.reviewer_id)
    return found


async def lessons_of(objective_ids: list[int]) -> dict[int, Lessons]:
    return {row.objective_id: row for row in await Lessons.filter(objective_id__in=objective_ids)}


async def reviewed_by(user_id: int, cycle_id: int) -> set[int]:
    """The key results of a cycle this person reviewed."""
    rows = await PeerReview.filter(reviewer_id=user_id, objective__cycle_id=cycle_id).values_list(
        "key_result_id"
    )
    return {kr_id for (kr_id,) in rows}


@dataclass(frozen=True, slots=True)
class PhaseMove:
    phase: str
    previous: str | None  # None in events written before moves recorded it
    reason: str | None
    at: datetime
    actor_id: int | None


async def phase_moves(org_id: int, cycle_id: int) -> list[PhaseMove]:
    """A cycle's phase moves, newest first (from the activity log: one query)."""
    rows = await ActivityEvent.filter(
        organization_id=org_id, cycle_id=cycle_id, kind=EventKind.CYCLE_PHASE_CHANGED
    ).order_by("-seq")
    return [
        PhaseMove(
            phase=str(r.payload["phase"]),
            previous=_text(r.payload.get("previous")),
            reason=_text(r.payload.get("reason")),
            at=r.created_at,
            actor_id=r.actor_id,
        )
        for r in rows
    ]


def _text(value: object) -> str | None:
    return value if isinstance(value, str) else None


def is_committed(objective: Objective) -> bool:
    """The owner's "I commit": it counts while they still own the objective."""
    return objective.committed_at is not None and objective.committed_by_id == objective.owner_id
