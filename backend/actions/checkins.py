"""Check-ins: append-only history; the key result's current value is the latest one."""

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from tortoise.exceptions import IntegrityError

from ..domain.enums import KRKind, ObjectiveState, ProgressSource
from ..domain.errors import Conflict, Forbidden, InvalidInput
from ..domain.phases import Activity, require_check_in
from ..domain.policy import Actor, can_check_in
from ..domain.validation import (
    LIMITS,
    validate_client_id,
    validate_confidence,
    validate_text,
    validate_value,
)
from ..events.kinds import EventKind
from ..events.payloads import chain_numbers, kr_summary
from ..events.phase import PhaseGuard
from ..events.unit import Unit, write
from ..models import CheckIn, Cycle, KeyResult, Organization
from ..read.chain import ChainRows, evaluate_chain, load_chain_rows, remember_written
from ..read.reach import key_result
from ..read.rows import client, is_postgres, placeholders
from ..read.seq import org_seq
from .resent import sent_before

# writes nothing: takes the key result's row lock (SQLite's writer lock) if the key result is
# still as validated; raw SQL, as the query builder cost more than the statement
_LOCK_AS_VALIDATED = (
    "UPDATE key_result SET last_check_in_at = last_check_in_at "
    "WHERE id = ? AND kind = ? AND progress_source = ? AND archived = ?"
)


@dataclass
class CheckInInput:
    key_result_id: int
    value: float | None = None
    confidence: int | None = None
    note: str | None = None
    client_id: str | None = None


def check_value(kr: KeyResult, value: float | None) -> float | None:
    if kr.progress_source != ProgressSource.MANUAL:
        # tasks or aligned objectives drive this KR: a check-in carries confidence and a note
        if value is not None:
            raise InvalidInput("value", "checkin.value_not_manual")
        return kr.current_value
    if value is None:
        raise InvalidInput("value", "input.required")
    validate_value(value)
    if kr.kind in (KRKind.BASELINE, KRKind.MILESTONE) and value not in (0, 1):
        raise InvalidInput("value", "checkin.done_or_not")
    if abs(value) > 1e12:
        raise InvalidInput("value", "input.out_of_range", min=-1e12, max=1e12)
    return value


class _Changed(Exception):
    """The key result changed between validation and the write: validate again."""


async def check_in(actor: Actor | None, data: CheckInInput) -> CheckIn:
    """The check-in written — or, for a clientId written before, that first one: its answer
    is the key result as that check-in left it (`KeyResult.as_checked_in`)."""
    # the value is validated against the key result as read; the write only applies if the
    # key result is still that (kind, source, not archived) — else read and validate again
    validate_client_id(data.client_id)
    for _ in range(3):
        try:
            return await _check_in(actor, data)
        except _Changed:
            continue
        except IntegrityError:
            # the same clientId committed meanwhile (a retry racing its first attempt)
            reach = await key_result(actor, data.key_result_id)
            assert reach.key_result is not None
            first = await _written_before(reach.actor.user_id, reach.key_result.id, data.client_id)
            if first is None:
                raise
            return first
    raise Conflict("conflict.version", "keyResultId", current="?")


async def _chain_under_seq(
    unit: Unit, org_id: int, cycle_id: int, objective_id: int
) -> tuple[ChainRows, Organization]:
    """The objective's chain as of the event counter this unit then locks. On PostgreSQL the
    chain is read before that lock, which is then held only for the writes and the seq (other
    check-ins of the organization queue on it): read again under it only if an event was
    recorded meanwhile. On SQLite the writer lock is held already: nothing can change."""
    if not is_postgres(client()):
        org = await unit.lock()
        return await load_chain_rows(cycle_id, [objective_id]), org
    seen = await org_seq(org_id)
    rows = await load_chain_rows(cycle_id, [objective_id])
    org = await unit.lock()
    if org.last_seq != seen:
        rows = await load_chain_rows(cycle_id, [objective_id])
    return rows, org


async def _written_before(author_id: int, kr_id: int, client_id: str | None) -> CheckIn | None:
    """This check-in (same author and clientId) if it was written already: its answer was lost."""
    target = {"key_result_id": kr_id}
    reused = "checkin.client_id_reused"
    return await sent_before(CheckIn, {"author_id": author_id}, client_id, target, reused)


async def _check_in(actor: Actor | None, data: CheckInInput) -> CheckIn:
    reach = await key_result(actor, data.key_result_id)
    assert reach.key_result is not None
    actor, kr, objective, access = reach.actor, reach.key_result, reach.objective, reach.access
    first = await _written_before(actor.user_id, kr.id, data.client_id)
    if first is not None:
        return first  # answered as the first time, even if archived since
    if not can_check_in(actor, access, kr.owner_id):
        raise Forbidden()
    if kr.archived or objective.state == ObjectiveState.ARCHIVED:
        raise InvalidInput("keyResultId", "okr.archived")
    value = check_value(kr, data.value)
    if data.confidence is not None:
        validate_confidence(data.confidence)
    note = validate_text(data.note, "note", max_len=LIMITS["note"]) or ""
    cycle = await Cycle.get(id=objective.cycle_id)
    require_check_in(cycle.phase, scored=kr.score is not None)
    phase = PhaseGuard(cycle.id, Activity.CHECK_IN, cycle.phase)
    changes: dict[str, Any] = {}
    if kr.progress_source == ProgressSource.MANUAL:
        changes["current_value"] = value
    if data.confidence is not None:
        changes["confidence"] = data.confidence
    async with write(actor.org_id, actor.user_id, phase) as unit:
        # First statement: SQLite's writer lock / PostgreSQL's row lock on the key result
        # (writing nothing yet), if it is still what was validated.
        db = client()
        params = [kr.id, kr.kind.value, kr.progress_source.value, False]
        locked, _ = await db.execute_query(placeholders(db, _LOCK_AS_VALIDATED), params)
        if not locked:
            raise _Changed()
        # The time is taken only now, so the key result's check-ins are timed in the order
        # they apply (the one before has committed).
        now = datetime.now(UTC)
        await KeyResult.filter(id=kr.id).update(**changes, last_check_in_at=now)
        # The chain as committed by everyone before us (plus our write): the numbers below
        # are those of this event's seq.
        rows, org = await _chain_under_seq(unit, actor.org_id, cycle.id, objective.id)
        if rows.objectives[objective.id].state == ObjectiveState.ARCHIVED:
            raise InvalidInput("keyResultId", "okr.archived")
        evaluation = evaluate_chain(cycle, org, rows, now)
        kr = next(k for k in rows.key_results if k.id == kr.id)
        result = evaluation.key_results[kr.id]
        row = await CheckIn.create(
            organization_id=actor.org_id,
            key_result_id=kr.id,
            author_id=actor.user_id,
            value=kr.current_value if kr.current_value is not None else 0.0,
            confidence=data.confidence,
            note=note,
            progress=result.progress,
            raw_progress=result.raw_progress,
            created_at=now,
            client_id=data.client_id,
        )
        numbers = chain_numbers(evaluation, rows.objectives, rows.key_results, objective.id)
        event = await unit.record(
            EventKind.KEY_RESULT_CHECKED_IN,
            {"keyResult": kr_summary(kr), "note": note, "numbers": numbers},
            cycle_id=objective.cycle_id,
            objective_id=objective.id,
            key_result_id=kr.id,
        )
    # committed: the response (`KeyResult.as_checked_in`) shows this chain as evaluated here
    remember_written(cycle, [objective.id], event.seq, rows, evaluation)
    return row
