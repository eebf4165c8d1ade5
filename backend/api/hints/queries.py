"""`writingHints`: the lint on a title being typed. Pure CPU (well under a millisecond), no
database; the editor asks at most every 300 ms while typing."""

from datetime import date

import strawberry

from ...domain import enums
from ...domain.errors import InvalidInput
from ...domain.hints import lint
from ...domain.validation import LIMITS
from ...read.lookup import require_actor
from ..context import Info
from ..enums import HintTarget, KRKind
from .types import WritingHint, hints_of

# Room for a title typed past its limit (the lint then says it is too long), not for essays.
MAX_TEXT = 2 * LIMITS["title"]


@strawberry.type
class HintsQuery:
    @strawberry.field(
        description="Hints on an objective's or a key result's title as it is typed. `kind` "
        "and `dueDate` are the key result's as chosen so far (null kind: judged from the text "
        "alone); `measured`: its target or range is filled in, so the text need not say it."
    )
    def writing_hints(
        self,
        info: Info,
        text: str,
        target: HintTarget = enums.HintTarget.KEY_RESULT,  # type: ignore[valid-type]
        kind: KRKind | None = None,  # type: ignore[valid-type]
        due_date: date | None = None,
        measured: bool = False,
    ) -> list[WritingHint]:
        require_actor(info.context.actor)
        if len(text) > MAX_TEXT:
            raise InvalidInput("text", "input.too_long", max=MAX_TEXT)
        found = lint(text, target, kind, due_date, info.context.locale, measured=measured)
        return hints_of(found)
