"""The scheduler as a process runs it: a check-in that makes a key result worse is warned of
within seconds (the after-commit hook pokes its cycle), without waiting for the next round
and without the writer waiting for anything."""

import asyncio
from collections.abc import Awaitable, Callable
from dataclasses import replace

from backend.domain.enums import NotificationKind, Visibility
from backend.events import unit
from backend.jobs.scheduler import Scheduler
from backend.models import WatchedStatus
from tests.api.helpers import World, gid

from .helpers import CHECK_IN, key_result, notices_of, objective


async def _until(condition: Callable[[], Awaitable[bool]], within: float = 15.0) -> None:
    deadline = asyncio.get_running_loop().time() + within
    while not await condition():
        assert asyncio.get_running_loop().time() < deadline, "not in time"
        await asyncio.sleep(0.1)


async def test_a_check_in_that_makes_things_worse_is_warned_of_at_once(
    world: World, reach_settings
) -> None:
    goal = await objective(world, world.member, "Reach 1M users", visibility=Visibility.PUBLIC)
    kr = await key_result(world, goal, world.member, "Users", current=40)
    scheduler = Scheduler(replace(reach_settings, jobs_interval=3600, smtp_url=""))
    scheduler.start()
    try:
        await _until(lambda: _watched(world))  # the first round took its first look
        member = await world.as_(world.member)
        await member.ok(CHECK_IN, {"i": {"keyResultId": gid("kr", kr.id), "value": 0}})

        async def warned() -> bool:
            return bool(await notices_of(world.member, NotificationKind.WARNING))

        await _until(warned)  # long before the next round, an hour away
    finally:
        await scheduler.close()
    assert scheduler._after_commit not in unit.AFTER_COMMIT


async def _watched(world: World) -> bool:
    return await WatchedStatus.filter(organization_id=world.org.id).exists()
