"""What the consensus meeting still has to settle: uncommitted owners, unaligned objectives,
a parent's key results nobody took on, drafts whose weights are off."""

from backend.domain.consensus import Consensus, KeyResultFacts, ObjectiveFacts, consensus
from backend.domain.enums import ObjectiveLevel, ObjectiveState

L, S = ObjectiveLevel, ObjectiveState


def o(
    id: int,
    level: ObjectiveLevel,
    state: ObjectiveState = S.PUBLISHED,
    parent: int | None = None,
    committed: bool = False,
    weights: tuple[float, ...] = (100,),
) -> ObjectiveFacts:
    return ObjectiveFacts(id, level, state, parent, committed, weights)


COMPANY = o(1, L.COMPANY)
TEAM = o(2, L.TEAM, parent=1, committed=True)
TEAM_UNALIGNED = o(3, L.TEAM)
MINE = o(4, L.PERSONAL, parent=2)
MINE_COMMITTED = o(5, L.PERSONAL, parent=2, committed=True)
DRAFT = o(6, L.PERSONAL, S.DRAFT, weights=(60, 30))
DRAFT_EMPTY = o(7, L.PERSONAL, S.DRAFT, parent=2, weights=())
DRAFT_OK = o(8, L.TEAM, S.DRAFT, parent=1, weights=(50, 50))
ARCHIVED = o(9, L.PERSONAL, S.ARCHIVED, weights=(10,))
DRAFT_COMPANY = o(10, L.COMPANY, S.DRAFT, weights=(50, 50))

KRS = [
    KeyResultFacts(11, 1),  # company: covered by a conversion
    KeyResultFacts(12, 1),  # company: nobody took it on
    KeyResultFacts(21, 2),  # team: nobody
    KeyResultFacts(41, 4),  # personal: never a parent's to cover
    KeyResultFacts(81, 8),  # a draft team objective's: not yet a parent
    KeyResultFacts(91, 9),
]


def test_the_meeting_agenda_from_the_data() -> None:
    objectives = [
        COMPANY,
        TEAM,
        TEAM_UNALIGNED,
        MINE,
        MINE_COMMITTED,
        DRAFT,
        DRAFT_EMPTY,
        DRAFT_OK,
        ARCHIVED,
        DRAFT_COMPANY,
    ]
    assert consensus(objectives, KRS, converted_from={11, 91}) == Consensus(
        uncommitted=[3, 4],
        unaligned=[3, 6],
        uncovered=[12, 21],
        weights_off=[6, 7],
    )


def test_nothing_to_settle() -> None:
    assert consensus([COMPANY, TEAM], [KeyResultFacts(11, 1)], {11}) == Consensus()
    assert consensus([], [], ()) == Consensus()
