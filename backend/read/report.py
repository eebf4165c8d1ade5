"""The retrospective report of a cycle as one viewer may read it: a sheet per team (and one for
the company's own objectives), every published objective with its score and lessons, every key
result with completion, difficulty, effort, suggested and final score, reason and peer score.
Numbers come from the viewer's snapshot (`read/retro.py`): the same as the scoring sheet."""

from dataclasses import dataclass

from ..domain.enums import ObjectiveLevel, ObjectiveState, ScoreBand
from ..domain.errors import NotFound
from ..domain.policy import Actor
from ..domain.scoring import round1, score_band
from ..models import Lessons, Objective, PeerReview
from .board import board_ids
from .cycles import get_cycle
from .lookup import require_actor
from .retro import lessons_of, mean_of_scores, objective_score, own_score, reviews_of, suggestion
from .snapshot import Snapshot, load_snapshot


@dataclass(frozen=True, slots=True)
class KrLine:
    title: str
    kind: str
    unit: str
    weight: float
    completion: float
    difficulty: float
    effort: float
    suggested: float
    score: float | None  # the final score; None while unscored
    reason: str
    band: ScoreBand
    peer_score: float | None  # the mean of the peer reviews, one decimal


@dataclass(frozen=True, slots=True)
class ObjectiveLine:
    title: str
    level: ObjectiveLevel
    owner: str
    score: float | None
    band: ScoreBand | None
    went_well: str
    to_improve: str
    to_carry_on: str
    key_results: tuple[KrLine, ...]


@dataclass(frozen=True, slots=True)
class Sheet:
    team: str | None  # None: the company's own objectives
    objectives: tuple[ObjectiveLine, ...]
    score: float | None


@dataclass(frozen=True, slots=True)
class Report:
    cycle: str
    phase: str
    sheets: tuple[Sheet, ...]


async def retrospective(actor: Actor | None, cycle_id: int, team_id: int | None) -> Report:
    actor = require_actor(actor)
    snap = await load_snapshot(await get_cycle(actor.org_id, cycle_id), actor)
    if team_id is not None and team_id not in snap.directory.teams:
        raise NotFound()
    ids = [
        i
        for i in board_ids(snap, team_id, None)
        if snap.objectives[i].state == ObjectiveState.PUBLISHED
    ]
    kr_ids = [kr.id for i in ids for kr in snap.krs_of.get(i, ())]
    reviews = await reviews_of(kr_ids)
    lessons = await lessons_of(ids)
    by_team: dict[int | None, list[ObjectiveLine]] = {}
    for i in ids:
        objective = snap.objectives[i]
        line = _objective_line(snap, objective, reviews, lessons.get(i))
        by_team.setdefault(_team_of(snap, objective), []).append(line)
    order = sorted(by_team, key=lambda t: (t is not None, _team_name(snap, t) or ""))
    return Report(
        cycle=snap.cycle.name,
        phase=snap.cycle.phase.value,
        sheets=tuple(
            Sheet(
                team=_team_name(snap, t),
                objectives=tuple(by_team[t]),
                score=mean_of_scores(o.score for o in by_team[t]),
            )
            for t in order
        ),
    )


def _team_of(snap: Snapshot, objective: Objective) -> int | None:
    """A team objective's team; a personal one's owner's (first) team; the company's: None."""
    if objective.level == ObjectiveLevel.COMPANY:
        return None
    if objective.team_id is not None:
        return objective.team_id
    teams = snap.directory.member_of.get(objective.owner_id, frozenset())
    return min(teams) if teams else None


def _team_name(snap: Snapshot, team_id: int | None) -> str | None:
    return snap.directory.teams[team_id].name if team_id is not None else None


def _objective_line(
    snap: Snapshot,
    objective: Objective,
    reviews: dict[int, list[PeerReview]],
    lessons: Lessons | None,
) -> ObjectiveLine:
    score = objective_score(snap, objective.id)
    owner = snap.users.get(objective.owner_id)
    return ObjectiveLine(
        title=objective.title,
        level=objective.level,
        owner=owner.display_name if owner else "",
        score=score,
        band=score_band(score) if score is not None else None,
        went_well=lessons.went_well if lessons else "",
        to_improve=lessons.to_improve if lessons else "",
        to_carry_on=lessons.to_carry_on if lessons else "",
        key_results=tuple(
            KrLine(
                title=kr.title,
                kind=kr.kind.value,
                unit=kr.unit,
                weight=kr.weight,
                completion=snap.evaluation.key_results[kr.id].progress,
                difficulty=kr.difficulty,
                effort=kr.effort,
                suggested=suggestion(snap, kr),
                score=kr.score,
                reason=kr.score_reason or "",
                band=score_band(own_score(snap, kr)),
                peer_score=_mean([r.score for r in reviews.get(kr.id, ())]),
            )
            for kr in snap.krs_of.get(objective.id, ())
        ),
    )


def _mean(scores: list[float]) -> float | None:
    return round1(sum(scores) / len(scores)) if scores else None
