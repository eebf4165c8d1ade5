"""Medians and percentiles (nearest-rank on sorted samples: no interpolation surprises)."""

import math
from collections.abc import Sequence


def percentile(samples: Sequence[float], p: float) -> float:
    """The p-th percentile (0 < p ≤ 100) by nearest rank; NaN for no samples."""
    if not samples:
        return math.nan
    ordered = sorted(samples)
    rank = max(1, math.ceil(p / 100 * len(ordered)))
    return ordered[min(rank, len(ordered)) - 1]


def median(samples: Sequence[float]) -> float:
    if not samples:
        return math.nan
    ordered = sorted(samples)
    mid = len(ordered) // 2
    return ordered[mid] if len(ordered) % 2 else (ordered[mid - 1] + ordered[mid]) / 2


def summary_ms(samples_s: Sequence[float]) -> dict[str, float]:
    """p50 / p99 / max in milliseconds of samples in seconds."""
    return {
        "n": len(samples_s),
        "p50_ms": percentile(samples_s, 50) * 1000,
        "p99_ms": percentile(samples_s, 99) * 1000,
        "max_ms": (max(samples_s) * 1000) if samples_s else math.nan,
    }
