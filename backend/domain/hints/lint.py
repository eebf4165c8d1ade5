"""The writing lint: what a coach would say about an objective or a key result as it is typed."""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from ..enums import HintCode, HintSeverity, HintTarget, KRKind
from . import checks
from .catalogue import message
from .reading import read

SEVERITY: dict[HintCode, HintSeverity] = {
    HintCode.NOT_MEASURABLE: HintSeverity.WARNING,
    HintCode.ACTIVITY: HintSeverity.WARNING,
    HintCode.MULTIPLE_RESULTS: HintSeverity.WARNING,
    HintCode.KIND_MISMATCH: HintSeverity.WARNING,
    HintCode.OBJECTIVE_IS_A_METRIC: HintSeverity.WARNING,
    HintCode.WEIGHTS: HintSeverity.WARNING,
    HintCode.NO_KEY_RESULTS: HintSeverity.WARNING,
    HintCode.NO_DEADLINE: HintSeverity.INFO,
    HintCode.TOO_LONG: HintSeverity.INFO,
    HintCode.TOO_MANY_KRS: HintSeverity.INFO,
}


@dataclass(frozen=True, slots=True)
class WritingHint:
    code: HintCode
    severity: HintSeverity
    message: str
    # The characters of the text at fault, start inclusive and end exclusive, counted in
    # characters (code points) of the text as given; None where no part of it is at fault.
    start: int | None
    end: int | None


def lint(
    text: str,
    target: HintTarget = HintTarget.KEY_RESULT,
    kind: KRKind | None = None,
    due_date: date | None = None,
    locale: str = "en",
    *,
    kr_weights: Sequence[float] | None = None,
    measured: bool = False,
) -> list[WritingHint]:
    """Hints on `text`, with messages in `locale` ("zh-CN", "zh" or "en"; others read en):
    those about the text first, then those about the objective's key results.

    A key result is read with its `kind` when one is chosen (None: judged from the text alone)
    and its `due_date`; `measured` says its numbers are already in the form's fields, so the
    text need not repeat them. An objective is read with the weights of its key results when
    they are known (`kr_weights`; None while it is being typed).
    """
    found: list[checks.Finding] = []
    if any(c.isalnum() for c in text):  # nothing typed yet but blanks or punctuation
        reading = read(text)
        if target is HintTarget.OBJECTIVE:
            found += checks.objective(reading)
        else:
            found += checks.key_result(reading, kind, due_date, measured)
    if target is HintTarget.OBJECTIVE and kr_weights is not None:
        found += checks.key_results(kr_weights)
    return [
        WritingHint(
            f.code,
            SEVERITY[f.code],
            message(f.key, locale, f.params),
            f.span.start if f.span else None,
            f.span.end if f.span else None,
        )
        for f in found
    ]
