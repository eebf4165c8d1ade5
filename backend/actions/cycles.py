"""Cycles and their phases (admins only)."""

from dataclasses import dataclass
from datetime import date

from ..domain.enums import CyclePhase
from ..domain.errors import InvalidInput
from ..domain.policy import Actor
from ..domain.validation import LIMITS, validate_text
from ..events.kinds import EventKind
from ..events.unit import write
from ..models import Cycle
from ..read.lookup import get_in_org, require_admin


@dataclass
class CycleInput:
    name: str | None = None
    starts_on: date | None = None
    ends_on: date | None = None


def _check_dates(starts_on: date, ends_on: date) -> None:
    if ends_on <= starts_on:
        raise InvalidInput("endsOn", "input.dates_order")


async def create_cycle(actor: Actor | None, data: CycleInput) -> Cycle:
    actor = require_admin(actor)
    name = validate_text(data.name, "name", max_len=LIMITS["name"], required=True)
    if data.starts_on is None:
        raise InvalidInput("startsOn", "input.required")
    if data.ends_on is None:
        raise InvalidInput("endsOn", "input.required")
    _check_dates(data.starts_on, data.ends_on)
    async with write(actor.org_id, actor.user_id) as unit:
        cycle = await Cycle.create(
            organization_id=actor.org_id,
            name=name,
            starts_on=data.starts_on,
            ends_on=data.ends_on,
        )
        await unit.record(EventKind.CYCLE_CREATED, {"name": cycle.name}, cycle_id=cycle.id)
    return cycle


async def update_cycle(actor: Actor | None, cycle_id: int, data: CycleInput) -> Cycle:
    actor = require_admin(actor)
    cycle = await get_in_org(Cycle, cycle_id, actor.org_id)
    if data.name is not None:
        cycle.name = validate_text(data.name, "name", max_len=LIMITS["name"], required=True) or ""
    cycle.starts_on = data.starts_on or cycle.starts_on
    cycle.ends_on = data.ends_on or cycle.ends_on
    _check_dates(cycle.starts_on, cycle.ends_on)
    async with write(actor.org_id, actor.user_id) as unit:
        await cycle.save()
        await unit.record(
            EventKind.CYCLE_CHANGED,
            {
                "name": cycle.name,
                "startsOn": cycle.starts_on.isoformat(),
                "endsOn": cycle.ends_on.isoformat(),
            },
            cycle_id=cycle.id,
        )
    return cycle


async def set_phase(actor: Actor | None, cycle_id: int, phase: CyclePhase) -> Cycle:
    """Phases may move either way: a team can go back to consensus after tracking began."""
    actor = require_admin(actor)
    cycle = await get_in_org(Cycle, cycle_id, actor.org_id)
    async with write(actor.org_id, actor.user_id) as unit:
        cycle.phase = phase
        await cycle.save(update_fields=["phase"])
        await unit.record(EventKind.CYCLE_PHASE_CHANGED, {"phase": phase.value}, cycle_id=cycle.id)
    return cycle
