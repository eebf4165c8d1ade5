"""Scores for the retrospective (复盘, DESIGN §4)."""

from collections.abc import Sequence
from decimal import ROUND_HALF_EVEN, ROUND_HALF_UP, Decimal

from .enums import ScoreBand
from .progress import clamp

# Scores have one decimal; comparisons tolerate binary artefacts such as 0.1 + 0.6.
_EPS = 1e-9


def round1(x: float) -> float:
    """Round half up to one decimal (0.25 -> 0.3, 0.65 -> 0.7)."""
    # Snap to 9 places first so that a sum like 0.6499999999999999 that "is" 0.65 rounds up.
    snapped = Decimal(x).quantize(Decimal("1e-9"), rounding=ROUND_HALF_EVEN)
    return float(snapped.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))


def suggested_score(completion: float, difficulty: float = 0.5, effort: float = 0.5) -> float:
    return round1(clamp(0.6 * completion + 0.2 * difficulty + 0.2 * effort))


def objective_score(weighted: Sequence[tuple[float, float]]) -> float | None:
    """Weighted mean of (weight, score) pairs, one decimal; None without key results. All
    weights 0 (a draft): the plain mean."""
    if not weighted:
        return None
    total = sum(w for w, _ in weighted)
    if total > 0:
        return round1(sum(w * s for w, s in weighted) / total)
    return round1(sum(s for _, s in weighted) / len(weighted))


def objective_score_or_suggested(
    key_results: Sequence[tuple[float, float | None, float]],
) -> float | None:
    """DESIGN §4: (weight, final score or None, suggested score) per live key result; the
    suggestion stands in for a KR without a final score. None without key results."""
    return objective_score(
        [(w, suggested if final is None else final) for w, final, suggested in key_results]
    )


def score_band(score: float) -> ScoreBand:
    """DESIGN §4's bands, read on the one-decimal score (scores have one decimal): >= 0.7
    GREEN, 0.4-0.6 YELLOW, <= 0.3 RED. A raw mean between two steps falls where it rounds
    to, half up: 0.65 is 0.7 (GREEN), 0.35 is 0.4 (YELLOW), 0.34 is 0.3 (RED). The ambitious
    sweet spot 0.6-0.7 (`is_sweet_spot`) straddles YELLOW and GREEN: it is a mark, not a band."""
    rounded = round1(score)
    if rounded >= 0.7 - _EPS:
        return ScoreBand.GREEN
    if rounded <= 0.3 + _EPS:
        return ScoreBand.RED
    return ScoreBand.YELLOW


def is_sweet_spot(score: float) -> bool:
    """0.6-0.7 on the one-decimal score: ambitious enough to stretch, yet mostly achieved."""
    return 0.6 - _EPS <= round1(score) <= 0.7 + _EPS
