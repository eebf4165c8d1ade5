"""Password hashing off the event loop. An argon2 hash or check costs ~0.3 s of CPU on
purpose; on the loop, 40 anonymous sign-ins stalled every other request for 5 s. Here they
run on a small pool of threads (argon2's C code releases the GIL) — checks and new hashes
alike — and at most `MAX_IN_FLIGHT` wait for it: past that, the request is refused as
RATE_LIMITED (busy) at once, instead of queueing without bound."""

import asyncio
import os
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import TypeVar

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from .domain.errors import RateLimited

_hasher = PasswordHasher()
# half the cores: sign-ins never take the whole machine from the requests being served
THREADS = max(1, (os.cpu_count() or 2) // 2)
MAX_IN_FLIGHT = 32
_pool = ThreadPoolExecutor(max_workers=THREADS, thread_name_prefix="argon2")
_in_flight = 0
T = TypeVar("T")


def hash_now(password: str) -> str:
    """On the calling thread: for the CLI, the demo seeder and the tests."""
    return _hasher.hash(password)


def verify_now(password_hash: str, password: str) -> bool:
    try:
        return _hasher.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


# checked against when the e-mail is unknown, so both paths cost the same
DUMMY_HASH = hash_now("lodestar-timing-equaliser")


async def _off_loop(work: Callable[..., T], *args: str) -> T:
    """`work(*args)` on the pool; RateLimited (busy) when too many are waiting already."""
    global _in_flight
    if _in_flight >= MAX_IN_FLIGHT:
        raise RateLimited("auth.busy")
    _in_flight += 1
    try:
        return await asyncio.get_running_loop().run_in_executor(_pool, work, *args)
    finally:
        _in_flight -= 1


async def verify(password_hash: str, password: str) -> bool:
    """`verify_now` off the loop (a sign-in, a password confirmation)."""
    return await _off_loop(verify_now, password_hash, password)


async def hash_off_loop(password: str) -> str:
    """`hash_now` off the loop (a new account, a new password)."""
    return await _off_loop(hash_now, password)
