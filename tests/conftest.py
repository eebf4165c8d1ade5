"""Shared switches: services and the browser are required in CI, optional elsewhere."""

import os
import uuid

import asyncpg
import pytest

PG_DSN = os.environ.get("LODESTAR_TEST_POSTGRES", "postgres://postgres@127.0.0.1:5432/postgres")


def require_or_skip(what: str, env: str, reason: str) -> None:
    """Skip with a clear reason, unless CI demands the thing (then fail)."""
    if os.environ.get(env) == "1":
        pytest.fail(f"{what} is required here ({env}=1) but unavailable: {reason}")
    pytest.skip(f"{what} unavailable: {reason}")


async def create_pg_database(prefix: str) -> str:
    """A new, empty PostgreSQL database (its URL); skips (or fails in CI) when unreachable."""
    name = f"{prefix}_{uuid.uuid4().hex[:10]}"
    try:
        conn = await asyncpg.connect(PG_DSN, timeout=3)
    except (OSError, asyncpg.PostgresError) as exc:
        require_or_skip("PostgreSQL", "LODESTAR_REQUIRE_SERVICES", f"{PG_DSN}: {exc}")
    try:
        await conn.execute(f'CREATE DATABASE "{name}"')
    finally:
        await conn.close()
    return PG_DSN.rsplit("/", 1)[0] + "/" + name


async def drop_pg_database(url: str) -> None:
    conn = await asyncpg.connect(PG_DSN)
    try:
        await conn.execute(f'DROP DATABASE IF EXISTS "{url.rsplit("/", 1)[1]}" WITH (FORCE)')
    finally:
        await conn.close()
