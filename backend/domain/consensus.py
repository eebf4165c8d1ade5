"""What the consensus meeting (共识会) still has to settle, read from a cycle's objectives (pure).

- uncommitted: published team and personal objectives whose owner has not said "I commit";
- unaligned: team and personal objectives aligned to nothing;
- uncovered: key results of published company and team objectives that no objective was
  converted from (转化上一层级的KR) — a parent's result nobody has taken on;
- weights off: drafts whose weights do not add up to 100 (or that have no key results yet):
  they cannot be published as they are.

Archived objectives are none of the meeting's business.
"""

from collections.abc import Collection, Sequence
from dataclasses import dataclass, field

from .enums import ObjectiveLevel, ObjectiveState
from .validation import weight_hints

_PARENT_LEVELS = frozenset({ObjectiveLevel.COMPANY, ObjectiveLevel.TEAM})


@dataclass(frozen=True, slots=True)
class ObjectiveFacts:
    id: int
    level: ObjectiveLevel
    state: ObjectiveState
    parent_id: int | None
    committed: bool
    weights: tuple[float, ...]  # of its live key results


@dataclass(frozen=True, slots=True)
class KeyResultFacts:
    id: int
    objective_id: int


@dataclass(frozen=True, slots=True)
class Consensus:
    uncommitted: list[int] = field(default_factory=list)  # objective ids
    unaligned: list[int] = field(default_factory=list)  # objective ids
    uncovered: list[int] = field(default_factory=list)  # key result ids
    weights_off: list[int] = field(default_factory=list)  # objective ids


def consensus(
    objectives: Sequence[ObjectiveFacts],
    key_results: Sequence[KeyResultFacts],
    converted_from: Collection[int],
) -> Consensus:
    """`objectives`: those in view, in display order; `key_results`: their live key results;
    `converted_from`: the ids of key results some live objective was converted from."""
    live = [o for o in objectives if o.state is not ObjectiveState.ARCHIVED]
    below = [o for o in live if o.level is not ObjectiveLevel.COMPANY]
    parents = {
        o.id for o in live if o.level in _PARENT_LEVELS and o.state is ObjectiveState.PUBLISHED
    }
    return Consensus(
        uncommitted=[
            o.id for o in below if o.state is ObjectiveState.PUBLISHED and not o.committed
        ],
        unaligned=[o.id for o in below if o.parent_id is None],
        uncovered=[
            kr.id
            for kr in key_results
            if kr.objective_id in parents and kr.id not in converted_from
        ],
        weights_off=[
            o.id for o in live if o.state is ObjectiveState.DRAFT and weight_hints(list(o.weights))
        ],
    )
