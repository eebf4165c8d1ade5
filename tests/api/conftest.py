"""API test fixtures: a migrated database per engine (SQLite always, PostgreSQL when
reachable), emptied between tests, and a small organization to act in.

Every API test runs on both engines through the `db` fixture's parameters.
"""

from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass, replace
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest
from tortoise import Tortoise, connections
from tortoise.backends.base.executor import EXECUTOR_CACHE
from tortoise.migrations.api import migrate

from backend.actions.auth import create_api_token, hash_password
from backend.app import create_app
from backend.db import tortoise_config
from backend.domain.enums import CyclePhase, Role
from backend.models import (
    ActivityEvent,
    AuthToken,
    CheckIn,
    Cycle,
    KeyResult,
    Objective,
    Organization,
    Team,
    TeamMember,
    User,
)
from backend.settings import Settings
from tests.conftest import create_pg_database, drop_pg_database

PASSWORD = "correct horse"
_HASH = hash_password(PASSWORD)  # argon2 is slow on purpose: hash once for all tests


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


@pytest.fixture(scope="session", params=["sqlite", "postgres"])
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


_TABLES = [
    "comment_mention",
    "task_collaborator",
    "notification",
    "comment",
    "task",
    "check_in",
    "activity_event",
    "auth_token",
    "login_failure",
    "team_member",
]
_ROOTS = ["key_result", "objective", "cycle", "team", "user", "organization"]


@pytest.fixture
async def db(engine: str) -> AsyncIterator[str]:
    yield engine
    conn = connections.get("default")
    if engine == "postgres":
        tables = ", ".join(f'"{t}"' for t in _TABLES + _ROOTS)
        await conn.execute_script(f"TRUNCATE {tables} RESTART IDENTITY CASCADE")
    else:
        await conn.execute_script("PRAGMA foreign_keys=OFF")
        for table in _TABLES + _ROOTS:
            await conn.execute_script(f'DELETE FROM "{table}"')
        await conn.execute_script("PRAGMA foreign_keys=ON")


@pytest.fixture
def app(settings: Settings) -> Any:
    return create_app(settings, manage_db=False)


class Api:
    """A GraphQL client acting as one person (or nobody)."""

    def __init__(self, app: Any, token: str | None = None, headers: dict[str, str] | None = None):
        auth = {"Authorization": f"Bearer {token}"} if token else {}
        self.http = httpx.AsyncClient(
            transport=httpx.ASGITransport(app=app),
            base_url="http://testserver",
            headers={**auth, **(headers or {})},
        )

    async def raw(self, query: str, variables: dict[str, Any] | None = None) -> dict[str, Any]:
        response = await self.http.post("/graphql", json={"query": query, "variables": variables})
        return response.json()

    async def ok(self, query: str, variables: dict[str, Any] | None = None) -> dict[str, Any]:
        body = await self.raw(query, variables)
        assert not body.get("errors"), body["errors"]
        return body["data"]

    async def error(self, query: str, variables: dict[str, Any] | None = None) -> dict[str, Any]:
        """The first error, which must exist; returns {message, code, field}."""
        body = await self.raw(query, variables)
        assert body.get("errors"), f"expected an error, got {body}"
        first = body["errors"][0]
        ext = first.get("extensions", {})
        return {"message": first["message"], "code": ext.get("code"), "field": ext.get("field")}


@dataclass
class World:
    """One organization (admin, team lead, two members, a member of no team) and an
    outsider from another organization; one TRACKING cycle; a department with a sub-team."""

    app: Any
    settings: Settings
    org: Organization
    admin: User
    lead: User
    member: User
    peer: User
    loner: User
    outsider: User
    dept: Team
    squad: Team
    cycle: Cycle

    async def as_(self, user: User | None) -> Api:
        if user is None:
            return Api(self.app)
        _, token = await create_api_token(self.settings, user, "test")
        return Api(self.app, token)


async def make_user(org: Organization, handle: str, name: str, role: Role = Role.MEMBER) -> User:
    return await User.create(
        organization=org,
        email=f"{handle}@{org.slug}.test",
        password_hash=_HASH,
        display_name=name,
        handle=handle,
        search_text=handle,
        role=role,
    )


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


def gid(type_prefix: str, pk: int) -> str:
    return f"{type_prefix}_{pk}"


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
                    sent.append(query)
                    return await orig(self, query, *args, **kwargs)

                return counted

            setattr(cls, name, wrap(original))
    yield sent
    for cls, name, original in originals:
        setattr(cls, name, original)


# every table an OKR or organization mutation can write
_WRITTEN = (
    Organization,
    User,
    Team,
    TeamMember,
    Cycle,
    Objective,
    KeyResult,
    CheckIn,
    ActivityEvent,
    AuthToken,
)


async def fingerprint() -> dict[str, list[dict[str, Any]]]:
    """Every row of every table those mutations write: equal before and after a refused
    request means nothing changed."""
    return {m.__name__: await m.all().order_by("id").values() for m in _WRITTEN}
