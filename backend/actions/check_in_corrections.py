"""A wrong check-in, put right by its author: corrected (a new check-in takes its place in time)
or withdrawn. The original stays in the history, marked, with who and when; the key result then
stands at its newest check-in not retracted — correcting an older one leaves the value alone."""

from dataclasses import dataclass
from datetime import UTC, datetime

from tortoise.expressions import F

from ..domain.enums import ObjectiveState, ProgressSource
from ..domain.errors import Forbidden, InvalidInput, NotFound
from ..domain.phases import Activity, require_check_in
from ..domain.policy import Actor, can_retract_check_in
from ..domain.progress import KRFacts, clamp, measure
from ..domain.validation import LIMITS, validate_confidence, validate_text
from ..events.kinds import EventKind
from ..events.payloads import chain_numbers, kr_summary
from ..events.phase import PhaseGuard
from ..events.unit import lock_org, write
from ..models import CheckIn, Cycle, KeyResult
from ..read.chain import evaluate_chain, load_chain_rows
from ..read.lookup import require_actor
from ..read.reach import key_result
from .checkins import check_value


@dataclass
class Correction:
    value: float | None = None
    confidence: int | None = None
    note: str | None = None


async def correct_check_in(actor: Actor | None, check_in_id: int, fix: Correction) -> CheckIn:
    """The correction written (the original is marked as replaced by it)."""
    return await _retract(actor, check_in_id, fix, "")


async def withdraw_check_in(actor: Actor | None, check_in_id: int, reason: str | None) -> CheckIn:
    """The check-in withdrawn, marked with the reason."""
    text = validate_text(reason, "reason", max_len=LIMITS["reason"])
    if not text:
        raise InvalidInput("reason", "input.required")
    return await _retract(actor, check_in_id, None, text)


async def _retract(
    actor: Actor | None, check_in_id: int, fix: Correction | None, reason: str
) -> CheckIn:
    actor = require_actor(actor)
    original = await CheckIn.get_or_none(id=check_in_id, organization_id=actor.org_id)
    if original is None:
        raise NotFound()
    reach = await key_result(actor, original.key_result_id)
    assert reach.key_result is not None
    actor, kr, objective = reach.actor, reach.key_result, reach.objective
    if not can_retract_check_in(actor, reach.access, kr.owner_id, original.author_id):
        raise Forbidden()
    if original.retracted_at is not None:
        raise InvalidInput("id", "checkin.already_retracted")
    if kr.archived or objective.state == ObjectiveState.ARCHIVED:
        raise InvalidInput("id", "okr.archived")
    value = note = None
    if fix is not None:
        value = check_value(kr, fix.value)
        if fix.confidence is not None:
            validate_confidence(fix.confidence)
        note = validate_text(fix.note, "note", max_len=LIMITS["note"]) or ""
    cycle = await Cycle.get(id=objective.cycle_id)
    # a closed cycle's numbers are frozen, a scored key result's too
    require_check_in(cycle.phase, scored=kr.score is not None)
    phase = PhaseGuard(cycle.id, Activity.CHECK_IN, cycle.phase)
    async with write(actor.org_id, actor.user_id, phase) as unit:
        # the key result's row lock first (as a check-in takes it): check-ins and retractions
        # of one key result apply one after the other
        await KeyResult.filter(id=kr.id).update(last_check_in_at=F("last_check_in_at"))
        marked = await CheckIn.filter(id=original.id, retracted_at=None).update(
            retracted_at=datetime.now(UTC), retracted_by_id=actor.user_id, retract_reason=reason
        )
        if not marked:
            raise InvalidInput("id", "checkin.already_retracted")
        org = await lock_org(actor.org_id)
        now = datetime.now(UTC)
        correction = None
        if fix is not None:
            correction = await CheckIn.create(
                organization_id=actor.org_id,
                key_result_id=kr.id,
                author_id=original.author_id,
                value=value if value is not None else original.value,
                confidence=fix.confidence,
                note=note,
                progress=original.progress,
                raw_progress=original.raw_progress,
                created_at=original.created_at,  # it takes the original's place in time
            )
            await CheckIn.filter(id=original.id).update(replaced_by_id=correction.id)
        await _stand_at_newest(kr)
        rows = await load_chain_rows(cycle.id, [objective.id])
        evaluation = evaluate_chain(cycle, org, rows, now)
        kr = next(k for k in rows.key_results if k.id == kr.id)
        result = evaluation.key_results[kr.id]
        if correction is not None and value is not None:
            # the figures the corrected value stands for (now, as the key result is set)
            m = measure(_facts(kr, value), result.expected)
            await CheckIn.filter(id=correction.id).update(progress=clamp(m.raw), raw_progress=m.raw)
        numbers = chain_numbers(evaluation, rows.objectives, rows.key_results, objective.id)
        kind = EventKind.CHECK_IN_CORRECTED if fix else EventKind.CHECK_IN_WITHDRAWN
        await unit.record(
            kind,
            {"keyResult": kr_summary(kr), "note": reason or note or "", "numbers": numbers},
            cycle_id=objective.cycle_id,
            objective_id=objective.id,
            key_result_id=kr.id,
        )
    return await CheckIn.get(id=(correction or original).id)


async def _stand_at_newest(kr: KeyResult) -> None:
    """The key result's value, confidence and last check-in from its check-ins not retracted."""
    standing = CheckIn.filter(key_result_id=kr.id, retracted_at=None).order_by("-created_at", "-id")
    newest = await standing.first()
    confident = await standing.filter(confidence__not_isnull=True).first()
    changes: dict = {
        "last_check_in_at": newest.created_at if newest else None,
        "confidence": confident.confidence if confident else None,
    }
    if kr.progress_source == ProgressSource.MANUAL:
        changes["current_value"] = newest.value if newest else None
    await KeyResult.filter(id=kr.id).update(**changes)


def _facts(kr: KeyResult, value: float) -> KRFacts:
    return KRFacts(
        kr.kind,
        ProgressSource.MANUAL,
        start=kr.start_value,
        target=kr.target_value,
        current=value,
        range_min=kr.range_min,
        range_max=kr.range_max,
    )
