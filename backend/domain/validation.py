"""Input rules, checked on write so that stored numbers always make sense (DESIGN §4).

Errors name the offending field as the GraphQL input spells it.
"""

import math
import re
from collections.abc import Sequence
from datetime import date

from .enums import KRKind, ProgressSource
from .errors import InvalidInput
from .progress import BINARY_KINDS, GROWTH_KINDS, TASK_KINDS

LIMITS: dict[str, int] = {
    "title": 200,
    "description": 5000,
    "note": 2000,
    "unit": 20,
    "name": 100,
    "displayName": 80,
    "comment": 5000,
    "reason": 500,
}

# Published weights must sum to 100 within this tolerance (percentages with decimals).
WEIGHT_SUM_TOLERANCE = 0.01
_EPS = 1e-9


def _fmt(x: float) -> str:
    # Numbers in messages read like the user typed them: "10", not "10.0".
    return f"{x:.15g}"


def validate_value(value: float, field: str = "value") -> None:
    if not math.isfinite(value):
        raise InvalidInput(field, "input.not_finite")


def _within(value: float, field: str, lo: float, hi: float) -> None:
    validate_value(value, field)
    if not lo <= value <= hi:
        raise InvalidInput(field, "input.out_of_range", min=_fmt(lo), max=_fmt(hi))


def _require(field: str, value: float | None) -> None:
    if value is None:
        raise InvalidInput(field, "input.required")


def validate_kr_numbers(
    kind: KRKind,
    source: ProgressSource,
    start: float | None,
    target: float | None,
    range_min: float | None,
    range_max: float | None,
) -> None:
    numbers = (
        ("startValue", start),
        ("targetValue", target),
        ("rangeMin", range_min),
        ("rangeMax", range_max),
    )
    for field, value in numbers:
        if value is not None:
            validate_value(value, field)
    if source is ProgressSource.TASKS and kind not in TASK_KINDS:
        raise InvalidInput("progressSource", "kr.tasks_source_kind")
    # Numbers drive progress only for manual check-ins; tasks and aligned objectives need none,
    # but numbers that are given must still be consistent.
    manual = source is ProgressSource.MANUAL

    if kind in GROWTH_KINDS:
        if kind is KRKind.COUNT and source is ProgressSource.TASKS and start is None:
            start = 0.0  # counting done tasks starts from zero
        if manual:
            _require("startValue", start)
            _require("targetValue", target)
        if start is not None and target is not None and not target > start:
            raise InvalidInput("targetValue", "kr.target_not_above_start", start=_fmt(start))
    elif kind is KRKind.DECREASE:
        # start > target: a way down to go; start <= target: a ceiling to hold (both valid)
        if manual:
            _require("startValue", start)
            _require("targetValue", target)
    elif kind is KRKind.RANGE:
        if manual:
            _require("rangeMin", range_min)
            _require("rangeMax", range_max)
            _require("startValue", start)
        if range_min is not None and range_max is not None and range_min > range_max:
            raise InvalidInput("rangeMin", "kr.range_order", max=_fmt(range_max))


def validate_kr_due(kind: KRKind, due: date | None) -> None:
    """A milestone is a date: it cannot be saved without one (DESIGN §4)."""
    if kind is KRKind.MILESTONE and due is None:
        raise InvalidInput("dueDate", "kr.milestone_needs_due")


# A reading beyond this is a typo, not a measurement (and would swamp the ratios).
MAX_READING = 1e12


def _reading_problem(kind: KRKind, value: float) -> tuple[str, dict[str, str]] | None:
    """Why `value` cannot be the reading of a `kind` key result: (message key, params)."""
    if not math.isfinite(value):
        return "input.not_finite", {}
    if kind in BINARY_KINDS and value not in (0, 1):
        return "checkin.done_or_not", {}
    if abs(value) > MAX_READING:
        return "input.out_of_range", {"min": _fmt(-MAX_READING), "max": _fmt(MAX_READING)}
    return None


def check_in_value(kind: KRKind, source: ProgressSource, value: float | None) -> float | None:
    """The reading a check-in stores, or InvalidInput on `value`. Only a MANUAL key result
    takes one; tasks or aligned objectives drive the others (the check-in then carries only
    confidence and a note, and stores nothing: None)."""
    if source is not ProgressSource.MANUAL:
        if value is not None:
            raise InvalidInput("value", "checkin.value_not_manual")
        return None
    if value is None:
        raise InvalidInput("value", "input.required")
    problem = _reading_problem(kind, value)
    if problem is not None:
        key, params = problem
        raise InvalidInput("value", key, **params)
    return value


def current_after_change(
    *, kind_before: KRKind, kind_after: KRKind, source_after: ProgressSource, shown: float | None
) -> float | None:
    """The current value to store once a key result's kind or source changed (DESIGN §4:
    re-validated against the new kind, never silently turned into progress).

    `shown`: the value the KR reported before the change — its latest reading (None if it has
    none), or what its tasks or aligned objectives made it (`Measure.current`), so that a KR
    switched back to MANUAL carries on from where it stood. Returns None — back to its
    start, not done — when the old value means nothing now: a done/not-done KR and a number
    measure different things (an INCREASE at 5 made a BASELINE is not done), and a value a
    check-in would refuse is not kept. A KR whose tasks or objectives drive it stores none."""
    if source_after is not ProgressSource.MANUAL or shown is None:
        return None
    if (kind_before in BINARY_KINDS) != (kind_after in BINARY_KINDS):
        return None
    return None if _reading_problem(kind_after, shown) else shown


def validate_weight(weight: float) -> None:
    _within(weight, "weight", 0, 100)


def validate_confidence(confidence: int) -> None:
    # bool is an int subclass; True is not a confidence level.
    if isinstance(confidence, bool) or not isinstance(confidence, int):
        raise InvalidInput("confidence", "input.not_integer")
    _within(confidence, "confidence", 0, 10)


def validate_score(score: float, field: str = "score") -> None:
    _within(score, field, 0, 1)
    if abs(score * 10 - round(score * 10)) > _EPS:
        raise InvalidInput(field, "input.one_decimal")


def validate_factor(value: float, field: str) -> None:
    _within(value, field, 0, 1)


def _sums_to_100(weights: Sequence[float]) -> bool:
    return abs(sum(weights) - 100) <= WEIGHT_SUM_TOLERANCE + _EPS


def validate_weights_sum(weights: Sequence[float]) -> None:
    """Publishing rule: at least one key result, weights summing to 100."""
    if not weights:
        raise InvalidInput("keyResults", "okr.no_key_results")
    if not _sums_to_100(weights):
        raise InvalidInput("weights", "okr.weights_not_100", total=_fmt(round(sum(weights), 2)))


def weight_hints(weights: Sequence[float]) -> list[str]:
    """Writing hints for a draft, as message keys; drafts may break the publishing rule."""
    if not weights:
        return ["hint.no_key_results"]
    if not _sums_to_100(weights):
        return ["hint.weights_not_100"]
    return []


CLIENT_ID = re.compile(r"[A-Za-z0-9_.:-]{1,64}")


def validate_client_id(value: str | None) -> str | None:
    """An id the client picks for a write it may send again (its offline outbox's)."""
    if value is not None and not CLIENT_ID.fullmatch(value):
        raise InvalidInput("clientId", "input.invalid_client_id", max=64)
    return value


def validate_text(
    value: str | None,
    field: str,
    *,
    max_len: int,
    required: bool = False,
    min_len: int = 0,
) -> str | None:
    """Strip and check a text input; returns the value to store."""
    if value is None:
        if required:
            raise InvalidInput(field, "input.required")
        return None
    text = value.strip()
    if not text:
        if required:
            raise InvalidInput(field, "input.required")
        return text
    if len(text) > max_len:
        raise InvalidInput(field, "input.too_long", max=max_len)
    if len(text) < min_len:
        raise InvalidInput(field, "input.too_short", min=min_len)
    return text
