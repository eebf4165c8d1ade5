"""What a coach would say about a key result or an objective, as findings: a code, the message
to show (its catalogue key and parameters) and the span at fault.

One problem, one hint: routine work is called an activity, not also unmeasurable; a one-off
deliverable needs a date, not a number; a milestone's missing date is a kind mismatch, not also a
missing deadline.
"""

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from itertools import pairwise

from ..enums import HintCode, KRKind
from ..validation import weight_hints
from .lexicon import MAKE_SENSES, MEANS, RESULT_SENSES, Sense, Word
from .numbers import Measure, Quantity
from .reading import Reading
from .text import Span, overflow, trim

# Reading units (text.overflow): a key result is one line on the board, an objective less.
KR_LIMIT = 50
OBJECTIVE_LIMIT = 30
# More key results than this and an objective loses focus (the method: three to five).
MAX_KRS = 5

_NUMERIC_KINDS = frozenset({KRKind.INCREASE, KRKind.DECREASE, KRKind.RANGE, KRKind.COUNT})
_GROWING_KINDS = frozenset({KRKind.INCREASE, KRKind.COUNT})
_UP = (Sense.UP, Sense.UP_LIMIT)
_DOWN = (Sense.DOWN, Sense.DOWN_LIMIT)


@dataclass(frozen=True, slots=True)
class Finding:
    code: HintCode
    key: str  # in catalogue.MESSAGES
    span: Span | None = None
    params: dict[str, str] = field(default_factory=dict)


# After an outcome verb, a single object: 招聘一名产品经理, hire a VP of Sales, close the deal.
_SINGLE = re.compile(
    r"\s?(?:一\s?[名位家个份项笔张单台]|(?:a|an|one|the|our|its|their)\s)", re.IGNORECASE
)


def _one_off(r: Reading) -> Word | None:
    """The verb of a one-off deliverable, done or not done with no number to move: 上线新官网,
    launch the pricing page, 招聘一名产品经理, hire a VP of Sales."""
    if r.has(Sense.UP, Sense.DOWN, Sense.VAGUE):
        return None
    deliverable = r.first(*MAKE_SENSES)
    if deliverable is not None and not r.measures:
        return deliverable
    if all(q.measure is Measure.NUMBER and q.value == 1 for q in r.measures):
        return next((w for w in r.of(Sense.ACHIEVE) if _SINGLE.match(r.text, w.span.end)), None)
    return None


def _about_meeting(q: Quantity, r: Reading) -> bool:
    """每周开 1 次例会, two weekly syncs: the count of a routine meeting measures nothing."""
    return any(
        0 <= m.span.start - q.span.end <= 8
        and not re.search(r"[,;。、]", r.text[q.span.end : m.span.start])
        for m in r.of(Sense.MEETING)
    )


def _routine(r: Reading, w: Word) -> bool:
    """Whether `w` marks routine work. An English work verb does only where it leads its
    clause (Support the sales team), not as a noun (the best support team)."""
    if w.sense in (Sense.FREQUENCY, Sense.MEETING):
        return True
    return w.sense is Sense.ROUTINE and (
        not w.text.isascii() or r.clause_of(w.span).start == w.span.start
    )


def _activity(r: Reading) -> list[Finding]:
    marker = next((w for w in r.words if _routine(r, w)), None)
    if marker is None or r.has(Sense.UP, Sense.DOWN, Sense.VAGUE):
        return []
    frequent = r.has(Sense.FREQUENCY)
    # 负责上线新官网 is a deliverable, and so is 建立每周例会机制; 每周发布新版本 is a routine.
    if _one_off(r) and (not frequent or r.has(Sense.ESTABLISH)):
        return []
    # A count makes a process (拜访 30 家客户, hold 24 one-on-ones), unless it is how often a
    # routine meeting is held (每周开 1 次例会).
    if any(not (frequent and _about_meeting(q, r)) for q in r.measures):
        return []
    return [Finding(HintCode.ACTIVITY, "activity", r.clause_of(marker.span))]


def _not_measurable(r: Reading) -> list[Finding]:
    if r.measures or _one_off(r):
        return []
    # From the first clause that wants a number to the end: 上线新版引导流程，[提升留存]
    anchor = r.first(*_UP, *_DOWN, Sense.VAGUE, Sense.ACHIEVE)
    span = trim(r.text, Span(r.clause_of(anchor.span).start, len(r.text))) if anchor else None
    return [Finding(HintCode.NOT_MEASURABLE, "not_measurable", span or r.whole)]


def _no_deadline(r: Reading, due_date: date | None) -> list[Finding]:
    deliverable = _one_off(r)
    if due_date is not None or r.dates or deliverable is None:
        return []
    return [Finding(HintCode.NO_DEADLINE, "no_deadline", r.clause_of(deliverable.span))]


def _is_result(r: Reading, body: Span) -> bool:
    """A clause that states a result of its own: a result verb and something it acts on."""
    if MEANS.match(r.text, body.start, body.end):
        return False
    verbs = [
        w for w in r.words if w.sense in RESULT_SENSES and body.start <= w.span.start < body.end
    ]
    counted = any(body.start <= q.span.start < body.end for q in r.measures)
    # 签约 counts only with its count: 招聘流程 and 培训体系 are nouns.
    if not any(w.sense is not Sense.ACHIEVE or counted for w in verbs):
        return False
    rest = r.text[body.start : body.end]
    for w in verbs:
        rest = rest.replace(w.text, "")
    return sum(c.isalnum() for c in rest) >= 2


def _multiple_results(r: Reading) -> list[Finding]:
    results = [c for c in r.clauses if _is_result(r, c.body)]
    if len(results) < 2:
        return []
    second = results[1]
    return [
        Finding(
            HintCode.MULTIPLE_RESULTS,
            "multiple_results",
            trim(r.text, Span(second.joint.start, second.body.end)),
        )
    ]


_FROM = re.compile(r"(?:从|由|\bfrom)\s?$", re.IGNORECASE)
_TO = re.compile(r"\s?[^\d,;。]{0,8}?(?:到|至|\bto)\s?", re.IGNORECASE)
_ARROW = re.compile(r"\s?(?:→|->|=>)\s?")
_BAND_GAP = re.compile(r"\s?(?:~|-|–|—|到|至|and|to)\s?", re.IGNORECASE)
_BAND_WORD = re.compile(r"\bbetween\b|之间|区间|范围|上下限", re.IGNORECASE)


def _comparable(r: Reading) -> list[tuple[Quantity, Quantity]]:
    """Neighbouring numbers of the same measure: the candidates for from→to and bands."""
    nums = [
        q
        for q in r.measures
        if q.measure in (Measure.NUMBER, Measure.PERCENT) and q.value is not None
    ]
    return [(a, b) for a, b in pairwise(nums) if a.measure is b.measure]


def _direction(r: Reading) -> tuple[Sense, Span] | None:
    """Which way the text moves its number, and the words that say so. A from→to pair
    (从 80% 到 90%, from 5% to 3%) decides; otherwise the direction words, when they agree."""
    for a, b in _comparable(r):
        arrow = _ARROW.fullmatch(r.text, a.span.end, b.span.start)
        to = _TO.fullmatch(r.text, a.span.end, b.span.start)
        came_from = _FROM.search(r.text, max(0, a.span.start - 6), a.span.start)
        if (arrow or (to and came_from)) and a.value != b.value:
            return (Sense.UP if (b.value or 0) > (a.value or 0) else Sense.DOWN), Span(
                a.span.start, b.span.end
            )
    up, down = r.first(*_UP), r.first(*_DOWN)
    if up and not down:
        return Sense.UP, up.span
    if down and not up:
        return Sense.DOWN, down.span
    return None


def _has_band(r: Reading) -> bool:
    """60~90 分钟, 2–4 小时之间, between 2 and 4 hours, 不低于 95% 且不高于 99%."""
    if _BAND_WORD.search(r.text) or (r.has(Sense.UP_LIMIT) and r.has(Sense.DOWN_LIMIT)):
        return True
    return any(
        _BAND_GAP.fullmatch(r.text, a.span.end, b.span.start)
        and not _FROM.search(r.text, max(0, a.span.start - 6), a.span.start)
        for a, b in _comparable(r)
    )


def _kind_mismatch(r: Reading, kind: KRKind, due_date: date | None) -> list[Finding]:
    def found(key: str, span: Span | None = None, **params: str) -> list[Finding]:
        return [Finding(HintCode.KIND_MISMATCH, key, span, params)]

    if kind is KRKind.MILESTONE:
        if not r.dates and due_date is None:
            return found("kind_milestone_date")
        metric = r.first(Sense.UP, Sense.DOWN)
        if metric and r.measures and not r.has(*MAKE_SENSES):
            return found("kind_metric_in_milestone", metric.span)
        return []
    deliverable = _one_off(r) if kind in _NUMERIC_KINDS else None
    if deliverable is not None:
        return found("kind_deliverable", deliverable.span)
    if kind is KRKind.RANGE:
        return found("kind_range_band") if r.measures and not _has_band(r) else []
    direction = _direction(r) if kind in _NUMERIC_KINDS else None
    if direction is None:
        return []
    going, span = direction
    quoted = r.text[span.start : span.end]
    if kind is KRKind.DECREASE and going is Sense.UP:
        return found("kind_up_in_decrease", span, word=quoted)
    if kind in _GROWING_KINDS and going is Sense.DOWN:
        return found("kind_down_in_increase", span, word=quoted, kind=kind.value)
    return []


def _too_long(r: Reading, limit: int, key: str) -> list[Finding]:
    at = overflow(r.text, limit)
    if at is None:
        return []
    return [Finding(HintCode.TOO_LONG, key, Span(at, r.whole.end))]


def key_result(
    r: Reading, kind: KRKind | None, due_date: date | None, measured: bool
) -> list[Finding]:
    """Once a kind is chosen it says what the text owes: a number for the numeric kinds, a
    date for a milestone (its absence is a KIND_MISMATCH), nothing more for a baseline (the
    cycle's end is its date) or a mission (an aspiration). Without one, the text alone."""
    activity = _activity(r)
    found = list(activity)
    if not activity and not measured and (kind is None or kind in _NUMERIC_KINDS):
        found += _not_measurable(r)
    if kind is None and not activity:
        found += _no_deadline(r, due_date)
    found += _multiple_results(r)
    if kind is not None:
        found += _kind_mismatch(r, kind, due_date)
    return found + _too_long(r, KR_LIMIT, "too_long_kr")


def objective(r: Reading) -> list[Finding]:
    found = []
    # A rank (成为行业第一) is an ambition in words; a number to reach is a key result.
    metric = next((q for q in r.measures if q.measure is not Measure.RANK), None)
    if metric is not None:
        quoted = r.text[metric.span.start : metric.span.end]
        found.append(
            Finding(
                HintCode.OBJECTIVE_IS_A_METRIC,
                "objective_is_a_metric",
                metric.span,
                {"quantity": quoted},
            )
        )
    return found + _too_long(r, OBJECTIVE_LIMIT, "too_long_objective")


# The publishing rule's own hints (validation.weight_hints), as codes.
_WEIGHT_HINTS = {
    "hint.no_key_results": (HintCode.NO_KEY_RESULTS, "no_key_results"),
    "hint.weights_not_100": (HintCode.WEIGHTS, "weights"),
}


def key_results(weights: Sequence[float]) -> list[Finding]:
    """An objective's key results, by their weights: missing, not summing to 100, too many."""
    total = {"total": f"{round(sum(weights), 2):g}"}
    found = [Finding(*_WEIGHT_HINTS[key], params=total) for key in weight_hints(weights)]
    if len(weights) > MAX_KRS:
        found.append(
            Finding(HintCode.TOO_MANY_KRS, "too_many_krs", params={"count": str(len(weights))})
        )
    return found
