"""Scores for the retrospective (复盘, DESIGN §4)."""

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_EVEN, ROUND_HALF_UP, Decimal

from .enums import ScoreBand
from .errors import InvalidInput
from .progress import clamp
from .validation import LIMITS, validate_factor, validate_score, validate_text

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


# --- the owner's final score and the peers' (复盘: 打分, 互评) --------------------------------

# a peer's score this far from the owner's is worth talking about (issue 12)
PEER_GAP = 0.3


@dataclass(frozen=True, slots=True)
class Scored:
    difficulty: float
    effort: float
    score: float  # the final score
    suggested: float
    reason: str


def final_score(
    completion: float,
    difficulty: float,
    effort: float,
    score: float | None = None,
    reason: str | None = None,
) -> Scored:
    """The owner scores a key result: difficulty and effort in [0, 1] (0.5 = normal) give the
    suggestion; the final score is the suggestion unless one is given, and a final score
    other than the suggestion needs a reason (DESIGN §4)."""
    validate_factor(difficulty, "difficulty")
    validate_factor(effort, "effort")
    suggested = suggested_score(completion, difficulty, effort)
    if score is not None:
        validate_score(score)
    final = suggested if score is None else round1(score)
    why = validate_text(reason, "reason", max_len=LIMITS["reason"]) or ""
    if abs(final - suggested) > _EPS and not why:
        raise InvalidInput("reason", "score.reason_required", suggested=suggested)
    return Scored(difficulty, effort, final, suggested, why)


def mean_score(scores: Sequence[float]) -> float | None:
    """The peers' score of a key result: the mean of their scores, one decimal."""
    return round1(sum(scores) / len(scores)) if scores else None


def gap_flagged(own: float | None, peer: float | None) -> bool:
    """Do the owner's and a peer's score differ by PEER_GAP or more?"""
    if own is None or peer is None:
        return False
    return abs(own - peer) >= PEER_GAP - _EPS
