"""What each phase asks of one person, counted from what is still to do."""

import pytest

from backend.domain.asks import (
    ASKED,
    Ask,
    AskedKeyResult,
    AskedObjective,
    viewer_asks,
)
from backend.domain.enums import CyclePhase, ObjectiveLevel, ObjectiveState

ME, OTHER, PEER = 1, 2, 3
L, S, P = ObjectiveLevel, ObjectiveState, CyclePhase

OBJECTIVES = [
    AskedObjective(10, ME, L.PERSONAL, S.DRAFT),
    AskedObjective(11, ME, L.PERSONAL, S.DRAFT),
    AskedObjective(12, ME, L.PERSONAL, S.PUBLISHED, committed=True, has_lessons=True),
    AskedObjective(13, ME, L.TEAM, S.PUBLISHED, reviewer_ids=frozenset({PEER})),
    AskedObjective(14, ME, L.COMPANY, S.PUBLISHED),  # company objectives are not committed
    AskedObjective(20, OTHER, L.PERSONAL, S.PUBLISHED, reviewer_ids=frozenset({ME, PEER})),
    AskedObjective(21, OTHER, L.PERSONAL, S.DRAFT, reviewer_ids=frozenset({ME})),
]
KEY_RESULTS = [
    AskedKeyResult(10, ME, stale=True),  # a draft's: nothing to check in yet
    AskedKeyResult(12, ME, scored=True, stale=True),
    AskedKeyResult(13, None, stale=True),  # no owner of its own: the objective's owner's
    AskedKeyResult(13, OTHER, stale=True),  # someone else's KR on my objective
    AskedKeyResult(14, ME, scored=True),
    AskedKeyResult(20, ME, stale=True),  # mine on someone else's objective
    AskedKeyResult(20, OTHER, reviewed_by=frozenset({ME})),
    AskedKeyResult(20, OTHER),
    AskedKeyResult(21, OTHER),  # a draft's: nobody reviews it
    AskedKeyResult(99, ME, stale=True),  # under an objective out of view
]


@pytest.mark.parametrize(
    ("phase", "viewer", "asks"),
    [
        (P.DRAFTING, ME, [(Ask.DRAFTS_TO_DISCUSS, 2)]),
        (P.ALIGNING, ME, [(Ask.DRAFTS_TO_PUBLISH, 2), (Ask.OBJECTIVES_TO_COMMIT, 1)]),
        (
            P.TRACKING,
            ME,
            [(Ask.KRS_TO_CHECK_IN, 3), (Ask.DRAFTS_TO_PUBLISH, 2), (Ask.OBJECTIVES_TO_COMMIT, 1)],
        ),
        (
            P.REVIEWING,
            ME,
            [(Ask.KRS_TO_SCORE, 2), (Ask.REVIEWS_TO_GIVE, 2), (Ask.LESSONS_TO_WRITE, 2)],
        ),
        (P.CLOSED, ME, []),
        (P.REVIEWING, PEER, [(Ask.REVIEWS_TO_GIVE, 5)]),
        (P.REVIEWING, OTHER, [(Ask.KRS_TO_SCORE, 3), (Ask.LESSONS_TO_WRITE, 1)]),
        (
            P.TRACKING,
            OTHER,
            [(Ask.KRS_TO_CHECK_IN, 1), (Ask.DRAFTS_TO_PUBLISH, 1), (Ask.OBJECTIVES_TO_COMMIT, 1)],
        ),
        (P.ALIGNING, 42, []),  # someone with nothing in this cycle
    ],
)
def test_what_the_phase_asks(phase: CyclePhase, viewer: int, asks: list[tuple[Ask, int]]) -> None:
    assert viewer_asks(phase, viewer, OBJECTIVES, KEY_RESULTS) == asks


def test_every_phase_asks_something_but_the_closed_one() -> None:
    assert set(ASKED) == set(CyclePhase)
    assert [p for p, asks in ASKED.items() if not asks] == [P.CLOSED]
    assert {a for asks in ASKED.values() for a in asks} == set(Ask)
