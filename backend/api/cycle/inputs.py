"""What the cycle mutations take."""

import strawberry
from strawberry import UNSET

from ...actions.lessons import LessonsInput as LessonsData
from ..okr.inputs import patch


@strawberry.input
class ScoreInput:
    difficulty: float | None = strawberry.field(
        default=None, description="0–1, 0.5 = normal; left out: as it was (0.5 at first)."
    )
    effort: float | None = strawberry.field(
        default=None, description="0–1, 0.5 = normal; left out: as it was (0.5 at first)."
    )
    score: float | None = strawberry.field(
        default=None, description="The final score (0–1, one decimal); left out: the suggestion."
    )
    reason: str | None = strawberry.field(
        default=None, description="Required when the score differs from the suggestion."
    )


@strawberry.input
class PeerReviewInput:
    score: float
    comment: str | None = None


@strawberry.input
class LessonsInput:
    went_well: str | None = UNSET
    to_improve: str | None = UNSET
    to_carry_on: str | None = UNSET


def lessons_input(data: LessonsInput) -> LessonsData:
    return LessonsData(
        went_well=patch(data.went_well),  # type: ignore[arg-type]
        to_improve=patch(data.to_improve),  # type: ignore[arg-type]
        to_carry_on=patch(data.to_carry_on),  # type: ignore[arg-type]
    )
