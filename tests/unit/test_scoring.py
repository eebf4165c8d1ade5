import pytest

from backend.domain.enums import ScoreBand
from backend.domain.scoring import (
    is_sweet_spot,
    objective_score,
    objective_score_or_suggested,
    round1,
    score_band,
    suggested_score,
)

ROUND_CASES = [
    ("0.25-half-up", 0.25, 0.3),
    ("0.65-half-up", 0.65, 0.7),
    ("0.05-half-up", 0.05, 0.1),
    ("0.35-binary-below", 0.35, 0.4),
    ("0.15-binary-below", 0.15, 0.2),
    ("0.45", 0.45, 0.5),
    ("0.95", 0.95, 1.0),
    ("sum-artefact", 0.6 * 0.75 + 0.2 * 0.5 + 0.2 * 0.5, 0.7),
    ("below-half", 0.649, 0.6),
    ("exact", 0.3, 0.3),
    ("zero", 0.0, 0.0),
    ("one", 1.0, 1.0),
]


@pytest.mark.parametrize(
    ("x", "expected"), [c[1:] for c in ROUND_CASES], ids=[c[0] for c in ROUND_CASES]
)
def test_round1(x: float, expected: float) -> None:
    assert round1(x) == expected


SUGGESTED_CASES = [
    ("all-done-normal", (1.0,), 0.8),
    ("nothing-normal", (0.0,), 0.2),
    ("half-normal", (0.5,), 0.5),
    ("three-quarters-rounds-up", (0.75,), 0.7),
    ("done-hard-hard", (1.0, 1.0, 1.0), 1.0),
    ("nothing-easy-lazy", (0.0, 0.0, 0.0), 0.0),
    ("clamped-high", (1.5, 1.0, 1.0), 1.0),
    ("half-hard", (0.5, 1.0, 0.5), 0.6),
    ("quarter-easy", (0.25, 0.0, 0.5), 0.3),
]


@pytest.mark.parametrize(
    ("args", "expected"), [c[1:] for c in SUGGESTED_CASES], ids=[c[0] for c in SUGGESTED_CASES]
)
def test_suggested_score(args: tuple[float, ...], expected: float) -> None:
    assert suggested_score(*args) == expected


OBJECTIVE_CASES = [
    ("none", [], None),
    ("weighted", [(60, 1.0), (40, 0.5)], 0.8),
    ("weighted-rounds", [(50, 0.7), (50, 0.6)], 0.7),
    ("zero-weights-mean", [(0, 0.2), (0, 0.4)], 0.3),
    ("zero-weight-ignored", [(100, 0.6), (0, 0.0)], 0.6),
    ("weights-100.01", [(50.01, 1.0), (50, 0.0)], 0.5),
    ("single", [(100, 0.6)], 0.6),
]


@pytest.mark.parametrize(
    ("weighted", "expected"),
    [c[1:] for c in OBJECTIVE_CASES],
    ids=[c[0] for c in OBJECTIVE_CASES],
)
def test_objective_score(weighted: list[tuple[float, float]], expected: float | None) -> None:
    assert objective_score(weighted) == expected


# Bands are read on the one-decimal score: a mean between two steps falls where it rounds to.
BAND_CASES = [
    ("1.0", 1.0, ScoreBand.GREEN),
    ("0.7", 0.7, ScoreBand.GREEN),
    ("0.1+0.6", 0.1 + 0.6, ScoreBand.GREEN),
    ("0.65-rounds-to-0.7", 0.65, ScoreBand.GREEN),
    ("0.649-rounds-to-0.6", 0.649, ScoreBand.YELLOW),
    ("0.6", 0.6, ScoreBand.YELLOW),
    ("0.5", 0.5, ScoreBand.YELLOW),
    ("0.4", 0.4, ScoreBand.YELLOW),
    ("0.35-rounds-to-0.4", 0.35, ScoreBand.YELLOW),
    ("0.349-rounds-to-0.3", 0.349, ScoreBand.RED),
    ("0.3", 0.3, ScoreBand.RED),
    ("0.1+0.2", 0.1 + 0.2, ScoreBand.RED),
    ("0.0", 0.0, ScoreBand.RED),
]


@pytest.mark.parametrize(
    ("score", "band"), [c[1:] for c in BAND_CASES], ids=[c[0] for c in BAND_CASES]
)
def test_score_band(score: float, band: ScoreBand) -> None:
    assert score_band(score) is band


@pytest.mark.parametrize(
    ("score", "sweet"),
    [
        (0.5, False),
        (0.549, False),
        (0.55, True),
        (0.6, True),
        (0.65, True),
        (0.7, True),
        (0.1 + 0.6, True),
        (0.749, True),
        (0.75, False),
        (0.8, False),
    ],
    ids=["0.5", "0.549", "0.55", "0.6", "0.65", "0.7", "0.1+0.6", "0.749", "0.75", "0.8"],
)
def test_sweet_spot(score: float, sweet: bool) -> None:
    assert is_sweet_spot(score) is sweet


# (weight, final score or None, suggested score) per KR
OR_SUGGESTED_CASES = [
    ("no-krs", [], None),
    ("nothing-scored-uses-suggestions", [(60, None, 0.8), (40, None, 0.3)], 0.6),
    ("final-wins-over-suggestion", [(60, 0.2, 0.8), (40, 0.5, 0.3)], 0.3),
    ("suggestion-stands-in-for-one", [(50, 1.0, 0.2), (50, None, 0.4)], 0.7),
    ("final-zero-is-a-score", [(100, 0.0, 0.9)], 0.0),
    ("zero-weight-ignored", [(100, 0.6, 0.6), (0, None, 0.0)], 0.6),
    ("all-zero-weights-mean", [(0, 0.2, 0.9), (0, None, 0.4)], 0.3),
]


@pytest.mark.parametrize(
    ("krs", "expected"),
    [c[1:] for c in OR_SUGGESTED_CASES],
    ids=[c[0] for c in OR_SUGGESTED_CASES],
)
def test_objective_score_with_suggestions(
    krs: list[tuple[float, float | None, float]], expected: float | None
) -> None:
    assert objective_score_or_suggested(krs) == expected
