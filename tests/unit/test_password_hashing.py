"""Password checks and new hashes run off the event loop, and only so many wait at once
(backend/passwords.py)."""

import asyncio
import time
from collections.abc import Awaitable, Callable

import pytest

from backend import passwords
from backend.domain.errors import RateLimited

HASH = passwords.hash_now("correct horse")


async def _both() -> None:
    assert await passwords.verify(HASH, "correct horse") is True
    assert await passwords.verify(HASH, "wrong horse") is False


async def _new_hash() -> None:
    fresh = await passwords.hash_off_loop("a new password")
    assert passwords.verify_now(fresh, "a new password")


@pytest.mark.parametrize("work", [_both, _new_hash], ids=["check", "new hash"])
async def test_hashing_leaves_the_loop_free(work: Callable[[], Awaitable[None]]) -> None:
    ticks = 0

    async def tick() -> None:
        nonlocal ticks
        while True:
            await asyncio.sleep(0.01)
            ticks += 1

    ticker = asyncio.create_task(tick())
    start = time.perf_counter()
    await work()
    elapsed = time.perf_counter() - start
    ticker.cancel()
    # the loop ran on while argon2 worked (on the loop it would tick once, after the work);
    # loose bound: the machine may be busy with other work
    assert ticks >= max(5, elapsed / 0.01 * 0.2), (ticks, elapsed)


async def test_past_the_bound_a_check_is_refused_at_once(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(passwords, "MAX_IN_FLIGHT", 2)
    checks = [asyncio.create_task(passwords.verify(HASH, "guess")) for _ in range(2)]
    await asyncio.sleep(0)  # both started
    with pytest.raises(RateLimited) as refused:
        await passwords.verify(HASH, "guess")
    assert refused.value.key == "auth.busy"
    assert await asyncio.gather(*checks) == [False, False]
    assert await passwords.verify(HASH, "correct horse") is True  # room again
