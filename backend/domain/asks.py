"""What the cycle's phase asks of one person (pure): "2 of your objectives are still drafts",
"score 3 key results". Each phase asks for its meeting's work; an item is asked of whoever has
to do it, and only what is still to do is counted.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from .enums import CyclePhase, ObjectiveLevel, ObjectiveState


class Ask(StrEnum):
    DRAFTS_TO_DISCUSS = "DRAFTS_TO_DISCUSS"  # my drafts, for the roundtable (圆桌会)
    DRAFTS_TO_PUBLISH = "DRAFTS_TO_PUBLISH"  # my drafts, once they may be published
    OBJECTIVES_TO_COMMIT = "OBJECTIVES_TO_COMMIT"  # my published team/personal objectives
    KRS_TO_CHECK_IN = "KRS_TO_CHECK_IN"  # my key results gone quiet (stale)
    KRS_TO_SCORE = "KRS_TO_SCORE"  # key results of my objectives without a final score
    REVIEWS_TO_GIVE = "REVIEWS_TO_GIVE"  # key results I was chosen to review, not yet reviewed
    LESSONS_TO_WRITE = "LESSONS_TO_WRITE"  # my objectives without lessons


P = CyclePhase
ASKED: dict[CyclePhase, tuple[Ask, ...]] = {
    P.DRAFTING: (Ask.DRAFTS_TO_DISCUSS,),
    P.ALIGNING: (Ask.DRAFTS_TO_PUBLISH, Ask.OBJECTIVES_TO_COMMIT),
    P.TRACKING: (Ask.KRS_TO_CHECK_IN, Ask.DRAFTS_TO_PUBLISH, Ask.OBJECTIVES_TO_COMMIT),
    P.REVIEWING: (Ask.KRS_TO_SCORE, Ask.REVIEWS_TO_GIVE, Ask.LESSONS_TO_WRITE),
    P.CLOSED: (),
}


@dataclass(frozen=True, slots=True)
class AskedObjective:
    id: int
    owner_id: int
    level: ObjectiveLevel
    state: ObjectiveState
    committed: bool = False
    has_lessons: bool = False
    reviewer_ids: frozenset[int] = frozenset()


@dataclass(frozen=True, slots=True)
class AskedKeyResult:
    objective_id: int
    owner_id: int | None  # None: the objective's owner answers for it
    scored: bool = False
    stale: bool = False
    reviewed_by: frozenset[int] = frozenset()


def viewer_asks(
    phase: CyclePhase,
    viewer_id: int,
    objectives: Sequence[AskedObjective],
    key_results: Sequence[AskedKeyResult],
) -> list[tuple[Ask, int]]:
    """(what, how many) for each thing the phase asks of the viewer that is still to do, in
    the phase's order. `objectives`: the cycle's live ones the viewer can see; `key_results`:
    their live key results."""
    by_id = {o.id: o for o in objectives}
    published = ObjectiveState.PUBLISHED
    mine = [o for o in objectives if o.owner_id == viewer_id]
    drafts = sum(o.state is ObjectiveState.DRAFT for o in mine)
    mine_published = [o for o in mine if o.state is published]
    # key results of published objectives, with their objective
    live = [(kr, by_id[kr.objective_id]) for kr in key_results if kr.objective_id in by_id]
    live = [(kr, o) for kr, o in live if o.state is published]
    counts = {
        Ask.DRAFTS_TO_DISCUSS: drafts,
        Ask.DRAFTS_TO_PUBLISH: drafts,
        Ask.OBJECTIVES_TO_COMMIT: sum(
            o.level is not ObjectiveLevel.COMPANY and not o.committed for o in mine_published
        ),
        Ask.KRS_TO_CHECK_IN: sum(
            kr.stale and (kr.owner_id or o.owner_id) == viewer_id for kr, o in live
        ),
        Ask.KRS_TO_SCORE: sum(o.owner_id == viewer_id and not kr.scored for kr, o in live),
        Ask.REVIEWS_TO_GIVE: sum(
            viewer_id in o.reviewer_ids and viewer_id not in kr.reviewed_by for kr, o in live
        ),
        Ask.LESSONS_TO_WRITE: sum(not o.has_lessons for o in mine_published),
    }
    return [(ask, counts[ask]) for ask in ASKED[phase] if counts[ask]]
