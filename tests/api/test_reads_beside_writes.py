"""A reconnecting subscriber's session lookup and replay do not queue behind writes.

Writes to one organization wait for its lock. On PostgreSQL each waiting write holds a
connection of the write pool; on SQLite Tortoise's single connection is locked for each whole
transaction. Reads outside a transaction go to the read connection (`backend/db.py`), so they
are answered while the writes are still waiting — here, while a transaction holds the lock
and more writes than the write pool has connections queue behind it.
"""

import asyncio

from tortoise import connections

from backend.db import READ
from backend.events.feed import ActivityFeed
from backend.events.unit import lock_org, write
from backend.read.accounts import user_for_token
from tests.api.helpers import World
from tests.api.test_numbers_api import check_in, key_result, objective

WRITERS = 6  # more than the test configuration's write pool (5 connections)
BOUND = 20.0  # generous: the reads take milliseconds; without a read side they never finish


async def _lock_waiters() -> int:
    rows = await connections.get(READ).execute_query_dict(
        "SELECT count(*) AS n FROM pg_stat_activity"
        " WHERE datname = current_database() AND wait_event_type = 'Lock'"
    )
    return int(rows[0]["n"])


async def test_sign_in_and_replay_answer_while_writes_wait(world: World, engine: str) -> None:
    admin = await world.as_(world.admin)
    token = admin.http.headers["Authorization"].removeprefix("Bearer ")
    kr = await key_result(admin, await objective(admin, world, "Busy board"), "Signups")
    for value in (1, 2, 3):
        await check_in(admin, kr, value)

    locked, release = asyncio.Event(), asyncio.Event()

    async def holder() -> None:
        async with write(world.org.id, None):
            await lock_org(world.org.id)
            locked.set()
            await release.wait()

    async def writer() -> None:
        async with write(world.org.id, None):
            await lock_org(world.org.id)

    held = asyncio.create_task(holder())
    await locked.wait()
    writers = [asyncio.create_task(writer()) for _ in range(WRITERS)]
    try:
        if engine == "postgres":
            async with asyncio.timeout(BOUND):  # the write pool's other four, on the lock
                while True:
                    if await _lock_waiters() >= 4:
                        break
                    await asyncio.sleep(0.05)
        else:
            await asyncio.sleep(0)  # the writers queue on the connection's lock

        async with asyncio.timeout(BOUND):
            user = await user_for_token(world.settings, token)
            replay = await ActivityFeed().read(world.org.id, 0, None)
            viewer = await admin.ok("{ viewer { id } }")
        assert not any(w.done() for w in writers), "the writes were meant to be waiting"
    finally:
        release.set()
        await asyncio.gather(held, *writers)

    assert user is not None and user.id == world.admin.id
    assert [e.kind for e in replay][-3:] == ["key_result.checked_in"] * 3
    assert viewer["viewer"]["id"]
