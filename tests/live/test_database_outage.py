"""A server whose database connections are cut (and new ones refused) answers GraphQL errors
citing a request id — over HTTP and on a socket — never a bare HTTP 500; `/readyz` says the
database is unreachable; and the server serves again once the database is back.

Needs PostgreSQL (LODESTAR_TEST_POSTGRES); skipped with the reason when it is unreachable,
unless LODESTAR_REQUIRE_SERVICES=1.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import asyncpg
import httpx
import pytest

from tests.conftest import PG_DSN, create_pg_database, drop_pg_database
from tests.servers import Server, run_cli, server_env

from .client import Closed, Socket, token_for
from .ops import WITHIN, eventually, log_lines

pytestmark = pytest.mark.postgres

ADMIN, PASSWORD = "ops@example.com", "a long enough password"


@pytest.fixture(scope="module")
async def database(tmp_path_factory: pytest.TempPathFactory) -> AsyncIterator[str]:
    url = await create_pg_database("lodestar_outage")
    try:
        yield url
    finally:
        await _allow(url, True)
        await drop_pg_database(url)


@pytest.fixture(scope="module")
async def pg_server(
    database: str, tmp_path_factory: pytest.TempPathFactory
) -> AsyncIterator[Server]:
    var: Path = tmp_path_factory.mktemp("outage")
    env = server_env(var, database)
    run_cli(env, "migrate")
    run_cli(
        env,
        *("create-org", "--name", "Ops", "--slug", "ops", "--admin-email", ADMIN),
        *("--admin-name", "Ops", "--admin-handle", "ops", "--password", PASSWORD),
    )
    server = Server("outage", env, var).start()
    try:
        yield server
    finally:
        server.stop()


async def _allow(url: str, allowed: bool) -> None:
    """Let the database take connections or not; when not, cut the ones it has."""
    name = url.rsplit("/", 1)[1]
    conn = await asyncpg.connect(PG_DSN)
    try:
        await conn.execute(f'ALTER DATABASE "{name}" ALLOW_CONNECTIONS {str(allowed).lower()}')
        if not allowed:
            await conn.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1", name
            )
    finally:
        await conn.close()


async def test_a_lost_database_answers_errors_with_a_request_id(
    database: str, pg_server: Server
) -> None:
    token = await token_for(pg_server, ADMIN, PASSWORD)
    query = {"query": "{ viewer { email } }"}
    async with httpx.AsyncClient(
        base_url=pg_server.base, timeout=WITHIN, headers={"Authorization": f"Bearer {token}"}
    ) as http:
        assert (await http.post("/graphql", json=query)).json()["data"]["viewer"] == {
            "email": ADMIN
        }

        await _allow(database, False)
        try:
            res = await http.post("/graphql", json=query)
            assert res.status_code == 503
            body = res.json()
            (error,) = body["errors"]
            request_id = res.headers["x-request-id"]
            assert body["data"] is None
            assert error["extensions"] == {"code": "INTERNAL", "requestId": request_id}
            assert request_id in error["message"]

            async def logged() -> list[dict[str, object]]:
                return [
                    line
                    for line in log_lines(pg_server)
                    if line.get("level") == "error" and request_id in str(line.get("message"))
                ]

            (line,) = await eventually(logged, "the failure is logged with its request id")
            assert "error" in line  # the traceback, in the same line

            ready = await http.get("/readyz")
            assert (ready.status_code, ready.json()["database"]) == (503, "unreachable")

            with pytest.raises(Closed) as closed:
                await Socket.open(pg_server.ws_url, token=token)
            assert closed.value.code == 1011
        finally:
            await _allow(database, True)

        async def served() -> bool:
            res = await http.post("/graphql", json=query)
            return res.status_code == 200 and not res.json().get("errors")

        await eventually(served, "the server serves again once the database is back")
        assert (await http.get("/readyz")).status_code == 200
