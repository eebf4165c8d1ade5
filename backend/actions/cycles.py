"""Cycles and their phases (admins only)."""

from dataclasses import dataclass
from datetime import date

from ..domain.enums import CyclePhase, NotificationKind
from ..domain.errors import Conflict, InvalidInput
from ..domain.messages import Term
from ..domain.phases import checked_move
from ..domain.policy import Actor
from ..domain.validation import LIMITS, validate_text
from ..events.kinds import EventKind
from ..events.unit import write
from ..models import Cycle, User
from ..read.lookup import get_in_org, require_admin
from .changes import Edit
from .notifications import notify


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
    # not the phase (setCyclePhase's) nor the retrospective's fields
    edit = Edit(cycle, ("name", "starts_on", "ends_on"))
    if data.name is not None:
        cycle.name = validate_text(data.name, "name", max_len=LIMITS["name"], required=True) or ""
    if cycle.phase is CyclePhase.CLOSED:
        # its numbers are frozen at its end: the dates they were read at stay
        for field, value, now in (
            ("startsOn", data.starts_on, cycle.starts_on),
            ("endsOn", data.ends_on, cycle.ends_on),
        ):
            if value is not None and value != now:
                raise InvalidInput(field, "phase.closed_for_good")
    cycle.starts_on = data.starts_on or cycle.starts_on
    cycle.ends_on = data.ends_on or cycle.ends_on
    _check_dates(cycle.starts_on, cycle.ends_on)
    async with write(actor.org_id, actor.user_id) as unit:
        changed = await edit.save()
        if {"starts_on", "ends_on"} & set(changed):
            # checked against the cycle as committed: the other date, and a close meanwhile
            await cycle.refresh_from_db(fields=["starts_on", "ends_on", "phase"])
            if cycle.phase is CyclePhase.CLOSED:
                raise InvalidInput("startsOn", "phase.closed_for_good")
            _check_dates(cycle.starts_on, cycle.ends_on)
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


async def set_phase(
    actor: Actor | None, cycle_id: int, phase: CyclePhase, reason: str | None = None
) -> Cycle:
    """A cycle moves one phase forward, or one step back with a reason (a team goes back to
    consensus after tracking began); a closed cycle stays closed. The move is recorded with
    the phase it left and the reason, and every active member of the organization hears of
    it."""
    actor = require_admin(actor)
    cycle = await get_in_org(Cycle, cycle_id, actor.org_id)
    previous = cycle.phase
    why = checked_move(previous, phase, reason)
    async with write(actor.org_id, actor.user_id) as unit:
        # from the phase the move was checked against: two admins moving it at once
        if not await Cycle.filter(id=cycle.id, phase=previous).update(phase=phase):
            now = await Cycle.filter(id=cycle.id).first().values_list("phase", flat=True)
            raise Conflict("phase.moved_meanwhile", "phase", phase=Term(f"phase.{now}"))
        detail: dict[str, object] = {"phase": phase, "previous": previous, "reason": why}
        everyone = await User.filter(organization_id=actor.org_id, is_active=True).only("id")
        notified = await notify(
            actor.org_id,
            [u.id for u in everyone],
            NotificationKind.PHASE,
            actor_id=actor.user_id,
            objective_id=None,
            cycle_id=cycle.id,
            detail=detail,
        )
        await unit.record(
            EventKind.CYCLE_PHASE_CHANGED,
            {"phase": phase.value, "previous": previous.value, "reason": why, "notified": notified},
            cycle_id=cycle.id,
        )
    cycle.phase = phase
    return cycle
