"""Is a checked-in value plausible for its key result? An implausible one is not refused — it
asks "are you sure?" (a typo such as 2150 on a 12%→25% key result, or −3 people). The web app
mirrors this rule in frontend/src/lib/krlogic.js (`implausibleValue`); both run the shared
table tests/unit/plausibility_cases.json."""

from enum import StrEnum

from .enums import KRKind

# How far past the key result's own scale (start, target, band) a value may stray, in spans:
# 3× the target's distance is over-achievement; further is more likely a slip of the finger.
FAR = 2.0

# Units that cannot go below zero: shares, counts, money, durations (compared lower-case).
NON_NEGATIVE_UNITS = frozenset(
    {
        "%",
        "‰",
        "个",
        "人",
        "位",
        "名",
        "次",
        "件",
        "家",
        "单",
        "篇",
        "条",
        "项",
        "台",
        "套",
        "场",
        "份",
        "元",
        "万元",
        "亿元",
        "万",
        "亿",
        "块",
        "¥",
        "￥",
        "$",
        "€",
        "美元",
        "usd",
        "cny",
        "rmb",
        "eur",
        "pcs",
        "items",
        "users",
        "people",
        "customers",
        "times",
        "ms",
        "s",
        "秒",
        "分钟",
        "小时",
        "天",
        "周",
        "月",
        "min",
        "h",
        "hours",
        "days",
        "weeks",
    }
)


class Implausible(StrEnum):
    NEGATIVE = "NEGATIVE"  # below zero where the unit (or a count) cannot be
    FAR = "FAR"  # far outside the key result's start–target (or band)


def implausible(
    kind: KRKind,
    unit: str,
    value: float,
    start: float | None,
    target: float | None,
    range_min: float | None = None,
    range_max: float | None = None,
) -> Implausible | None:
    """Why `value` deserves a second look, or None. Done/not done kinds take 0 or 1 only."""
    if kind in (KRKind.BASELINE, KRKind.MILESTONE):
        return None
    if value < 0 and (kind == KRKind.COUNT or unit.strip().lower() in NON_NEGATIVE_UNITS):
        return Implausible.NEGATIVE
    scale = [v for v in (start, target, range_min, range_max) if v is not None]
    if not scale:
        return None
    lo, hi = min(scale), max(scale)
    # a point (start = target, a one-value band): its own size stands in for the span
    span = hi - lo or abs(hi) or 1.0
    if value < lo - FAR * span or value > hi + FAR * span:
        return Implausible.FAR
    return None
