import math
from datetime import date
from typing import Any

import pytest

from backend.domain.enums import KRKind, ProgressSource
from backend.domain.errors import InvalidInput
from backend.domain.validation import (
    LIMITS,
    check_in_value,
    current_after_change,
    validate_client_id,
    validate_confidence,
    validate_factor,
    validate_kr_due,
    validate_kr_numbers,
    validate_score,
    validate_text,
    validate_value,
    validate_weight,
    validate_weights_sum,
    weight_hints,
)

K = KRKind
M, T, A = ProgressSource.MANUAL, ProgressSource.TASKS, ProgressSource.ALIGNED
N = None

# kind, source, start, target, range_min, range_max
VALID_KRS = [
    ("increase", (K.INCREASE, M, 100, 120, N, N)),
    ("increase-negative", (K.INCREASE, M, -10, -5, N, N)),
    ("mission", (K.MISSION, M, 0, 80, N, N)),
    ("count-manual", (K.COUNT, M, 0, 30, N, N)),
    ("count-tasks-nothing", (K.COUNT, T, N, N, N, N)),
    ("count-tasks-target", (K.COUNT, T, N, 30, N, N)),
    ("decrease", (K.DECREASE, M, 10, 5, N, N)),
    ("decrease-ceiling-to-hold", (K.DECREASE, M, 4, 5, N, N)),
    ("decrease-ceiling-equal", (K.DECREASE, M, 5, 5, N, N)),
    ("range", (K.RANGE, M, 40, N, 60, 90)),
    ("range-point", (K.RANGE, M, 40, N, 60, 60)),
    ("range-start-inside", (K.RANGE, M, 70, N, 60, 90)),
    ("baseline", (K.BASELINE, M, N, N, N, N)),
    ("baseline-tasks", (K.BASELINE, T, N, N, N, N)),
    ("milestone", (K.MILESTONE, M, N, N, N, N)),
    ("milestone-tasks", (K.MILESTONE, T, N, N, N, N)),
    ("aligned-needs-nothing", (K.INCREASE, A, N, N, N, N)),
    ("aligned-range", (K.RANGE, A, N, N, N, N)),
]


@pytest.mark.parametrize("args", [c[1] for c in VALID_KRS], ids=[c[0] for c in VALID_KRS])
def test_valid_kr_numbers(args: tuple[Any, ...]) -> None:
    validate_kr_numbers(*args)


INVALID_KRS = [
    ("increase-no-start", (K.INCREASE, M, N, 120, N, N), "startValue", "input.required"),
    ("increase-no-target", (K.INCREASE, M, 100, N, N, N), "targetValue", "input.required"),
    ("increase-equal", (K.INCREASE, M, 5, 5, N, N), "targetValue", "kr.target_not_above_start"),
    ("increase-down", (K.INCREASE, M, 5, 1, N, N), "targetValue", "kr.target_not_above_start"),
    ("mission-down", (K.MISSION, M, 5, 1, N, N), "targetValue", "kr.target_not_above_start"),
    ("count-manual-no-start", (K.COUNT, M, N, 30, N, N), "startValue", "input.required"),
    (
        "count-tasks-zero-target",
        (K.COUNT, T, N, 0, N, N),
        "targetValue",
        "kr.target_not_above_start",
    ),
    (
        "count-tasks-target-le-start",
        (K.COUNT, T, 10, 5, N, N),
        "targetValue",
        "kr.target_not_above_start",
    ),
    ("decrease-no-start", (K.DECREASE, M, N, 5, N, N), "startValue", "input.required"),
    ("decrease-no-target", (K.DECREASE, M, 5, N, N, N), "targetValue", "input.required"),
    ("range-inverted", (K.RANGE, M, 40, N, 90, 60), "rangeMin", "kr.range_order"),
    ("range-no-min", (K.RANGE, M, 40, N, N, 60), "rangeMin", "input.required"),
    ("range-no-max", (K.RANGE, M, 40, N, 60, N), "rangeMax", "input.required"),
    ("range-no-start", (K.RANGE, M, N, N, 60, 90), "startValue", "input.required"),
    (
        "aligned-inconsistent",
        (K.INCREASE, A, 5, 1, N, N),
        "targetValue",
        "kr.target_not_above_start",
    ),
    ("tasks-on-increase", (K.INCREASE, T, 0, 10, N, N), "progressSource", "kr.tasks_source_kind"),
    ("tasks-on-range", (K.RANGE, T, 0, N, 1, 2), "progressSource", "kr.tasks_source_kind"),
    ("nan-start", (K.INCREASE, M, math.nan, 10, N, N), "startValue", "input.not_finite"),
    ("inf-target", (K.INCREASE, M, 0, math.inf, N, N), "targetValue", "input.not_finite"),
    ("inf-range", (K.RANGE, M, 0, N, -math.inf, 1), "rangeMin", "input.not_finite"),
    ("nan-on-baseline", (K.BASELINE, M, N, N, N, math.nan), "rangeMax", "input.not_finite"),
]


@pytest.mark.parametrize(
    ("args", "field", "key"), [c[1:] for c in INVALID_KRS], ids=[c[0] for c in INVALID_KRS]
)
def test_invalid_kr_numbers(args: tuple[Any, ...], field: str, key: str) -> None:
    with pytest.raises(InvalidInput) as err:
        validate_kr_numbers(*args)
    assert (err.value.field, err.value.key) == (field, key)


def test_error_params_read_like_input() -> None:
    with pytest.raises(InvalidInput) as err:
        validate_kr_numbers(K.INCREASE, M, 10.0, 3.0, None, None)
    assert err.value.params == {"start": "10"}


def invalid(fn: Any, *args: Any, **kwargs: Any) -> tuple[str | None, str]:
    with pytest.raises(InvalidInput) as err:
        fn(*args, **kwargs)
    return err.value.field, err.value.key


@pytest.mark.parametrize("weight", [0, 0.5, 33.33, 100], ids=str)
def test_valid_weight(weight: float) -> None:
    validate_weight(weight)


@pytest.mark.parametrize("weight", [-0.01, 100.01, math.nan, math.inf], ids=str)
def test_invalid_weight(weight: float) -> None:
    assert invalid(validate_weight, weight)[0] == "weight"


def test_weight_range_params() -> None:
    with pytest.raises(InvalidInput) as err:
        validate_weight(101)
    assert (err.value.key, err.value.params) == ("input.out_of_range", {"min": "0", "max": "100"})


@pytest.mark.parametrize("confidence", [0, 3, 10], ids=str)
def test_valid_confidence(confidence: int) -> None:
    validate_confidence(confidence)


@pytest.mark.parametrize(
    ("confidence", "key"),
    [
        (-1, "input.out_of_range"),
        (11, "input.out_of_range"),
        (5.5, "input.not_integer"),
        (True, "input.not_integer"),
    ],
    ids=["-1", "11", "5.5", "bool"],
)
def test_invalid_confidence(confidence: Any, key: str) -> None:
    assert invalid(validate_confidence, confidence) == ("confidence", key)


@pytest.mark.parametrize("score", [0, 0.1, 0.3, 0.7, 1.0, 0.1 + 0.2], ids=str)
def test_valid_score(score: float) -> None:
    validate_score(score)


@pytest.mark.parametrize(
    ("score", "key"),
    [
        (0.25, "input.one_decimal"),
        (0.05, "input.one_decimal"),
        (-0.1, "input.out_of_range"),
        (1.1, "input.out_of_range"),
        (math.nan, "input.not_finite"),
    ],
    ids=["0.25", "0.05", "-0.1", "1.1", "nan"],
)
def test_invalid_score(score: float, key: str) -> None:
    assert invalid(validate_score, score) == ("score", key)
    assert invalid(validate_score, score, "finalScore") == ("finalScore", key)


@pytest.mark.parametrize(
    ("value", "ok"), [(0, True), (0.5, True), (1, True), (-0.1, False), (1.2, False)], ids=str
)
def test_factor(value: float, ok: bool) -> None:
    if ok:
        validate_factor(value, "difficulty")
    else:
        assert invalid(validate_factor, value, "difficulty") == ("difficulty", "input.out_of_range")


@pytest.mark.parametrize("value", [math.nan, math.inf, -math.inf], ids=str)
def test_value_must_be_finite(value: float) -> None:
    assert invalid(validate_value, value) == ("value", "input.not_finite")


def test_value_finite_ok() -> None:
    validate_value(-1e12)


WEIGHT_SUMS = [
    ("exact", [50, 30, 20], None, []),
    ("within-tolerance", [33.33, 33.33, 33.34], None, []),
    ("tolerance-edge", [99.99], None, []),
    ("tolerance-edge-over", [60, 40.01], None, []),
    ("thirds-rounded", [33.33, 33.33, 33.33], None, []),
    ("under", [50, 30], ("weights", "okr.weights_not_100"), ["hint.weights_not_100"]),
    ("over", [60, 60], ("weights", "okr.weights_not_100"), ["hint.weights_not_100"]),
    ("just-outside", [99.98], ("weights", "okr.weights_not_100"), ["hint.weights_not_100"]),
    ("just-outside-over", [100.02], ("weights", "okr.weights_not_100"), ["hint.weights_not_100"]),
    ("all-zero", [0, 0], ("weights", "okr.weights_not_100"), ["hint.weights_not_100"]),
    ("no-krs", [], ("keyResults", "okr.no_key_results"), ["hint.no_key_results"]),
]


@pytest.mark.parametrize(
    ("weights", "error", "hints"), [c[1:] for c in WEIGHT_SUMS], ids=[c[0] for c in WEIGHT_SUMS]
)
def test_weights_sum_and_hints(
    weights: list[float], error: tuple[str, str] | None, hints: list[str]
) -> None:
    if error is None:
        validate_weights_sum(weights)
    else:
        assert invalid(validate_weights_sum, weights) == error
    assert weight_hints(weights) == hints


def test_weights_total_in_message_params() -> None:
    with pytest.raises(InvalidInput) as err:
        validate_weights_sum([50, 30.004])
    assert err.value.params == {"total": "80"}


TEXT_OK = [
    ("strips", "  Ship it  ", {}, "Ship it"),
    ("none-optional", None, {}, None),
    ("empty-optional", "   ", {}, ""),
    ("exactly-max", "x" * 10, {}, "x" * 10),
    ("surrounding-space-not-counted", "  " + "x" * 10 + "\n", {}, "x" * 10),
    ("min-len-met", "ab", {"min_len": 2}, "ab"),
    ("empty-optional-skips-min", "", {"min_len": 2}, ""),
    ("cjk-counts-characters", "目" * 10, {}, "目" * 10),
]


@pytest.mark.parametrize(
    ("value", "kwargs", "expected"), [c[1:] for c in TEXT_OK], ids=[c[0] for c in TEXT_OK]
)
def test_valid_text(value: str | None, kwargs: dict[str, Any], expected: str | None) -> None:
    assert validate_text(value, "title", max_len=10, **kwargs) == expected


TEXT_BAD = [
    ("required-none", None, {"required": True}, "input.required", {}),
    ("required-blank", " \n\t ", {"required": True}, "input.required", {}),
    ("too-long", "x" * 11, {}, "input.too_long", {"max": 10}),
    ("too-short", "a", {"min_len": 2}, "input.too_short", {"min": 2}),
]


@pytest.mark.parametrize(
    ("value", "kwargs", "key", "params"), [c[1:] for c in TEXT_BAD], ids=[c[0] for c in TEXT_BAD]
)
def test_invalid_text(
    value: str | None, kwargs: dict[str, Any], key: str, params: dict[str, Any]
) -> None:
    with pytest.raises(InvalidInput) as err:
        validate_text(value, "title", max_len=10, **kwargs)
    assert (err.value.field, err.value.key, err.value.params) == ("title", key, params)


CLIENT_IDS = [
    ("none", None, True),
    ("device-made", "mh3k2x-4fz9qa-12", True),
    ("uuid", "0b4a7c1e-3d2f-4a5b-9c8d-7e6f5a4b3c2d", True),
    ("all-allowed-characters", "Az09_.:-", True),
    ("longest", "x" * 64, True),
    ("empty", "", False),
    ("too-long", "x" * 65, False),
    ("space", "a b", False),
    ("slash", "a/b", False),
    ("non-ascii", "签到", False),
    ("newline", "abc\n", False),
]


@pytest.mark.parametrize(
    ("value", "ok"), [c[1:] for c in CLIENT_IDS], ids=[c[0] for c in CLIENT_IDS]
)
def test_client_id(value: str | None, ok: bool) -> None:
    if ok:
        assert validate_client_id(value) == value
        return
    with pytest.raises(InvalidInput) as err:
        validate_client_id(value)
    assert (err.value.field, err.value.key, err.value.params) == (
        "clientId",
        "input.invalid_client_id",
        {"max": 64},
    )


def test_limits_cover_text_fields() -> None:
    assert LIMITS["title"] == 200
    assert LIMITS["comment"] >= LIMITS["note"] > LIMITS["unit"]
    assert set(LIMITS) >= {"title", "description", "note", "unit", "name", "displayName"}


DUE_CASES = [
    ("milestone-with-date", K.MILESTONE, date(2025, 10, 31), None),
    ("milestone-without-date", K.MILESTONE, None, ("dueDate", "kr.milestone_needs_due")),
    ("baseline-without-date", K.BASELINE, None, None),
    ("increase-without-date", K.INCREASE, None, None),
]


@pytest.mark.parametrize(
    ("kind", "due", "error"), [c[1:] for c in DUE_CASES], ids=[c[0] for c in DUE_CASES]
)
def test_kr_due(kind: KRKind, due: date | None, error: tuple[str, str] | None) -> None:
    if error is None:
        validate_kr_due(kind, due)
    else:
        assert invalid(validate_kr_due, kind, due) == error


# (name, kind, source, value, stored value or the error's key)
CHECK_IN_VALUES: list[tuple[str, KRKind, ProgressSource, float | None, float | str | None]] = [
    ("increase", K.INCREASE, M, 5, 5),
    ("negative", K.DECREASE, M, -3, -3),
    ("zero", K.INCREASE, M, 0, 0),
    ("baseline-done", K.BASELINE, M, 1, 1),
    ("baseline-not-done", K.BASELINE, M, 0, 0),
    ("baseline-half", K.BASELINE, M, 0.5, "checkin.done_or_not"),
    ("milestone-five", K.MILESTONE, M, 5, "checkin.done_or_not"),
    ("missing", K.INCREASE, M, N, "input.required"),
    ("nan", K.INCREASE, M, math.nan, "input.not_finite"),
    ("inf-on-milestone", K.MILESTONE, M, math.inf, "input.not_finite"),
    ("limit", K.INCREASE, M, 1e12, 1e12),
    ("beyond-limit", K.INCREASE, M, 1e12 + 1, "input.out_of_range"),
    ("beyond-negative-limit", K.RANGE, M, -2e12, "input.out_of_range"),
    ("tasks-confidence-only", K.COUNT, T, N, N),
    ("tasks-value-refused", K.COUNT, T, 3, "checkin.value_not_manual"),
    ("aligned-value-refused", K.INCREASE, A, 3, "checkin.value_not_manual"),
]


@pytest.mark.parametrize(
    ("kind", "source", "value", "outcome"),
    [c[1:] for c in CHECK_IN_VALUES],
    ids=[c[0] for c in CHECK_IN_VALUES],
)
def test_check_in_value(
    kind: KRKind, source: ProgressSource, value: float | None, outcome: float | str | None
) -> None:
    if isinstance(outcome, str):
        assert invalid(check_in_value, kind, source, value) == ("value", outcome)
    else:
        assert check_in_value(kind, source, value) == outcome


# (name, kind before, kind after, source after, value shown before, value stored after)
KIND_CHANGES = [
    ("increase-at-5-to-baseline-not-done", K.INCREASE, K.BASELINE, M, 5, N),
    ("increase-at-1-to-baseline-not-done", K.INCREASE, K.BASELINE, M, 1, N),
    ("baseline-done-to-increase-starts-over", K.BASELINE, K.INCREASE, M, 1, N),
    ("baseline-done-to-milestone-stays-done", K.BASELINE, K.MILESTONE, M, 1, 1),
    ("milestone-not-done-to-baseline", K.MILESTONE, K.BASELINE, M, 0, 0),
    ("increase-to-decrease-keeps-reading", K.INCREASE, K.DECREASE, M, 7.5, 7.5),
    ("decrease-to-range-keeps-reading", K.DECREASE, K.RANGE, M, 70, 70),
    ("count-to-mission", K.COUNT, K.MISSION, M, 12, 12),
    ("no-reading-stays-none", K.INCREASE, K.DECREASE, M, N, N),
    ("tasks-count-to-manual-carries-done-tasks", K.COUNT, K.COUNT, M, 4, 4),
    ("tasks-milestone-to-manual-done", K.MILESTONE, K.MILESTONE, M, 1, 1),
    ("manual-to-tasks-stores-nothing", K.COUNT, K.COUNT, T, 4, N),
    ("manual-to-aligned-stores-nothing", K.INCREASE, K.INCREASE, A, 4, N),
    ("aligned-increase-to-manual-carries-value", K.INCREASE, K.INCREASE, M, 80, 80),
    ("reading-a-check-in-refuses-is-dropped", K.INCREASE, K.COUNT, M, 2e12, N),
]


@pytest.mark.parametrize(
    ("before", "after", "source", "shown", "stored"),
    [c[1:] for c in KIND_CHANGES],
    ids=[c[0] for c in KIND_CHANGES],
)
def test_current_after_kind_or_source_change(
    before: KRKind,
    after: KRKind,
    source: ProgressSource,
    shown: float | None,
    stored: float | None,
) -> None:
    got = current_after_change(
        kind_before=before, kind_after=after, source_after=source, shown=shown
    )
    assert got == stored
    if source is M and got is not None:
        assert check_in_value(after, M, got) == got  # what is kept, a check-in would accept
