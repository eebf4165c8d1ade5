"""Sign-in under attack, on a real server: argon2 checks run off the event loop (others are
served meanwhile), concurrent guesses check at most the limit, and a client cannot pick the
address its attempts are counted under by sending X-Forwarded-For (no proxy is trusted)."""

import asyncio
import time
from collections.abc import Awaitable, Callable

import httpx

from tests.live.client import ADMIN, Gql
from tests.servers import Server

ATTEMPTS = 3
SERVER_ENV = {"LODESTAR_LOGIN_ATTEMPTS": str(ATTEMPTS)}
SIGN_IN = "mutation($e: String!, $p: String!) { signIn(email: $e, password: $p) { id } }"


async def sign_in(http: httpx.AsyncClient, email: str, password: str, **headers: str) -> str | None:
    res = await http.post(
        "/graphql",
        json={"query": SIGN_IN, "variables": {"e": email, "p": password}},
        headers=headers,
    )
    errors = res.json().get("errors")
    return errors[0]["extensions"]["code"] if errors else None


async def test_sign_ins_do_not_stall_others(
    server: Server, api: Callable[[str], Awaitable[Gql]]
) -> None:
    admin = await api(ADMIN)
    await admin.ok("{ viewer { id } }")
    async with httpx.AsyncClient(base_url=server.base, timeout=60) as http:
        # each a different account: every one is checked (~0.3 s of argon2 each)
        guesses = asyncio.gather(
            *(sign_in(http, f"nobody{i}@example.com", "wrong password") for i in range(12))
        )
        await asyncio.sleep(0.2)
        slowest = 0.0
        for _ in range(6):
            start = time.perf_counter()
            await admin.ok("{ viewer { id } }")
            slowest = max(slowest, time.perf_counter() - start)
            await asyncio.sleep(0.1)
        assert set(await guesses) <= {"UNAUTHENTICATED", "RATE_LIMITED"}
    assert slowest < 0.5, f"a request waited {slowest:.2f} s behind password checks"


async def test_thirty_concurrent_wrong_passwords_try_at_most_the_limit(server: Server) -> None:
    async with httpx.AsyncClient(base_url=server.base, timeout=60) as http:
        codes = await asyncio.gather(
            *(sign_in(http, "lisi@example.com", f"guess {i}") for i in range(30))
        )
    assert codes.count("UNAUTHENTICATED") <= ATTEMPTS
    assert codes.count("RATE_LIMITED") >= 30 - ATTEMPTS


async def test_x_forwarded_for_from_a_client_is_not_believed(server: Server) -> None:
    async with httpx.AsyncClient(base_url=server.base, timeout=60) as http:
        codes = [
            await sign_in(
                http, "wangwu@example.com", "wrong", **{"X-Forwarded-For": f"198.51.100.{i}"}
            )
            for i in range(ATTEMPTS + 1)
        ]
    assert codes == ["UNAUTHENTICATED"] * ATTEMPTS + ["RATE_LIMITED"]
