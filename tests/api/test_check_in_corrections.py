"""A check-in corrected or withdrawn by its author (issue 16), on SQLite and PostgreSQL: the
history keeps the original, marked; the key result stands at its newest check-in not retracted;
nobody else may do it, a closed cycle's numbers stay frozen, and a check-in racing a
correction is never lost."""

import asyncio
from typing import Any

from backend.domain.enums import CyclePhase
from backend.models import ActivityEvent, CheckIn, Cycle
from tests.api.helpers import World, fingerprint, gid
from tests.api.test_lost_updates import CHECK_IN, kr_in_objective

HISTORY = """query($id: ID!) { keyResult(id: $id) { currentValue progress confidence lastCheckInAt
  objective { progress }
  checkIns(first: 100) { id value note confidence createdAt retractedAt retractReason correctedBy
    retractedBy { id } } } }"""
CORRECT = """mutation($id: ID!, $i: CorrectCheckInInput!) { correctCheckIn(id: $id, input: $i) {
  currentValue progress objective { progress } } }"""
WITHDRAW = """mutation($id: ID!, $r: String!) { withdrawCheckIn(id: $id, reason: $r) {
  currentValue progress } }"""


async def history(api: Any, kr: str) -> dict[str, Any]:
    found: dict[str, Any] = (await api.ok(HISTORY, {"id": kr}))["keyResult"]
    return found


async def checked_in(world: World, *values: float) -> tuple[Any, str, list[str]]:
    """Mia's key result (0 → 100) with her check-ins of `values`; their ids, oldest first."""
    mia = await world.as_(world.member)
    _, kr = await kr_in_objective(mia, world)
    for v in values:
        await mia.ok(CHECK_IN, {"i": {"keyResultId": kr, "value": v, "confidence": int(v) % 10}})
    ids = [c["id"] for c in (await history(mia, kr))["checkIns"]]
    return mia, kr, ids[::-1]


async def test_correcting_the_newest_check_in_moves_the_numbers(world: World) -> None:
    mia, kr, (first, second) = await checked_in(world, 20, 2150)
    answer = await mia.ok(CORRECT, {"id": second, "i": {"value": 25, "note": "typo"}})
    assert answer["correctCheckIn"]["currentValue"] == 25
    assert answer["correctCheckIn"]["progress"] == 0.25
    assert answer["correctCheckIn"]["objective"]["progress"] == 0.25
    state = await history(mia, kr)
    fixed, original, older = state["checkIns"]
    # the correction takes the original's place in time; the original stays, marked
    assert (fixed["value"], fixed["note"], fixed["retractedAt"]) == (25, "typo", None)
    assert fixed["createdAt"] == original["createdAt"]
    assert original["value"] == 2150 and original["correctedBy"] == fixed["id"]
    assert original["retractedAt"] and original["retractedBy"]["id"] == gid("user", world.member.id)
    assert older["id"] == first and older["retractedAt"] is None
    event = await ActivityEvent.filter(kind="key_result.check_in_corrected").first()
    assert event is not None and event.payload["keyResult"]["currentValue"] == 25


async def test_correcting_an_older_check_in_leaves_the_value_to_the_newest(world: World) -> None:
    mia, kr, (first, _second) = await checked_in(world, 2000, 40)
    answer = await mia.ok(CORRECT, {"id": first, "i": {"value": 20}})
    assert answer["correctCheckIn"]["currentValue"] == 40
    values = [(c["value"], bool(c["retractedAt"])) for c in (await history(mia, kr))["checkIns"]]
    assert values == [(40, False), (20, False), (2000, True)]
    fixed = await CheckIn.filter(value=20).first()
    assert fixed is not None and fixed.progress == 0.2  # its own figures, not the original's


async def test_withdrawing_falls_back_to_the_check_in_before_or_the_start(world: World) -> None:
    mia, kr, (first, second) = await checked_in(world, 30, 60)
    answer = await mia.ok(WITHDRAW, {"id": second, "r": "wrong key result"})
    assert answer["withdrawCheckIn"]["currentValue"] == 30
    state = await history(mia, kr)
    assert state["confidence"] == 0  # the standing check-in's (30 % 10)
    assert state["lastCheckInAt"] == state["checkIns"][1]["createdAt"]
    assert state["checkIns"][0]["retractReason"] == "wrong key result"
    await mia.ok(WITHDRAW, {"id": first, "r": "also wrong"})
    state = await history(mia, kr)
    assert (state["currentValue"], state["progress"], state["lastCheckInAt"]) == (0, 0, None)
    assert [c["value"] for c in state["checkIns"]] == [60, 30]  # the history keeps both


async def test_only_the_author_may_retract(world: World) -> None:
    _mia, _kr, (first,) = await checked_in(world, 30)
    callers = [
        (await world.as_(None), "UNAUTHENTICATED"),
        (await world.as_(world.outsider), "NOT_FOUND"),
        (await world.as_(world.peer), "FORBIDDEN"),  # a plain member who is not the author
        (await world.as_(world.admin), "FORBIDDEN"),  # may check in here, not their check-in
    ]
    before = await fingerprint()
    for api, code in callers:
        for query, variables in [
            (CORRECT, {"id": first, "i": {"value": 3}}),
            (WITHDRAW, {"id": first, "r": "no"}),
        ]:
            assert (await api.error(query, variables))["code"] == code, (code, query)
    assert await fingerprint() == before


async def test_bad_input_is_refused_and_changes_nothing(world: World) -> None:
    mia, _kr, (first,) = await checked_in(world, 30)
    await mia.ok(WITHDRAW, {"id": first, "r": "oops"})
    _, _kr2, (other,) = await checked_in(world, 10)
    before = await fingerprint()
    for query, variables, field in [
        (WITHDRAW, {"id": other, "r": "  "}, "reason"),
        (WITHDRAW, {"id": other, "r": "x" * 501}, "reason"),
        (CORRECT, {"id": other, "i": {"value": None}}, "value"),
        (CORRECT, {"id": other, "i": {"value": 5, "confidence": 11}}, "confidence"),
        (CORRECT, {"id": other, "i": {"value": 5, "note": "x" * 2001}}, "note"),
        (CORRECT, {"id": first, "i": {"value": 5}}, "id"),  # already withdrawn
        (WITHDRAW, {"id": first, "r": "again"}, "id"),
        (WITHDRAW, {"id": gid("user", 1), "r": "a"}, "id"),
    ]:
        error = await mia.error(query, variables)
        assert (error["code"], error["field"]) == ("BAD_USER_INPUT", field), variables
    assert await fingerprint() == before


async def test_an_archived_key_result_keeps_its_history(world: World) -> None:
    mia, kr, (first,) = await checked_in(world, 30)
    await mia.ok("mutation($id: ID!) { archiveKeyResult(id: $id) { id } }", {"id": kr})
    before = await fingerprint()
    error = await mia.error(WITHDRAW, {"id": first, "r": "late"})
    assert (error["code"], error["field"]) == ("BAD_USER_INPUT", "id")
    assert await fingerprint() == before


async def test_a_closed_cycle_keeps_its_numbers(world: World) -> None:
    mia, _kr, (first,) = await checked_in(world, 30)
    await Cycle.filter(id=world.cycle.id).update(phase=CyclePhase.CLOSED)
    before = await fingerprint()
    assert (await mia.error(WITHDRAW, {"id": first, "r": "late"}))["code"] == "FORBIDDEN"
    assert (await mia.error(CORRECT, {"id": first, "i": {"value": 1}}))["code"] == "FORBIDDEN"
    assert await fingerprint() == before


async def test_a_check_in_racing_a_correction_is_never_lost(world: World) -> None:
    mia, kr, _ = await checked_in(world)
    for trial in range(8):
        await mia.ok(CHECK_IN, {"i": {"keyResultId": kr, "value": 1000 + trial}})
        wrong = (await history(mia, kr))["checkIns"][0]["id"]
        await asyncio.gather(
            mia.ok(CORRECT, {"id": wrong, "i": {"value": trial}}),
            mia.ok(CHECK_IN, {"i": {"keyResultId": kr, "value": 50 + trial}}),
        )
        state = await history(mia, kr)
        standing = [c for c in state["checkIns"] if c["retractedAt"] is None]
        # whichever applied first, the newest standing check-in is the new one, and it counts
        assert standing[0]["value"] == 50 + trial, trial
        assert state["currentValue"] == 50 + trial, trial
