"""One pass over a text: its dates, quantities, telling words and clauses, found once and
shared by every check."""

from dataclasses import dataclass

from .dates import dates
from .lexicon import Sense, Word, words
from .numbers import Quantity, quantities
from .text import Clause, Span, clauses, fold, overlaps_any, trim


@dataclass(frozen=True, slots=True)
class Reading:
    text: str  # width-folded, same length as what was typed
    dates: list[Span]
    quantities: list[Quantity]
    words: list[Word]
    clauses: list[Clause]

    @property
    def measures(self) -> list[Quantity]:
        """The quantities that measure something (一个平台 does not)."""
        return [q for q in self.quantities if not q.article]

    def has(self, *senses: Sense) -> bool:
        return any(w.sense in senses for w in self.words)

    def first(self, *senses: Sense) -> Word | None:
        return next((w for w in self.words if w.sense in senses), None)

    def of(self, *senses: Sense) -> list[Word]:
        return [w for w in self.words if w.sense in senses]

    def clause_of(self, span: Span) -> Span:
        """The trimmed clause holding `span`: what to underline."""
        body = next(c.body for c in reversed(self.clauses) if c.body.start <= span.start)
        return trim(self.text, body)

    @property
    def whole(self) -> Span:
        return trim(self.text, Span(0, len(self.text)))


def read(text: str) -> Reading:
    folded = fold(text)
    when = dates(folded)
    # A word inside a date is part of the date: the 内 of 三天内, the 以前 of 月底以前.
    found = [w for w in words(folded) if not overlaps_any(w.span, when)]
    return Reading(folded, when, quantities(folded, when), found, clauses(folded))
