"""An objective's lessons (复盘心得): what went well, what to improve, what to carry on —
written by whoever may edit the objective while the cycle is reviewed. Several people write
them in the same meeting: a write names the version it read, and a stale one is refused
(CONFLICT) rather than overwriting someone else's text."""

from dataclasses import dataclass
from datetime import UTC, datetime

from tortoise.exceptions import IntegrityError

from ..domain.errors import Conflict, InvalidInput
from ..domain.patch import KEEP, Patch
from ..domain.phases import Activity
from ..domain.policy import Actor
from ..domain.validation import LIMITS, validate_text
from ..events.kinds import EventKind
from ..events.phase import guard
from ..events.unit import write
from ..models import Lessons
from ..read import reach
from .reviews import published

FIELDS = {"went_well": "wentWell", "to_improve": "toImprove", "to_carry_on": "toCarryOn"}


@dataclass
class LessonsInput:
    went_well: Patch[str | None] = KEEP
    to_improve: Patch[str | None] = KEEP
    to_carry_on: Patch[str | None] = KEEP


async def set_lessons(
    actor: Actor | None, objective_id: int, data: LessonsInput, version: int | None
) -> Lessons:
    """`version`: the one the writer read (0: there were none yet); None writes over
    whatever is there."""
    scope = await reach.editable_objective(actor, objective_id)
    actor, objective = scope.actor, scope.objective
    phase = await guard(objective.cycle_id, Activity.WRITE_LESSONS)
    published(objective)
    texts = {
        attr: validate_text(value, name, max_len=LIMITS["description"]) or ""
        for attr, name in FIELDS.items()
        if (value := getattr(data, attr)) is not KEEP
    }
    if version is not None and version < 0:
        raise InvalidInput("version", "input.out_of_range", min=0, max="∞")
    try:
        async with write(actor.org_id, actor.user_id, phase) as unit:
            lessons = await _written(objective.id, actor, texts, version)
            await unit.record(
                EventKind.OBJECTIVE_LESSONS_CHANGED,
                {
                    "objectiveId": objective.id,
                    "lessons": {
                        "wentWell": lessons.went_well,
                        "toImprove": lessons.to_improve,
                        "toCarryOn": lessons.to_carry_on,
                        "version": lessons.version,
                    },
                },
                cycle_id=objective.cycle_id,
                objective_id=objective.id,
            )
    except IntegrityError:
        # the first lessons, written by two people at once: the other one's are there
        raise Conflict("conflict.version", "version", current=1) from None
    return lessons


async def _written(
    objective_id: int, actor: Actor, texts: dict[str, str], version: int | None
) -> Lessons:
    current = await Lessons.get_or_none(objective_id=objective_id)
    if current is None:
        if version not in (None, 0):
            raise Conflict("conflict.version", "version", current=0)
        lessons = Lessons(
            organization_id=actor.org_id, objective_id=objective_id, updated_by_id=actor.user_id
        )
        for attr, text in texts.items():
            setattr(lessons, attr, text)
        await lessons.save()
        return lessons
    expected = current.version if version is None else version
    # compare-and-set: a writer who read an older version changes nothing
    if not await Lessons.filter(id=current.id, version=expected).update(
        version=expected + 1, updated_by_id=actor.user_id, updated_at=datetime.now(UTC), **texts
    ):
        raise Conflict("conflict.version", "version", current=current.version)
    return await Lessons.get(id=current.id)
