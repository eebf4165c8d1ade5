"""Password checks run off the event loop, and only so many wait at once (backend/passwords.py)."""

import asyncio
import time

import pytest

from backend import passwords
from backend.domain.errors import RateLimited

HASH = passwords.hash_now("correct horse")


async def test_a_check_leaves_the_loop_free() -> None:
    ticks = 0

    async def tick() -> None:
        nonlocal ticks
        while True:
            await asyncio.sleep(0.01)
            ticks += 1

    ticker = asyncio.create_task(tick())
    start = time.perf_counter()
    assert await passwords.verify(HASH, "correct horse") is True
    assert await passwords.verify(HASH, "wrong horse") is False
    elapsed = time.perf_counter() - start
    ticker.cancel()
    # the loop ran on while argon2 worked: about one tick per 10 ms of it
    assert ticks >= elapsed / 0.01 * 0.5, (ticks, elapsed)


async def test_past_the_bound_a_check_is_refused_at_once(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(passwords, "MAX_IN_FLIGHT", 2)
    checks = [asyncio.create_task(passwords.verify(HASH, "guess")) for _ in range(2)]
    await asyncio.sleep(0)  # both started
    with pytest.raises(RateLimited) as refused:
        await passwords.verify(HASH, "guess")
    assert refused.value.key == "auth.busy"
    assert await asyncio.gather(*checks) == [False, False]
    assert await passwords.verify(HASH, "correct horse") is True  # room again
