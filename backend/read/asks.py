"""What the cycle's phase asks of the viewer (domain/asks.py), counted from their snapshot of
the cycle and three more queries, however large the cycle."""

from ..domain.asks import Ask, AskedKeyResult, AskedObjective, viewer_asks
from ..domain.enums import ObjectiveState, StatusReason
from .retro import is_committed, lessons_of, reviewed_by, reviewers_of
from .snapshot import Snapshot


async def asks_of(snap: Snapshot, viewer_id: int) -> list[tuple[Ask, int]]:
    live = [o for o in snap.objectives.values() if o.state != ObjectiveState.ARCHIVED]
    ids = [o.id for o in live]
    reviewers = await reviewers_of(ids) if ids else {}
    lessons = await lessons_of(ids) if ids else {}
    mine_reviewed = frozenset(await reviewed_by(viewer_id, snap.cycle.id))
    me = frozenset({viewer_id})
    objectives = [
        AskedObjective(
            o.id,
            o.owner_id,
            o.level,
            o.state,
            committed=is_committed(o),
            has_lessons=o.id in lessons,
            reviewer_ids=frozenset(reviewers.get(o.id, ())),
        )
        for o in live
    ]
    key_results = [
        AskedKeyResult(
            kr.objective_id,
            kr.owner_id,
            scored=kr.score is not None,
            stale=StatusReason.STALE in snap.evaluation.key_results[kr.id].reasons,
            reviewed_by=me if kr.id in mine_reviewed else frozenset(),
        )
        for o in live
        for kr in snap.krs_of.get(o.id, ())
    ]
    return viewer_asks(snap.cycle.phase, viewer_id, objectives, key_results)
