"""Behind a configured balancer (LODESTAR_TRUSTED_PROXIES, here the tests' own address) the
client's address is the one X-Forwarded-For names: sign-in attempts count per real client."""

import httpx

from tests.security.test_sign_in import sign_in
from tests.servers import Server

SERVER_ENV = {"LODESTAR_TRUSTED_PROXIES": "127.0.0.1", "LODESTAR_LOGIN_ATTEMPTS": "2"}


async def test_attempts_count_per_forwarded_address(server: Server) -> None:
    async with httpx.AsyncClient(base_url=server.base, timeout=60) as http:

        async def attempt(address: str) -> str | None:
            return await sign_in(http, "lisi@example.com", "wrong", **{"X-Forwarded-For": address})

        assert [await attempt("198.51.100.7") for _ in range(3)] == [
            "UNAUTHENTICATED",
            "UNAUTHENTICATED",
            "RATE_LIMITED",
        ]
        # another client behind the same balancer is a different pair
        assert await attempt("198.51.100.8") == "UNAUTHENTICATED"
