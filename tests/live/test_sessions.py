"""An open socket keeps no rights its credential lost (one real server process, memory
broker): sign-out, token revocation, deactivation, a role or team change and a password
change close the affected sockets within a second of the change's answer — 4401 when the
session is gone, 4403 when rights changed — and leave everyone else's open. Each operation
on a socket reads its credential and rights afresh, so a change that never reached the
broker still counts."""

from __future__ import annotations

import asyncio
import sqlite3
import time
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest

from tests.servers import Server

from .client import (
    ADMIN,
    BOARD_EVENTS,
    PASSWORD,
    Gql,
    Socket,
    sign_in,
    token_for,
    tracking_cycle,
)

WITHIN = 1.0  # the promise: a cut reaches open sockets within a second
LILY, EMILY, JAMES, OLIVIA = (
    "lily@example.com",
    "emily@example.com",
    "james@example.com",
    "olivia@example.com",
)
GRACE, RYAN, XUTING, MALI = (
    "grace@example.com",
    "ryan@example.com",
    "xuting@example.com",
    "mali@example.com",
)
PERSON = "query($s: String) { people(search: $s) { id email role } }"
UPDATE_USER = "mutation($id: ID!, $i: UserInput!) { updateUser(id: $id, input: $i) { id role } }"


@pytest.fixture(scope="module")
async def admin(server: Server) -> AsyncIterator[Gql]:
    api = Gql(server.base, await token_for(server, ADMIN))
    yield api
    await api.close()


@pytest.fixture(scope="module")
async def cycle(admin: Gql) -> str:
    return await tracking_cycle(admin)


async def user_id(admin: Gql, email: str) -> str:
    people = (await admin.ok(PERSON, s=email.split("@")[0]))["people"]
    return next(p["id"] for p in people if p["email"] == email)


def cookie_of(http: httpx.AsyncClient) -> dict[str, str]:
    return {"Cookie": f"lodestar_session={http.cookies['lodestar_session']}"}


async def session_socket(server: Server, http: httpx.AsyncClient, cycle: str) -> Socket:
    """A socket on a browser session's cookie, watching the board (as the web app does)."""
    socket = await Socket.open(server.ws_url, headers=cookie_of(http))
    sub = await socket.subscribe(BOARD_EVENTS, cycleId=cycle)
    await sub.quiet(0.2)
    return socket


async def token_socket(server: Server, token: str, cycle: str) -> Socket:
    socket = await Socket.open(server.ws_url, token=token)
    sub = await socket.subscribe(BOARD_EVENTS, cycleId=cycle)
    await sub.quiet(0.2)
    return socket


def forbidden(message: dict[str, Any]) -> bool:
    """A refused operation on a socket (its errors carry the message key, not a code)."""
    errors = message["payload"].get("errors") or [{}]
    return message["type"] == "next" and "forbidden" in errors[0].get("message", "")


async def closed_with(socket: Socket, since: float) -> tuple[int | None, float]:
    """The close code the server sent, and how long after `since` it arrived."""
    await asyncio.wait_for(asyncio.shield(socket.reader), 5.0)
    return socket.close_code, time.perf_counter() - since


async def still_open(socket: Socket) -> bool:
    await asyncio.sleep(0.3)
    return not socket.reader.done()


async def fresh_token(server: Server, email: str, name: str = "t") -> tuple[str, str]:
    http = await sign_in(server.base, email)
    try:
        res = await http.post(
            "/graphql",
            json={
                "query": "mutation($n: String!)"
                " { createApiToken(name: $n) { token apiToken { id } } }",
                "variables": {"n": name},
            },
        )
        made = res.json()["data"]["createApiToken"]
        return made["token"], made["apiToken"]["id"]
    finally:
        await http.aclose()


async def test_sign_out_closes_that_sessions_sockets_only(server: Server, cycle: str) -> None:
    phone, laptop = await sign_in(server.base, GRACE), await sign_in(server.base, GRACE)
    on_phone = await session_socket(server, phone, cycle)
    on_laptop = await session_socket(server, laptop, cycle)
    res = await phone.post("/graphql", json={"query": "mutation { signOut }"})
    assert res.json() == {"data": {"signOut": True}}
    started = time.perf_counter()  # answered: the change is committed
    code, took = await closed_with(on_phone, started)
    assert code == 4401 and took < WITHIN, (code, took)
    assert await still_open(on_laptop)
    await on_laptop.close()
    for http in (phone, laptop):
        await http.aclose()


async def test_revoking_a_token_closes_its_sockets(server: Server, cycle: str) -> None:
    token, token_id = await fresh_token(server, RYAN, "script")
    other, _ = await fresh_token(server, RYAN, "other")
    revoked = await token_socket(server, token, cycle)
    kept = await token_socket(server, other, cycle)
    owner = Gql(server.base, other)
    await owner.ok("mutation($id: ID!) { revokeApiToken(id: $id) }", id=token_id)
    started = time.perf_counter()  # answered: the change is committed
    code, took = await closed_with(revoked, started)
    assert code == 4401 and took < WITHIN, (code, took)
    assert await still_open(kept)
    # the revoked token opens no new socket
    with pytest.raises(Exception, match="4403"):
        await Socket.open(server.ws_url, token=token)
    await kept.close()
    await owner.close()


async def test_a_role_change_closes_with_4403_and_the_new_socket_has_the_new_rights(
    server: Server, admin: Gql, cycle: str
) -> None:
    lily = await user_id(admin, LILY)
    await admin.ok(UPDATE_USER, id=lily, i={"role": "ADMIN"})
    token = await token_for(server, LILY)
    socket = await token_socket(server, token, cycle)
    await admin.ok(UPDATE_USER, id=lily, i={"role": "MEMBER"})
    started = time.perf_counter()  # answered: the change is committed
    code, took = await closed_with(socket, started)
    assert code == 4403 and took < WITHIN, (code, took)
    # reconnecting is allowed, with a member's rights: an admin-only mutation is refused
    again = await Socket.open(server.ws_url, token=token)
    sub = await again.subscribe(
        'mutation { createTeam(name: "Lily\'s own") { id } }',
    )
    msg = await sub.message()
    assert forbidden(msg), msg
    await again.close()


async def test_a_team_change_closes_with_4403(server: Server, admin: Gql, cycle: str) -> None:
    emily = await user_id(admin, EMILY)
    team = (await admin.ok("{ teams { id } }"))["teams"][0]["id"]
    socket = await token_socket(server, await token_for(server, EMILY), cycle)
    watching = await token_socket(server, await token_for(server, LILY), cycle)
    await admin.ok(
        "mutation($t: ID!, $u: ID!) { setTeamMember(teamId: $t, userId: $u, lead: true) { id } }",
        t=team,
        u=emily,
    )
    started = time.perf_counter()  # answered: the change is committed
    code, took = await closed_with(socket, started)
    assert code == 4403 and took < WITHIN, (code, took)
    assert await still_open(watching)  # someone else's change is not hers
    await watching.close()


async def test_moving_a_team_closes_the_sockets_of_the_leads_above_it(
    server: Server, admin: Gql, cycle: str
) -> None:
    lily = await user_id(admin, LILY)
    make = "mutation($n: String!) { createTeam(name: $n) { id } }"
    outer = (await admin.ok(make, n="Outer"))["createTeam"]["id"]
    inner = (await admin.ok(make, n="Inner"))["createTeam"]["id"]
    await admin.ok(
        "mutation($t: ID!, $u: ID!) { setTeamMember(teamId: $t, userId: $u, lead: true) { id } }",
        t=outer,
        u=lily,
    )
    socket = await token_socket(server, await token_for(server, LILY), cycle)
    await admin.ok(
        "mutation($t: ID!, $p: ID) { updateTeam(id: $t, parentId: $p) { id } }", t=inner, p=outer
    )
    started = time.perf_counter()  # answered: the change is committed
    code, took = await closed_with(socket, started)
    assert code == 4403 and took < WITHIN, (code, took)


async def test_deactivation_closes_with_4401_and_refuses_new_sockets(
    server: Server, admin: Gql, cycle: str
) -> None:
    james = await user_id(admin, JAMES)
    token = await token_for(server, JAMES)
    browser = await sign_in(server.base, JAMES)
    by_token = await token_socket(server, token, cycle)
    by_cookie = await session_socket(server, browser, cycle)
    await admin.ok(UPDATE_USER, id=james, i={"isActive": False})
    started = time.perf_counter()  # answered: the change is committed
    for socket in (by_token, by_cookie):
        code, took = await closed_with(socket, started)
        assert code == 4401 and took < WITHIN, (code, took)
    with pytest.raises(Exception, match="4403"):
        await Socket.open(server.ws_url, token=token)
    await admin.ok(UPDATE_USER, id=james, i={"isActive": True})
    # reactivated: the token works again, the ended browser session does not
    await (await Socket.open(server.ws_url, token=token)).close()
    viewer = await browser.post("/graphql", json={"query": "{ viewer { id } }"})
    assert viewer.json()["data"] == {"viewer": None}
    await browser.aclose()


async def test_a_password_change_ends_the_other_sessions_sockets(
    server: Server, cycle: str
) -> None:
    here, there = await sign_in(server.base, OLIVIA), await sign_in(server.base, OLIVIA)
    mine = await session_socket(server, here, cycle)
    elsewhere = await session_socket(server, there, cycle)
    scripted = await token_socket(server, await token_for(server, OLIVIA), cycle)
    res = await here.post(
        "/graphql",
        json={
            "query": "mutation($c: String!, $n: String!)"
            " { changePassword(currentPassword: $c, newPassword: $n) }",
            "variables": {"c": PASSWORD, "n": "a new long phrase"},
        },
    )
    # the other browser's, and the one token_for signed in to make the token
    assert res.json() == {"data": {"changePassword": 2}}
    started = time.perf_counter()  # answered: the change is committed
    code, took = await closed_with(elsewhere, started)
    assert code == 4401 and took < WITHIN, (code, took)
    assert await still_open(mine) and await still_open(scripted)  # API tokens stay
    await sign_in(server.base, OLIVIA, "a new long phrase")
    for socket in (mine, scripted):
        await socket.close()
    for http in (here, there):
        await http.aclose()


async def test_an_admin_password_reset_closes_the_sessions_sockets_not_the_tokens(
    server: Server, admin: Gql, cycle: str
) -> None:
    email = "zhengwei@example.com"
    browser = await sign_in(server.base, email)
    by_cookie = await session_socket(server, browser, cycle)
    by_token = await token_socket(server, await token_for(server, email), cycle)
    who = await user_id(admin, email)
    await admin.ok(UPDATE_USER, id=who, i={"password": "reset by the admin"})
    code, took = await closed_with(by_cookie, time.perf_counter())
    assert code == 4401 and took < WITHIN, (code, took)
    assert await still_open(by_token)
    await by_token.close()
    await browser.aclose()


async def test_a_token_socket_closes_when_the_token_expires(server: Server, cycle: str) -> None:
    browser = await sign_in(server.base, "ryan@example.com")
    soon = datetime.now(UTC) + timedelta(seconds=2)
    res = await browser.post(
        "/graphql",
        json={
            "query": 'mutation($x: DateTime) { createApiToken(name: "brief", expiresAt: $x)'
            " { token } }",
            "variables": {"x": soon.isoformat()},
        },
    )
    socket = await token_socket(server, res.json()["data"]["createApiToken"]["token"], cycle)
    await asyncio.wait_for(asyncio.shield(socket.reader), 10.0)
    late = (datetime.now(UTC) - soon).total_seconds()
    assert socket.close_code == 4401 and -0.1 < late < WITHIN, (socket.close_code, late)
    await browser.aclose()


def _database(server: Server) -> sqlite3.Connection:
    return sqlite3.connect(server.env["LODESTAR_DATABASE_URL"].removeprefix("sqlite://"))


async def test_each_operation_reads_rights_afresh(server: Server, admin: Gql, cycle: str) -> None:
    """Changes written behind the server's back (so no cut is published): the socket's
    next operation sees them — a demoted admin's mutation is refused, a revoked token's
    next operation closes the socket."""
    xuting = await user_id(admin, XUTING)
    await admin.ok(UPDATE_USER, id=xuting, i={"role": "ADMIN"})
    token, _ = await fresh_token(server, XUTING)
    socket = await Socket.open(server.ws_url, token=token)
    create = "mutation($n: String!) { createTeam(name: $n) { id } }"
    first = await (await socket.subscribe(create, n="while admin")).message()
    assert "errors" not in first["payload"], first
    pk = int(xuting.rsplit("_", 1)[1])
    with _database(server) as db:
        db.execute("UPDATE user SET role = 'MEMBER' WHERE id = ?", (pk,))
    second = await (await socket.subscribe(create, n="after demotion")).message()
    assert forbidden(second), second
    with _database(server) as db:
        db.execute(
            "UPDATE auth_token SET revoked_at = ? WHERE user_id = ? AND is_session = 0",
            (datetime.now(UTC).isoformat(), pk),
        )
    await socket.subscribe("{ viewer { id } }")
    code, _ = await closed_with(socket, time.perf_counter())
    assert code == 4401


async def test_signing_in_again_in_the_same_browser_ends_the_old_session(
    server: Server, cycle: str
) -> None:
    browser = await sign_in(server.base, MALI)
    old = dict(browser.cookies)
    socket = await session_socket(server, browser, cycle)
    res = await browser.post(
        "/graphql",
        json={
            "query": "mutation($e: String!, $p: String!)"
            " { signIn(email: $e, password: $p) { id } }",
            "variables": {"e": MALI, "p": PASSWORD},
        },
    )
    assert not res.json().get("errors")
    started = time.perf_counter()  # answered: the change is committed
    code, took = await closed_with(socket, started)
    assert code == 4401 and took < WITHIN, (code, took)
    assert browser.cookies["lodestar_session"] != old["lodestar_session"]
    replay = httpx.AsyncClient(base_url=server.base, cookies=old)
    assert (await replay.post("/graphql", json={"query": "{ viewer { id } }"})).json() == {
        "data": {"viewer": None}
    }
    await replay.aclose()
    await browser.aclose()
