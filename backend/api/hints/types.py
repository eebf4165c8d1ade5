"""A writing hint as clients see it."""

import strawberry

from ...domain import hints
from ..enums import HintCode, HintSeverity


@strawberry.type(description="What a coach would say about a title, in the viewer's language.")
class WritingHint:
    code: HintCode  # type: ignore[valid-type]
    severity: HintSeverity  # type: ignore[valid-type]
    message: str
    start: int | None = strawberry.field(
        description="Where the words at fault begin, in characters (code points) of the text."
    )
    end: int | None = strawberry.field(description="Where they end (exclusive).")

    @classmethod
    def of(cls, hint: hints.WritingHint) -> "WritingHint":
        return cls(
            code=hint.code,
            severity=hint.severity,
            message=hint.message,
            start=hint.start,
            end=hint.end,
        )


def hints_of(found: list[hints.WritingHint]) -> list[WritingHint]:
    return [WritingHint.of(h) for h in found]
