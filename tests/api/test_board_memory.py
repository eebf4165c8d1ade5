"""A board left open keeps nothing per live event (issue 19): the memory an open `boardEvents`
subscription holds does not grow with the number of events it has delivered.

Each event runs on graphql-core's per-event copy of the subscription's executor; a memo that
copy shares with the subscription (keyed by field lists every event collects anew) grew by
~7.6 KB an event until the subscription closed. Counted here, without a clock: the bytes
still allocated by the executor's code after K events and after 2K."""

import asyncio
import gc
import tracemalloc
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import graphql

import backend.api
from backend.api.context import Context, actor_for
from backend.api.schema import schema
from backend.models import User
from tests.api.conftest import World, gid
from tests.api.test_smoke_board import CHECK_IN, CREATE_KR, CREATE_OBJ

# the web app's subscription (frontend/src/live.js): a union, fragments, nested lists
BOARD_EVENTS = """subscription Live($c: ID!, $s: Int) { boardEvents(cycleId: $c, since: $s) {
  __typename
  ... on LiveBoardEvent { seq at objectives { objectiveId progress status }
    keyResults { keyResultId objectiveId progress rawProgress expectedProgress status
      statusReasons } }
  ... on KeyResultCheckedIn { keyResult { id currentValue confidence } note }
  ... on ResyncRequired { reason seq } } }"""
K = 30  # events per step (before the fix each left ~1.6 KB of these allocations behind)
BOUND = 2048  # bytes the second K events may add: noise, not a per-event cost
# where an executor's memos are allocated: graphql-core's execution and the app's own
EXECUTION_CODE = [
    tracemalloc.Filter(True, str(Path(graphql.__file__).parent / "execution" / "*")),
    tracemalloc.Filter(True, str(Path(backend.api.__file__).parent / "*")),
]


def socket_context(world: World, user: User, actor: Any) -> Context:
    """What the websocket view gives a subscription: no caches, no directory."""
    return Context(
        request=None,  # type: ignore[arg-type]  # (boardEvents reads none of it)
        response=None,
        settings=world.settings,
        user=user,
        actor=actor,
        locale="en",
        request_id="memory",
        is_socket=True,
    )


def retained() -> int:
    gc.collect()
    snapshot = tracemalloc.take_snapshot().filter_traces(EXECUTION_CODE)
    return sum(stat.size for stat in snapshot.statistics("filename"))


async def test_an_open_board_keeps_nothing_per_event(world: World) -> None:
    api = await world.as_(world.admin)
    cycle = gid("cycle", world.cycle.id)
    objective = (
        await api.ok(CREATE_OBJ, {"i": {"cycleId": cycle, "title": "Grow", "level": "COMPANY"}})
    )["createObjective"]
    kr = (
        await api.ok(
            CREATE_KR,
            {
                "i": {
                    "objectiveId": objective["id"],
                    "title": "Users",
                    "kind": "INCREASE",
                    "startValue": 0,
                    "targetValue": 1000,
                    "weight": 100,
                }
            },
        )
    )["createKeyResult"]
    actor, _ = await actor_for(world.admin)
    since = (await api.ok("query($c: ID!) { boardSeq(cycleId: $c) }", {"c": cycle}))["boardSeq"]
    value = 0

    async with world.app.router.lifespan_context(world.app):  # the live hub, memory broker
        stream = await schema.subscribe(
            BOARD_EVENTS,
            variable_values={"c": cycle, "s": since},  # nothing lost before it starts
            context_value=socket_context(world, world.admin, actor),
        )
        assert isinstance(stream, AsyncIterator), stream

        async def deliver(n: int) -> None:
            nonlocal value
            for _ in range(n):
                value += 1
                await api.ok(CHECK_IN, {"i": {"keyResultId": kr["id"], "value": value}})
                result = await asyncio.wait_for(anext(stream), 30)
                assert not result.errors, result.errors
                event = result.data["boardEvents"]
                assert event["__typename"] == "KeyResultCheckedIn", event
                assert event["keyResult"]["currentValue"] == value

        try:
            await deliver(3)  # one-time costs: imports, the organisation's stream, caches
            tracemalloc.start()
            try:
                await deliver(K)
                after_k = retained()
                await deliver(K)
                after_2k = retained()
            finally:
                tracemalloc.stop()
        finally:
            await stream.aclose()  # type: ignore[attr-defined]

    assert after_2k - after_k < BOUND, (
        f"{K} more events kept {after_2k - after_k:,} more bytes of execution memos "
        f"({after_k:,} → {after_2k:,})"
    )
