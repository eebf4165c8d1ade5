"""API test fixtures: a migrated database per engine (SQLite always, PostgreSQL when
reachable), emptied between tests, and a small organization to act in.

Every API test runs on both engines through the `db` fixture's parameters
(LODESTAR_TEST_ENGINES=sqlite narrows that: `make test-stock`, whose executor sits above the
database, runs on SQLite only — `make test` covers the engines).
"""

import os
from collections.abc import AsyncIterator, Iterator
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from tortoise import Tortoise, connections
from tortoise.backends.base.executor import EXECUTOR_CACHE
from tortoise.migrations.api import migrate

from backend.app import create_app
from backend.db import tortoise_config
from backend.domain.enums import CyclePhase, Role
from backend.models import (
    Cycle,
    Organization,
    Team,
    TeamMember,
)
from backend.settings import Settings
from tests.api.helpers import World, make_user
from tests.conftest import create_pg_database, drop_pg_database


@pytest.fixture(scope="session")
def settings(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    var = tmp_path_factory.mktemp("var")
    return replace(
        Settings.from_env(),
        var_dir=var,
        secret_key="test-secret",
        static_dir=Path(__file__).parent / "no-frontend",
        login_attempts=5,
    )


ENGINES = os.environ.get("LODESTAR_TEST_ENGINES", "sqlite,postgres").split(",")


@pytest.fixture(scope="session", params=ENGINES)
async def engine(
    request: pytest.FixtureRequest, settings: Settings, tmp_path_factory: pytest.TempPathFactory
) -> AsyncIterator[str]:
    if request.param == "sqlite":
        url = f"sqlite://{tmp_path_factory.mktemp('db') / 'test.sqlite3'}"
    else:
        url = await create_pg_database("lodestar_test")
    config = tortoise_config(url)
    # Tortoise caches each model's INSERT per connection *name*; both engines are "default"
    EXECUTOR_CACHE.clear()
    await migrate(config=config)
    await Tortoise.close_connections()
    await Tortoise.init(config=config)
    try:
        yield request.param
    finally:
        await Tortoise.close_connections()
        if request.param == "postgres":
            await drop_pg_database(url)


def _tables() -> list[str]:
    """Every table of the models, many-to-many link tables included."""
    tables: set[str] = set()
    for model in Tortoise.apps["models"].values():
        tables.add(model._meta.db_table)
        for name in model._meta.m2m_fields:
            tables.add(model._meta.fields_map[name].through)  # type: ignore[attr-defined]
    return sorted(tables)


@pytest.fixture
async def db(engine: str) -> AsyncIterator[str]:
    yield engine
    conn = connections.get("default")
    if engine == "postgres":
        tables = ", ".join(f'"{t}"' for t in _tables())
        await conn.execute_script(f"TRUNCATE {tables} RESTART IDENTITY CASCADE")
    else:
        await conn.execute_script("PRAGMA foreign_keys=OFF")
        for table in _tables():
            await conn.execute_script(f'DELETE FROM "{table}"')
        await conn.execute_script("PRAGMA foreign_keys=ON")


@pytest.fixture
def app(settings: Settings) -> Any:
    return create_app(settings, manage_db=False)


@pytest.fixture
async def world(db: str, app: Any, settings: Settings) -> World:
    org = await Organization.create(name="Acme", slug="acme")
    other = await Organization.create(name="Other", slug="other")
    admin = await make_user(org, "ada", "Ada Admin", Role.ADMIN)
    lead = await make_user(org, "leo", "Leo Lead")
    member = await make_user(org, "mia", "Mia Member")
    peer = await make_user(org, "pat", "Pat Peer")
    loner = await make_user(org, "lou", "Lou Loner")
    outsider = await make_user(other, "oscar", "Oscar Outsider", Role.ADMIN)
    dept = await Team.create(organization=org, name="Engineering")
    squad = await Team.create(organization=org, name="Platform", parent=dept)
    await TeamMember.create(team=dept, user=lead, is_lead=True)
    await TeamMember.create(team=squad, user=member)
    await TeamMember.create(team=squad, user=peer)
    today = date.today()
    cycle = await Cycle.create(
        organization=org,
        name="This quarter",
        starts_on=today - timedelta(days=30),
        ends_on=today + timedelta(days=60),
        phase=CyclePhase.TRACKING,
    )
    await Cycle.create(
        organization=other, name="Theirs", starts_on=today, ends_on=today + timedelta(days=90)
    )
    return World(app, settings, org, admin, lead, member, peer, loner, outsider, dept, squad, cycle)


@pytest.fixture
def statements() -> Iterator[list[str]]:
    """Every SQL statement sent while the test body runs. Patches each concrete client class
    (SQLite, asyncpg and their transaction wrappers override the base methods)."""
    from tortoise.backends.base.client import BaseDBAsyncClient

    def subclasses(cls: type) -> list[type]:
        found = [cls]
        for sub in cls.__subclasses__():
            found.extend(subclasses(sub))
        return found

    sent: list[str] = []
    originals: list[tuple[type, str, Any]] = []
    for cls in subclasses(BaseDBAsyncClient):
        for name in ("execute_query", "execute_query_dict", "execute_insert", "execute_many"):
            if name not in vars(cls):
                continue
            original = vars(cls)[name]
            originals.append((cls, name, original))

            def wrap(orig: Any) -> Any:
                async def counted(self: Any, query: str, *args: Any, **kwargs: Any) -> Any:
                    # a token's lastUsedAt, touched at most once a minute, is not the query's cost
                    if not query.startswith('UPDATE "auth_token" SET "last_used_at"'):
                        sent.append(query)
                    return await orig(self, query, *args, **kwargs)

                return counted

            setattr(cls, name, wrap(original))
    yield sent
    for cls, name, original in originals:
        setattr(cls, name, original)
