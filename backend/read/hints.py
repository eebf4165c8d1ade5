"""Writing hints for saved objectives and key results: the lint (domain/hints) read with what
the rows know — a key result's kind, due date and numbers, an objective's key results' weights.

No I/O: callers pass rows they already hold (the board's snapshot, a meeting's agenda), so
asking for hints adds no statement.
"""

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from ..domain.enums import HintTarget, ProgressSource
from ..domain.hints import WritingHint, lint
from ..models import KeyResult, Objective


def is_measured(kr: KeyResult) -> bool:
    """Whether the key result's number lives outside its title — a target or a band in its
    fields, or progress counted from tasks or aligned objectives — so the title need not repeat
    it. The editor asks the same of the form (frontend lib/krlogic.js `isMeasured`)."""
    has_numbers = kr.target_value is not None or (
        kr.range_min is not None and kr.range_max is not None
    )
    return has_numbers or kr.progress_source is not ProgressSource.MANUAL


def key_result_hints(kr: KeyResult, locale: str) -> list[WritingHint]:
    return lint(
        kr.title,
        HintTarget.KEY_RESULT,
        kr.kind,
        kr.due_date,
        locale,
        measured=is_measured(kr),
    )


def objective_hints(
    objective: Objective, key_results: Sequence[KeyResult], locale: str
) -> list[WritingHint]:
    """On its title, then on its key results as a set (`key_results`: the non-archived ones)."""
    weights = [kr.weight for kr in key_results]
    return lint(objective.title, HintTarget.OBJECTIVE, locale=locale, kr_weights=weights)


@dataclass(frozen=True, slots=True)
class ObjectiveHints:
    objective: list[WritingHint]
    key_results: dict[int, list[WritingHint]]  # key result id → its hints, each KR listed


def hints_for_objectives(
    objectives: Iterable[Objective],
    krs_of: Mapping[int, Sequence[KeyResult]],
    locale: str,
) -> dict[int, ObjectiveHints]:
    """Each objective's hints and those of its key results, by objective id — e.g. the drafts
    of a roundtable meeting's agenda. `krs_of`: objective id → its non-archived key results
    (Snapshot.krs_of)."""
    found = {}
    for o in objectives:
        krs = krs_of.get(o.id, ())
        found[o.id] = ObjectiveHints(
            objective_hints(o, krs, locale),
            {kr.id: key_result_hints(kr, locale) for kr in krs},
        )
    return found
